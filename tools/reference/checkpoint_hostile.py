"""Hostile fixtures for @voirs/checkpoint (run: /usr/bin/python3 tools/reference/checkpoint_hostile.py).

Nothing here is ever loaded: pickling an object whose __reduce__ names os.system only writes the
global's name. Files (in packages/checkpoint/test/fixtures/hostile/, see the README there):
  evil-os-system-legacy.pt   legacy torch file calling posix.system (os.system's real module)
  evil-eval-zip.pt           zip torch file calling __builtin__.eval (protocol 2 name of builtins.eval)
  evil-popen-zip.pt          zip torch file calling subprocess.Popen
  evil-getattr-p4-zip.pt     zip torch file, protocol 4 (STACK_GLOBAL), calling builtins.getattr
  evil-nested-reduce-zip.pt  hand-written data.pkl: REDUCE whose callable is the result of another REDUCE
  evil-class-call-zip.pt     hand-written data.pkl: REDUCE calling torch.nn.modules.linear.Linear (would run __init__)
  traversal-dotdot.zip, traversal-absolute.zip, traversal-dotdot.npz   entry names escaping the archive
  bomb-lying-size.npz        a deflated member declaring 1000 bytes that inflates to 10 MB
  bomb-ratio.npz             a member declaring 3 GB behind 10 KB of deflate data
  bomb-overlap.npz           two entries whose data overlap (non-recursive zip bomb shape)
  zeros-8mb.npz              an honest 8 MB array of zeros, deflated to ~8 KB (tests total-size limits)
  truncated-legacy.pt        the first 60 % of synthetic-legacy-p2.pt
"""
import io
import os
import pickle
import subprocess
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(__file__))
from checkpoint_common import fixture  # noqa: E402
from checkpoint_zipwriter import Entry, write_zip  # noqa: E402

OUT = fixture('hostile')


def out(name, data):
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)


class CallSystem:
    def __reduce__(self):
        return (os.system, ('echo pwned',))


class CallEval:
    def __reduce__(self):
        return (eval, ('__import__("os").system("echo pwned")',))


class CallPopen:
    def __reduce__(self):
        return (subprocess.Popen, (['echo', 'pwned'],))


class CallGetattr:
    def __reduce__(self):
        return (getattr, ('text', 'upper'))


def torch_bytes(obj, zip_format, protocol=2):
    buf = io.BytesIO()
    torch.save(obj, buf, pickle_protocol=protocol, _use_new_zipfile_serialization=zip_format)
    return buf.getvalue()


def torch_zip_with_pickle(pkl):
    """A torch-shaped zip archive whose data.pkl is `pkl`."""
    return write_zip([Entry('archive/data.pkl', pkl), Entry('archive/version', b'3\n')])


def main():
    os.makedirs(OUT, exist_ok=True)
    out('evil-os-system-legacy.pt', torch_bytes({'generator': CallSystem()}, False))
    out('evil-eval-zip.pt', torch_bytes({'weights': torch.ones(2), 'payload': CallEval()}, True))
    out('evil-popen-zip.pt', torch_bytes({'payload': CallPopen()}, True))
    out('evil-getattr-p4-zip.pt', torch_bytes({'payload': CallGetattr()}, True, protocol=4))
    # PROTO 2; GLOBAL collections.OrderedDict; EMPTY_TUPLE; REDUCE -> an OrderedDict; EMPTY_TUPLE; REDUCE (calls it); STOP
    nested = b'\x80\x02ccollections\nOrderedDict\n)R)R.'
    out('evil-nested-reduce-zip.pt', torch_zip_with_pickle(nested))
    # PROTO 2; GLOBAL torch.nn.modules.linear.Linear; (2, 2); REDUCE; STOP
    class_call = b'\x80\x02ctorch.nn.modules.linear\nLinear\nK\x02K\x02\x86R.'
    out('evil-class-call-zip.pt', torch_zip_with_pickle(class_call))
    pkl = pickle.dumps({'a': 1}, protocol=2)
    out('traversal-dotdot.zip', write_zip([Entry('archive/data.pkl', pkl), Entry('archive/../../evil.sh', b'echo pwned\n')]))
    out('traversal-absolute.zip', write_zip([Entry('/etc/cron.d/evil', b'* * * * * root echo pwned\n')]))
    npy = io.BytesIO()
    np.save(npy, np.arange(3, dtype='<f4'))
    out('traversal-dotdot.npz', write_zip([Entry('../x.npy', npy.getvalue())]))
    zeros = io.BytesIO()
    np.save(zeros, np.zeros(10 * 1024 * 1024 // 4, dtype='<f4'))
    out('bomb-lying-size.npz', write_zip([Entry('a.npy', zeros.getvalue(), method=8, declared_size=1000)]))
    out('bomb-ratio.npz', write_zip([Entry('a.npy', zeros.getvalue(), method=8, declared_size=3_000_000_000)]))
    first = Entry('a.npy', npy.getvalue(), method=8)
    first.csize += 60  # a's data now runs over b's local header
    second = Entry('b.npy', npy.getvalue())
    out('bomb-overlap.npz', write_zip([first, second]))
    big = io.BytesIO()
    np.savez_compressed(big, zeros=np.zeros(2 * 1024 * 1024, dtype='<f4'))
    out('zeros-8mb.npz', big.getvalue())
    legacy = open(fixture('synthetic-legacy-p2.pt'), 'rb').read()
    out('truncated-legacy.pt', legacy[: len(legacy) * 6 // 10])
    print('hostile fixtures written to', OUT)


if __name__ == '__main__':
    main()
