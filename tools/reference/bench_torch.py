#!/usr/bin/python3
"""PyTorch peers of the voirs-vocoder benchmark app (apps/bench): times the reference HiFi-GAN
generator and the reference hifigan mel frontend on the inputs the app prepared, and prints one
JSON object with the raw timings (milliseconds). The app summarises them with the same statistics
as its own measurements. Run with Debian's python3-torch:

    /usr/bin/python3 tools/reference/bench_torch.py generator --arch v2 --mel MEL.npy [--frames N] --threads 2
    /usr/bin/python3 tools/reference/bench_torch.py mel --audio AUDIO.npy --threads 1

generator: hifigan_model.Generator with the official V2 weights (../shared) or, for v1, the hash
           weights of hifigan_model (no V1 checkpoint is available), weight norm removed as in
           jik876's inference script, eval mode, torch.inference_mode(); the mel [80, frames] is
           vocoded as a [1, 80, frames] batch.
mel:       mel_reference.hifigan_mel in float32 (reflect pad, torch.stft, magnitude, Slaney
           filterbank matmul, log), exactly as jik876's meldataset computes it.
Timing: `--warmup` untimed runs, then timed runs until at least `--iterations` runs and `--time`
milliseconds (the loop of `voirs-vocoder bench`).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hifigan_reference as ref  # noqa: E402
from mel_reference import hifigan_mel  # noqa: E402


def measure(work, warmup, iterations, min_ms):
    for _ in range(warmup):
        work()
    samples = []
    while len(samples) < iterations or sum(samples) < min_ms:
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000.0)
        if len(samples) >= 1000:
            break
    return samples


def generator(args):
    g = ref.official_v2() if args.arch == 'v2' else ref.hashed(ref.hm.ARCHS[args.arch])
    for module in g.modules():
        if hasattr(module, 'weight_g'):
            torch.nn.utils.remove_weight_norm(module)
    g.eval()
    mel = np.load(args.mel).astype(np.float32)
    if args.frames is not None:
        if not 0 < args.frames <= mel.shape[1]:
            raise SystemExit(f'--frames {args.frames} is outside 1..{mel.shape[1]} (the mel has {mel.shape[1]} frames)')
        mel = mel[:, :args.frames]
    mel = torch.from_numpy(np.ascontiguousarray(mel))[None]
    out = {}

    def work():
        with torch.inference_mode():
            out['audio'] = g(mel)

    samples = measure(work, args.warmup, args.iterations, args.time)
    return {'arch': args.arch, 'frames': int(mel.shape[2]), 'output_samples': int(out['audio'].numel()),
            'sample_rate': 22050, 'samples_ms': samples}


def mel(args):
    audio = np.load(args.audio).astype(np.float32)
    samples = measure(lambda: hifigan_mel(audio, torch.float32), args.warmup, args.iterations, args.time)
    return {'preset': 'hifigan', 'audio_samples': int(audio.size), 'samples_ms': samples}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('what', choices=['generator', 'mel'])
    parser.add_argument('--arch', choices=['v1', 'v2'], default='v2')
    parser.add_argument('--mel')
    parser.add_argument('--frames', type=int, help='vocode only the first FRAMES frames of --mel')
    parser.add_argument('--audio')
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--warmup', type=int, default=1)
    parser.add_argument('--iterations', type=int, default=5)
    parser.add_argument('--time', type=float, default=2000.0)
    args = parser.parse_args()
    if (args.what == 'generator') != (args.mel is not None) or (args.what == 'mel') != (args.audio is not None):
        parser.error('generator needs --mel, mel needs --audio')
    torch.set_num_threads(args.threads)
    result = generator(args) if args.what == 'generator' else mel(args)
    result.update({'torch': torch.__version__, 'threads': torch.get_num_threads()})
    print(json.dumps(result))


if __name__ == '__main__':
    main()
