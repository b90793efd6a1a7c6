#!/usr/bin/python3
"""Golden mel spectrograms for @voirs/dsp, computed the way the official training code does.

Run with Debian's python3-torch (torch 1.13, numpy), from the repository root:

    /usr/bin/python3 tools/reference/mel_reference.py            # writes packages/dsp/test/fixtures/mel/
    /usr/bin/python3 tools/reference/mel_reference.py --bench    # times the torch frontends on 60 s

torchaudio and librosa are not installed, so their two pieces are re-implemented here from their
documented definitions (see REFERENCE.md of the project):
  * librosa.filters.mel (Slaney scale, Slaney area norm; weights stored as float32),
  * torchaudio.functional.melscale_fbanks (HTK scale, no norm; float32) and the
    torchaudio.transforms.MelSpectrogram pipeline (centred reflect-padded STFT, normalized=True
    meaning division by sqrt(sum(window^2)), magnitude, mel matmul).
The frontends themselves follow each project:
  * hifigan  (jik876/hifi-gan meldataset.mel_spectrogram): reflect pad 384, torch.stft(center=False),
    sqrt(re^2 + im^2 + 1e-9), mel matmul, log(clamp(x, 1e-5)).
  * waveglow (NVIDIA tacotron2 TacotronSTFT): reflect pad 512, conv1d with the windowed Fourier
    basis (np.fft of the identity), sqrt(re^2 + im^2), mel matmul, log(clamp(x, 1e-5)).
  * diffwave (lmnt-com/diffwave preprocess): torchaudio MelSpectrogram(f_min 20, f_max 11025,
    power 1, normalized=True), 20*log10(clamp(x, 1e-5)) - 20, clamp((x + 100) / 100, 0, 1).
Each frontend runs twice: in float32 exactly as those projects run (`*_f32.npy`, "as run"), and
the same code in float64 (`*.npy`, the exact value of the reference maths). The float32 runs carry
their own rounding noise (up to ~7e-4 in log-mel at bins near the 1e-5 floor of quiet frames).
"""
import json
import math
import os
import sys
import time
import wave

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get('VOIRS_SHARED_DIR', os.path.join(ROOT, '..', 'shared'))
OUT = os.path.join(ROOT, 'packages', 'dsp', 'test', 'fixtures', 'mel')
SR = 22050

# Real-speech excerpts: (clip, first sample, sample count). 64 * 256 samples = 0.74 s.
EXCERPTS = [('LJ001-0001', 44100, 64 * 256), ('LJ001-0002', 11025, 64 * 256)]
SYNTHETIC_SAMPLES = 44 * 256


def read_wav(path):
    with wave.open(path, 'rb') as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1 and w.getframerate() == SR
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype='<i2')
    return pcm.astype(np.float32) / 32768.0


def synthetic_signal(n=SYNTHETIC_SAMPLES):
    """1024 zeros, then a 100 Hz -> 8 kHz linear chirp (0.3) plus LCG noise (0.05). The TS tests
    build the identical signal: float64 maths, one rounding to float32."""
    x = np.zeros(n, dtype=np.float64)
    s = 12345
    duration = n / SR
    rate = (8000.0 - 100.0) / duration
    for i in range(n):
        s = (1103515245 * s + 12345) % 2 ** 31
        if i < 1024:
            continue
        t = i / SR
        x[i] = 0.3 * math.sin(2 * math.pi * (100.0 * t + 0.5 * rate * t * t)) + 0.05 * (s / 2 ** 31 - 0.5)
    return x.astype(np.float32)


# --- mel scales and filterbanks -------------------------------------------------------------

def hz_to_mel(f, htk):
    f = np.asarray(f, dtype=np.float64)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    mels = f / f_sp
    min_log_hz, min_log_mel, logstep = 1000.0, 1000.0 / f_sp, math.log(6.4) / 27.0
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-10) / min_log_hz) / logstep, mels)


