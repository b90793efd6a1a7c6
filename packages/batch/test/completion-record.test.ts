import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitOutput, recordPath, removePartials, sha256Hex, verifyOutput } from '../src/index.js';
import { tempDir } from './helpers.js';

const meta = { input: '/in/a.wav', inputSha256: 'aa', settingsKey: 'k1', audioSeconds: 1.5 };

describe('completion records', () => {
  it('commits atomically (creating folders) and verifies size, hash, input and settings', async () => {
    const out = join(tempDir('record'), 'nested', 'a.wav');
    const bytes = new Uint8Array([1, 2, 3, 4, 5]);
    const record = await commitOutput(out, bytes, meta);
    expect(record).toMatchObject({
      version: 1,
      bytes: 5,
      sha256: sha256Hex(bytes),
      settingsKey: 'k1',
      audioSeconds: 1.5,
    });
    expect(JSON.parse(readFileSync(recordPath(out), 'utf8'))).toEqual(record);
    expect(await verifyOutput(out, { inputSha256: 'aa', settingsKey: 'k1' })).toMatchObject({
      complete: true,
    });
    expect(await verifyOutput(out, { inputSha256: 'aa', settingsKey: 'k2' })).toEqual({
      complete: false,
      reason: 'made with other settings',
    });
    expect(await verifyOutput(out, { inputSha256: 'bb', settingsKey: 'k1' })).toEqual({
      complete: false,
      reason: 'the input changed',
    });
    writeFileSync(out, new Uint8Array([1, 2, 3, 4, 6])); // same size, other content
    expect(await verifyOutput(out, { inputSha256: 'aa', settingsKey: 'k1' })).toMatchObject({
      complete: false,
      reason: expect.stringContaining('hash'),
    });
    writeFileSync(out, new Uint8Array([1, 2])); // truncated
    expect(await verifyOutput(out, { inputSha256: 'aa', settingsKey: 'k1' })).toMatchObject({
      complete: false,
      reason: expect.stringContaining('2 bytes'),
    });
  });

  it('treats a missing or damaged record as incomplete', async () => {
    const dir = tempDir('record-missing');
    const out = join(dir, 'a.wav');
    writeFileSync(out, new Uint8Array([1]));
    expect(await verifyOutput(out, { inputSha256: 'aa', settingsKey: 'k1' })).toEqual({
      complete: false,
      reason: 'no completion record',
    });
    writeFileSync(recordPath(out), '{"version": 1, "sha256": ');
    expect((await verifyOutput(out, { inputSha256: 'aa', settingsKey: 'k1' })).complete).toBe(
      false,
    );
  });

  it('removes the temporary files a killed writer left, and nothing else', async () => {
    const dir = tempDir('record-partials');
    const out = join(dir, 'a.wav');
    for (const name of [
      'a.wav.partial-0a1b2c',
      'a.wav.voirs.json.partial-ffeedd',
      'b.wav.partial-123456',
      'a.wav',
    ])
      writeFileSync(join(dir, name), 'x');
    expect(await removePartials(out)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['a.wav', 'b.wav.partial-123456']);
  });
});
