#!/usr/bin/python3
"""Golden fixtures and speed peers for @voirs/waveglow, from the PyTorch WaveGlow in
waveglow_model.py (written from REFERENCE.md).

Run with Debian's python3-torch from the repository root:

    /usr/bin/python3 tools/reference/waveglow_reference.py          # writes packages/waveglow/test/fixtures/
    /usr/bin/python3 tools/reference/waveglow_reference.py --bench [--seconds 10] [--threads 2] [--runs 3]
        # times infer() of the 12-flow, WN 8 x 256 model with hash weights (sigma 0.6; median of
        # --runs after a warm-up run on 1 s; wall and process CPU time), prints JSON

Fixtures (float32 little-endian .npy unless noted):
  mel.npy              waveglow-preset log-mel [80, 25] of LJ001-0001 samples 22050 .. 22050 + 24*256,
                       mel_reference.waveglow_mel in float64 (the exact maths), stored as float32
  noise.npy            standard normal [8, 800] (numpy default_rng(2024)): the explicit-noise layout
  hash-sigma0.npy      NVIDIA layout (80 mels, 12 flows, group 8, early 4/2) with WN 3 layers x 16
                       channels, kernel 3, hash weights: infer(mel, sigma 0)
  hash-noise.npy       the same model: infer(mel, sigma 0.6, noise)
  hash-bias.npy        the denoiser's bias spectrum of that model [513]
  hash-denoised.npy    the NVIDIA denoiser (strength 0.1) applied to hash-noise.npy's audio
  odd-noise.npy        standard normal [6, 100] (numpy default_rng(7)) for the odd model below
  odd-sigma0.npy       an unusual layout with hash weights: 3 mels, upsampler kernel 60 stride 24, 5
                       flows, group 6, early every 2 size 2 (channels 6, 6, 4, 4, 2), WN 3 layers x 6
                       channels, kernel 5: infer(mel[:3], sigma 0)
  odd-noise-out.npy    the same model: infer(mel[:3], sigma 0.5, odd-noise.npy)
  tiny-glow.pt         a whole pickled glow.WaveGlow in a dict under 'model' (legacy serialisation):
                       4 mels, upsampler kernel 512 stride 256, 6 flows, group 8, early every 2
                       size 2, WN 2 layers x 8 channels,
                       random torch weights (seed 7), `end` layers given small random weights
                       (and +1 on the log-scale half of their bias)
  tiny-sigma0.npy      tiny-glow.pt: infer(mel[:4], sigma 0)
  tiny-noise.npy       tiny-glow.pt: infer(mel[:4], sigma 0.3, noise)
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import waveglow_model as wm  # noqa: E402
from mel_reference import ROOT, SHARED, read_wav, waveglow_mel  # noqa: E402

OUT = os.path.join(ROOT, 'packages', 'waveglow', 'test', 'fixtures')
CLIP, START, FRAMES = 'LJ001-0001', 22050, 24
HASH = dict(n_mel_channels=80, n_flows=12, n_group=8, n_early_every=4, n_early_size=2, n_layers=3, n_channels=16)
ODD = dict(n_mel_channels=3, n_flows=5, n_group=6, n_early_every=2, n_early_size=2, n_layers=3, n_channels=6,
           kernel_size=5, upsample_kernel=60, upsample_stride=24)


def save(name, array):
    array = np.ascontiguousarray(array, dtype='<f4')
    np.save(os.path.join(OUT, name), array)
    print(f'{name}: shape {list(array.shape)}, max |x| {np.abs(array).max():.4f}, rms {np.sqrt((array ** 2).mean()):.4f}')


def infer(model, mel, sigma, noise=None):
    with torch.no_grad():
        return model.infer(torch.from_numpy(mel)[None], sigma, None if noise is None else torch.from_numpy(noise))[0]


def tiny_glow():
    torch.manual_seed(7)
    model = wm.WaveGlow(4, 6, 8, 2, 2, dict(n_layers=2, n_channels=8, kernel_size=3), upsample_kernel=512)
    with torch.no_grad():
        for wn in model.WN:  # NVIDIA zero-initialises `end`; give it weights so the flows do something
            wn.end.weight.normal_(0, 0.05)
            wn.end.bias.normal_(0, 0.05)
            wn.end.bias[wn.end.bias.numel() // 2:] += 1.0  # s near 1, as the hash weights do
    return model.eval()


def generate():
    os.makedirs(OUT, exist_ok=True)
    audio = read_wav(os.path.join(SHARED, 'data', 'ljspeech', f'{CLIP}.wav'))
    mel = waveglow_mel(audio[START:START + FRAMES * 256], torch.float64).numpy().astype(np.float32)
    assert mel.shape == (80, FRAMES + 1), mel.shape
    save('mel.npy', mel)
    steps = mel.shape[1] * 256 // 8
    noise = np.random.default_rng(2024).standard_normal((8, steps)).astype(np.float32)
    save('noise.npy', noise)

    model = wm.hashed_waveglow(**HASH)
    save('hash-sigma0.npy', infer(model, mel, 0.0))
    noisy = infer(model, mel, 0.6, noise)
    save('hash-noise.npy', noisy)
    denoiser = wm.Denoiser(model, 80)
    save('hash-bias.npy', denoiser.bias_spec[0, :, 0])
    with torch.no_grad():
        save('hash-denoised.npy', denoiser(noisy[None], 0.1)[0])

    odd = wm.hashed_waveglow(**ODD)
    odd_noise = np.random.default_rng(7).standard_normal((6, mel.shape[1] * 24 // 6)).astype(np.float32)
    save('odd-noise.npy', odd_noise)
    save('odd-sigma0.npy', infer(odd, mel[:3].copy(), 0.0))
    save('odd-noise-out.npy', infer(odd, mel[:3].copy(), 0.5, odd_noise))

    tiny = tiny_glow()
    save('tiny-sigma0.npy', infer(tiny, mel[:4].copy(), 0.0))
    save('tiny-noise.npy', infer(tiny, mel[:4].copy(), 0.3, noise))
    checkpoint = {'model': tiny, 'iteration': 7, 'learning_rate': 1e-4,
                  'optimizer': torch.optim.Adam(tiny.parameters(), lr=1e-4).state_dict()}
    path = os.path.join(OUT, 'tiny-glow.pt')
    torch.save(checkpoint, path, _use_new_zipfile_serialization=False)
    print(f'tiny-glow.pt: {os.path.getsize(path)} bytes')


def bench(seconds, threads, runs):
    torch.set_num_threads(threads)
    model = wm.hashed_waveglow()
    frames = int(seconds * 22050 / 256)
    mel = torch.from_numpy(np.random.default_rng(1).uniform(-8, 0, (1, 80, frames)).astype(np.float32))
    times, cpu = [], []
    with torch.no_grad():
        model.infer(mel[:, :, :min(frames, 86)], 0.6)  # warm-up on 1 s
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            audio = model.infer(mel, 0.6)
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
    duration = audio.shape[1] / 22050
    median = sorted(times)[len(times) // 2]
    print(json.dumps({'peer': 'pytorch', 'torch': torch.__version__, 'threads': threads, 'frames': frames,
                      'audioSeconds': duration, 'runs': [round(t, 3) for t in times],
                      'medianSeconds': round(median, 3), 'rtf': round(median / duration, 3),
                      'medianCpuSeconds': round(sorted(cpu)[len(cpu) // 2], 3)}))


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--bench', action='store_true')
    parser.add_argument('--seconds', type=float, default=10.0)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--runs', type=int, default=3)
    args = parser.parse_args()
    if args.bench:
        bench(args.seconds, args.threads, args.runs)
    else:
        torch.set_num_threads(1)
        generate()
