/**
 * Regression (found by the hardening suites): `--model x.onnx` passed the file's bytes on as they
 * were, so external data was resolved by onnxruntime against the working directory (loading
 * `./secret.bin` from wherever the command ran) instead of the model's folder. The CLI now embeds
 * external data from the model's own folder only.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVocoderError } from '@voirs/core';
import { readOnnxModel } from '@voirs/onnx';
import { resolveModelSource } from '../src/model-source.js';
import { externalModel } from '../../onnx/test/helpers/craft.js';

const root = mkdtempSync(join(tmpdir(), 'voirs-cli-onnx-external-'));
const data = new Uint8Array(Float32Array.of(1, 2).buffer);

function folder(name: string, location: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), externalModel({ location, offset: '0', length: '8' }));
  return join(dir, 'model.onnx');
}

async function code(model: string): Promise<string> {
  try {
    await resolveModelSource(model);
    return 'ok';
  } catch (error) {
    if (isVocoderError(error)) return error.code;
    throw error;
  }
}

describe('regression: --model x.onnx with external data', () => {
  it("embeds data from the model's folder", async () => {
    const model = folder('legit', 'w.bin');
    writeFileSync(join(root, 'legit', 'w.bin'), data);
    const source = await resolveModelSource(model);
    const [w] = readOnnxModel(source.bytes).graph.initializers;
    expect(w!.storage).toBe('raw');
    expect(new Float32Array(w!.rawData!.slice().buffer)).toEqual(Float32Array.of(1, 2));
  });

  it('refuses locations outside the folder with E_PATH_TRAVERSAL', async () => {
    writeFileSync(join(root, 'secret.bin'), data);
    expect(await code(folder('dotdot', '../secret.bin'))).toBe('E_PATH_TRAVERSAL');
    expect(await code(folder('absolute', join(root, 'secret.bin')))).toBe('E_PATH_TRAVERSAL');
  });

  it('never looks in the working directory', async () => {
    const model = folder('cwd', 'secret.bin');
    const cwd = process.cwd();
    process.chdir(root); // root holds secret.bin
    try {
      expect(await code(model)).toBe('E_ONNX_EXTERNAL_DATA');
    } finally {
      process.chdir(cwd);
    }
  });
});
