import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isVocoderError } from '@voirs/core';
import { embedExternalData, readOnnxModel } from '../src/index.js';
import { loadOnnxFile, resolveExternalData } from '../src/node.js';
import { externalModel, type ExternalRef } from './helpers/craft.js';
import { runBytes } from './helpers/ort.js';
import { expectClose } from './helpers/reference.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const io = JSON.parse(readFileSync(join(FIXTURES, 'torch_tiny_io.json'), 'utf8')) as {
  mel: { dims: number[]; data: number[] };
  audio: { dims: number[]; data: number[] };
};

const root = mkdtempSync(join(tmpdir(), 'voirs-onnx-ext-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A model folder `<root>/<name>/model` holding w.bin = float32 [1, 2, 3, 4] and an outside secret. */
function folder(name: string): string {
  const dir = join(root, name, 'model');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  writeFileSync(join(dir, 'w.bin'), new Uint8Array(Float32Array.of(1, 2, 3, 4).buffer));
  writeFileSync(join(dir, 'sub', 'w.bin'), new Uint8Array(Float32Array.of(5, 6).buffer));
  writeFileSync(join(root, name, 'secret.bin'), new Uint8Array(Float32Array.of(42, 43).buffer));
  return dir;
}

async function code(model: Uint8Array, dir: string): Promise<string> {
  try {
    await resolveExternalData(model, dir);
    return 'ok';
  } catch (error) {
    if (isVocoderError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
}

describe('external data', () => {
  it('embeds the data of a model saved by onnx with external data; it runs like torch', async () => {
    const bytes = await loadOnnxFile(join(FIXTURES, 'torch_tiny_external.onnx'));
    const info = readOnnxModel(bytes);
    expect(info.graph.initializers.every((t) => t.storage === 'raw')).toBe(true);
    expect(info.graph.initializers.map((t) => t.byteLength)).toEqual([144, 12, 96, 8]);
    const embedded = readOnnxModel(new Uint8Array(readFileSync(join(FIXTURES, 'torch_tiny.onnx'))));
    for (const [i, t] of info.graph.initializers.entries())
      expect(t.rawData).toEqual(embedded.graph.initializers[i]!.rawData);
    expect({ ...info.metadata }).toEqual({ ...embedded.metadata });
    const out = await runBytes('torch-tiny-external', bytes, {
      mel: { data: Float32Array.from(io.mel.data), dims: io.mel.dims },
    });
    expect(out.audio!.dims).toEqual(io.audio.dims);
    expectClose(out.audio!.data as Float32Array, io.audio.data, 1e-6);
  });

  it('returns a model without external data unchanged', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'torch_tiny.onnx')));
    expect(await resolveExternalData(bytes, FIXTURES)).toBe(bytes);
  });

  it('reads offsets, lengths, sub folders and links that stay inside', async () => {
    const dir = folder('ok');
    symlinkSync(join(dir, 'w.bin'), join(dir, 'link.bin'));
    const cases: [ExternalRef, number, number[]][] = [
      [{ location: 'w.bin', offset: '4', length: '8' }, 2, [2, 3]],
      [{ location: 'w.bin', offset: '8' }, 2, [3, 4]],
      [{ location: 'sub/w.bin' }, 2, [5, 6]],
      [{ location: './sub\\w.bin' }, 2, [5, 6]],
      [{ location: 'link.bin', length: '16' }, 4, [1, 2, 3, 4]],
    ];
    for (const [ref, n, expected] of cases) {
      const model = await resolveExternalData(externalModel(ref, n), dir);
      const out = await runBytes('external-crafted', model, {});
      expect(Array.from(out.y!.data as Float32Array), JSON.stringify(ref)).toEqual(expected);
    }
  });

  it('refuses locations that leave the model folder with E_PATH_TRAVERSAL', async () => {
    const dir = folder('escape');
    symlinkSync(join(dir, '..', 'secret.bin'), join(dir, 'escape.bin'));
    symlinkSync(join(dir, '..'), join(dir, 'up'));
    const hostile = [
      '../secret.bin',
      'sub/../../secret.bin',
      join(dir, '..', 'secret.bin'),
      '/etc/passwd',
      'C:\\secret.bin',
      '\\\\server\\share\\w.bin',
      '..\\secret.bin',
      'escape.bin',
      'up/secret.bin',
      'w.bin\0.txt',
    ];
    for (const location of hostile) {
      expect(await code(externalModel({ location }), dir), location).toMatch(
        /^E_PATH_TRAVERSAL: Refusing external data/,
      );
    }
  });

  it('refuses missing files, folders, FIFOs and ranges outside the file with E_ONNX_EXTERNAL_DATA', async () => {
    const dir = folder('ranges');
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const bad: [ExternalRef, number, RegExp][] = [
      [{ location: 'missing.bin' }, 2, /does not exist/],
      [{ location: 'sub' }, 2, /not a regular file/],
      [{ location: 'fifo' }, 2, /not a regular file/],
      [{ location: 'w.bin', offset: '20' }, 2, /less than the offset/],
      [{ location: 'w.bin', offset: '12', length: '8' }, 2, /runs past its end/],
      [{ location: 'w.bin' }, 2, /has 16 bytes; float32\[2\] needs 8/],
      [{ location: 'w.bin', offset: '99999999999999', length: '8' }, 2, /less than the offset/],
    ];
    for (const [ref, n, message] of bad) {
      const result = await code(externalModel(ref, n), dir);
      expect(result, JSON.stringify(ref)).toMatch(/^E_ONNX_EXTERNAL_DATA: /);
      expect(result).toMatch(message);
    }
    expect(await code(externalModel({ location: 'w.bin' }, 2, true), dir)).toMatch(
      /E_ONNX_EXTERNAL_DATA: External data in attribute 'value'/,
    );
    expect(await code(externalModel({ location: 'w.bin' }), join(dir, 'nope'))).toMatch(
      /^E_FILE_NOT_FOUND/,
    );
    await expect(loadOnnxFile(join(dir, 'nope.onnx'))).rejects.toMatchObject({
      code: 'E_FILE_NOT_FOUND',
    });
  });

  it('lets a browser supply its own loader, and checks what it returns', async () => {
    const model = externalModel({ location: 'remote.bin', length: '8' });
    const seen: string[] = [];
    const ok = await embedExternalData(model, async (ref, name) => {
      seen.push(`${name}@${ref.location}+${ref.offset}`);
      return new Uint8Array(Float32Array.of(7, 8).buffer);
    });
    expect(seen).toEqual(['w@remote.bin+0']);
    expect(Array.from((await runBytes('external-loader', ok, {})).y!.data as Float32Array)).toEqual(
      [7, 8],
    );
    await expect(embedExternalData(model, async () => new Uint8Array(4))).rejects.toMatchObject({
      code: 'E_ONNX_EXTERNAL_DATA',
    });
  });
});
