/**
 * Opt-in entry (`import '@voirs/effects/register'`): registers every built-in effect plugin in
 * core's `effects` registry, unless a plugin of that name is already registered.
 */
import { registerEffects } from './plugins.js';

registerEffects();
