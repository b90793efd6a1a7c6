"""DiffWave in PyTorch, written from the facts in REFERENCE.md (lmnt-com/diffwave: denoiser network,
training and fast schedules, fractional step mapping, DDPM sampling), plus the samplers and the
deterministic generators that the TypeScript tests mirror bit-for-bit:

  * hash weights (as tools/reference/hifigan_model.py, vectorised with numpy),
  * the counter-based Gaussian noise of @voirs/dsp (packages/dsp/src/random/gaussian-noise.ts).

Imported by diffwave_reference.py; run with Debian's /usr/bin/python3 (torch 1.13).
"""
import math
import sys
import types

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

TRAIN_BETAS = np.linspace(1e-4, 0.05, 50).tolist()
FAST_BETAS = [0.0001, 0.001, 0.01, 0.05, 0.2, 0.5]

# The official checkpoints pickle their hyper-parameters as diffwave.params.AttrDict.
_params_module = types.ModuleType('diffwave.params')
sys.modules.setdefault('diffwave', types.ModuleType('diffwave'))
sys.modules['diffwave.params'] = _params_module


class AttrDict(dict):
    """A dict whose attributes are its items (as the official params.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__ = self


AttrDict.__module__ = 'diffwave.params'
_params_module.AttrDict = AttrDict


def base_params(**changes):
    """The official base hyper-parameters (22.05 kHz LJSpeech model), with changes."""
    params = AttrDict(batch_size=16, learning_rate=2e-4, max_grad_norm=None, sample_rate=22050, n_mels=80,
                      n_fft=1024, hop_samples=256, crop_mel_frames=62, residual_layers=30, residual_channels=64,
                      dilation_cycle_length=10, unconditional=False, noise_schedule=list(TRAIN_BETAS),
                      inference_noise_schedule=list(FAST_BETAS), audio_len=22050 * 5)
    params.update(changes)
    return params


# ---- the network ------------------------------------------------------------------------------

class DiffusionEmbedding(nn.Module):
    def __init__(self, max_steps):
        super().__init__()
        self.register_buffer('embedding', self.table(max_steps), persistent=False)
        self.projection1 = nn.Linear(128, 512)
        self.projection2 = nn.Linear(512, 512)

    @staticmethod
    def table(max_steps):
        steps = torch.arange(max_steps).unsqueeze(1)
        dims = torch.arange(64).unsqueeze(0)
        angles = steps * 10.0 ** (dims * 4.0 / 63.0)  # float32, as the official code computes it
        return torch.cat([torch.sin(angles), torch.cos(angles)], dim=1)

    def forward(self, t):
        if t.dtype in (torch.int32, torch.int64):
            x = self.embedding[t]
        else:  # fractional steps: linear interpolation between the neighbouring rows
            low_idx = torch.floor(t).long()
            high_idx = torch.ceil(t).long()
            low = self.embedding[low_idx]
            high = self.embedding[high_idx]
            x = low + (high - low) * (t - low_idx).unsqueeze(-1)
        x = F.silu(self.projection1(x))
        return F.silu(self.projection2(x))


class SpectrogramUpsampler(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.ConvTranspose2d(1, 1, [3, 32], stride=[1, 16], padding=[1, 8])
        self.conv2 = nn.ConvTranspose2d(1, 1, [3, 32], stride=[1, 16], padding=[1, 8])

    def forward(self, x):
        x = F.leaky_relu(self.conv1(x.unsqueeze(1)), 0.4)
        x = F.leaky_relu(self.conv2(x), 0.4)
        return x.squeeze(1)


class ResidualBlock(nn.Module):
    def __init__(self, n_mels, channels, dilation, unconditional):
        super().__init__()
        self.dilated_conv = nn.Conv1d(channels, 2 * channels, 3, padding=dilation, dilation=dilation)
        self.diffusion_projection = nn.Linear(512, channels)
        self.conditioner_projection = None if unconditional else nn.Conv1d(n_mels, 2 * channels, 1)
        self.output_projection = nn.Conv1d(channels, 2 * channels, 1)

    def forward(self, x, step, cond):
        y = self.dilated_conv(x + self.diffusion_projection(step).unsqueeze(-1))
        if self.conditioner_projection is not None:
            y = y + self.conditioner_projection(cond)
        gate, filt = torch.chunk(y, 2, dim=1)
        y = self.output_projection(torch.sigmoid(gate) * torch.tanh(filt))
        residual, skip = torch.chunk(y, 2, dim=1)
        return (x + residual) / math.sqrt(2.0), skip


class DiffWave(nn.Module):
    def __init__(self, params):
        super().__init__()
        self.params = params
        c = params.residual_channels
        self.input_projection = nn.Conv1d(1, c, 1)
        self.diffusion_embedding = DiffusionEmbedding(len(params.noise_schedule))
        self.spectrogram_upsampler = None if params.unconditional else SpectrogramUpsampler()
        self.residual_layers = nn.ModuleList([
            ResidualBlock(params.n_mels, c, 2 ** (i % params.dilation_cycle_length), params.unconditional)
            for i in range(params.residual_layers)])
        self.skip_projection = nn.Conv1d(c, c, 1)
        self.output_projection = nn.Conv1d(c, 1, 1)

    def forward(self, audio, t, spectrogram=None):
        x = F.relu(self.input_projection(audio.unsqueeze(1)))
        step = self.diffusion_embedding(t)
        cond = None if self.spectrogram_upsampler is None else self.spectrogram_upsampler(spectrogram)
        skip = None
        for layer in self.residual_layers:
            x, s = layer(x, step, cond)
            skip = s if skip is None else s + skip
        x = F.relu(self.skip_projection(skip / math.sqrt(len(self.residual_layers))))
        return self.output_projection(x)


# ---- schedules and samplers -------------------------------------------------------------------

def fractional_steps(train_betas, infer_betas):
    """The official mapping of each inference step onto a fractional training step (float32)."""
    talpha_cum = np.cumprod(1 - np.array(train_betas))
    alpha_cum = np.cumprod(1 - np.array(infer_betas))
    steps = []
    for s in range(len(infer_betas)):
        for t in range(len(train_betas) - 1):
            if talpha_cum[t + 1] <= alpha_cum[s] <= talpha_cum[t]:
                twiddle = (talpha_cum[t] ** 0.5 - alpha_cum[s] ** 0.5) / (talpha_cum[t] ** 0.5 - talpha_cum[t + 1] ** 0.5)
                steps.append(t + twiddle)
                break
    assert len(steps) == len(infer_betas), 'inference schedule outside the trained noise range'
    return np.array(steps, dtype=np.float32)


def ddpm(model, mel, train_betas, infer_betas, noise):
    """The official DDPM loop; noise[0] is x_T, noise[k] the noise added after the k-th step."""
    T = fractional_steps(train_betas, infer_betas)
    beta = np.array(infer_betas)
    alpha = 1 - beta
    alpha_cum = np.cumprod(alpha)
    audio = noise[0:1].clone()
    with torch.no_grad():
        for k, n in enumerate(range(len(alpha) - 1, -1, -1), start=1):
            c1 = 1 / alpha[n] ** 0.5
            c2 = beta[n] / (1 - alpha_cum[n]) ** 0.5
            audio = c1 * (audio - c2 * model(audio, torch.tensor([T[n]]), mel).squeeze(1))
            if n > 0:
                sigma = ((1.0 - alpha_cum[n - 1]) / (1.0 - alpha_cum[n]) * beta[n]) ** 0.5
                audio += sigma * noise[k:k + 1]
            audio = torch.clamp(audio, -1.0, 1.0)
    return audio[0]


def ddim_timesteps(train_steps, steps):
    """Evenly spaced training steps: floor(i * (T - 1) / (S - 1) + 0.5), i = 0 .. S - 1."""
    if steps == 1:
        return [train_steps - 1]
    return [int(math.floor(i * (train_steps - 1) / (steps - 1) + 0.5)) for i in range(steps)]


def ddim(model, mel, train_betas, steps, eta, noise):
    """DDIM (Song et al. 2021) on the training schedule, x0 estimates clipped to [-1, 1]."""
    talpha_cum = np.cumprod(1 - np.array(train_betas))
    taus = ddim_timesteps(len(train_betas), steps)
    x = noise[0:1].clone()
    with torch.no_grad():
        for k, i in enumerate(range(len(taus) - 1, -1, -1), start=1):
            a_t = talpha_cum[taus[i]]
            a_prev = talpha_cum[taus[i - 1]] if i > 0 else 1.0
            eps = model(x, torch.tensor([float(taus[i])]), mel).squeeze(1)
            x0 = torch.clamp((x - (1 - a_t) ** 0.5 * eps) / a_t ** 0.5, -1.0, 1.0)
            if i == 0:
                x = x0
                break
            sigma = eta * ((1 - a_prev) / (1 - a_t)) ** 0.5 * (1 - a_t / a_prev) ** 0.5
            x = a_prev ** 0.5 * x0 + max(1 - a_prev - sigma ** 2, 0.0) ** 0.5 * eps
            if sigma > 0:
                x = x + sigma * noise[k:k + 1]
    return x[0]


# ---- deterministic generators mirrored in TypeScript ------------------------------------------

def fnv1a32(text):
    h = 0x811C9DC5
    for byte in text.encode('utf-8'):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def _fmix(h):
    h = h.astype(np.uint64)
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x85EBCA6B)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(13)
    h = (h * np.uint64(0xC2B2AE35)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(16)
    return h


def hash_uniform(seed, count):
    """u[i] in [-1, 1): a murmur3-finaliser hash of (i + 1) mixed with seed, as float64."""
    i = np.arange(1, count + 1, dtype=np.uint64)
    h = (i * np.uint64(0x9E3779B1)) & np.uint64(0xFFFFFFFF)
    h ^= np.uint64(seed)
    return _fmix(h).astype(np.float64) / 4294967296.0 * 2.0 - 1.0


def hash_tensor(key, shape, scale, offset=0.0):
    values = hash_uniform(fnv1a32(key), int(np.prod(shape)))
    out = (values * scale).astype(np.float32)
    if offset:
        out = (out.astype(np.float64) + offset).astype(np.float32)
    return torch.from_numpy(out.reshape(shape))


def weight_scale(key, shape):
    """Uniform weights of variance 1/fan_in (bound sqrt(3/fan_in)); the final projection gets a gain
    of 10 so that the predicted noise has roughly unit scale, as a trained model's has."""
    fan = int(np.prod(shape)) // shape[0]
    if key.startswith('spectrogram_upsampler'):  # ConvTranspose2d [1, 1, 3, 32], stride 16: 6 taps per output
        fan = 6
    return math.sqrt(3.0 / fan) * (10.0 if key == 'output_projection.weight' else 1.0)


