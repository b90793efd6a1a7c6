/**
 * Regression (found by the hardening suites): a finite mel with values near the float32 limit
 * overflowed the network (Infinity - Infinity in the upsampler), and DiffWave returned NaN audio as
 * a success. A denoiser output holding NaN or Infinity now fails with E_BACKEND_RUN, naming the
 * mel's range against the [0, 1] of the diffwave convention.
 */
import { describe, expect, it } from 'vitest';
import { createNodeBackend } from '@voirs/backend-node';
import { diffwavePlugin } from '../src/index.js';
import { fixtureBytes, goldenMel } from './fixtures.js';

describe('regression: non-finite DiffWave output', () => {
  it('fails with E_BACKEND_RUN instead of returning NaN audio', async () => {
    const vocoder = await diffwavePlugin.create({
      model: { bytes: fixtureBytes('small.pt'), name: 'small.pt' },
      backend: createNodeBackend(),
      modelConfig: { threads: 1 },
    });
    const base = goldenMel();
    const mel = { ...base, data: base.data.map((_, i) => (i % 2 ? 3e38 : -3e38)) };
    const error = await vocoder.vocode(mel, { seed: 1 }).then(
      () => undefined,
      (e: unknown) => e as Error & { code: string },
    );
    expect(error?.code).toBe('E_BACKEND_RUN');
    expect(error?.message).toContain('[0, 1]');
    const fine = await vocoder.vocode(base, { seed: 1 });
    expect(fine.samples.every(Number.isFinite)).toBe(true);
    await vocoder.dispose();
  });
});
