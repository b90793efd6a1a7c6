/** Opt-in side-effect entry: `import '@voirs/hifigan/register'` registers the hifigan plugin. */
import { register, vocoders } from '@voirs/core';
import { hifiganPlugin } from './plugin.js';

if (!vocoders.has(hifiganPlugin.name)) register(hifiganPlugin);
