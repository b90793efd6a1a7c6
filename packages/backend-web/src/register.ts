/**
 * Opt-in side effect: `import '@voirs/backend-web/register'` registers {@link webBackend} in
 * `@voirs/core`'s backend registry.
 */
import { register } from '@voirs/core';
import { webBackend } from './web-backend.js';

register(webBackend);