def hash_state_dict(model):
    """Weights from weight_scale(), biases in +-0.05 (mirrored by test/hash-weights.ts)."""
    sd = {}
    for key, p in model.state_dict().items():
        shape = list(p.shape)
        if key.endswith('.weight'):
            sd[key] = hash_tensor(key, shape, weight_scale(key, shape))
        elif key.endswith('.bias'):
            sd[key] = hash_tensor(key, shape, 0.05)
        else:
            raise ValueError(f'unexpected parameter {key}')
    return sd


def counter_gaussian(seed, stream, count):
    """gaussianNoise(seed, stream, count) of @voirs/dsp: counter-based uniforms + Box-Muller."""
    key = int(_fmix(np.array([(seed + 0x6A09E667) & 0xFFFFFFFF]))[0])
    key ^= int(_fmix(np.array([(stream + 0x9E3779B9) & 0xFFFFFFFF]))[0])
    pairs = (count + 1) // 2
    counters = np.arange(2 * pairs, dtype=np.uint64)
    inner = _fmix(counters ^ np.uint64(key))
    u = _fmix((inner + np.uint64(key)) & np.uint64(0xFFFFFFFF)).astype(np.float64) / 4294967296.0
    u = u + 0.5 / 4294967296.0
    r = np.sqrt(-2.0 * np.log(u[0::2]))
    z = np.empty(2 * pairs, dtype=np.float64)
    z[0::2] = r * np.cos(2 * np.pi * u[1::2])
    z[1::2] = r * np.sin(2 * np.pi * u[1::2])
    return z[:count].astype(np.float32)


def seeded_noise(seed, rows, n):
    """Noise rows as the TypeScript samplers draw them for a seed: row k is stream k."""
    return torch.from_numpy(np.stack([counter_gaussian(seed, k, n) for k in range(rows)]))
