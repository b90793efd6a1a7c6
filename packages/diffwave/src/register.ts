/** Opt-in side-effect entry: `import '@voirs/diffwave/register'` registers the diffwave plugin. */
import { register, vocoders } from '@voirs/core';
import { diffwavePlugin } from './plugin.js';

if (!vocoders.has(diffwavePlugin.name)) register(diffwavePlugin);
