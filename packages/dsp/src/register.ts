/**
 * Opt-in entry (`import '@voirs/dsp/register'`): registers the `griffinlim` vocoder plugin in
 * core's `vocoders` registry, unless a plugin of that name is already registered.
 */
import { register, vocoders } from '@voirs/core';
import { griffinLimPlugin } from './griffinlim/plugin.js';

if (!vocoders.has(griffinLimPlugin.name)) register(griffinLimPlugin);
