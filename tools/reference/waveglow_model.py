"""A PyTorch WaveGlow written from REFERENCE.md (NVIDIA/waveglow's glow.py layout), for the
@voirs/waveglow goldens and speed peers.

The classes live in a module named `glow`, so that pickling a whole model references
`glow.WaveGlow`, `glow.WN` and `glow.Invertible1x1Conv` like NVIDIA's published checkpoints do.
Weight norm sits where NVIDIA puts it (WN start, cond_layer, in_layers, res_skip_layers; not on
`end`, the upsampler or the invertible convolutions).

Also here: the Tacotron 2 STFT the NVIDIA denoiser uses (a conv1d with the windowed Fourier basis,
reflect padding of filter_length / 2; inverse by conv_transpose1d with the pseudo-inverse basis,
divided by the summed squared window where it is non-zero, times filter_length / hop), and the
deterministic "hash weights" mirrored by packages/waveglow/test/hash-weights.ts.
"""
import sys
import types

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import weight_norm

glow = types.ModuleType('glow')
sys.modules['glow'] = glow


def _in_glow(cls):
    cls.__module__ = 'glow'
    setattr(glow, cls.__name__, cls)
    return cls


@_in_glow
class Invertible1x1Conv(nn.Module):
    """A 1x1 convolution by an invertible matrix (random orthonormal with det +1 at creation)."""

    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv1d(c, c, 1, bias=False)
        w = torch.linalg.qr(torch.randn(c, c))[0]
        if torch.det(w) < 0:
            w[:, 0] = -w[:, 0]
        self.conv.weight.data = w.reshape(c, c, 1)

    def inverse(self, z):
        w_inverse = self.conv.weight.squeeze(2).float().inverse()
        return F.conv1d(z, w_inverse[..., None])


