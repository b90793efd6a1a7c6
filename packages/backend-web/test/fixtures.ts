/**
 * The backend fixture models, shared with @voirs/backend-node (made by
 * tools/reference/backend_fixtures.py; see packages/backend-node/test/fixtures/README.md).
 */
import { readFileSync } from 'node:fs';
import type { BackendTestModels } from '@voirs/core/testing';

/** The folder holding the fixtures (in the backend-node package, a dev dependency of this one). */
export const FIXTURES = new URL('../../backend-node/test/fixtures/', import.meta.url);

/** Bytes of one fixture file. */
export const fixture = (file: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(file, FIXTURES)));

/** The models testBackend runs. */
export const models: BackendTestModels = {
  conv: fixture('conv.onnx'),
  gather: fixture('gather.onnx'),
  dtypes: fixture('dtypes.onnx'),
};
