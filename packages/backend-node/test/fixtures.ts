/**
 * The backend fixture models (made by tools/reference/backend_fixtures.py; see fixtures/README.md).
 */
import { readFileSync } from 'node:fs';
import type { BackendTestModels } from '@voirs/core/testing';

/** The folder holding the fixtures. */
export const FIXTURES = new URL('./fixtures/', import.meta.url);

/** Bytes of one fixture file. */
export const fixture = (file: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(file, FIXTURES)));

/** The models testBackend runs. */
export const models: BackendTestModels = {
  conv: fixture('conv.onnx'),
  gather: fixture('gather.onnx'),
  dtypes: fixture('dtypes.onnx'),
};
