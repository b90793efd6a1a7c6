"""Hostile checkpoints written by torch.save itself, for @voirs/hardening.

The hardening suites craft their own hostile pickles in TypeScript; these files check the same
refusals on bytes that real PyTorch wrote. Each object's __reduce__ returns a code-execution
primitive, the classic way to make a malicious checkpoint: unpickling with torch.load would run
`touch /tmp/voirs-hardening-canary`. The files are only ever read by the safe TypeScript reader.

Run with Debian's torch (`/usr/bin/python3 tools/reference/hardening_hostile_torch.py`); it writes
packages/hardening/test/fixtures/torch-*.pt (a few hundred bytes each).
"""
import builtins
import os
import subprocess
from collections import OrderedDict
from pathlib import Path

import torch

OUT = Path(__file__).resolve().parents[2] / "packages" / "hardening" / "test" / "fixtures"
CANARY = "touch /tmp/voirs-hardening-canary"


class OsSystem:
    def __reduce__(self):
        return (os.system, (CANARY,))


class BuiltinsEval:
    def __reduce__(self):
        return (builtins.eval, (f"__import__('os').system({CANARY!r})",))


class Popen:
    def __reduce__(self):
        return (subprocess.Popen, (["touch", "/tmp/voirs-hardening-canary"],))


def state_dict_with(payload):
    """A plausible HiFi-GAN state dict with the payload hidden among real tensors."""
    sd = OrderedDict()
    sd["conv_pre.weight"] = torch.zeros(2, 80, 1)
    sd["conv_pre.bias"] = payload
    return {"generator": sd}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, payload in [("os-system", OsSystem()), ("builtins-eval", BuiltinsEval()), ("popen", Popen())]:
        obj = state_dict_with(payload)
        torch.save(obj, OUT / f"torch-{name}-zip.pt")
        torch.save(obj, OUT / f"torch-{name}-legacy.pt", _use_new_zipfile_serialization=False)
    for path in sorted(OUT.glob("torch-*.pt")):
        print(path.name, path.stat().st_size)


if __name__ == "__main__":
    main()
