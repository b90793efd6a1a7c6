/**
 * Opt-in side effect: `import '@voirs/backend-node/register'` registers {@link nodeBackend} in
 * `@voirs/core`'s backend registry.
 */
import { register } from '@voirs/core';
import { nodeBackend } from './node-backend.js';

register(nodeBackend);
