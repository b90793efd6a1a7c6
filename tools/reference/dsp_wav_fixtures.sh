#!/bin/sh
# Golden WAV files for @voirs/dsp's reader tests, made with SoX 14.4.2 (Debian `sox`).
# Run from the repository root: sh tools/reference/dsp_wav_fixtures.sh
# Each <name>.wav comes with <name>.f32: SoX's own decoding of that file to raw little-endian
# float32 (interleaved), which readWav must reproduce. Signals are synthetic (no shared data).
set -eu
OUT=packages/dsp/test/fixtures/wav
mkdir -p "$OUT"
cd "$OUT"
# 24-bit stereo (SoX writes WAVE_FORMAT_EXTENSIBLE), two tones, 0.05 s at 16 kHz
sox -D -n -r 16000 -c 2 -b 24 -e signed-integer s24-stereo.wav synth 0.05 sine 440 sine 1000 gain -3
# 64-bit float mono, 0.1 s at 8 kHz, with a little noise so the low bits are busy
sox -D -n -r 8000 -c 1 -b 64 -e floating-point f64-mono.wav synth 0.1 sine 300 synth 0.1 whitenoise amod 0.1 gain -6
# 8-bit unsigned mono, 0.05 s at 8 kHz, driven into clipping
sox -D -n -r 8000 -c 1 -b 8 -e unsigned-integer u8-mono.wav synth 0.05 square 200 gain -1
# 16-bit, 3 channels (WAVE_FORMAT_EXTENSIBLE), 0.05 s at 8 kHz
sox -D -n -r 8000 -c 3 -b 16 -e signed-integer s16-3ch.wav synth 0.05 sine 100 sine 200 sine 300 gain -2
# 32-bit float stereo, 0.05 s at 8 kHz
sox -D -n -r 8000 -c 2 -b 32 -e floating-point f32-stereo.wav synth 0.05 sine 500 sine 700 gain -1
# mu-law: a format readWav must refuse (E_WAV_UNSUPPORTED)
sox -D -n -r 8000 -c 1 -e mu-law mulaw.wav synth 0.01 sine 440
for f in s24-stereo f64-mono u8-mono s16-3ch f32-stereo; do
  sox -D "$f.wav" -t f32 -e floating-point "$f.f32"
done
ls -l