def mel_to_hz(m, htk):
    m = np.asarray(m, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    min_log_hz, min_log_mel, logstep = 1000.0, 1000.0 / f_sp, math.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def librosa_mel(sr, n_fft, n_mels, fmin, fmax):
    """librosa.filters.mel(htk=False, norm='slaney'): float64 maths, float32 weights."""
    freqs = np.arange(n_fft // 2 + 1, dtype=np.float64) * sr / n_fft
    points = mel_to_hz(np.linspace(hz_to_mel(fmin, False), hz_to_mel(fmax, False), n_mels + 2), False)
    weights = np.zeros((n_mels, n_fft // 2 + 1), dtype=np.float32)
    for i in range(n_mels):
        lower = (freqs - points[i]) / (points[i + 1] - points[i])
        upper = (points[i + 2] - freqs) / (points[i + 2] - points[i + 1])
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (points[2:] - points[:-2]))[:, None]
    return torch.from_numpy(weights)


def torchaudio_fbanks(n_freqs, f_min, f_max, n_mels, sample_rate):
    """torchaudio.functional.melscale_fbanks(norm=None, mel_scale='htk'), float32, [n_freqs, n_mels]."""
    all_freqs = torch.linspace(0, sample_rate // 2, n_freqs)
    m_min = 2595.0 * math.log10(1.0 + f_min / 700.0)
    m_max = 2595.0 * math.log10(1.0 + f_max / 700.0)
    m_pts = torch.linspace(m_min, m_max, n_mels + 2)
    f_pts = 700.0 * (10 ** (m_pts / 2595.0) - 1.0)
    f_diff = f_pts[1:] - f_pts[:-1]
    slopes = f_pts.unsqueeze(0) - all_freqs.unsqueeze(1)
    down = (-1.0 * slopes[:, :-2]) / f_diff[:-1]
    up = slopes[:, 2:] / f_diff[1:]
    return torch.max(torch.zeros(1), torch.min(down, up))


# --- the three frontends ----------------------------------------------------------------------

SLANEY_BASIS = librosa_mel(SR, 1024, 80, 0, 8000)  # hifigan and waveglow use the same bank
DIFFWAVE_FB = torchaudio_fbanks(513, 20.0, SR / 2.0, 80, SR)


def hifigan_mel(y, dtype):
    y = torch.from_numpy(y).to(dtype)[None, None]
    y = torch.nn.functional.pad(y, (384, 384), mode='reflect').squeeze(1)
    spec = torch.stft(y, 1024, hop_length=256, win_length=1024, window=torch.hann_window(1024, dtype=dtype),
                      center=False, pad_mode='reflect', normalized=False, onesided=True, return_complex=True)
    spec = torch.view_as_real(spec)
    spec = torch.sqrt(spec.pow(2).sum(-1) + 1e-9)
    spec = torch.matmul(SLANEY_BASIS.to(dtype), spec)
    return torch.log(torch.clamp(spec, min=1e-5))[0]


def tacotron_forward_basis():
    fourier = np.fft.fft(np.eye(1024))
    cutoff = 513
    fourier = np.vstack([np.real(fourier[:cutoff, :]), np.imag(fourier[:cutoff, :])])
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(1024) / 1024)  # scipy get_window('hann', fftbins=True)
    return torch.from_numpy(fourier[:, None, :] * window)  # float64; Tacotron 2 stores it as float32


WAVEGLOW_FORWARD = tacotron_forward_basis()


def waveglow_mel(y, dtype):
    y = torch.from_numpy(y).to(dtype)[None, None]
    y = torch.nn.functional.pad(y, (512, 512), mode='reflect')
    out = torch.nn.functional.conv1d(y, WAVEGLOW_FORWARD.to(dtype), stride=256, padding=0)  # float32 or exact
    magnitude = torch.sqrt(out[:, :513, :] ** 2 + out[:, 513:, :] ** 2)
    mel = torch.matmul(SLANEY_BASIS.to(dtype), magnitude)
    return torch.log(torch.clamp(mel, min=1e-5))[0]


def diffwave_mel(y, dtype):
    y = torch.clamp(torch.from_numpy(y).to(dtype), -1.0, 1.0)
    window = torch.hann_window(1024, dtype=dtype)
    spec = torch.stft(y, 1024, hop_length=256, win_length=1024, window=window, center=True,
                      pad_mode='reflect', normalized=False, onesided=True, return_complex=True)
    spec = spec / window.pow(2.0).sum().sqrt()
    spec = spec.abs()
    mel = torch.matmul(spec.transpose(-1, -2), DIFFWAVE_FB.to(dtype)).transpose(-1, -2)
    mel = 20 * torch.log10(torch.clamp(mel, min=1e-5)) - 20
    return torch.clamp((mel + 100) / 100, 0.0, 1.0)


FRONTENDS = {'hifigan': hifigan_mel, 'waveglow': waveglow_mel, 'diffwave': diffwave_mel}


def small_stft(x):
    """torch.stft(n_fft 64, hop 16, win 48 (hann, centred in the frame), center, constant pad),
    divided by sqrt(sum(w^2)) as torchaudio's normalized=True does."""
    w = torch.hann_window(48)
    spec = torch.stft(torch.from_numpy(x), 64, hop_length=16, win_length=48, window=w, center=True,
                      pad_mode='constant', normalized=False, onesided=True, return_complex=True)
    return spec / w.pow(2).sum().sqrt()


def windows():
    """Rows: hann, hamming, blackman, bartlett, kaiser(beta 12) of length 16, periodic then symmetric."""
    rows = []
    for periodic in (True, False):
        rows += [torch.hann_window(16, periodic=periodic), torch.hamming_window(16, periodic=periodic),
                 torch.blackman_window(16, periodic=periodic), torch.bartlett_window(16, periodic=periodic),
                 torch.kaiser_window(16, periodic=periodic, beta=12.0)]
    return torch.stack(rows).double().numpy()


def save(name, array, dtype='<f4'):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(array, dtype=dtype))


def generate():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    meta = {'sampleRate': SR, 'excerpts': [], 'synthetic': {'samples': SYNTHETIC_SAMPLES}}
    for clip, start, count in EXCERPTS:
        audio = read_wav(os.path.join(SHARED, 'data', 'ljspeech', clip + '.wav'))[start:start + count]
        meta['excerpts'].append({'clip': clip, 'start': start, 'samples': count})
        for preset, fn in FRONTENDS.items():
            save(f'{clip.lower()}_{preset}.npy', fn(audio, torch.float64).numpy())
            save(f'{clip.lower()}_{preset}_f32.npy', fn(audio, torch.float32).numpy())
    synth = synthetic_signal()
    for preset, fn in FRONTENDS.items():
        save(f'synthetic_{preset}.npy', fn(synth, torch.float64).numpy())
    spec = small_stft(synth[1000:1400])
    save('stft_synthetic.npy', np.stack([spec.real.numpy(), spec.imag.numpy()]))
    save('windows.npy', windows(), dtype='<f8')
    with open(os.path.join(OUT, 'excerpts.json'), 'w') as f:
        json.dump(meta, f, indent=2)
        f.write('\n')
    print('wrote', sorted(os.listdir(OUT)))


def bench():
    torch.set_num_threads(1)
    y = (torch.rand(SR * 60, generator=torch.Generator().manual_seed(0)) - 0.5).numpy() * 0.5
    for preset, fn in FRONTENDS.items():
        fn(y, torch.float32)
        times = []
        for _ in range(7):
            t = time.perf_counter()
            fn(y, torch.float32)
            times.append(time.perf_counter() - t)
        print(f'{preset}: torch (1 thread) median {1000 * sorted(times)[3]:.1f} ms for 60 s of audio')


if __name__ == '__main__':
    bench() if '--bench' in sys.argv else generate()
