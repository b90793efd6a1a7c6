/**
 * Prepares, once per run and only when a cell needs it, each input a cell requires: the bench mel,
 * the 60 s clip, the V2 checkpoint, the random-weight V1, torch, and the naive ONNX exports (made by
 * tools/reference/hifigan_reference.py --export and cached in apps/bench/.cache, since they do
 * not depend on this repository's code).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ModelError, VocoderError } from '@voirs/core';
import { lastLine, runChild } from './child.js';
import { prepareAudio, prepareMel, prepareRandomV1 } from './inputs.js';
import { CACHE_DIR, HIFIGAN_V2_DIR, PYTHON, REFERENCE_DIR, REPO_ROOT } from './paths.js';
import type { ResourceName, Resources } from './cells/cell.js';

/** Where each input came from, for the report. */
export type InputSources = Record<string, string>;

/** Lazily prepared, memoised resources (failures are remembered too). */
export class ResourceProvider {
  readonly #ready = new Map<ResourceName, Promise<string>>();
  readonly sources: InputSources = {};

  constructor(
    private readonly seconds: number,
    private readonly torch: string | null,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * Resolves every named resource.
   * @throws VocoderError naming the first one that cannot be prepared (the cell is then skipped).
   */
  async require(names: readonly ResourceName[]): Promise<Resources> {
    const entries = await Promise.all(
      names.map(async (name) => [name, await this.#get(name)] as const),
    );
    return Object.fromEntries(entries);
  }

  #get(name: ResourceName): Promise<string> {
    let promise = this.#ready.get(name);
    if (promise === undefined) {
      promise = this.#prepare(name);
      promise.catch(() => undefined); // remembered; reported by each cell that needs it
      this.#ready.set(name, promise);
    }
    return promise;
  }

  async #prepare(name: ResourceName): Promise<string> {
    switch (name) {
      case 'mel': {
        const mel = prepareMel(this.seconds);
        this.sources.mel = mel.source;
        return mel.path;
      }
      case 'audio60': {
        const audio = prepareAudio(60);
        this.sources.audio60 = audio.source;
        return audio.path;
      }
      case 'v1': {
        const v1 = prepareRandomV1();
        this.sources.v1 = v1.source;
        return v1.path;
      }
      case 'v2': {
        if (
          !existsSync(join(HIFIGAN_V2_DIR, 'generator_v2')) ||
          !existsSync(join(HIFIGAN_V2_DIR, 'config.json'))
        ) {
          throw new ModelError(
            'E_MODEL_NOT_FOUND',
            `the official HiFi-GAN V2 checkpoint is not in ${HIFIGAN_V2_DIR}`,
          );
        }
        this.sources.v2 =
          'official jik876 HiFi-GAN V2 LJSpeech checkpoint (../shared), converted at load';
        return HIFIGAN_V2_DIR;
      }
      case 'torch':
        if (this.torch === null) {
          throw new VocoderError(
            'E_BACKEND_UNAVAILABLE',
            `${PYTHON} has no torch (install Debian's python3-torch), so PyTorch peers are skipped`,
          );
        }
        return this.torch;
      case 'naive-v1':
      case 'naive-v2':
        return this.#export(name === 'naive-v1' ? 'v1' : 'v2');
    }
  }

  async #export(arch: 'v1' | 'v2'): Promise<string> {
    await this.#get('torch');
    if (arch === 'v2') await this.#get('v2');
    const path = join(CACHE_DIR, `onnx-naive-${arch}.onnx`);
    this.sources[`naive-${arch}`] =
      `torch.onnx.export (opset 17) of the reference ${arch.toUpperCase()} generator` +
      `${arch === 'v1' ? ' with hash weights' : ''}, weight norm removed (tools/reference/hifigan_reference.py --export)`;
    if (existsSync(path)) return path;
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    const script = join(REFERENCE_DIR, 'hifigan_reference.py');
    const result = await runChild(PYTHON, [script, '--export', partial, '--arch', arch], {
      cwd: REPO_ROOT,
      signal: this.signal,
    });
    if (result.code !== 0 || !existsSync(partial)) {
      rmSync(partial, { force: true });
      throw new VocoderError('E_IO', `the naive ${arch} export failed: ${lastLine(result.stderr)}`);
    }
    renameSync(partial, path);
    return path;
  }
}
