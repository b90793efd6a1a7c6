#!/usr/bin/python3
"""Reference values for @voirs/metrics, written independently from the published algorithms.

Run with Debian's interpreter (torch 1.13, numpy): /usr/bin/python3 tools/reference/metrics_reference.py
It writes packages/metrics/test/fixtures/metrics-golden.json. The test signals are generated here and
in packages/metrics/test/reference-signals.ts with integer LCG noise and exact arithmetic, so both sides
see the same float32 samples; only numbers are stored.

- SI-SDR / SI-SNR: Le Roux et al. 2019 (projection on the reference; zero-mean variant).
- STOI: Taal et al. 2011; ESTOI: Jensen & Taal 2016 (10 kHz, 256-sample frames, 512 FFT,
  15 third-octave bands from 150 Hz, 30-frame segments, beta -15 dB, 40 dB silence removal).
- Multi-resolution STFT (Parallel WaveGAN resolutions) and log-spectral distance on torch.stft.
- Mel-cepstral distortion: log-magnitude cepstrum of the STFT warped by the all-pass recursion,
  Kubichek's 10/ln10 * sqrt(2 sum) over c1..c24, spectra floored 80 dB below the reference's largest
  bin, frames within 40 dB of the loudest reference frame.
- K-weighting: BS.1770 stages from their analog parameters by the pre-warped bilinear transform.
"""
import json
import math
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'metrics', 'test', 'fixtures', 'metrics-golden.json')
EPS = np.finfo(np.float64).eps


# ---------------------------------------------------------------- signals (mirrored in TypeScript)
def lcg(n, seed):
    out = np.empty(n)
    x = seed & 0xFFFFFFFF
    for i in range(n):
        x = (1664525 * x + 1013904223) & 0xFFFFFFFF
        out[i] = x / 4294967296.0 - 0.5
    return out


def speechlike(n, seed, period):
    u = lcg(n, seed)
    out = np.empty(n)
    lp = 0.0
    for i in range(n):
        lp = 0.9 * lp + u[i]
        tri = abs(((i % period) / period) * 2.0 - 1.0)
        out[i] = 0.1 * lp * tri
    return out.astype(np.float32).astype(np.float64)


def noisy(clean, seed, gain):
    return (clean + gain * lcg(len(clean), seed)).astype(np.float32).astype(np.float64)


def smeared(clean):
    d = np.concatenate([np.zeros(3), clean[:-3]])
    return (0.7 * clean + 0.3 * d).astype(np.float32).astype(np.float64)


# ---------------------------------------------------------------- SI-SDR
def si_sdr(ref, est, zero_mean=False):
    ref = np.asarray(ref, float)
    est = np.asarray(est, float)
    if zero_mean:
        ref = ref - ref.mean()
        est = est - est.mean()
    alpha = est @ ref / (ref @ ref)
    target = alpha * ref
    return 10 * math.log10((target @ target) / ((est - target) @ (est - target)))


# ---------------------------------------------------------------- STOI / ESTOI
def stoi_window():
    n = np.arange(1, 257)
    return 0.5 - 0.5 * np.cos(2 * np.pi * n / 257)


def frame_starts(length):
    return list(range(0, length - 256, 128))


def remove_silent(x, y):
    w = stoi_window()
    starts = frame_starts(len(x))
    energy = np.array([20 * np.log10(np.linalg.norm(x[s:s + 256] * w) + EPS) for s in starts])
    keep = [s for s, e in zip(starts, energy) if e - (energy.max() - 40) > 0]
    length = (len(keep) - 1) * 128 + 256
    xs = np.zeros(length)
    ys = np.zeros(length)
    for j, s in enumerate(keep):
        xs[j * 128:j * 128 + 256] += x[s:s + 256] * w
        ys[j * 128:j * 128 + 256] += y[s:s + 256] * w
    return xs, ys


def band_matrix():
    f = np.arange(257) * 10000 / 512
    a = np.zeros((15, 257))
    for i in range(15):
        lo = np.argmin((f - 150 * 2 ** ((2 * i - 1) / 6)) ** 2)
        hi = np.argmin((f - 150 * 2 ** ((2 * i + 1) / 6)) ** 2)
        a[i, lo:hi] = 1
    return a


def envelopes(x):
    w = stoi_window()
    spec = np.array([np.fft.rfft(x[s:s + 256] * w, 512) for s in frame_starts(len(x))]).T
    return np.sqrt(band_matrix() @ (np.abs(spec) ** 2))


def stoi(x, y, extended=False):
    xs, ys = remove_silent(x, y)
    X = envelopes(xs)
    Y = envelopes(ys)
    scores = []
    for m in range(30, X.shape[1] + 1):
        xseg = X[:, m - 30:m]
        yseg = Y[:, m - 30:m]
        if extended:
            def norm(s):
                s = s - s.mean(axis=1, keepdims=True)
                s = s / (np.sqrt((s ** 2).sum(axis=1, keepdims=True)) + EPS)
                s = s - s.mean(axis=0, keepdims=True)
                return s / (np.sqrt((s ** 2).sum(axis=0, keepdims=True)) + EPS)
            scores.append((norm(xseg) * norm(yseg)).sum() / 30)
        else:
            alpha = np.linalg.norm(xseg, axis=1, keepdims=True) / (np.linalg.norm(yseg, axis=1, keepdims=True) + EPS)
            yp = np.minimum(alpha * yseg, xseg * (1 + 10 ** (15 / 20)))
            xc = xseg - xseg.mean(axis=1, keepdims=True)
            yc = yp - yp.mean(axis=1, keepdims=True)
            corr = (xc * yc).sum(axis=1) / ((np.linalg.norm(xc, axis=1) + EPS) * (np.linalg.norm(yc, axis=1) + EPS))
            scores.extend(corr)
    return float(np.mean(scores))


