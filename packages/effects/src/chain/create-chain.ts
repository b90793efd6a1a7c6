/**
 * Building chains from their JSON form: `createEffectChain` (synchronous, plugins used as they are)
 * and `loadEffectChain` (resolves every effect through the registry first, so plugins with a lazy
 * `init()` are initialised once).
 */
import {
  effects as effectRegistry,
  isVocoderError,
  type EffectContext,
  type EffectPlugin,
  type Registry,
} from '@voirs/core';
import { assertEffectContext, type DefinedEffectPlugin } from '../plugin/define-effect.js';
import { ChainSlot } from './chain-slot.js';
import { chainError, parseChainSpec, type ResolvedChainSlot } from './chain-spec.js';
import { EffectChain } from './effect-chain.js';

/** Where a chain looks up effect names. */
export interface EffectChainOptions {
  /** Plugins to use first (e.g. `EFFECT_PLUGINS`), before the registry. */
  readonly plugins?: readonly EffectPlugin[];
  /** Registry to fall back to (default: core's `effects`). */
  readonly registry?: Registry<EffectPlugin>;
}

function findPlugin(name: string, index: number, options: EffectChainOptions): EffectPlugin {
  const local = options.plugins?.find((p) => p.name === name);
  if (local) return local;
  const registry = options.registry ?? effectRegistry;
  if (registry.has(name)) return registry.get(name);
  const known = [
    ...new Set([
      ...(options.plugins ?? []).map((p) => p.name),
      ...registry.list().map((p) => p.name),
    ]),
  ];
  throw chainError(
    index,
    'effect',
    `no effect named "${name}". ${known.length ? `Known: ${known.join(', ')}.` : 'None is registered: import "@voirs/effects/register" or pass plugins.'}`,
  );
}

/** Re-throws an effect's `E_EFFECT_PARAMS` as `E_EFFECT_CHAIN` naming the slot and field. */
function asChainError(error: unknown, index: number, prefix: string): unknown {
  if (!isVocoderError(error, 'E_EFFECT_PARAMS')) return error;
  const field = String(error.details?.field ?? '');
  return chainError(index, `${prefix}${field ? `.${field}` : ''}`, error.message, error);
}

function createSlot(
  plugin: EffectPlugin,
  spec: ResolvedChainSlot,
  index: number,
  context: EffectContext,
): ChainSlot {
  let effect;
  try {
    effect = plugin.create(spec.params, context);
  } catch (error) {
    throw asChainError(error, index, 'params');
  }
  const parse = (plugin as Partial<DefinedEffectPlugin>).parseParams;
  let merged: Record<string, unknown> = { ...spec.params };
  spec.automation?.forEach((point, j) => {
    merged = { ...merged, ...point.params };
    try {
      parse?.call(plugin, merged, context);
    } catch (error) {
      throw asChainError(error, index, `automation[${j}].params`);
    }
  });
  const own = (effect as { params?: unknown }).params;
  const params =
    own !== null && typeof own === 'object'
      ? { ...(own as Record<string, unknown>) }
      : { ...plugin.defaults, ...spec.params };
  return new ChainSlot(
    plugin,
    effect,
    { params, mix: spec.mix, bypass: spec.bypass },
    context.sampleRate,
    context.channels,
  );
}

function build(
  slots: readonly ResolvedChainSlot[],
  plugins: readonly EffectPlugin[],
  context: EffectContext,
): EffectChain {
  const ctx = { sampleRate: context.sampleRate, channels: context.channels };
  return new EffectChain(
    slots.map((slot, i) => createSlot(plugins[i]!, slot, i, ctx)),
    slots.map((slot) => slot.automation),
    ctx.sampleRate,
    ctx.channels,
  );
}

/**
 * Builds a chain from its JSON form (a string or parsed value) for audio of `context`. Plugins are
 * used as they are: one with an `init()` must have been initialised (see {@link loadEffectChain}).
 * @throws ConfigError `E_EFFECT_CHAIN` naming the slot index and field (unknown effect, invalid
 * params, bad mix…).
 */
export function createEffectChain(
  spec: unknown,
  context: EffectContext,
  options: EffectChainOptions = {},
): EffectChain {
  assertEffectContext(context);
  const slots = parseChainSpec(spec);
  return build(
    slots,
    slots.map((slot, i) => findPlugin(slot.effect, i, options)),
    context,
  );
}

/**
 * Like {@link createEffectChain}, but resolves each effect through the registry first, which runs
 * a plugin's lazy `init()` once (and reports its failure as `E_PLUGIN_INIT`).
 */
export async function loadEffectChain(
  spec: unknown,
  context: EffectContext,
  options: EffectChainOptions = {},
): Promise<EffectChain> {
  assertEffectContext(context);
  const slots = parseChainSpec(spec);
  const registry = options.registry ?? effectRegistry;
  const plugins: EffectPlugin[] = [];
  for (const [i, slot] of slots.entries()) {
    const plugin = findPlugin(slot.effect, i, options);
    if (plugin.init && registry.has(plugin.name) && registry.get(plugin.name) === plugin) {
      await registry.resolve(plugin.name);
    } else await plugin.init?.();
    plugins.push(plugin);
  }
  return build(slots, plugins, context);
}
