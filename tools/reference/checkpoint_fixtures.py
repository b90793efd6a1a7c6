"""Golden fixtures for @voirs/checkpoint (run: /usr/bin/python3 tools/reference/checkpoint_fixtures.py).

Writes into packages/checkpoint/test/fixtures/ (documented in its README.md):
  hifigan-v2-golden.json   every tensor of ../shared/models/hifigan-v2-ljspeech/generator_v2 as
                           torch.load sees it, plus torch's weight-norm folding of three layers
  synthetic-*.pt           one object (all dtypes, strided/offset/shared views, nested containers,
                           an OrderedDict state dict) in zip and legacy serialisations, protocols
                           2 and 4, a deflated re-zip under another folder name, and a Zip64 re-zip
  synthetic-golden.json    canonical form of that object
  glow-*.pt, glow-golden.json   a whole pickled module (classes under the module name `glow`)
                           with weight-norm hooks, zip and legacy
  views-legacy.pt, views-golden.json   a hand-written legacy file using storage views
  from-type-zip.pt, from-type-golden.json   a hand-written zip file using _rebuild_from_type_v2
  diffwave-like.pt, diffwave-golden.json    a DiffWave-shaped training checkpoint (AttrDict params)
  synthetic-big-endian.pt, torchscript.pt   files loadTorchCheckpoint refuses as unsupported
  pickles.json             plain pickles of protocols 0-5 and their canonical values
  tensors.safetensors, safetensors-golden.json, arrays.npz, arrays-compressed.npz, npz-golden.json
"""
import base64
import hashlib
import io
import pickle
import struct
import sys
import zipfile
from collections import OrderedDict

import numpy as np
import torch

sys.path.insert(0, __import__('os').path.dirname(__file__))
from checkpoint_common import (ROOT, canon, fixture, numpy_desc, tensor_desc, write_json,  # noqa: E402
                               write_safetensors)
from checkpoint_glow import make_diffwave_checkpoint, make_glow  # noqa: E402
from checkpoint_zipwriter import Entry, write_zip  # noqa: E402

torch.manual_seed(1234)


def hifigan_golden():
    path = f'{ROOT}/../shared/models/hifigan-v2-ljspeech/generator_v2'
    raw = open(path, 'rb').read()
    sd = torch.load(path, map_location='cpu')['generator']
    tensors = []
    for name, t in sd.items():
        d = tensor_desc(t, values=False)
        flat = t.reshape(-1)
        d.update(name=name, first=[float(x) for x in flat[:4]], sum=float(t.double().sum()))
        tensors.append(d)
    folded = {}
    for layer in ['conv_pre', 'ups.0', 'conv_post']:
        w = torch._weight_norm(sd[f'{layer}.weight_v'], sd[f'{layer}.weight_g'], 0)
        flat = w.reshape(-1)
        folded[f'{layer}.weight'] = {'shape': list(w.shape), 'first': [float(x) for x in flat[:16]],
                                     'sum': float(w.double().sum()), 'absSum': float(w.double().abs().sum())}
    write_json('hifigan-v2-golden.json', {'fileSha256': hashlib.sha256(raw).hexdigest(), 'tensors': tensors, 'folded': folded}, compact=True)


