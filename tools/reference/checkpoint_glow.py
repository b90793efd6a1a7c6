"""Tiny stand-ins for the published vocoder checkpoints, used by checkpoint_fixtures.py:
a WaveGlow-shaped model whose classes live in a module called `glow` (so that pickling the whole
model references `glow.WaveGlow`, `glow.WN`, `glow.Invertible1x1Conv` like NVIDIA's files do), and
a DiffWave-shaped training checkpoint whose params are a `diffwave.params.AttrDict`."""
import sys
import types

import torch
from torch import nn
from torch.nn.utils import weight_norm

glow = types.ModuleType('glow')
sys.modules['glow'] = glow
diffwave_params = types.ModuleType('diffwave.params')
sys.modules['diffwave'] = types.ModuleType('diffwave')
sys.modules['diffwave.params'] = diffwave_params


class AttrDict(dict):
    """As in lmnt-com/diffwave: a dict whose attributes are its items."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__ = self


AttrDict.__module__ = 'diffwave.params'
diffwave_params.AttrDict = AttrDict


def _in_glow(cls):
    cls.__module__ = 'glow'
    setattr(glow, cls.__name__, cls)
    return cls


@_in_glow
class Invertible1x1Conv(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv1d(c, c, 1, bias=False)
        self.conv.weight.data = torch.linalg.qr(torch.randn(c, c))[0].reshape(c, c, 1)


@_in_glow
class WN(nn.Module):
    def __init__(self, n_in, n_cond, n_layers, n_channels, kernel_size):
        super().__init__()
        self.n_layers, self.n_channels = n_layers, n_channels
        self.in_layers, self.res_skip_layers = nn.ModuleList(), nn.ModuleList()
        self.start = weight_norm(nn.Conv1d(n_in, n_channels, 1), name='weight')
        self.end = nn.Conv1d(n_channels, 2 * n_in, 1)
        self.cond_layer = weight_norm(nn.Conv1d(n_cond, 2 * n_channels * n_layers, 1), name='weight')
        for i in range(n_layers):
            d = 2 ** i
            self.in_layers.append(weight_norm(nn.Conv1d(n_channels, 2 * n_channels, kernel_size, dilation=d, padding=(kernel_size * d - d) // 2)))
            out = 2 * n_channels if i < n_layers - 1 else n_channels
            self.res_skip_layers.append(weight_norm(nn.Conv1d(n_channels, out, 1)))


@_in_glow
class WaveGlow(nn.Module):
    def __init__(self, n_mel=4, n_flows=2, n_group=4, n_early_every=1, n_early_size=2):
        super().__init__()
        self.upsample = weight_norm(nn.ConvTranspose1d(n_mel, n_mel, 8, stride=4))
        self.n_flows, self.n_group = n_flows, n_group
        self.n_early_every, self.n_early_size = n_early_every, n_early_size
        self.WN, self.convinv = nn.ModuleList(), nn.ModuleList()
        remaining = n_group
        for k in range(n_flows):
            if k % n_early_every == 0 and k > 0:
                remaining -= n_early_size
            self.convinv.append(Invertible1x1Conv(remaining))
            self.WN.append(WN(remaining // 2, n_mel * n_group, 2, 4, 3))
        self.n_remaining_channels = remaining


def make_glow():
    torch.manual_seed(99)
    return WaveGlow()


def make_diffwave_checkpoint():
    torch.manual_seed(5)
    model = nn.Sequential(nn.Conv1d(1, 4, 1), nn.ReLU(), nn.Conv1d(4, 1, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-4)
    model(torch.randn(1, 1, 8)).sum().backward()
    optimizer.step()
    params = AttrDict(batch_size=16, learning_rate=2e-4, n_mels=80, noise_schedule=[1e-4, 0.05], residual_layers=30)
    return {'step': 5, 'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'params': params,
            'scaler': {'scale': 65536.0, 'growth_factor': 2.0, '_growth_tracker': 0}}