# ---------------------------------------------------------------- spectral distances
def stft_power(x, n_fft, hop, win):
    spec = torch.stft(torch.from_numpy(x), n_fft, hop, win, window=torch.hann_window(win, dtype=torch.float64),
                      center=True, pad_mode='reflect', return_complex=True)
    return (spec.real ** 2 + spec.imag ** 2).numpy()


def mrstft(x, y):
    sc = mag = 0.0
    for n_fft, hop, win in [(1024, 120, 600), (2048, 240, 1200), (512, 50, 240)]:
        a = np.sqrt(np.maximum(stft_power(x, n_fft, hop, win), 1e-7))
        b = np.sqrt(np.maximum(stft_power(y, n_fft, hop, win), 1e-7))
        sc += np.linalg.norm(a - b) / np.linalg.norm(a)
        mag += np.mean(np.abs(np.log(a) - np.log(b)))
    return {'total': (sc + mag) / 3, 'sc': sc / 3, 'mag': mag / 3}


def lsd(x, y):
    a = 10 * np.log10(np.maximum(stft_power(x, 2048, 512, 2048), 1e-10))
    b = 10 * np.log10(np.maximum(stft_power(y, 2048, 512, 2048), 1e-10))
    return float(np.mean(np.sqrt(np.mean((a - b) ** 2, axis=0))))


# ---------------------------------------------------------------- MCD
def freqt(c, order, alpha):
    g = np.zeros(order + 1)
    b = 1 - alpha * alpha
    for ci in c[::-1]:
        d = g.copy()
        g[0] = ci + alpha * d[0]
        if order >= 1:
            g[1] = b * d[0] + alpha * d[1]
        for j in range(2, order + 1):
            g[j] = d[j - 1] + alpha * (d[j] - g[j - 1])
    return g


def mcep_alpha(sr):
    w = np.linspace(0, np.pi, 1000)
    mel = np.log1p(w * sr / (2 * np.pi) / 1000)
    mel /= mel[-1]
    best, best_err = 0.0, np.inf
    for step in range(1000):
        a = step / 1000
        warped = w + 2 * np.arctan2(a * np.sin(w), 1 - a * np.cos(w))
        err = np.sum((warped / np.pi - mel) ** 2)
        if err < best_err:
            best, best_err = a, err
    return best


def power_frames(x, sr):
    win = round(0.025 * sr)
    hop = round(0.005 * sr)
    n_fft = 16
    while n_fft < win:
        n_fft *= 2
    return stft_power(x, n_fft, hop, win), n_fft


def mel_cepstra(p, n_fft, sr, floor, order=24):
    alpha = mcep_alpha(sr)
    cep = []
    for t in range(p.shape[1]):
        real = np.fft.irfft(0.5 * np.log(np.maximum(p[:, t], floor)), n_fft)
        causal = np.concatenate([[real[0]], 2 * real[1:n_fft // 2]])
        cep.append(freqt(causal, order, alpha))
    return np.array(cep), 10 * np.log10(p.sum(axis=0) + 1e-30)


def mcd(x, y, sr):
    px, n_fft = power_frames(x, sr)
    py, _ = power_frames(y, sr)
    floor = px.max() * 1e-8  # 80 dB below the reference's largest bin
    cx, ex = mel_cepstra(px, n_fft, sr, floor)
    cy, _ = mel_cepstra(py, n_fft, sr, floor)
    keep = ex > ex.max() - 40
    d = (10 / np.log(10)) * np.sqrt(2 * np.sum((cx[keep, 1:] - cy[keep, 1:]) ** 2, axis=1))
    return float(d.mean())


# ---------------------------------------------------------------- K-weighting
def k_weighting(sr):
    k = math.tan(math.pi * 1681.974450955533 / sr)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh ** 0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0,
             2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    k = math.tan(math.pi * 38.13547087602444 / sr)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    hp = [1.0, -2.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    return {'shelf': shelf, 'highpass': hp}


def main():
    golden = {
        'siSdrCheck': si_sdr([3, -0.5, 2, 7], [2.5, 0, 2, 8]),
        'siSnrCheck': si_sdr([3, -0.5, 2, 7], [2.5, 0, 2, 8], zero_mean=True),
    }
    clean10 = speechlike(30000, 1, 2500)
    noisy10 = noisy(clean10, 2, 0.02)
    smeared10 = smeared(clean10)
    golden['stoi10k'] = {
        'noisy': {'stoi': stoi(clean10, noisy10), 'estoi': stoi(clean10, noisy10, True)},
        'smeared': {'stoi': stoi(clean10, smeared10), 'estoi': stoi(clean10, smeared10, True)},
    }
    clean22 = speechlike(22050, 3, 5000)
    noisy22 = noisy(clean22, 4, 0.01)
    golden['pair22k'] = {
        'siSdr': si_sdr(clean22, noisy22),
        'siSnr': si_sdr(clean22, noisy22, True),
        'mrstft': mrstft(clean22, noisy22),
        'lsd': lsd(clean22, noisy22),
        'mcd': mcd(clean22, noisy22, 22050),
    }
    golden['mcepAlpha'] = {str(sr): mcep_alpha(sr) for sr in (16000, 22050, 44100, 48000)}
    golden['kWeighting'] = {str(sr): k_weighting(sr) for sr in (16000, 44100, 48000)}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w') as f:
        json.dump(golden, f, indent=2)
        f.write('\n')
    print(json.dumps(golden, indent=2))


if __name__ == '__main__':
    main()