def synthetic_object():
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    half = torch.tensor([0.5, -2.0, 65504.0, 6e-8, float('inf'), float('-inf'), float('nan'), 0.0], dtype=torch.float16)
    dtypes = OrderedDict([
        ('float32', torch.randn(2, 3)),
        ('float16', half),
        ('bfloat16', torch.tensor([1.0, -3.5, 1e30, 2 ** -100], dtype=torch.bfloat16)),
        ('float64', torch.tensor([1 / 3, -1e300, 5e-324], dtype=torch.float64)),
        ('int64', torch.tensor([-(2 ** 62), 2 ** 53 + 1, -1, 0], dtype=torch.int64)),
        ('int32', torch.tensor([[-2 ** 31, 2 ** 31 - 1], [7, -7]], dtype=torch.int32)),
        ('int16', torch.tensor([-32768, 32767, 5], dtype=torch.int16)),
        ('int8', torch.tensor([-128, 127], dtype=torch.int8)),
        ('uint8', torch.tensor([0, 255, 17], dtype=torch.uint8)),
        ('bool', torch.tensor([True, False, True])),
    ])
    views = OrderedDict([
        ('base', base),
        ('transposed', base.t()),
        ('strided', base[:, ::2]),
        ('offset', base[2:]),
        ('row', base[1]),
        ('column', base[:, 3]),
        ('expanded', torch.tensor([1.0, 2.0]).expand(3, 2)),
        ('permuted3d', torch.arange(24, dtype=torch.int16).reshape(2, 3, 4).permute(2, 0, 1)),
        ('scalar', torch.tensor(3.5)),
        ('empty', torch.zeros(0, 3)),
    ])
    layer = torch.nn.utils.weight_norm(torch.nn.Conv1d(3, 2, 3))
    shared = [1, 2]
    nested = {
        'list': [1, -2, 2 ** 70, -(2 ** 65) + 3, 3.25, float('inf'), 'text', 'ünïcödé ✓', None, True, False, b'\x00\xffab'],
        'tuple': (1, (2, 3), [], ()),
        'int_keys': {1: 'a', 2: 'b', (3, 4): 'c'},
        'set': {3, 1, 2},
        'shared_a': shared,
        'shared_b': shared,
    }
    return {'dtypes': dtypes, 'views': views, 'nested': nested, 'state_dict': layer.state_dict(), 'step': 1234}


def save(obj, name, zip_format, protocol=2):
    buf = io.BytesIO()
    torch.save(obj, buf, pickle_protocol=protocol, _use_new_zipfile_serialization=zip_format)
    with open(fixture(name), 'wb') as f:
        f.write(buf.getvalue())
    return buf.getvalue()


