import { describe, expect, it } from 'vitest';
import { createNodeBackend, nchwcBlockChannels } from '../src/index.js';

const cpuinfo = (flags: string) =>
  `processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: ${flags}\nbugs\t\t:\n`;

describe('convolution layout', () => {
  it('reads the NCHWc block from the CPU flags: 16 with AVX-512F, 8 with AVX2 + FMA, none otherwise', () => {
    expect(nchwcBlockChannels('x64', cpuinfo('fpu sse2 avx2 fma avx512f avx512bw'))).toBe(16);
    expect(nchwcBlockChannels('x64', cpuinfo('fpu sse2 avx avx2 fma'))).toBe(8);
    expect(nchwcBlockChannels('x64', cpuinfo('fpu sse2 avx'))).toBeUndefined();
    expect(nchwcBlockChannels('x64', cpuinfo('avx2'))).toBeUndefined(); // no FMA
    expect(nchwcBlockChannels('arm64', cpuinfo('fp asimd'))).toBeUndefined();
    expect(nchwcBlockChannels('x64', 'no flags line')).toBeUndefined();
    expect(nchwcBlockChannels('x64', undefined)).toBeUndefined();
  });

  it('reports a layout only for sessions that run on the CPU provider alone', () => {
    const backend = createNodeBackend();
    const cpu = backend.convolutionLayout!();
    expect(backend.convolutionLayout!({ executionProviders: ['cpu'] })).toEqual(cpu);
    expect(backend.convolutionLayout!({ executionProviders: ['cuda', 'cpu'] })).toBeUndefined();
    const defaults = createNodeBackend({ sessionDefaults: { executionProviders: ['webgpu'] } });
    expect(defaults.convolutionLayout!()).toBeUndefined();
    if (process.platform === 'linux' && process.arch === 'x64')
      expect([8, 16, undefined]).toContain(cpu?.blockChannels);
  });
});