@_in_glow
class WN(nn.Module):
    """The WaveNet-like coupling network: start, n_layers gated dilated layers, end."""

    def __init__(self, n_in_channels, n_mel_channels, n_layers, n_channels, kernel_size):
        super().__init__()
        assert kernel_size % 2 == 1 and n_channels % 2 == 0
        self.n_layers, self.n_channels = n_layers, n_channels
        self.in_layers, self.res_skip_layers = nn.ModuleList(), nn.ModuleList()
        self.start = weight_norm(nn.Conv1d(n_in_channels, n_channels, 1), name='weight')
        self.end = nn.Conv1d(n_channels, 2 * n_in_channels, 1)
        self.cond_layer = weight_norm(nn.Conv1d(n_mel_channels, 2 * n_channels * n_layers, 1), name='weight')
        for i in range(n_layers):
            d = 2 ** i
            self.in_layers.append(weight_norm(
                nn.Conv1d(n_channels, 2 * n_channels, kernel_size, dilation=d, padding=(kernel_size * d - d) // 2),
                name='weight'))
            out = 2 * n_channels if i < n_layers - 1 else n_channels
            self.res_skip_layers.append(weight_norm(nn.Conv1d(n_channels, out, 1), name='weight'))

    def forward(self, audio, spect):
        c = self.n_channels
        audio = self.start(audio)
        output = torch.zeros_like(audio)
        spect = self.cond_layer(spect)
        for i in range(self.n_layers):
            in_act = self.in_layers[i](audio) + spect[:, i * 2 * c:(i + 1) * 2 * c, :]
            acts = torch.tanh(in_act[:, :c, :]) * torch.sigmoid(in_act[:, c:, :])
            res_skip = self.res_skip_layers[i](acts)
            if i < self.n_layers - 1:
                audio = audio + res_skip[:, :c, :]
                output = output + res_skip[:, c:, :]
            else:
                output = output + res_skip
        return self.end(output)


@_in_glow
class WaveGlow(nn.Module):
    def __init__(self, n_mel_channels, n_flows, n_group, n_early_every, n_early_size, WN_config,
                 upsample_kernel=1024, upsample_stride=256):
        super().__init__()
        assert n_group % 2 == 0
        self.upsample = nn.ConvTranspose1d(n_mel_channels, n_mel_channels, upsample_kernel, stride=upsample_stride)
        self.n_flows, self.n_group = n_flows, n_group
        self.n_early_every, self.n_early_size = n_early_every, n_early_size
        self.WN, self.convinv = nn.ModuleList(), nn.ModuleList()
        n_half = n_group // 2
        remaining = n_group
        for k in range(n_flows):
            if k % n_early_every == 0 and k > 0:
                n_half -= n_early_size // 2
                remaining -= n_early_size
            self.convinv.append(Invertible1x1Conv(remaining))
            self.WN.append(WN(n_half, n_mel_channels * n_group, **WN_config))
        self.n_remaining_channels = remaining

    def early_flows(self):
        """Flows after whose inverse sigma * z is prepended, in the order the inverse pass meets them."""
        return [k for k in reversed(range(self.n_flows)) if k % self.n_early_every == 0 and k > 0]

    def infer(self, spect, sigma=0.6, noise=None):
        """The inverse pass. `noise` is the documented layout, float32 [n_group, samples / n_group]:
        rows [0, n_remaining_channels) are the initial z, then n_early_size rows per early output in
        the order the inverse pass adds them; None draws torch.randn."""
        spect = self.upsample(spect)
        cutoff = self.upsample.kernel_size[0] - self.upsample.stride[0]
        if cutoff > 0:
            spect = spect[:, :, :-cutoff]
        spect = spect.unfold(2, self.n_group, self.n_group).permute(0, 2, 1, 3)
        spect = spect.contiguous().view(spect.size(0), spect.size(1), -1).permute(0, 2, 1)
        steps = spect.size(2)
        if noise is None:
            noise = torch.randn(self.n_group, steps)
        assert tuple(noise.shape) == (self.n_group, steps), (tuple(noise.shape), self.n_group, steps)
        rows = iter(torch.split(noise, [self.n_remaining_channels] + [self.n_early_size] * len(self.early_flows())))
        audio = sigma * next(rows)[None]
        for k in reversed(range(self.n_flows)):
            n_half = audio.size(1) // 2
            audio_0, audio_1 = audio[:, :n_half, :], audio[:, n_half:, :]
            output = self.WN[k](audio_0, spect)
            s, b = output[:, n_half:, :], output[:, :n_half, :]
            audio_1 = (audio_1 - b) / torch.exp(s)
            audio = self.convinv[k].inverse(torch.cat([audio_0, audio_1], 1))
            if k % self.n_early_every == 0 and k > 0:
                audio = torch.cat((sigma * next(rows)[None], audio), 1)
        return audio.permute(0, 2, 1).contiguous().view(audio.size(0), -1)


# --- the NVIDIA denoiser on the Tacotron 2 STFT -------------------------------------------------

class TacotronSTFT:
    """Tacotron 2's STFT module (filter_length, hop, win, periodic Hann), float32 like the original."""

    def __init__(self, filter_length=1024, hop_length=256, win_length=1024):
        self.filter_length, self.hop_length, self.win_length = filter_length, hop_length, win_length
        scale = filter_length / hop_length
        fourier = np.fft.fft(np.eye(filter_length))
        cutoff = filter_length // 2 + 1
        fourier = np.vstack([np.real(fourier[:cutoff, :]), np.imag(fourier[:cutoff, :])])
        forward_basis = torch.FloatTensor(fourier[:, None, :])
        inverse_basis = torch.FloatTensor(np.linalg.pinv(scale * fourier).T[:, None, :])
        window = np.zeros(filter_length)
        left = (filter_length - win_length) // 2
        window[left:left + win_length] = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(win_length) / win_length)
        self.window_np = window
        window = torch.from_numpy(window).float()
        self.forward_basis = forward_basis * window
        self.inverse_basis = inverse_basis * window

    def transform(self, audio):
        """audio [B, N] -> magnitude, phase [B, filter_length / 2 + 1, frames]."""
        half = self.filter_length // 2
        x = F.pad(audio[:, None, None, :], (half, half, 0, 0), mode='reflect').squeeze(1)
        out = F.conv1d(x, self.forward_basis, stride=self.hop_length)
        cutoff = half + 1
        re, im = out[:, :cutoff, :], out[:, cutoff:, :]
        return torch.sqrt(re ** 2 + im ** 2), torch.atan2(im, re)

    def inverse(self, magnitude, phase):
        spec = torch.cat([magnitude * torch.cos(phase), magnitude * torch.sin(phase)], dim=1)
        out = F.conv_transpose1d(spec, self.inverse_basis, stride=self.hop_length)
        frames = magnitude.size(-1)
        n = self.filter_length + self.hop_length * (frames - 1)
        window_sum = np.zeros(n, dtype=np.float32)
        square = (self.window_np ** 2).astype(np.float32)
        for i in range(frames):
            start = i * self.hop_length
            window_sum[start:min(n, start + self.filter_length)] += square[:max(0, min(self.filter_length, n - start))]
        nonzero = torch.from_numpy(np.where(window_sum > np.finfo(np.float32).tiny)[0])
        window_sum = torch.from_numpy(window_sum)
        out[:, :, nonzero] /= window_sum[nonzero]
        out *= float(self.filter_length) / self.hop_length
        half = self.filter_length // 2
        return out[:, :, half:-half]


