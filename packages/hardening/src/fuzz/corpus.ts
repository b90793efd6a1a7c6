/**
 * The crash corpus: every input that ever broke the fuzz invariant, one file per input under
 * `corpus/<target>/`. Byte inputs are stored as they are (`.bin`); values as tagged JSON
 * (`.json`: NaN, ±Infinity, -0, undefined and bigints survive the round trip). The corpus test
 * replays all of them on every run.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed corpus folder. */
export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

/** One corpus entry. */
export interface CorpusEntry {
  readonly target: string;
  readonly file: string;
  readonly input: unknown;
}

const TAG = '$voirs';

function encode(value: unknown): unknown {
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))
    return { [TAG]: Object.is(value, -0) ? '-0' : String(value) };
  if (value === undefined) return { [TAG]: 'undefined' };
  if (typeof value === 'bigint') return { [TAG]: `${value}n` };
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, {
        value: encode((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    const tag = (value as Record<string, unknown>)[TAG];
    if (keys.length === 1 && typeof tag === 'string') {
      if (tag === 'undefined') return undefined;
      if (tag === '-0') return -0;
      if (tag.endsWith('n')) return BigInt(tag.slice(0, -1));
      return Number(tag);
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      Object.defineProperty(out, key, {
        value: decode((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Serialises a fuzz input for a corpus file. */
export function serializeInput(input: unknown): { bytes: Uint8Array; extension: 'bin' | 'json' } {
  if (input instanceof Uint8Array) return { bytes: input, extension: 'bin' };
  return {
    bytes: new TextEncoder().encode(`${JSON.stringify(encode(input), null, 1)}\n`),
    extension: 'json',
  };
}

/** Writes `input` under `<dir>/<target>/` named by its hash; returns the path. */
export function saveInput(dir: string, target: string, input: unknown, prefix = 'crash'): string {
  const { bytes, extension } = serializeInput(input);
  const folder = join(dir, target);
  mkdirSync(folder, { recursive: true });
  const path = join(
    folder,
    `${prefix}-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${extension}`,
  );
  writeFileSync(path, bytes);
  return path;
}

/** Every entry of the corpus folder (README and other non-input files are skipped). */
export function readCorpus(dir = CORPUS_DIR): CorpusEntry[] {
  if (!existsSync(dir)) return [];
  const entries: CorpusEntry[] = [];
  for (const target of readdirSync(dir, { withFileTypes: true })) {
    if (!target.isDirectory()) continue;
    for (const file of readdirSync(join(dir, target.name)).sort()) {
      const path = join(dir, target.name, file);
      if (file.endsWith('.bin'))
        entries.push({ target: target.name, file, input: new Uint8Array(readFileSync(path)) });
      else if (file.endsWith('.json'))
        entries.push({
          target: target.name,
          file,
          input: decode(JSON.parse(readFileSync(path, 'utf8'))),
        });
    }
  }
  return entries;
}
