/**
 * Leaks: HiFi-GAN (the tiny generator) created, used and disposed LEAK_CYCLES times (1,000 by
 * default) must not grow memory beyond a bound, and must close every file descriptor it opened.
 * Memory is measured after a forced garbage collection, after a warm-up.
 */
import { describe, expect, it } from 'vitest';
import { hifiganPlugin } from '@voirs/hifigan';
import { nodeBackend } from '@voirs/backend-node';
import { HIFIGAN_PRESET } from '@voirs/core';
import { guardRejections } from '../src/guard-rejections.js';
import { tinyHifiganOnnx } from '@voirs/hifigan/testing';
import { speechMel } from '../src/models/vocoders.js';
import { mib, openFileDescriptors, sampleMemory, slope } from '../src/soak/resources.js';
import { hardeningSettings } from '../src/settings.js';

guardRejections();
const { leakCycles } = hardeningSettings();
const WARM_UP = Math.min(100, Math.floor(leakCycles / 5));

describe('leaks', () => {
  it(`create / vocode / dispose ${leakCycles} times: bounded memory, no open handles`, async () => {
    const bytes = tinyHifiganOnnx();
    const mel = speechMel(HIFIGAN_PRESET, 8);
    const cycle = async () => {
      const vocoder = await hifiganPlugin.create({
        model: { bytes, name: 'tiny' },
        backend: nodeBackend,
        sessionOptions: { intraOpThreads: 1, interOpThreads: 1 },
      });
      const audio = await vocoder.vocode(mel);
      expect(audio.samples.length).toBe(8 * 256);
      await vocoder.dispose();
    };
    for (let i = 0; i < WARM_UP; i++) await cycle();
    const fdsBefore = openFileDescriptors();
    const before = sampleMemory();
    const times: number[] = [];
    const rss: number[] = [];
    for (let i = WARM_UP; i < leakCycles; i++) {
      await cycle();
      if (i % 50 === 0) {
        times.push(i);
        rss.push(sampleMemory().rss);
      }
    }
    const after = sampleMemory();
    const fdsAfter = openFileDescriptors();
    const cycles = leakCycles - WARM_UP;
    const perCycle = slope(times, rss);
    console.info(
      `[leaks] ${cycles} cycles after ${WARM_UP} warm-up: rss ${mib(before.rss)} -> ${mib(after.rss)} ` +
        `(slope ${(perCycle / 1024).toFixed(2)} KiB/cycle), heap ${mib(before.heapUsed)} -> ${mib(after.heapUsed)}, ` +
        `array buffers ${mib(before.arrayBuffers)} -> ${mib(after.arrayBuffers)}, fds ${fdsBefore} -> ${fdsAfter}`,
    );
    expect(fdsAfter).toBe(fdsBefore);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(8 * 2 ** 20);
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(4 * 2 ** 20);
    // one leaked session of this model is ~100 KiB of native memory: 10 KiB/cycle would be a leak
    expect(perCycle).toBeLessThan(10 * 1024);
    expect(after.rss - before.rss).toBeLessThan(48 * 2 ** 20);
  }, 600_000);
});
