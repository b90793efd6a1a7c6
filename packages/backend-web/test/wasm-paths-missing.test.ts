/**
 * A wasmPaths that points nowhere must fail loudly with E_BACKEND_UNAVAILABLE (its own worker:
 * onnxruntime-web remembers a failed start for the life of the module).
 */
import { isVocoderError } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { createWebBackend } from '../src/index.js';
import { models } from './fixtures.js';

describe('wasmPaths pointing nowhere', () => {
  it('rejects with E_BACKEND_UNAVAILABLE that names wasmPaths', async () => {
    const backend = createWebBackend({ wasmPaths: '/voirs-nonexistent/' });
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await backend.createSession(models.conv).catch((e: unknown) => e);
      expect(isVocoderError(error, 'E_BACKEND_UNAVAILABLE'), String(error)).toBe(true);
      expect((error as Error).message).toContain('wasmPaths');
    }
  });
});
