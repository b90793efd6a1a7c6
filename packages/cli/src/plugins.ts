/**
 * The plugins the CLI knows: registered once (registering is cheap: plugin objects load their heavy
 * parts, such as onnxruntime, on first use).
 */
import { backends, register, vocoders } from '@voirs/core';
import { nodeBackend } from '@voirs/backend-node';
import { webBackend } from '@voirs/backend-web';
import { griffinLimPlugin } from '@voirs/dsp';
import { hifiganPlugin } from '@voirs/hifigan';
import { diffwavePlugin } from '@voirs/diffwave';
import { waveglowPlugin } from '@voirs/waveglow';

let registered = false;

/** Registers the built-in vocoders and backends in core's registries (idempotent). */
export function registerBuiltinPlugins(): void {
  if (registered) return;
  registered = true;
  for (const plugin of [griffinLimPlugin, hifiganPlugin, diffwavePlugin, waveglowPlugin]) {
    if (!vocoders.has(plugin.name)) register(plugin);
  }
  for (const backend of [nodeBackend, webBackend]) {
    if (!backends.has(backend.name)) register(backend);
  }
}

/** Names of the registered vocoders, for help texts and errors. */
export function vocoderNames(): string[] {
  registerBuiltinPlugins();
  return vocoders.list().map((p) => p.name);
}
