/**
 * Which blocked convolution layout onnxruntime's CPU provider uses on this machine. On x86-64
 * onnxruntime moves 2-D convolutions to its NCHWc layout, in blocks of 16 channels with AVX-512F and
 * 8 with AVX2 + FMA; elsewhere (ARM, WebAssembly) there is no blocked layout.
 */
import { readFileSync } from 'node:fs';
import type { ConvolutionLayout } from '@voirs/core';

/**
 * Channels per NCHWc block for a CPU with these `/proc/cpuinfo` contents, or undefined when the
 * flags say there is no blocked layout (or they are unknown).
 */
export function nchwcBlockChannels(arch: string, cpuinfo: string | undefined): number | undefined {
  if (arch !== 'x64' || cpuinfo === undefined) return undefined;
  const line = /^flags\s*:(.*)$/m.exec(cpuinfo);
  if (line === null) return undefined;
  const flags = new Set(line[1]!.trim().split(/\s+/));
  if (flags.has('avx512f')) return 16;
  if (flags.has('avx2') && flags.has('fma')) return 8;
  return undefined;
}

let detected: { value: number | undefined } | undefined;

/** This machine's NCHWc block (Linux reads /proc/cpuinfo once; other systems: unknown). */
function machineBlockChannels(): number | undefined {
  detected ??= {
    value:
      process.platform === 'linux' ? nchwcBlockChannels(process.arch, readCpuinfo()) : undefined,
  };
  return detected.value;
}

function readCpuinfo(): string | undefined {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return undefined;
  }
}

/** The layout of sessions with these providers: the CPU's blocks when only `cpu` runs them. */
export function convolutionLayoutFor(providers: readonly string[]): ConvolutionLayout | undefined {
  if (providers.length !== 1 || providers[0] !== 'cpu') return undefined;
  const blockChannels = machineBlockChannels();
  return blockChannels === undefined ? undefined : { blockChannels };
}
