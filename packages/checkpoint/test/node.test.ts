import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTorchCheckpointFile, readWeightsFile } from '../src/node.js';
import type { PyDict } from '../src/index.js';

const dir = fileURLToPath(new URL('./fixtures/', import.meta.url));

describe('@voirs/checkpoint/node', () => {
  it('reads checkpoints and weight files from disk', async () => {
    const ckpt = await readTorchCheckpointFile(`${dir}synthetic-legacy-p2.pt`);
    expect(ckpt.format).toBe('torch-legacy');
    expect((ckpt.object as PyDict).get('step')).toBe(1234);
    expect((await readWeightsFile(`${dir}tensors.safetensors`)).size).toBeGreaterThan(0);
    // bytes values are plain copies, not views of the file buffer
    const nested = (ckpt.object as PyDict).get('nested') as PyDict;
    const bytes = (nested.get('list') as unknown[])[11] as Uint8Array;
    expect(Buffer.isBuffer(bytes)).toBe(false);
  });

  it('maps file-system failures to error codes', async () => {
    await expect(readWeightsFile(`${dir}missing.pt`)).rejects.toMatchObject({
      code: 'E_FILE_NOT_FOUND',
    });
    await expect(readWeightsFile(dir)).rejects.toMatchObject({ code: 'E_IO' });
    await expect(readWeightsFile(`${dir}glow-zip.pt`, { maxBytes: 100 })).rejects.toMatchObject({
      code: 'E_CHECKPOINT_UNSUPPORTED',
    });
    await expect(readWeightsFile(42 as unknown as string)).rejects.toThrow(TypeError);
  });
});
