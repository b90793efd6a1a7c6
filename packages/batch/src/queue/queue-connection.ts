/**
 * Redis connections for the BullMQ queue: URL validation, the queue and dead-letter names, and a
 * readiness wait that fails with `E_QUEUE` instead of retrying forever when Redis is unreachable.
 */
import { ConfigError, VocoderError } from '@voirs/core';
import type { ConnectionOptions } from 'bullmq';

/** Default queue name. */
export const DEFAULT_QUEUE = 'voirs-vocode';

/** The dead-letter queue of `queue`: jobs that failed for good, with their error, kept for inspection. */
export const deadLetterQueueName = (queue: string): string => `${queue}-dead`;

/**
 * BullMQ connection options for a `redis://` or `rediss://` URL (workers need
 * `maxRetriesPerRequest: null`, so commands wait through Redis restarts).
 * @throws ConfigError `E_CONFIG_INVALID` for another scheme or a malformed URL.
 */
export function redisConnection(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `"${url}" is not a URL; pass --redis redis://host:6379.`,
      { cause },
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigError('E_CONFIG_INVALID', `"${url}" is not a redis:// or rediss:// URL.`);
  }
  return { url, maxRetriesPerRequest: null };
}

/** Checks a queue name (BullMQ keys use ':' as separator). */
export function checkQueueName(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `Queue names use letters, digits, ".", "_" and "-" (got "${name}").`,
    );
  }
  return name;
}

/**
 * Waits until `client` (a BullMQ Queue or Worker) is connected. Fails with `E_QUEUE` on the first
 * connection error (refused, unknown host…) or after `timeoutMs`, instead of retrying forever.
 * @throws VocoderError `E_QUEUE` naming the URL.
 */
export async function waitForRedis(
  client: {
    waitUntilReady(): Promise<unknown>;
    once(event: 'error', listener: (error: Error) => void): unknown;
    off(event: 'error', listener: (error: Error) => void): unknown;
  },
  url: string,
  timeoutMs = 10_000,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onError: ((error: Error) => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    const fail = (why: string, cause?: unknown) =>
      reject(
        new VocoderError(
          'E_QUEUE',
          `Cannot reach Redis at ${url} (${why}); check that it runs and the URL.`,
          { cause },
        ),
      );
    timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    onError = (error) => fail(error.message, error);
    client.once('error', onError);
  });
  try {
    await Promise.race([client.waitUntilReady(), failed]);
  } finally {
    clearTimeout(timer);
    client.off('error', onError!);
  }
}
