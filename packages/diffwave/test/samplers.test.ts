/**
 * The samplers with a mock denoiser (pure TypeScript, no model): DDIM/DDPM equivalences, the
 * adaptive stopping rule, noise-row bookkeeping, progress and cancellation, and option planning.
 */
import { describe, expect, it } from 'vitest';
import {
  OFFICIAL_FAST_BETAS,
  OFFICIAL_TRAINING_BETAS,
  alphaCumulative,
  evenLevels,
  explicitNoise,
  planSampling,
  relativeChange,
  sampleAdaptive,
  sampleDdim,
  sampleDdpm,
  scheduleLevels,
  seededNoise,
  type Denoiser,
  type NoiseSource,
} from '../src/index.js';
import { compare } from './fixtures.js';

const N = 512;
const model = { training: OFFICIAL_TRAINING_BETAS, fast: OFFICIAL_FAST_BETAS };
const talpha = alphaCumulative(OFFICIAL_TRAINING_BETAS);
const clean = Float32Array.from({ length: N }, (_, i) => 0.4 * Math.sin(i / 7));

/** An imperfect "denoiser" for `clean` at integer training steps; records the largest |x| it saw. */
function mockDenoiser(seen = { maxAbs: 0, calls: 0 }): Denoiser {
  return async (x, step) => {
    seen.calls++;
    const a = talpha[Math.round(step)]!;
    return x.map((v, i) => {
      seen.maxAbs = Math.max(seen.maxAbs, Math.abs(v));
      return (0.9 * (v - Math.sqrt(a) * clean[i]!)) / Math.sqrt(1 - a) + 0.05 * Math.sin(step + i);
    });
  };
}

/** Seeded noise scaled down so that nothing reaches the clamps. */
const quietNoise = (seed: number): NoiseSource => ({
  row: (k) =>
    seededNoise(seed, N)
      .row(k)
      .map((v) => 0.1 * v),
});

