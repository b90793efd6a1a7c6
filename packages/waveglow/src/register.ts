/** Opt-in side-effect entry: `import '@voirs/waveglow/register'` registers the waveglow plugin. */
import { register, vocoders } from '@voirs/core';
import { waveglowPlugin } from './plugin.js';

if (!vocoders.has(waveglowPlugin.name)) register(waveglowPlugin);
