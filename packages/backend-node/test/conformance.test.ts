import { testBackend } from '@voirs/core/testing';
import { createNodeBackend } from '../src/index.js';
import { models } from './fixtures.js';

testBackend('node', {
  create: async () => createNodeBackend({ logLevel: 'fatal' }),
  models,
  defaultProvider: 'cpu',
});
