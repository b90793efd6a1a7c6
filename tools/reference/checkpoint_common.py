"""Shared helpers of the @voirs/checkpoint reference scripts: a canonical JSON form of unpickled
values (mirrored by packages/checkpoint/test/helpers/canon.ts) and tensor descriptions."""
import hashlib
import json
import math
import os
import struct
from collections import OrderedDict

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, 'packages', 'checkpoint', 'test', 'fixtures')
SAFE = 2 ** 53 - 1


def fixture(name):
    return os.path.join(FIXTURES, name)


def write_json(name, value, compact=False):
    with open(fixture(name), 'w') as f:
        if compact:
            json.dump(value, f, separators=(',', ':'))
        else:
            json.dump(value, f, indent=1)
        f.write('\n')


def dtype_name(dtype):
    return str(dtype).replace('torch.', '')


def num(x):
    """A float for JSON; non-finite values as strings."""
    x = float(x)
    return x if math.isfinite(x) else repr(x)


def raw_bytes(t):
    """Contiguous little-endian bytes of a tensor (bfloat16 via its int16 bit pattern)."""
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:
        return t.view(torch.int16).numpy().astype('<i2').tobytes()
    return t.numpy().astype(t.numpy().dtype.newbyteorder('<')).tobytes()


def tensor_desc(t, values=True):
    d = {'dtype': dtype_name(t.dtype), 'shape': list(t.shape), 'sha256': hashlib.sha256(raw_bytes(t)).hexdigest()}
    if values:
        flat = t.detach().contiguous().reshape(-1)
        if t.dtype == torch.int64:
            d['values'] = [str(int(v)) for v in flat.tolist()]
        elif t.dtype == torch.bool:
            d['values'] = [int(v) for v in flat.tolist()]
        else:
            d['values'] = [num(v) for v in flat.float().tolist()]
    return d


def canon(v):
    """Canonical JSON of an unpickled value (see test/helpers/canon.ts)."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {'$num': v} if abs(v) <= SAFE else {'$bigint': str(v)}
    if isinstance(v, float):
        return {'$num': num(v)}
    if isinstance(v, (bytes, bytearray)):
        return {'$bytes': bytes(v).hex()}
    if isinstance(v, torch.Tensor):
        return {'$tensor': tensor_desc(v)}
    if isinstance(v, OrderedDict):
        out = {'$odict': [[canon(k), canon(x)] for k, x in v.items()]}
        if getattr(v, '_metadata', None) is not None:
            out['$attrs'] = {'_metadata': canon(v._metadata)}
        return out
    if isinstance(v, dict):
        return {'$dict': [[canon(k), canon(x)] for k, x in v.items()]}
    if isinstance(v, list):
        return {'$list': [canon(x) for x in v]}
    if isinstance(v, tuple):
        return {'$tuple': [canon(x) for x in v]}
    if isinstance(v, (set, frozenset)):
        items = [canon(x) for x in v]
        return {'$set': sorted(items, key=lambda x: json.dumps(x, separators=(',', ':')))}
    raise TypeError(f'no canonical form for {type(v)}')


SAFETENSORS_NAMES = {torch.float32: 'F32', torch.float16: 'F16', torch.bfloat16: 'BF16', torch.float64: 'F64',
                     torch.int64: 'I64', torch.int32: 'I32', torch.int16: 'I16', torch.int8: 'I8',
                     torch.uint8: 'U8', torch.bool: 'BOOL'}


def write_safetensors(path, tensors, metadata=None):
    """A safetensors writer following the published format: u64 header length, JSON header
    (padded with spaces to a multiple of 8), then the tensors back to back."""
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header['__metadata__'] = metadata
    for name, t in tensors.items():
        b = raw_bytes(t)
        header[name] = {'dtype': SAFETENSORS_NAMES[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header).encode('utf-8')
    h += b' ' * (-len(h) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(h)) + h + b''.join(blobs))


def numpy_desc(a):
    a = np.ascontiguousarray(a)
    le = a.astype(a.dtype.newbyteorder('<'))
    d = {'dtype': {'f': 'float', 'i': 'int', 'u': 'uint', 'b': 'bool'}[a.dtype.kind] + ('' if a.dtype.kind == 'b' else str(a.dtype.itemsize * 8)),
         'shape': list(a.shape), 'sha256': hashlib.sha256(le.tobytes()).hexdigest()}
    return d
