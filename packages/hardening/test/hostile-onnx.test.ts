/**
 * ONNX models whose weights live in "external data" files, through `vocode --model x.onnx` and
 * `models import x.onnx`: data must be read from the model's own folder only. Locations that leave
 * it (`../x`, `a/../../x`, absolute paths, symlinks) are refused with E_PATH_TRAVERSAL, and a
 * location missing from the folder is never looked up in the process's working directory.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voirs/core/testing';
import { readWav } from '@voirs/dsp';
import { cli, errorCode, runCliProcess } from '../src/cli/run-cli.js';
import { guardRejections } from '../src/guard-rejections.js';
import { externalizeInitializers } from '../src/hostile/onnx-external.js';
import { tinyHifiganOnnx } from '@voirs/hifigan/testing';

guardRejections();
const root = mkdtempSync(join(tmpdir(), 'voirs-onnx-external-'));
const speech = join(REPO_ROOT, 'examples', 'speech.wav');
let onnx: Uint8Array;
beforeAll(() => {
  onnx = tinyHifiganOnnx();
});

/** `<root>/<name>/model/evil.onnx` with its data at `location`; the real data is written to `dataAt` (relative to the model folder). */
function modelFolder(
  name: string,
  location: (folder: string) => string,
  dataAt: string | undefined,
): string {
  const folder = join(root, name, 'model');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  const { model, data } = externalizeInitializers(onnx, location(folder));
  if (dataAt !== undefined) writeFileSync(join(folder, dataAt), data);
  writeFileSync(join(folder, 'evil.onnx'), model);
  return join(folder, 'evil.onnx');
}

const vocode = (model: string, out: string) => [
  'vocode',
  speech,
  '-o',
  out,
  '--vocoder',
  'hifigan',
  '--model',
  model,
  '--quiet',
];

describe('ONNX external data through the CLI', () => {
  it('a model whose data sits beside it in its folder vocodes like the embedded model', async () => {
    const model = modelFolder('legit', () => 'weights.bin', 'weights.bin');
    const embedded = join(root, 'legit', 'embedded.onnx');
    writeFileSync(embedded, onnx);
    const a = await cli(...vocode(model, join(root, 'legit', 'a.wav')));
    expect(a.code, a.stderr).toBe(0);
    const b = await cli(...vocode(embedded, join(root, 'legit', 'b.wav')));
    expect(b.code, b.stderr).toBe(0);
    expect(readWav(readFileSync(join(root, 'legit', 'a.wav'))).audio.samples).toEqual(
      readWav(readFileSync(join(root, 'legit', 'b.wav'))).audio.samples,
    );
    const imported = await cli(
      'models',
      'import',
      model,
      '--cache-dir',
      join(root, 'legit', 'cache'),
      '--name',
      'legit',
      '--quiet',
    );
    expect(imported.code, imported.stderr).toBe(0);
  });

  const hostile: readonly [string, (folder: string) => string, (folder: string) => void][] = [
    [
      '../secret.bin',
      () => '../secret.bin',
      (f) => writeFileSync(join(f, '..', 'secret.bin'), new Uint8Array(1 << 16)),
    ],
    [
      'sub/../../secret.bin',
      () => 'sub/../../secret.bin',
      (f) => writeFileSync(join(f, '..', 'secret.bin'), new Uint8Array(1 << 16)),
    ],
    [
      'an absolute path',
      (f) => join(f, '..', 'secret.bin'),
      (f) => writeFileSync(join(f, '..', 'secret.bin'), new Uint8Array(1 << 16)),
    ],
    [
      'a symlink leaving the folder',
      () => 'link.bin',
      (f) => {
        writeFileSync(join(f, '..', 'secret.bin'), new Uint8Array(1 << 16));
        symlinkSync(join(f, '..', 'secret.bin'), join(f, 'link.bin'));
      },
    ],
  ];

  it.each(hostile)(
    'refuses %s with E_PATH_TRAVERSAL (vocode and models import)',
    async (name, location, prepare) => {
      const slug = name.replace(/\W+/g, '-');
      const model = modelFolder(slug, location, undefined);
      prepare(join(root, slug, 'model'));
      const run = await cli(...vocode(model, join(root, slug, 'out.wav')));
      expect([run.code, errorCode(run)], run.stderr).toEqual([1, 'E_PATH_TRAVERSAL']);
      const imported = await cli(
        'models',
        'import',
        model,
        '--cache-dir',
        join(root, slug, 'cache'),
        '--name',
        'evil',
        '--quiet',
      );
      expect([imported.code, errorCode(imported)], imported.stderr).toEqual([
        1,
        'E_PATH_TRAVERSAL',
      ]);
    },
  );

  it('never reads external data from the working directory (the real command, run elsewhere)', async () => {
    const model = modelFolder('cwd', () => 'secret.bin', undefined);
    const cwd = join(root, 'cwd', 'elsewhere');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'secret.bin'), externalizeInitializers(onnx, 'secret.bin').data); // a perfect fit, in the wrong place
    const run = await runCliProcess(vocode(model, join(root, 'cwd', 'out.wav')), { cwd });
    expect([run.code, errorCode(run)], run.stderr).toEqual([1, 'E_ONNX_EXTERNAL_DATA']);
  });
});
