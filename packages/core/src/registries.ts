/**
 * The process-wide registries and the one-call loader. Nothing registers itself on import: an app
 * calls {@link register} (or imports a package's `/register` entry) for what it wants.
 */
import type { Backend } from './backend.js';
import type { EffectPlugin } from './effect.js';
import { ModelError } from './errors.js';
import { Registry, type RegisterOptions } from './registry.js';
import type { Vocoder, VocoderCreateOptions, VocoderPlugin } from './vocoder.js';

/** Registered vocoder plugins. */
export const vocoders = new Registry<VocoderPlugin>('vocoder', 'E_PLUGIN_INIT');
/** Registered backends. */
export const backends = new Registry<Backend>('backend', 'E_BACKEND_UNAVAILABLE');
/** Registered effect plugins. */
export const effects = new Registry<EffectPlugin>('effect', 'E_PLUGIN_INIT');

/** Any plugin the registries accept. */
export type AnyPlugin = VocoderPlugin | Backend | EffectPlugin;

/** Registers a plugin in the registry of its kind; returns a function that unregisters it. */
export function register(plugin: AnyPlugin, options?: RegisterOptions): () => void {
  switch (plugin?.kind) {
    case 'vocoder':
      return vocoders.register(plugin, options);
    case 'backend':
      return backends.register(plugin, options);
    case 'effect':
      return effects.register(plugin, options);
    default:
      throw new TypeError(`Unknown plugin kind ${String((plugin as { kind?: unknown })?.kind)}`);
  }
}

/** Options of {@link loadVocoder}. */
export interface LoadVocoderOptions extends Omit<VocoderCreateOptions, 'backend'> {
  /** Vocoder plugin name; default: the highest-priority registered vocoder. */
  vocoder?: string;
  /** A backend instance, or backend names to resolve (default: model config, then priority). */
  backend?: Backend | string | readonly string[];
}

/**
 * Resolves a vocoder plugin (and a backend when it needs one) from the registries and loads it.
 * @throws RegistryError `E_PLUGIN_NOT_FOUND` / `E_BACKEND_UNAVAILABLE`; ModelError `E_MODEL_NOT_FOUND`
 * when the plugin needs a model and none was given.
 */
export async function loadVocoder(options: LoadVocoderOptions = {}): Promise<Vocoder> {
  const plugin = await vocoders.resolve(options.vocoder);
  if (plugin.requiresModel && options.model === undefined) {
    throw new ModelError(
      'E_MODEL_NOT_FOUND',
      `The ${plugin.name} vocoder needs a model: pass a checkpoint, an .onnx file or an imported model name.`,
    );
  }
  let backend: Backend | undefined;
  if (plugin.requiresBackend) {
    const requested = options.backend ?? options.modelConfig?.backend;
    backend =
      typeof requested === 'object' && !Array.isArray(requested)
        ? (requested as Backend)
        : await backends.resolve(requested as string | readonly string[] | undefined);
  }
  return plugin.create({ ...options, backend });
}