class Denoiser:
    """Bias spectrum = magnitude of frame 0 of infer(zero mel [1, n_mels, 88], sigma 0); denoising
    subtracts strength * bias from every frame's magnitude (floored at 0), keeping the phase."""

    def __init__(self, waveglow, n_mels):
        self.stft = TacotronSTFT()
        with torch.no_grad():
            bias_audio = waveglow.infer(torch.zeros(1, n_mels, 88), sigma=0.0)
            bias_spec, _ = self.stft.transform(bias_audio)
        self.bias_spec = bias_spec[:, :, 0][:, :, None]

    def __call__(self, audio, strength=0.1):
        magnitude, phase = self.stft.transform(audio)
        denoised = torch.clamp(magnitude - self.bias_spec * strength, 0.0)
        return self.stft.inverse(denoised, phase)[:, 0, :]


# --- deterministic hash weights ------------------------------------------------------------------

def fnv1a32(text):
    h = 0x811C9DC5
    for byte in text.encode('utf-8'):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def hash_uniform(seed, count):
    """u[i] in [-1, 1): the murmur3 finaliser of ((i + 1) * 0x9e3779b1) ^ seed, as float64."""
    h = (np.arange(1, count + 1, dtype=np.uint64) * np.uint64(0x9E3779B1)) & np.uint64(0xFFFFFFFF)
    h = h.astype(np.uint32) ^ np.uint32(seed)
    h ^= h >> np.uint32(16)
    h = h * np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h = h * np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h.astype(np.float64) / 4294967296.0 * 2.0 - 1.0


def hash_rule(key, shape):
    """(scale, offset, extra) of a state-dict entry, as in test/hash-weights.ts. `extra` names a
    structured addition: 'reversal' (a reversal permutation, so that the invertible convolutions
    swap the halves between flows) or 'log-scale' (+1 on the second half of `end.bias`: s starts
    near 1, so every inverse flow divides by about e and the output stays well inside [-1, 1])."""
    fan = int(np.prod(shape[1:])) if len(shape) > 1 else 1
    if key.endswith('.weight_g'):
        return (0.1, 0.3, None) if '.cond_layer.' in key else (0.25, 1.0, None)
    if key.endswith('.weight_v'):
        return 1.0, 0.0, None
    if key.endswith('.end.bias'):
        return 0.05, 0.0, 'log-scale'
    if key.endswith('.bias'):
        return 0.05, 0.0, None
    if key == 'upsample.weight':
        return 1.0 / np.sqrt(shape[0] * shape[2] / 256.0), 0.0, None
    if key.endswith('.end.weight'):
        return 0.3 / np.sqrt(fan), 0.0, None
    if key.endswith('.conv.weight'):
        return 0.3 / np.sqrt(shape[0]), 0.0, 'reversal'
    raise KeyError(key)


def hash_tensor(key, shape):
    scale, offset, extra = hash_rule(key, shape)
    n = int(np.prod(shape))
    values = hash_uniform(fnv1a32(key), n) * scale + offset
    index = np.arange(n)
    if extra == 'reversal':
        rows, cols = np.divmod(index, shape[0])
        values[rows + cols == shape[0] - 1] += 1.0
    elif extra == 'log-scale':
        values[index >= shape[0] // 2] += 1.0
    return torch.from_numpy(values.astype(np.float32).reshape(shape))


def hash_state_dict(model):
    return {key: hash_tensor(key, tuple(value.shape)) for key, value in model.state_dict().items()}


def hashed_waveglow(n_mel_channels=80, n_flows=12, n_group=8, n_early_every=4, n_early_size=2,
                    n_layers=8, n_channels=256, kernel_size=3, upsample_kernel=1024, upsample_stride=256):
    model = WaveGlow(n_mel_channels, n_flows, n_group, n_early_every, n_early_size,
                     dict(n_layers=n_layers, n_channels=n_channels, kernel_size=kernel_size),
                     upsample_kernel, upsample_stride)
    model.load_state_dict(hash_state_dict(model))
    return model.eval()