describe('samplers', () => {
  it('DDIM with eta = 1 over the training levels equals DDPM (same noise rows, nothing clipped)', async () => {
    const levels = evenLevels(OFFICIAL_TRAINING_BETAS, 50);
    const seen = { maxAbs: 0, calls: 0 };
    const ddpm = await sampleDdpm(levels, { denoise: mockDenoiser(seen), noise: quietNoise(3) });
    expect(seen.maxAbs).toBeLessThan(1);
    const ddim = await sampleDdim(
      levels,
      { eta: 1 },
      { denoise: mockDenoiser(), noise: quietNoise(3) },
    );
    expect(ddpm.steps).toBe(50);
    expect(compare(ddim.audio, ddpm.audio).maxAbs).toBeLessThanOrEqual(1e-5);
    expect(compare(ddpm.audio, clean).maxAbs).toBeGreaterThan(1e-4); // the mock is imperfect: the path matters
  });

  it('DDPM over evenly respaced steps = T is DDPM over the training schedule', async () => {
    const full = await sampleDdpm(
      scheduleLevels(OFFICIAL_TRAINING_BETAS, OFFICIAL_TRAINING_BETAS),
      { denoise: mockDenoiser(), noise: seededNoise(1, N) },
    );
    const even = await sampleDdpm(evenLevels(OFFICIAL_TRAINING_BETAS, 50), {
      denoise: mockDenoiser(),
      noise: seededNoise(1, N),
    });
    expect(compare(even.audio, full.audio).maxAbs).toBeLessThanOrEqual(1e-6);
    for (const v of full.audio) expect(Math.abs(v)).toBeLessThanOrEqual(1);
  });

  it('DDIM with eta = 0 uses only x_T; with eta > 0 one row per step but the last', async () => {
    const levels = evenLevels(OFFICIAL_TRAINING_BETAS, 10);
    const used = new Set<number>();
    const noise = (seed: number): NoiseSource => ({
      row: (k) => (used.add(k), seededNoise(seed, N).row(k)),
    });
    await sampleDdim(levels, { eta: 0 }, { denoise: mockDenoiser(), noise: noise(1) });
    expect([...used]).toEqual([0]);
    used.clear();
    await sampleDdim(levels, { eta: 0.3 }, { denoise: mockDenoiser(), noise: noise(1) });
    expect([...used].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('the adaptive sampler stops on the documented criterion', async () => {
    const levels = evenLevels(OFFICIAL_TRAINING_BETAS, 50);
    const run = () => ({ denoise: mockDenoiser(), noise: quietNoise(5) });
    const never = await sampleAdaptive(levels, { eta: 0, tolerance: 1e-12, minSteps: 2 }, run());
    const ddim = await sampleDdim(levels, { eta: 0 }, run());
    expect(never.steps).toBe(50);
    expect(compare(never.audio, ddim.audio).maxAbs).toBe(0);
    expect((await sampleAdaptive(levels, { eta: 0, tolerance: 1, minSteps: 2 }, run())).steps).toBe(
      2,
    );
    expect((await sampleAdaptive(levels, { eta: 0, tolerance: 1, minSteps: 7 }, run())).steps).toBe(
      7,
    );
    // stop exactly at the first step whose relative change is below 0.05
    const estimates = new Map<number, { x0: Float32Array; change: number }>();
    const record = {
      shouldStop: (x0: Float32Array, previous: Float32Array, k: number) => (
        estimates.set(k, { x0: x0.slice(), change: relativeChange(x0, previous) }),
        false
      ),
    };
    await sampleDdim(levels, { eta: 0, earlyStop: record }, run());
    expect([...estimates.keys()]).toEqual(Array.from({ length: 48 }, (_, i) => i + 2)); // the last step returns anyway
    const first = [...estimates].find(([, e]) => e.change < 0.05)![0];
    expect(first).toBeGreaterThan(2);
    const adaptive = await sampleAdaptive(levels, { eta: 0, tolerance: 0.05, minSteps: 2 }, run());
    expect(adaptive.steps).toBe(first);
    expect(compare(adaptive.audio, estimates.get(first)!.x0).maxAbs).toBe(0);
    expect(relativeChange(Float32Array.of(3, 4), Float32Array.of(3, 4))).toBe(0);
    expect(relativeChange(Float32Array.of(3, 4), Float32Array.of(0, 0))).toBe(1);
  });

  it('reports progress after every step and stops between steps when aborted', async () => {
    const fractions: number[] = [];
    const levels = scheduleLevels(OFFICIAL_TRAINING_BETAS, OFFICIAL_FAST_BETAS);
    await sampleDdpm(levels, {
      denoise: mockDenoiser(),
      noise: seededNoise(0, N),
      onStep: (d, p) => fractions.push(d / p),
    });
    expect(fractions).toEqual([1, 2, 3, 4, 5, 6].map((k) => k / 6));
    const controller = new AbortController();
    const seen = { maxAbs: 0, calls: 0 };
    const aborted = sampleDdpm(levels, {
      denoise: mockDenoiser(seen),
      noise: seededNoise(0, N),
      signal: controller.signal,
      onStep: (done) => done === 2 && controller.abort(),
    });
    await expect(aborted).rejects.toMatchObject({ code: 'E_ABORTED' });
    expect(seen.calls).toBe(2);
  });
});

describe('explicit noise', () => {
  const data = new Float32Array(3 * N).map((_, i) => Math.sin(i));
  it('serves rows of an [S, N] array, ignoring rows beyond those used', () => {
    const withNan = data.slice();
    withNan[2 * N + 5] = Number.NaN;
    const source = explicitNoise({ data: withNan, shape: [3, N] }, N, 2);
    expect(source.row(1)).toEqual(data.slice(N, 2 * N));
    expect(
      explicitNoise({ data: Float64Array.from(data), shape: [3, N] }, N, 3).row(2)[0],
    ).toBeCloseTo(data[2 * N]!, 6);
  });

  it('refuses wrong shapes with E_NOISE_SHAPE and NaN in used rows with E_INVALID_ARGUMENT', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e as { code: string; message: string };
      }
      throw new Error('no error');
    };
    expect(err(() => explicitNoise({ data, shape: [3, N] }, N + 1, 1)).code).toBe('E_NOISE_SHAPE');
    expect(err(() => explicitNoise({ data, shape: [3, N] }, N, 4))).toMatchObject({
      code: 'E_NOISE_SHAPE',
      message: expect.stringContaining('needs 4'),
    });
    expect(err(() => explicitNoise({ data: data.subarray(0, N), shape: [N] }, N, 1))).toMatchObject(
      { message: expect.stringContaining('[1, N]') },
    );
    expect(err(() => explicitNoise({ data, shape: [4, N] }, N, 1)).code).toBe('E_NOISE_SHAPE');
    const nan = data.slice();
    nan[3] = Number.NaN;
    expect(err(() => explicitNoise({ data: nan, shape: [3, N] }, N, 1)).code).toBe(
      'E_INVALID_ARGUMENT',
    );
    expect(() => explicitNoise({ data: [1, 2] as never, shape: [1, 2] }, 2, 1)).toThrow(TypeError);
  });
});

