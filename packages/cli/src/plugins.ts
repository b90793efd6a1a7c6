/**
 * The plugins the CLI knows: registered once, lazily (registering is cheap: plugin objects load
 * their heavy parts on first use).
 */
import { register, vocoders } from '@voirs/core';
import { griffinLimPlugin } from '@voirs/dsp';

let registered = false;

/** Registers the built-in vocoders and backends in core's registries (idempotent). */
export function registerBuiltinPlugins(): void {
  if (registered) return;
  registered = true;
  for (const plugin of [griffinLimPlugin]) {
    if (!vocoders.has(plugin.name)) register(plugin);
  }
}

/** Names of the registered vocoders, for help texts and errors. */
export function vocoderNames(): string[] {
  registerBuiltinPlugins();
  return vocoders.list().map((p) => p.name);
}
