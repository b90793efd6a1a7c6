import { testBackend } from '@voirs/core/testing';
import { createWebBackend } from '../src/index.js';
import { models } from './fixtures.js';

testBackend('web', {
  create: async () => createWebBackend({ logLevel: 'fatal' }),
  models,
  defaultProvider: 'wasm',
});
