#!/usr/bin/python3
"""Golden fixtures for @voirs/hifigan: mel in -> audio out, computed by the PyTorch generator in
hifigan_model.py (written from REFERENCE.md).

Run with Debian's python3-torch from the repository root:

    /usr/bin/python3 tools/reference/hifigan_reference.py        # writes packages/hifigan/test/fixtures/
    /usr/bin/python3 tools/reference/hifigan_reference.py --export OUT.onnx [--arch v2]
        # a naive torch.onnx.export of the official V2 generator (a benchmark peer; never committed)

Fixtures (float32 little-endian .npy):
  mel.npy         hifigan-preset log-mel [80, 96] of LJ001-0003 samples 44100 .. 44100 + 96*256
                  (mel_reference.hifigan_mel in float32, exactly as jik876's meldataset computes it)
  v2.npy          the official V2 generator (../shared/models/hifigan-v2-ljspeech/generator_v2) on mel
  v1-hash.npy     V1 architecture, hash weights (hifigan_model.hash_state_dict), on mel[:, :48]
  v3-hash.npy     V3 architecture, hash weights, on mel
  custom-hash.npy a custom config (CUSTOM below), hash weights, on mel
"""
import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hifigan_model as hm  # noqa: E402
from mel_reference import SHARED, ROOT, hifigan_mel, read_wav  # noqa: E402

OUT = os.path.join(ROOT, 'packages', 'hifigan', 'test', 'fixtures')
CHECKPOINT = os.path.join(SHARED, 'models', 'hifigan-v2-ljspeech', 'generator_v2')
CLIP, START, FRAMES = 'LJ001-0003', 44100, 96
CUSTOM = dict(resblock="2", upsample_rates=[4, 4, 4, 4], upsample_kernel_sizes=[8, 8, 8, 8],
              upsample_initial_channel=32, resblock_kernel_sizes=[3, 5], resblock_dilation_sizes=[[1, 3], [1, 2, 4]])


def save(name, array):
    array = np.ascontiguousarray(array, dtype='<f4')
    np.save(os.path.join(OUT, name), array)
    print(f'{name}: shape {list(array.shape)}, max |x| {np.abs(array).max():.4f}')


def run(generator, mel):
    generator.eval()
    with torch.no_grad():
        return generator(torch.from_numpy(mel)[None]).numpy()[0, 0]


def official_v2():
    g = hm.Generator(hm.ARCHS['v2'])
    g.load_state_dict(torch.load(CHECKPOINT, map_location='cpu')['generator'])
    return g


def hashed(arch):
    g = hm.Generator(arch)
    g.load_state_dict(hm.hash_state_dict(g))
    return g


def generate():
    os.makedirs(OUT, exist_ok=True)
    audio = read_wav(os.path.join(SHARED, 'data', 'ljspeech', f'{CLIP}.wav'))
    mel = hifigan_mel(audio[START:START + FRAMES * 256], torch.float32).numpy()
    assert mel.shape == (80, FRAMES), mel.shape
    save('mel.npy', mel)
    save('v2.npy', run(official_v2(), mel))
    save('v1-hash.npy', run(hashed(hm.ARCHS['v1']), mel[:, :48].copy()))
    save('v3-hash.npy', run(hashed(hm.ARCHS['v3']), mel))
    save('custom-hash.npy', run(hashed(CUSTOM), mel))
    with open(os.path.join(OUT, 'custom-config.json'), 'w') as f:
        json.dump({**CUSTOM, 'num_mels': 80, 'sampling_rate': 22050, 'n_fft': 1024, 'hop_size': 256,
                   'win_size': 1024, 'fmin': 0, 'fmax': 8000}, f, indent=2)
        f.write('\n')


def export(path, arch):
    """torch.onnx.export of the generator as-is (weight norm folded by remove_weight_norm), dynamic frames."""
    g = official_v2() if arch == 'v2' else hashed(hm.ARCHS[arch])
    for module in g.modules():
        if hasattr(module, 'weight_g'):
            torch.nn.utils.remove_weight_norm(module)
    g.eval()
    torch.onnx.export(g, torch.zeros(1, 80, 100), path, input_names=['mel'], output_names=['audio'],
                      dynamic_axes={'mel': {0: 'batch', 2: 'frames'}, 'audio': {0: 'batch', 2: 'samples'}},
                      opset_version=17)
    print(f'exported {arch} to {path}')


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--export')
    parser.add_argument('--arch', default='v2')
    args = parser.parse_args()
    torch.set_num_threads(2)
    if args.export:
        export(args.export, args.arch)
    else:
        generate()