def rezip(data, name, folder=None, method=0, zip64=False, byteorder=None):
    """Copies a torch zip into our own writer: optionally another top folder, deflate, Zip64, a
    `byteorder` record (torch >= 2.1 writes one; 1.13 does not)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    entries = []
    for n in src.namelist():
        target = n if folder is None else folder + n[n.index('/'):]
        entries.append(Entry(target, src.read(n), method))
    if byteorder is not None:
        prefix = entries[0].name.decode().split('/')[0]
        entries.append(Entry(f'{prefix}/byteorder', byteorder.encode()))
    out = write_zip(entries, zip64=zip64)
    with open(fixture(name), 'wb') as f:
        f.write(out)
    return out


def synthetic():
    obj = synthetic_object()
    zipped = save(obj, 'synthetic-zip-p2.pt', True)
    save(obj, 'synthetic-legacy-p2.pt', False)
    save(obj, 'synthetic-zip-p4.pt', True, protocol=4)
    save(obj, 'synthetic-legacy-p4.pt', False, protocol=4)
    rezip(zipped, 'synthetic-deflated.pt', folder='generator_v1', method=8)
    rezip(zipped, 'synthetic-zip64.pt', zip64=True, byteorder='little')
    rezip(zipped, 'synthetic-big-endian.pt', byteorder='big')  # refused: only the record says big
    for name in ['synthetic-zip-p2.pt', 'synthetic-legacy-p2.pt', 'synthetic-zip-p4.pt', 'synthetic-legacy-p4.pt',
                 'synthetic-deflated.pt', 'synthetic-zip64.pt']:
        again = torch.load(fixture(name), map_location='cpu')
        assert canon(again) == canon(obj), name
    write_json('synthetic-golden.json', canon(obj))


def glow():
    model = make_glow()
    ckpt = {'model': model, 'iteration': 7, 'learning_rate': 1e-4}
    save(ckpt, 'glow-zip.pt', True)
    save(ckpt, 'glow-legacy.pt', False)
    hooks = {}
    for path, m in model.named_modules():
        for h in m._forward_pre_hooks.values():
            hooks[path] = {'class': f'{type(h).__module__}.{type(h).__name__}', 'name': h.name, 'dim': h.dim}
    folded = {}
    for path in ['upsample', 'WN.0.start', 'WN.0.in_layers.1']:
        m = model.get_submodule(path)
        folded[path] = tensor_desc(torch._weight_norm(m.weight_v, m.weight_g, 0))
    write_json('glow-golden.json', {
        'stateDict': [[k, tensor_desc(v, values=False)] for k, v in model.state_dict().items()],
        'modules': [[p, f'{type(m).__module__}.{type(m).__name__}'] for p, m in model.named_modules()],
        'attributes': {k: getattr(model, k) for k in ['n_flows', 'n_group', 'n_early_every', 'n_early_size', 'n_remaining_channels']},
        'wnAttributes': {'n_layers': model.WN[0].n_layers, 'n_channels': model.WN[0].n_channels},
        'hooks': hooks,
        'folded': folded,
        'iteration': 7,
    })


def diffwave_like():
    """A DiffWave-shaped training checkpoint: step, model state dict, Adam state, and params as an
    AttrDict (a dict subclass whose __dict__ is itself) from a module named diffwave.params."""
    ckpt = make_diffwave_checkpoint()
    save(ckpt, 'diffwave-like.pt', True)
    write_json('diffwave-golden.json', {
        'step': ckpt['step'],
        'model': [[k, tensor_desc(v, values=False)] for k, v in ckpt['model'].items()],
        'params': dict(ckpt['params']),
    })


def torchscript():
    """A TorchScript archive (torch.jit.save), which loadTorchCheckpoint must refuse clearly."""
    torch.jit.save(torch.jit.script(torch.nn.Linear(2, 1)), fixture('torchscript.pt'))


class _Storage:
    def __init__(self, key, numel, view):
        self.key, self.numel, self.view = key, numel, view


class _Tensor:
    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, size, stride, False, OrderedDict())

    def __reduce__(self):
        return (torch._utils._rebuild_tensor_v2, self.args)


class _FromType:
    """A tensor pickled the way torch 2.x pickles a Tensor/Parameter carrying Python attributes."""

    def __init__(self, new_type, storage, state):
        self.args = (torch._utils._rebuild_tensor_v2, new_type, (storage, 1, (2,), (1,), False, OrderedDict()), state)

    def __reduce__(self):
        return (torch._tensor._rebuild_from_type_v2, self.args)


def from_type():
    """A zip checkpoint using torch._tensor._rebuild_from_type_v2 (torch 1.13 only writes it for
    tensor subclasses, which need their class; torch 2.x also for tensors with attributes)."""
    storage = _Storage('0', 3, None)
    obj = {'tensor': _FromType(torch.Tensor, storage, {'note': 'x'}), 'param': _FromType(torch.nn.Parameter, storage, {})}
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=2)
    p.persistent_id = lambda o: ('storage', torch.FloatStorage, o.key, 'cpu', o.numel) if isinstance(o, _Storage) else None
    p.dump(obj)
    out = write_zip([Entry('archive/data.pkl', buf.getvalue()), Entry('archive/data/0', np.array([1, 2, 3], dtype='<f4').tobytes()),
                     Entry('archive/version', b'3\n')])
    with open(fixture('from-type-zip.pt'), 'wb') as f:
        f.write(out)
    loaded = torch.load(io.BytesIO(out), map_location='cpu')
    assert isinstance(loaded['param'], torch.nn.Parameter)  # (torch ignores the state of a plain Tensor)
    write_json('from-type-golden.json', canon({k: v.detach() for k, v in loaded.items()}))


def views():
    """A legacy file whose tensors use view_metadata (written by old torch versions)."""
    root = _Storage('root', 12, None)
    view = _Storage('root', 12, ('v1', 2, 6))
    obj = OrderedDict([('whole', _Tensor(root, 0, (12,), (1,))), ('square', _Tensor(view, 1, (2, 2), (2, 1))),
                       ('every_other', _Tensor(view, 0, (3,), (2,)))])
    buf = io.BytesIO()
    for header in [0x1950A86A20F9469CFC6C, 1001, {'protocol_version': 1001, 'little_endian': True, 'type_sizes': {'short': 2, 'int': 4, 'long': 4}}]:
        pickle.dump(header, buf, protocol=2)
    p = pickle.Pickler(buf, protocol=2)
    p.persistent_id = lambda o: ('storage', torch.FloatStorage, o.key, 'cpu', o.numel, o.view) if isinstance(o, _Storage) else None
    p.dump(obj)
    pickle.dump(['root'], buf, protocol=2)
    buf.write(struct.pack('<q', 12) + np.arange(12, dtype='<f4').tobytes())
    with open(fixture('views-legacy.pt'), 'wb') as f:
        f.write(buf.getvalue())
    loaded = torch.load(io.BytesIO(buf.getvalue()), map_location='cpu')
    write_json('views-golden.json', canon(loaded))


def pickles():
    shared = ['s']
    plain = {'int': 1, 'neg': -5, 'i32': 2 ** 31 - 1, 'i32n': -2 ** 31, 'u16': 65535, 'big': 2 ** 70, 'negbig': -(2 ** 65) + 3,
             'float': 3.25, 'tiny': 5e-324, 'inf': float('-inf'), 'nan': float('nan'),
             'str': 'héllo\n"quoted" \\ \\u0041 \u1234 \U0001F600', 'bytes': b'\x00\xff abc', 'empty_bytes': b'',
             'list': [1, [2, [3]]], 'long_list': list(range(1100)), 'tuple': (), 't1': (1,), 't2': (1, 2), 't3': (1, 2, 3), 't4': (1, 2, 3, 4),
             'set': {1, 2, 3}, 'frozenset': frozenset({'a'}), 'odict': OrderedDict([('b', 1), ('a', 2)]), 'none': None,
             'bools': [True, False], 'shared1': shared, 'shared2': shared}
    out = {'expected': canon(plain), 'pickles': {}}
    for protocol in range(6):
        data = pickle.dumps(plain, protocol=protocol)
        assert canon(pickle.loads(data)) == canon(plain)
        out['pickles'][str(protocol)] = base64.b64encode(data).decode()
    extra = {'bytearray': bytearray(b'xy')}
    out['protocol5'] = {'pickle': base64.b64encode(pickle.dumps(extra, protocol=5)).decode(), 'expected': canon(extra)}
    write_json('pickles.json', out, compact=True)


def safetensors_and_npz():
    tensors = OrderedDict([('a.weight', torch.randn(3, 4)), ('a.bias', torch.randn(4).half()), ('b', torch.arange(6, dtype=torch.int64).reshape(2, 3)),
                           ('c', torch.tensor([1.5, -2.25], dtype=torch.bfloat16)), ('flags', torch.tensor([True, False])),
                           ('d', torch.tensor([1 / 3], dtype=torch.float64)), ('e', torch.zeros(0, 2)), ('i8', torch.tensor([-3, 4], dtype=torch.int8))])
    write_safetensors(fixture('tensors.safetensors'), tensors, {'format': 'pt', 'source': 'checkpoint_fixtures.py'})
    write_json('safetensors-golden.json', {'metadata': {'format': 'pt', 'source': 'checkpoint_fixtures.py'},
                                           'tensors': [[k, tensor_desc(v)] for k, v in tensors.items()]})
    rng = np.random.default_rng(7)
    arrays = {'mel': rng.standard_normal((4, 5)).astype('<f4'), 'ids': np.arange(6, dtype='<i8').reshape(3, 2),
              'half': np.array([1.0, -0.5], dtype='<f2'), 'mask': np.array([True, False]), 'bytes': np.arange(5, dtype='u1')}
    np.savez(fixture('arrays.npz'), **arrays)
    np.savez_compressed(fixture('arrays-compressed.npz'), **arrays)
    write_json('npz-golden.json', [[k, numpy_desc(v)] for k, v in arrays.items()])


if __name__ == '__main__':
    hifigan_golden()
    synthetic()
    glow()
    views()
    from_type()
    diffwave_like()
    torchscript()
    pickles()
    safetensors_and_npz()
    print('fixtures written to', fixture(''))
