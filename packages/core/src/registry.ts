/**
 * The plugin registry: explicit registration, priorities, lazy one-time init, capability queries,
 * and one combined error when nothing can serve (modelled on onnxruntime-common's backend-impl).
 */
import { RegistryError, VocoderError, type ErrorCode } from './errors.js';
import type { Plugin, PluginKind } from './plugin.js';

interface Entry<P extends Plugin> {
  readonly plugin: P;
  readonly priority: number;
  readonly order: number;
  initPromise?: Promise<void>;
  initialized: boolean;
  error?: unknown;
}

/** Options of {@link Registry.register}. */
export interface RegisterOptions {
  /** Overrides the plugin's own priority. */
  priority?: number;
  /** Replace a plugin of the same name instead of failing with `E_PLUGIN_DUPLICATE`. */
  replace?: boolean;
}

/** Registry of the plugins of one kind. */
export class Registry<P extends Plugin> {
  readonly #entries = new Map<string, Entry<P>>();
  #order = 0;

  constructor(
    /** The kind of plugins held; registering another kind is a `TypeError`. */
    readonly kind: PluginKind,
    /** Code thrown by {@link resolve} when no plugin can serve. */
    private readonly unavailableCode: ErrorCode = 'E_PLUGIN_INIT',
  ) {}

  /** Adds a plugin. Returns a function that unregisters it. */
  register(plugin: P, options: RegisterOptions = {}): () => void {
    if (plugin === null || typeof plugin !== 'object')
      throw new TypeError('plugin must be an object');
    if (plugin.kind !== this.kind) {
      throw new TypeError(
        `Cannot register a ${String(plugin.kind)} plugin in the ${this.kind} registry`,
      );
    }
    if (typeof plugin.name !== 'string' || plugin.name.length === 0) {
      throw new TypeError('plugin.name must be a non-empty string');
    }
    if (this.#entries.has(plugin.name) && !options.replace) {
      throw new RegistryError(
        'E_PLUGIN_DUPLICATE',
        `A ${this.kind} plugin named "${plugin.name}" is already registered. ` +
          'Pass { replace: true } to replace it, or pick another name.',
      );
    }
    const entry: Entry<P> = {
      plugin,
      priority: options.priority ?? plugin.priority ?? 0,
      order: this.#order++,
      initialized: plugin.init === undefined,
    };
    this.#entries.set(plugin.name, entry);
    return () => {
      if (this.#entries.get(plugin.name) === entry) this.#entries.delete(plugin.name);
    };
  }

  /** Removes a plugin by name; returns whether one was removed. */
  unregister(name: string): boolean {
    return this.#entries.delete(name);
  }

  /** True when a plugin of that name is registered. */
  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** Registered plugins, highest priority first (ties: first registered first). */
  list(): P[] {
    return this.#sorted().map((e) => e.plugin);
  }

  /** Plugins that declare every one of `capabilities`, highest priority first. */
  query(...capabilities: string[]): P[] {
    return this.list().filter((p) => capabilities.every((c) => p.capabilities?.includes(c)));
  }

  /**
   * Returns the plugin without initialising it.
   * @throws RegistryError `E_PLUGIN_NOT_FOUND` listing what is registered.
   */
  get(name: string): P {
    const entry = this.#entries.get(name);
    if (entry === undefined) throw this.#notFound(name);
    return entry.plugin;
  }

  /**
   * Returns an initialised plugin. With a name (or a list of names, tried in order), only those are
   * considered; without, every registered plugin by priority. The first one whose `init()` succeeds
   * wins; each init runs at most once and its failure is remembered. When none can serve, one error
   * lists every failure: `no available backend: [node] …, [web] …`.
   */
  async resolve(names?: string | readonly string[]): Promise<P> {
    const wanted = names === undefined ? undefined : typeof names === 'string' ? [names] : names;
    const candidates =
      wanted === undefined ? this.#sorted() : wanted.map((n) => this.#entries.get(n) ?? n);
    const failures: string[] = [];
    const causes: unknown[] = [];
    for (const candidate of candidates) {
      if (typeof candidate === 'string') {
        failures.push(`[${candidate}] not registered`);
        continue;
      }
      try {
        await this.#init(candidate);
        return candidate.plugin;
      } catch (error) {
        failures.push(
          `[${candidate.plugin.name}] ${error instanceof Error ? error.message : String(error)}`,
        );
        causes.push(error);
      }
    }
    if (candidates.length === 0) {
      throw new RegistryError(
        this.unavailableCode,
        `no available ${this.kind}: none is registered. Register one with register() ` +
          `(or import its package's "/register" entry).`,
      );
    }
    throw new RegistryError(
      this.unavailableCode,
      `no available ${this.kind}: ${failures.join(', ')}`,
      {
        cause: causes.length === 1 ? causes[0] : new AggregateError(causes),
        details: { failures },
      },
    );
  }

  async #init(entry: Entry<P>): Promise<void> {
    if (entry.initialized) return;
    if (entry.error !== undefined) throw entry.error;
    entry.initPromise ??= (async () => {
      try {
        await entry.plugin.init!();
        entry.initialized = true;
      } catch (error) {
        entry.error =
          error instanceof VocoderError
            ? error
            : new RegistryError('E_PLUGIN_INIT', String((error as Error)?.message ?? error), {
                cause: error,
              });
        throw entry.error;
      }
    })();
    await entry.initPromise;
  }

  #sorted(): Entry<P>[] {
    return [...this.#entries.values()].sort((a, b) => b.priority - a.priority || a.order - b.order);
  }

  #notFound(name: string): RegistryError {
    const available = [...this.#entries.keys()];
    return new RegistryError(
      'E_PLUGIN_NOT_FOUND',
      `No ${this.kind} plugin named "${name}". ` +
        (available.length ? `Registered: ${available.join(', ')}.` : `None is registered yet.`),
      { details: { name, available } },
    );
  }
}
