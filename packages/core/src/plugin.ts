/**
 * What every plugin (vocoder, backend, effect) has in common.
 */

/** The plugin families the registry knows. */
export type PluginKind = 'vocoder' | 'backend' | 'effect';

/** Fields shared by every plugin. Plugins are plain objects: registering one runs no code. */
export interface Plugin {
  readonly kind: PluginKind;
  /** Unique within its kind; lower-case, kebab-case. */
  readonly name: string;
  /** Higher wins when the caller does not name a plugin. Defaults to 0. */
  readonly priority?: number;
  /** Capabilities for {@link Registry.query} (e.g. `streaming`, `wasm`, `gpu`). */
  readonly capabilities?: readonly string[];
  /** One-line human description. */
  readonly description?: string;
  /**
   * Optional one-time initialisation (load a native addon, fetch wasm…). The registry calls it at
   * most once per registration, lazily, on first use, and remembers a failure.
   */
  init?(): Promise<void> | void;
}
