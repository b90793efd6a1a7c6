/**
 * `--effects chain.json`: reads an effect chain file and runs it over whole audio.
 *
 * Besides the JSON form of @voirs/effects, a slot's `params` may name an impulse response WAV with
 * `"irFile": "hall.wav"` (relative to the chain file); it is read and passed to the effect as `ir`
 * (one array per channel) and `irSampleRate`.
 */
import { dirname, resolve } from 'node:path';
import {
  ConfigError,
  deinterleave,
  throwIfAborted,
  type AudioBuffer,
  type EffectContext,
} from '@voirs/core';
import { readWav } from '@voirs/dsp';
import {
  createEffectChain,
  parseChainSpec,
  registerEffects,
  type EffectChain,
  type ResolvedChainSlot,
  type SlotReport,
} from '@voirs/effects';
import { readInputFile } from './files.js';

/** Frames per block when a chain runs over a file (abort is checked between blocks). */
const BLOCK_FRAMES = 4096;

/** A chain file, read and checked. */
export interface ChainFile {
  readonly path: string;
  readonly slots: readonly ResolvedChainSlot[];
}

/** Prefixes a chain error's message with the file it came from. */
function inFile<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ConfigError(error.code, `${path}: ${error.message}`, {
        cause: error,
        details: error.details,
      });
    throw error;
  }
}

/**
 * Reads and validates a chain file (before any expensive work, so a bad chain fails fast).
 * @throws ConfigError `E_EFFECT_CHAIN` naming the file, slot and field; file errors as `E_FILE_NOT_FOUND` / `E_IO`.
 */
export async function readEffectChainFile(path: string): Promise<ChainFile> {
  const text = new TextDecoder().decode(await readInputFile(path));
  const slots = inFile(path, () => parseChainSpec(text));
  const resolved = await Promise.all(
    slots.map(async (slot) => {
      const { irFile, ...params } = slot.params;
      if (irFile === undefined) return slot;
      if (typeof irFile !== 'string') {
        throw new ConfigError(
          'E_EFFECT_CHAIN',
          `${path}: Invalid effect chain: chain[${slots.indexOf(slot)}].params.irFile: expected a WAV file name.`,
        );
      }
      const irPath = resolve(dirname(path), irFile);
      const { audio } = readWav(await readInputFile(irPath), { name: irPath });
      return {
        ...slot,
        params: { ...params, ir: deinterleave(audio), irSampleRate: audio.sampleRate },
      };
    }),
  );
  return { path, slots: resolved };
}

/**
 * Builds the file's chain for audio of `context` (the built-in effects are registered first).
 * @throws ConfigError `E_EFFECT_CHAIN` naming the file, slot and field (unknown effect, params
 * invalid for this sample rate or channel count).
 */
export function createFileChain(file: ChainFile, context: EffectContext): EffectChain {
  registerEffects();
  return inFile(file.path, () => createEffectChain(file.slots, context));
}

/** What running a chain over a file produced. */
export interface ChainRun {
  readonly audio: AudioBuffer;
  readonly effects: readonly string[];
  /** The chain's latency, compensated: the output is aligned with the input. */
  readonly latencyFrames: number;
  readonly reports: readonly SlotReport[];
}

/**
 * Runs a chain made for `audio`'s format over it (a new buffer of the same length, plus
 * `tailSeconds` of the effects' ring-out). The chain's latency is compensated by feeding that many
 * extra silent frames and dropping as many from the start.
 * @throws AbortError when `signal` aborts.
 */
export function runEffectChain(
  chain: EffectChain,
  audio: AudioBuffer,
  options: { signal?: AbortSignal; tailSeconds?: number } = {},
): ChainRun {
  const { sampleRate, channels } = audio;
  const latency = chain.latency;
  const frames =
    audio.samples.length / channels + Math.round((options.tailSeconds ?? 0) * sampleRate);
  const work = new Float32Array((frames + latency) * channels);
  work.set(audio.samples);
  for (let start = 0; start < frames + latency; start += BLOCK_FRAMES) {
    throwIfAborted(options.signal);
    const end = Math.min(frames + latency, start + BLOCK_FRAMES);
    chain.process({
      samples: work.subarray(start * channels, end * channels),
      sampleRate,
      channels,
    });
  }
  return {
    audio: { samples: work.slice(latency * channels), sampleRate, channels },
    effects: chain.effects.map((e) => e.name),
    latencyFrames: latency,
    reports: chain.slotReports(),
  };
}

/** Samples beyond full scale (they would be clipped when written as integers). */
export function overs(audio: AudioBuffer): number {
  let n = 0;
  for (const v of audio.samples) if (v > 1 || v < -1) n++;
  return n;
}
