/**
 * Resumable, idempotent outputs. An output is written atomically (temporary file + rename), then a
 * completion record `<output>.voirs.json` is written (also atomically) holding the output's size and
 * sha256, the input's sha256 and the settings key. An output counts as complete only when its record
 * exists, matches the current input and settings, and the file on disk still has the recorded size
 * and hash; anything else is redone. A crash between the rename and the record therefore only costs
 * one redo, never a half-written file taken for a finished one.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '@voirs/dsp/node';

/** Suffix of completion records. */
export const RECORD_SUFFIX = '.voirs.json';

/** The completion record of one output. */
export interface CompletionRecord {
  readonly version: 1;
  readonly input: string;
  readonly inputSha256: string;
  readonly settingsKey: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly audioSeconds: number;
  /** ISO time the output was committed. */
  readonly committedAt: string;
}

/** What the resume check found. */
export type OutputState =
  | { readonly complete: true; readonly record: CompletionRecord }
  | { readonly complete: false; readonly reason: string };

/** Hex sha256 of bytes. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Hex sha256 of a file's content. */
export async function sha256File(path: string): Promise<string> {
  return sha256Hex(await readFile(path));
}

/** The record path of `output`. */
export const recordPath = (output: string): string => `${output}${RECORD_SUFFIX}`;

async function readRecord(output: string): Promise<CompletionRecord | undefined> {
  try {
    const json: unknown = JSON.parse(await readFile(recordPath(output), 'utf8'));
    if (json === null || typeof json !== 'object') return undefined;
    const r = json as Partial<CompletionRecord>;
    const ok =
      r.version === 1 &&
      typeof r.sha256 === 'string' &&
      typeof r.bytes === 'number' &&
      typeof r.inputSha256 === 'string' &&
      typeof r.settingsKey === 'string';
    return ok ? (r as CompletionRecord) : undefined;
  } catch {
    return undefined; // missing or unreadable: not complete
  }
}

/**
 * Checks whether `output` is complete for this input and settings (see the module comment). Never
 * throws for a missing or damaged output: it reports why it must be redone.
 */
export async function verifyOutput(
  output: string,
  expected: { inputSha256: string; settingsKey: string },
): Promise<OutputState> {
  const record = await readRecord(output);
  if (record === undefined) return { complete: false, reason: 'no completion record' };
  if (record.settingsKey !== expected.settingsKey)
    return { complete: false, reason: 'made with other settings' };
  if (record.inputSha256 !== expected.inputSha256)
    return { complete: false, reason: 'the input changed' };
  let size: number;
  try {
    size = (await stat(output)).size;
  } catch {
    return { complete: false, reason: 'the output is missing' };
  }
  if (size !== record.bytes)
    return { complete: false, reason: `the output has ${size} bytes, not ${record.bytes}` };
  if ((await sha256File(output)) !== record.sha256)
    return { complete: false, reason: 'the output hash differs from its record' };
  return { complete: true, record };
}

/**
 * Writes `bytes` to `output` atomically (creating its folder), then its completion record. Removes
 * a stale record first, so a crash mid-way never leaves an old record beside a new file.
 */
export async function commitOutput(
  output: string,
  bytes: Uint8Array,
  meta: { input: string; inputSha256: string; settingsKey: string; audioSeconds: number },
): Promise<CompletionRecord> {
  await mkdir(dirname(output), { recursive: true });
  await unlink(recordPath(output)).catch(() => undefined);
  await writeFileAtomic(output, bytes);
  const record: CompletionRecord = {
    version: 1,
    ...meta,
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
    committedAt: new Date().toISOString(),
  };
  await writeFileAtomic(
    recordPath(output),
    new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`),
  );
  return record;
}

/**
 * Deletes the temporary files (`<output>.partial-*`, `<record>.partial-*`) a killed writer of
 * `output` left behind. Returns how many were removed.
 */
export async function removePartials(output: string): Promise<number> {
  const folder = dirname(output);
  const prefixes = [`${basename(output)}.partial-`, `${basename(recordPath(output))}.partial-`];
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return 0;
  }
  const stale = names.filter((n) => prefixes.some((p) => n.startsWith(p)));
  await Promise.all(stale.map((n) => unlink(join(folder, n)).catch(() => undefined)));
  return stale.length;
}
