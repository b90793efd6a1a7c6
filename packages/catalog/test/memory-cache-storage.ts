/**
 * A minimal in-memory CacheStorage (open / match / put / delete / keys on Request URLs) so that
 * BrowserModelCache runs in Node; the browser test runs it on Chromium's real Cache Storage.
 */
/** Yields to the event loop, as a real Cache Storage does, so that races can show. */
const tick = () => new Promise((done) => setTimeout(done, 1));

class MemoryCache {
  readonly #entries = new Map<string, { body: ArrayBuffer; headers: Headers }>();
  /** When set, the next put rejects with this error (quota tests). */
  failNextPut: Error | undefined;

  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    await tick();
    const entry = this.#entries.get(urlOf(request));
    return entry === undefined
      ? undefined
      : new Response(entry.body.slice(0), { headers: entry.headers });
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    const failure = this.failNextPut;
    this.failNextPut = undefined;
    const body = await response.arrayBuffer();
    await tick();
    if (failure !== undefined) throw failure;
    this.#entries.set(urlOf(request), { body, headers: response.headers });
  }

  async delete(request: RequestInfo | URL): Promise<boolean> {
    return this.#entries.delete(urlOf(request));
  }

  async keys(): Promise<Request[]> {
    return [...this.#entries.keys()].map((url) => new Request(url));
  }

  /** Test hook: replace the stored body of a URL. */
  tamper(url: string, body: Uint8Array): void {
    const entry = this.#entries.get(url);
    if (entry !== undefined) entry.body = body.slice().buffer;
  }
}

function urlOf(request: RequestInfo | URL): string {
  return typeof request === 'string'
    ? request
    : request instanceof URL
      ? request.href
      : request.url;
}

/** An in-memory CacheStorage. */
export class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();

  async open(name: string): Promise<MemoryCache> {
    let cache = this.caches.get(name);
    if (cache === undefined) this.caches.set(name, (cache = new MemoryCache()));
    return cache;
  }
}

/** A Web Locks stand-in: one queue per lock name. */
export class MemoryLocks {
  readonly #tails = new Map<string, Promise<unknown>>();

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    const run = previous.then(callback, callback);
    this.#tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}