describe('planSampling', () => {
  it('defaults: ddpm and ddim on the fast schedule, adaptive on the full one', () => {
    const ddpm = planSampling(undefined, model);
    expect(ddpm).toMatchObject({ sampler: 'ddpm', noiseRows: 6 });
    expect(ddpm.levels.map((l) => l.beta)).toEqual(OFFICIAL_FAST_BETAS);
    expect(planSampling({ sampler: 'ddim' }, model)).toMatchObject({ eta: 0, noiseRows: 1 });
    expect(planSampling({ sampler: 'ddim', eta: 0.5, steps: 8 }, model)).toMatchObject({
      noiseRows: 8,
    });
    expect(planSampling({ sampler: 'adaptive' }, model)).toMatchObject({
      tolerance: 0.01,
      minSteps: 2,
      noiseRows: 1,
    });
    expect(planSampling({ sampler: 'adaptive' }, model).levels).toHaveLength(50);
    expect(planSampling({ steps: 12 }, model).levels.map((l) => l.step)).toEqual(
      evenLevels(OFFICIAL_TRAINING_BETAS, 12).map((l) => l.step),
    );
    expect(
      planSampling({ schedule: { kind: 'linear', steps: 8, betaEnd: 0.2 } }, model).levels,
    ).toHaveLength(8);
  });

  it('names the bad key or combination (E_CONFIG_INVALID) and bad schedules (E_SCHEDULE_INVALID)', () => {
    const cases: [unknown, string, string][] = [
      [{ sampler: 'euler' }, 'E_CONFIG_INVALID', 'sampler'],
      [{ steps: 0 }, 'E_CONFIG_INVALID', 'steps'],
      [{ steps: 51 }, 'E_CONFIG_INVALID', 'steps'],
      [{ eta: 2, sampler: 'ddim' }, 'E_CONFIG_INVALID', 'eta'],
      [{ eta: 0.5 }, 'E_CONFIG_INVALID', 'eta applies'],
      [{ steps: 8, schedule: 'full' }, 'E_CONFIG_INVALID', 'either steps or schedule'],
      [{ sampler: 'ddim', tolerance: 0.1 }, 'E_CONFIG_INVALID', 'tolerance applies'],
      [{ iterations: 3 }, 'E_CONFIG_INVALID', 'iterations'],
      [{ noise: [1, 2] }, 'E_CONFIG_INVALID', 'noise'],
      [{ schedule: 'slow' }, 'E_SCHEDULE_INVALID', 'not a noise schedule'],
      [{ schedule: [0.5, 0.2] }, 'E_SCHEDULE_INVALID', 'must not decrease'],
      [{ schedule: { kind: 'cosine', steps: 6 } }, 'E_SCHEDULE_INVALID', 'trained on'],
    ];
    for (const [options, code, text] of cases) {
      expect(() => planSampling(options, model), JSON.stringify(options)).toThrowError(
        expect.objectContaining({ code, message: expect.stringContaining(text) }),
      );
    }
  });
});
