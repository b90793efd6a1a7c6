/**
 * Regression (found by the hardening suites): feeds were looked up with a plain property access,
 * so a model input named "toString" or "constructor" that the caller did not feed found
 * Object.prototype's member and failed with "TypeError: feeds["toString"] must be a tensor object"
 * instead of the missing-input error (a hostile model crashed `vocode --model x.onnx`).
 */
import { createTensor } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { prepareFeeds, type ValueSpec } from '../src/index.js';

const spec = (name: string): ValueSpec => ({ name, dtype: 'float32', shape: [1, 2] });
const makeTensor = () => ({}) as never;

describe('regression: model inputs named like Object.prototype members', () => {
  it.each(['toString', 'constructor', '__proto__', 'valueOf'])(
    'a missing input "%s" is E_INVALID_ARGUMENT naming it',
    (name) => {
      const feeds = { mel: createTensor('float32', new Float32Array(2), [1, 2]) };
      expect(() => prepareFeeds(feeds, [spec('mel'), spec(name)], makeTensor)).toThrowError(
        expect.objectContaining({
          code: 'E_INVALID_ARGUMENT',
          message: expect.stringContaining(`Missing input "${name}"`),
        }),
      );
    },
  );
});
