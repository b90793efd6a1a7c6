#!/usr/bin/python3
"""Golden fixtures and the PyTorch speed peer for @voirs/diffwave, from the PyTorch DiffWave in
diffwave_model.py (written from REFERENCE.md).

Run from the repository root with Debian's python3-torch:

    /usr/bin/python3 tools/reference/diffwave_reference.py            # writes packages/diffwave/test/fixtures/
    /usr/bin/python3 tools/reference/diffwave_reference.py --bench [--seconds 10] [--steps 6,50] [--threads 2]
            [--repeats 1] [--per-step]
        # PyTorch timings of the base model (30 x 64, hash weights): whole sampling loops and/or
        # single network evaluations; the speed peer of packages/diffwave/bench/rtf.ts

See packages/diffwave/test/fixtures/README.md for what each file holds.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import diffwave_model as dm  # noqa: E402
from mel_reference import ROOT, SHARED, diffwave_mel, read_wav  # noqa: E402

OUT = os.path.join(ROOT, 'packages', 'diffwave', 'test', 'fixtures')
CLIP, START, FRAMES = 'LJ001-0001', 33075, 8
N = FRAMES * 256
SMALL = dict(residual_layers=6, residual_channels=16, dilation_cycle_length=3)
UNCOND = dict(residual_layers=4, residual_channels=8, unconditional=True)


def save(name, array):
    array = np.ascontiguousarray(np.asarray(array), dtype='<f4')
    np.save(os.path.join(OUT, name), array)
    print(f'{name}: shape {list(array.shape)}, max |x| {np.abs(array).max():.4f}')


def viewed(base, size, stride, offset=0):
    """A strided view into a shared storage: torch.save stores `base` once, each view as (offset, size, stride)."""
    return base.as_strided(size, stride, offset)


def small_checkpoint():
    """A training checkpoint of the official layout for the small config. The large tensors (the
    step-embedding MLP, each layer's diffusion and conditioner projections) are strided views into
    three shared storages, so the file stays small while every weight is distinct from its transpose."""
    params = dm.base_params(**SMALL)
    torch.manual_seed(20240501)
    model = dm.DiffWave(params)
    g = torch.Generator().manual_seed(7)
    base512 = (torch.rand(8192, generator=g) * 2 - 1) * (3 / 512) ** 0.5
    base128 = (torch.rand(4096, generator=g) * 2 - 1) * (3 / 128) ** 0.5
    base80 = (torch.rand(4096, generator=g) * 2 - 1) * (3 / 80) ** 0.5
    sd = model.state_dict()
    out = {}
    for key, value in sd.items():
        if key == 'diffusion_embedding.projection1.weight':
            out[key] = viewed(base128, (512, 128), (7, 1))
        elif key == 'diffusion_embedding.projection2.weight':
            out[key] = viewed(base512, (512, 512), (1, 15))
        elif key.endswith('diffusion_projection.weight'):
            layer = int(key.split('.')[1])
            out[key] = viewed(base512, (16, 512), (13, 1), 61 * layer)
        elif key.endswith('conditioner_projection.weight'):
            layer = int(key.split('.')[1])
            out[key] = viewed(base80, (32, 80, 1), (83, 1, 1), 131 * layer)
        elif key.endswith('.bias'):
            out[key] = torch.rand(value.shape, generator=g) * 0.1 - 0.05
        else:
            out[key] = (torch.rand(value.shape, generator=g) * 2 - 1) * dm.weight_scale(key, list(value.shape))
    # some checkpoints store the step-embedding table as a (persistent) buffer: exercise that path
    out['diffusion_embedding.embedding'] = dm.DiffusionEmbedding.table(len(params.noise_schedule))
    model.load_state_dict({k: v for k, v in out.items() if k != 'diffusion_embedding.embedding'})
    optimizer = torch.optim.Adam(model.parameters(), lr=params.learning_rate)
    checkpoint = {'step': 1000578, 'model': out, 'optimizer': optimizer.state_dict(), 'params': params,
                  'scaler': {'scale': 65536.0, 'growth_factor': 2.0, 'backoff_factor': 0.5,
                             'growth_interval': 2000, '_growth_tracker': 0}}
    return checkpoint, model.eval()


def hashed(params):
    model = dm.DiffWave(params)
    model.load_state_dict(dm.hash_state_dict(model))
    return model.eval()


def eps(model, x, t, mel):
    with torch.no_grad():
        return model(x, torch.tensor([t], dtype=torch.float32), mel)[0, 0]


def generate():
    os.makedirs(OUT, exist_ok=True)
    audio = read_wav(os.path.join(SHARED, 'data', 'ljspeech', f'{CLIP}.wav'))
    mel = diffwave_mel(audio[START:START + (FRAMES - 1) * 256], torch.float32)
    assert mel.shape == (80, FRAMES), mel.shape
    save('mel.npy', mel.numpy())
    mel = mel[None]
    torch.manual_seed(1)
    noise = torch.randn(6, N)
    save('noise.npy', noise.numpy())
    x = noise[0:1]

    checkpoint, small = small_checkpoint()
    path = os.path.join(OUT, 'small.pt')
    torch.save(checkpoint, path)
    reloaded = dm.DiffWave(dm.base_params(**SMALL))
    reloaded.load_state_dict({k: v for k, v in torch.load(path)['model'].items() if k != 'diffusion_embedding.embedding'})
    print(f'small.pt: {os.path.getsize(path)} bytes')
    train = dm.TRAIN_BETAS
    save('small-eps.npy', torch.stack([eps(reloaded.eval(), x, t, mel) for t in (0.0, 2.37, 49.0)]))
    save('small-fast.npy', dm.ddpm(small, mel, train, dm.FAST_BETAS, noise))
    save('small-full-seed7.npy', dm.ddpm(small, mel, train, train, dm.seeded_noise(7, 50, N)))
    save('small-ddim8-eta05-seed11.npy', dm.ddim(small, mel, train, 8, 0.5, dm.seeded_noise(11, 8, N)))
    save('small-ddim50-eta1-seed7.npy', dm.ddim(small, mel, train, 50, 1.0, dm.seeded_noise(7, 50, N)))

    base = hashed(dm.base_params())
    save('base-hash-eps.npy', eps(base, x, 3.7, mel))
    save('base-hash-fast.npy', dm.ddpm(base, mel, train, dm.FAST_BETAS, noise))
    uncond = hashed(dm.base_params(**UNCOND))
    save('uncond-hash-eps.npy', eps(uncond, x, 12.5, None))
    save('gaussian-seed42-stream3.npy', dm.counter_gaussian(42, 3, 1001))
    with open(os.path.join(OUT, 'fast-steps.json'), 'w') as f:
        steps = dm.fractional_steps(train, dm.FAST_BETAS)
        json.dump({'train': train, 'inference': dm.FAST_BETAS, 'steps': [float(s) for s in steps],
                   'fullSteps': [float(s) for s in dm.fractional_steps(train, train)],
                   'ddim8': dm.ddim_timesteps(50, 8)}, f, indent=1)
        f.write('\n')


def bench(seconds, step_counts, threads, repeats, per_step):
    """PyTorch timings of the base model (hash weights) on `seconds` of audio: with `per_step`, one
    warm-up (on at most 1 s) then `repeats` single network evaluations; else `repeats` whole sampling loops per step
    count (6 = the fast schedule, 50 = the training schedule, other counts DDIM). Prints JSON last."""
    torch.set_num_threads(threads)
    model = hashed(dm.base_params())
    frames = int(round(seconds * 22050 / 256))
    mel = torch.rand(1, 80, frames)
    n = frames * 256
    duration = n / 22050
    results = {}
    if per_step:
        x = torch.randn(1, n)
        warm = min(frames, 87)  # warm up threads and allocator on at most 1 s
        eps(model, x[:, :warm * 256], 3.5, mel[:, :, :warm])
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            eps(model, x, 3.5, mel)
            times.append(time.perf_counter() - started)
        results['step'] = {'seconds': times, 'median': float(np.median(times))}
        print(f'pytorch base 30x64, one network evaluation on {duration:.2f} s, {threads} threads: '
              f'median {np.median(times):.2f} s over {repeats}', file=sys.stderr, flush=True)
    for steps in step_counts:
        betas = dm.FAST_BETAS if steps == 6 else dm.TRAIN_BETAS
        times = []
        for _ in range(repeats):
            noise = torch.randn(steps, n)
            started = time.perf_counter()
            if steps in (6, 50):
                dm.ddpm(model, mel, dm.TRAIN_BETAS, betas, noise)
            else:
                dm.ddim(model, mel, dm.TRAIN_BETAS, steps, 0.0, noise)
            times.append(time.perf_counter() - started)
        median = float(np.median(times))
        results[str(steps)] = {'seconds': times, 'median': median, 'rtf': median / duration}
        print(f'pytorch base 30x64, {steps} steps on {duration:.2f} s, {threads} threads: '
              f'median {median:.2f} s over {repeats}, RTF {median / duration:.3f}', file=sys.stderr, flush=True)
    print(json.dumps({'torch': torch.__version__, 'threads': threads, 'samples': n, 'results': results}))


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--bench', action='store_true')
    parser.add_argument('--seconds', type=float, default=10.0)
    parser.add_argument('--steps', default='6,50', help='comma-separated sampling loops to time ("" for none)')
    parser.add_argument('--per-step', action='store_true', help='also time single network evaluations')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--repeats', type=int, default=1)
    args = parser.parse_args()
    if args.bench:
        bench(args.seconds, [int(s) for s in args.steps.split(',') if s], args.threads, args.repeats, args.per_step)
    else:
        torch.set_num_threads(2)
        generate()
