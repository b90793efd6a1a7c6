#!/usr/bin/env python3
"""Validate ONNX models written by @voirs/onnx with the official checker.

Usage (development only; CI has no python):
    VOIRS_ONNX_DUMP_DIR=/tmp/voirs-onnx pnpm exec vitest run --project onnx
    /usr/bin/python3 tools/reference/onnx_check.py /tmp/voirs-onnx

Every *.onnx file (or the files given) goes through onnx.checker.check_model(full_check=True),
which also runs strict shape inference. Models whose opset is newer than the installed onnx
package knows are reported as skipped, not passed. Exit status 1 when any model fails.
"""
import glob
import os
import sys

import onnx
from onnx import defs


def main(paths):
    files = []
    for p in paths:
        files += sorted(glob.glob(os.path.join(p, "*.onnx"))) if os.path.isdir(p) else [p]
    known = defs.onnx_opset_version()
    failed = skipped = 0
    for f in files:
        model = onnx.load(f)
        opset = max((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), default=0)
        if opset > known:
            skipped += 1
            print(f"SKIP {os.path.basename(f)}: opset {opset} > {known} known to onnx {onnx.__version__}")
            continue
        try:
            onnx.checker.check_model(model, full_check=True)
            print(f"ok   {os.path.basename(f)} (ir {model.ir_version}, opset {opset})")
        except Exception as e:  # noqa: BLE001 - report every failure, keep going
            failed += 1
            print(f"FAIL {os.path.basename(f)}: {str(e).splitlines()[0]}")
    print(f"{len(files) - failed - skipped} passed, {failed} failed, {skipped} skipped (onnx {onnx.__version__})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["."]))
