/**
 * Copy-synthesis evaluation of a vocoder on the LJSpeech clips of ../shared: every clip is analysed
 * and re-synthesised by `voirs-vocoder vocode` (so the CLI's path is what is measured), then scored
 * against the original with log-mel L1, STOI and MCD, and rated by DNSMOS (P.835 OVRL/SIG/BAK,
 * P.808); the originals' DNSMOS is reported as the ceiling.
 *
 *   pnpm exec tsx --conditions=@voirs/source packages/metrics/bench/copy-synthesis.ts \
 *     [--vocoder griffinlim] [--data ../shared/data/ljspeech] [--dnsmos-dir ../shared/models/dnsmos] \
 *     [--out <folder for the vocoded WAVs>] [--json <results.json>] [--limit <n>] [-- <extra vocode options>]
 *
 * Extra vocode options follow `--`, e.g. `-- --model ../shared/models/hifigan-v2-ljspeech`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { readWav } from '@voirs/dsp';
import { DnsmosScorer, alignPair, logMelL1, melCepstralDistortion, stoi } from '../src/index.js';

const run = promisify(execFile);
const split = process.argv.indexOf('--');
const { values } = parseArgs({
  args: process.argv.slice(2, split < 0 ? undefined : split),
  options: {
    vocoder: { type: 'string', default: 'griffinlim' },
    data: { type: 'string', default: join(REPO_ROOT, '..', 'shared', 'data', 'ljspeech') },
    'dnsmos-dir': { type: 'string', default: join(REPO_ROOT, '..', 'shared', 'models', 'dnsmos') },
    out: { type: 'string' },
    json: { type: 'string' },
    limit: { type: 'string' },
  },
});
const extra = split < 0 ? [] : process.argv.slice(split + 1);
const out = values.out ?? mkdtempSync(join(tmpdir(), `voirs-copy-${values.vocoder}-`));
mkdirSync(out, { recursive: true });
const clips = readdirSync(values.data)
  .filter((n) => n.endsWith('.wav'))
  .sort()
  .slice(0, values.limit === undefined ? undefined : Number(values.limit));
const cli = join(REPO_ROOT, 'packages', 'cli', 'bin', 'voirs-vocoder.js');
const dir = values['dnsmos-dir'];
const models = {
  p835: new Uint8Array(readFileSync(join(dir, 'sig_bak_ovr.onnx'))),
  p808: new Uint8Array(readFileSync(join(dir, 'model_v8.onnx'))),
};
const scorer = await DnsmosScorer.create({ models, backend: createNodeBackend() });

interface Row {
  clip: string;
  seconds: number;
  vocodeSeconds: number;
  melL1: number;
  stoi: number;
  mcd: number;
  ovrl: number;
  sig: number;
  bak: number;
  p808: number;
  ovrlOriginal: number;
  p808Original: number;
}
const rows: Row[] = [];
for (const clip of clips) {
  const source = join(values.data, clip);
  const target = join(out, clip);
  const started = performance.now();
  await run(process.execPath, [
    cli,
    'vocode',
    source,
    '-o',
    target,
    '--vocoder',
    values.vocoder!,
    '-q',
    ...extra,
  ]);
  const vocodeSeconds = (performance.now() - started) / 1000;
  const reference = readWav(readFileSync(source)).audio;
  const test = readWav(readFileSync(target)).audio;
  const pair = alignPair(reference, test);
  const [original, vocoded] = [await scorer.score(reference), await scorer.score(test)];
  const row: Row = {
    clip: basename(clip, '.wav'),
    seconds: reference.samples.length / reference.sampleRate,
    vocodeSeconds,
    melL1: logMelL1(pair.reference, pair.test),
    stoi: stoi(pair.reference, pair.test),
    mcd: melCepstralDistortion(pair.reference, pair.test),
    ovrl: vocoded.ovrl,
    sig: vocoded.sig,
    bak: vocoded.bak,
    p808: vocoded.p808!,
    ovrlOriginal: original.ovrl,
    p808Original: original.p808!,
  };
  rows.push(row);
  console.error(
    `${row.clip}: mel-L1 ${row.melL1.toFixed(3)}, STOI ${row.stoi.toFixed(3)}, MCD ${row.mcd.toFixed(2)}, OVRL ${row.ovrl.toFixed(2)} (original ${row.ovrlOriginal.toFixed(2)})`,
  );
}
await scorer.dispose();

const columns = [
  'melL1',
  'stoi',
  'mcd',
  'ovrl',
  'sig',
  'bak',
  'p808',
  'ovrlOriginal',
  'p808Original',
] as const;
const mean = Object.fromEntries(
  columns.map((c) => [c, rows.reduce((s, r) => s + r[c], 0) / rows.length]),
) as Record<(typeof columns)[number], number>;
const header = `| clip | ${columns.join(' | ')} |`;
const table = [
  header,
  `|${' --- |'.repeat(columns.length + 1)}`,
  ...rows.map((r) => `| ${r.clip} | ${columns.map((c) => r[c].toFixed(3)).join(' | ')} |`),
  `| **mean** | ${columns.map((c) => mean[c].toFixed(3)).join(' | ')} |`,
];
console.log(
  `Copy synthesis with ${values.vocoder} ${extra.join(' ')} on ${rows.length} LJSpeech clips (${out})\n`,
);
console.log(table.join('\n'));
if (values.json)
  writeFileSync(
    values.json,
    `${JSON.stringify({ vocoder: values.vocoder, extra, rows, mean }, null, 2)}\n`,
  );
