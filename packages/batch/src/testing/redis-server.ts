/**
 * A throw-away `redis-server` for tests of queue code: started on a free loopback port with its own
 * temporary folder and no persistence, stopped (and the folder removed) by `stop()`. Outside CI a
 * machine without redis-server makes {@link startRedisServer} resolve to undefined (the caller skips
 * with the message printed here); under `CI=true` it throws, so a missing install fails loudly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running server. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const BINARY = process.env.VOIRS_REDIS_SERVER ?? 'redis-server';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start within 10 s:\n${output}`)),
      10_000,
    );
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

/** True when the redis-server binary runs here. */
export function hasRedisServer(): boolean {
  return spawnSync(BINARY, ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Starts a server; see the module comment.
 * @throws Error under CI when redis-server is missing, or when it does not start.
 */
export async function startRedisServer(): Promise<RedisServer | undefined> {
  if (!hasRedisServer()) {
    if (process.env.CI === 'true' || process.env.CI === '1') {
      throw new Error(
        `${BINARY} is missing under CI: install it (Debian: apt-get install redis-server; .ci/run does).`,
      );
    }
    console.warn(
      `[voirs] skipping: ${BINARY} not found; install redis-server to run the queue tests.`,
    );
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'voirs-redis-'));
  const port = await freePort();
  const child = spawn(
    BINARY,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await waitForReady(child);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
