"""HiFi-GAN generator in PyTorch, written from the architecture facts in REFERENCE.md (jik876/hifi-gan
V1/V2/V3), plus the deterministic "hash weights" the TypeScript tests regenerate bit-for-bit.

Imported by hifigan_reference.py; run with Debian's /usr/bin/python3 (torch 1.13).
"""
import math

import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import weight_norm

LRELU_SLOPE = 0.1

ARCHS = {
    "v1": dict(resblock="1", upsample_rates=[8, 8, 2, 2], upsample_kernel_sizes=[16, 16, 4, 4],
               upsample_initial_channel=512, resblock_kernel_sizes=[3, 7, 11],
               resblock_dilation_sizes=[[1, 3, 5], [1, 3, 5], [1, 3, 5]]),
    "v2": dict(resblock="1", upsample_rates=[8, 8, 2, 2], upsample_kernel_sizes=[16, 16, 4, 4],
               upsample_initial_channel=128, resblock_kernel_sizes=[3, 7, 11],
               resblock_dilation_sizes=[[1, 3, 5], [1, 3, 5], [1, 3, 5]]),
    "v3": dict(resblock="2", upsample_rates=[8, 8, 4], upsample_kernel_sizes=[16, 16, 8],
               upsample_initial_channel=256, resblock_kernel_sizes=[3, 5, 7],
               resblock_dilation_sizes=[[1, 2], [2, 6], [3, 12]]),
}


def pad_for(kernel, dilation=1):
    return (kernel * dilation - dilation) // 2


class ResBlock1(nn.Module):
    def __init__(self, ch, k, dilations):
        super().__init__()
        self.convs1 = nn.ModuleList(
            [weight_norm(nn.Conv1d(ch, ch, k, 1, dilation=d, padding=pad_for(k, d))) for d in dilations])
        self.convs2 = nn.ModuleList(
            [weight_norm(nn.Conv1d(ch, ch, k, 1, dilation=1, padding=pad_for(k))) for _ in dilations])

    def forward(self, x):
        for c1, c2 in zip(self.convs1, self.convs2):
            x = x + c2(F.leaky_relu(c1(F.leaky_relu(x, LRELU_SLOPE)), LRELU_SLOPE))
        return x


class ResBlock2(nn.Module):
    def __init__(self, ch, k, dilations):
        super().__init__()
        self.convs = nn.ModuleList(
            [weight_norm(nn.Conv1d(ch, ch, k, 1, dilation=d, padding=pad_for(k, d))) for d in dilations])

    def forward(self, x):
        for c in self.convs:
            x = x + c(F.leaky_relu(x, LRELU_SLOPE))
        return x


class Generator(nn.Module):
    def __init__(self, h, n_mels=80):
        super().__init__()
        self.num_kernels = len(h["resblock_kernel_sizes"])
        ch0 = h["upsample_initial_channel"]
        self.conv_pre = weight_norm(nn.Conv1d(n_mels, ch0, 7, 1, padding=3))
        self.ups = nn.ModuleList()
        for i, (u, k) in enumerate(zip(h["upsample_rates"], h["upsample_kernel_sizes"])):
            self.ups.append(weight_norm(
                nn.ConvTranspose1d(ch0 // 2 ** i, ch0 // 2 ** (i + 1), k, u, padding=(k - u) // 2)))
        block = ResBlock1 if h["resblock"] == "1" else ResBlock2
        self.resblocks = nn.ModuleList()
        for i in range(len(self.ups)):
            ch = ch0 // 2 ** (i + 1)
            for k, d in zip(h["resblock_kernel_sizes"], h["resblock_dilation_sizes"]):
                self.resblocks.append(block(ch, k, d))
        self.conv_post = weight_norm(nn.Conv1d(ch, 1, 7, 1, padding=3))

    def forward(self, x):
        x = self.conv_pre(x)
        for i, up in enumerate(self.ups):
            x = up(F.leaky_relu(x, LRELU_SLOPE))
            xs = None
            for j in range(self.num_kernels):
                y = self.resblocks[i * self.num_kernels + j](x)
                xs = y if xs is None else xs + y
            x = xs / self.num_kernels
        x = F.leaky_relu(x)  # library default slope 0.01, as the official code
        return torch.tanh(self.conv_post(x))


# ---- deterministic hash weights (mirrored by packages/hifigan/test/hash-weights.ts) ----

def fnv1a32(text):
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h ^= byte
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def hash_uniform(seed, count):
    """u[i] in [-1, 1): a murmur3-finaliser hash of (i + 1) mixed with seed, as float64."""
    out = []
    for i in range(count):
        h = ((i + 1) * 0x9E3779B1) & 0xFFFFFFFF
        h ^= seed
        h ^= h >> 16
        h = (h * 0x85EBCA6B) & 0xFFFFFFFF
        h ^= h >> 13
        h = (h * 0xC2B2AE35) & 0xFFFFFFFF
        h ^= h >> 16
        out.append(h / 4294967296.0 * 2.0 - 1.0)
    return out


def hash_tensor(key, shape, scale):
    n = 1
    for s in shape:
        n *= s
    values = torch.tensor(hash_uniform(fnv1a32(key), n), dtype=torch.float64) * scale
    return values.to(torch.float32).reshape(shape)


def hash_state_dict(model):
    """Fills every parameter: weight_v uniform * 1/sqrt(fan), weight_g in [0.5, 1.5] * gscale, bias * 0.01."""
    sd = {}
    for key, p in model.state_dict().items():
        shape = list(p.shape)
        if key.endswith("weight_v"):
            fan = math.prod(shape) // shape[0]
            sd[key] = hash_tensor(key, shape, 1.0 / math.sqrt(fan))
        elif key.endswith("weight_g"):
            sd[key] = hash_tensor(key, shape, 0.5) + 1.0
        elif key.endswith("bias"):
            sd[key] = hash_tensor(key, shape, 0.01)
        else:
            raise ValueError(f"unexpected parameter {key}")
    return sd
