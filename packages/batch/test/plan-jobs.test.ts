import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planJobs } from '../src/index.js';
import { tempDir } from './helpers.js';

describe('planJobs', () => {
  it('finds .wav and .npy files recursively, in path order, mirroring folders in the output', async () => {
    const dir = tempDir('plan');
    mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
    for (const f of ['b.wav', 'a.NPY', 'sub/c.wav', 'notes.txt', '.hidden.wav'])
      writeFileSync(join(dir, 'in', f), 'x');
    const jobs = await planJobs(join(dir, 'in'), join(dir, 'out'));
    expect(jobs).toEqual([
      { id: 'a', input: join(dir, 'in', 'a.NPY'), output: join(dir, 'out', 'a.wav') },
      { id: 'b', input: join(dir, 'in', 'b.wav'), output: join(dir, 'out', 'b.wav') },
      {
        id: 'sub/c',
        input: join(dir, 'in', 'sub', 'c.wav'),
        output: join(dir, 'out', 'sub', 'c.wav'),
      },
    ]);
  });

  it('reads JSONL manifests (relative inputs from the manifest folder, outputs under -o)', async () => {
    const dir = tempDir('plan-manifest');
    const manifest = join(dir, 'list.jsonl');
    writeFileSync(
      manifest,
      '{"input": "x/a.wav"}\n\n{"input": "/abs/b.npy", "output": "deep/b2.wav", "id": "bee"}\n',
    );
    expect(await planJobs(manifest, join(dir, 'out'))).toEqual([
      { id: 'a', input: join(dir, 'x', 'a.wav'), output: join(dir, 'out', 'a.wav') },
      { id: 'bee', input: '/abs/b.npy', output: join(dir, 'out', 'deep', 'b2.wav') },
    ]);
  });

  it('rejects bad manifests, clashing outputs, outputs over inputs and empty batches', async () => {
    const dir = tempDir('plan-errors');
    const write = (text: string) => {
      const path = join(dir, `m${Math.random()}.jsonl`);
      writeFileSync(path, text);
      return path;
    };
    await expect(planJobs(write('{"input": "a.wav"}\nnot json\n'), dir)).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
      message: expect.stringContaining(':2:'),
    });
    await expect(planJobs(write('{"output": "a.wav"}\n'), dir)).rejects.toMatchObject({
      code: 'E_CONFIG_INVALID',
    });
    await expect(
      planJobs(write('{"input": "a.wav", "output": "a.mp3"}\n'), dir),
    ).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
    await expect(
      planJobs(write('{"input": "x/a.wav"}\n{"input": "y/a.npy"}\n'), join(dir, 'o')),
    ).rejects.toThrow(/both be written/);
    await expect(planJobs(write('{"input": "a.wav"}\n'), dir)).rejects.toThrow(/is an input/);
    await expect(planJobs(write('\n'), dir)).rejects.toMatchObject({ code: 'E_CONFIG_INVALID' });
    await expect(planJobs(join(dir, 'missing'), dir)).rejects.toMatchObject({
      code: 'E_FILE_NOT_FOUND',
    });
  });
});
