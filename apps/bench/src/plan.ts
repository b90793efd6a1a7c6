/**
 * The plan of a run: which cells are measured, with which peers, in which order. Building it is
 * pure (tests inspect it); the runner prepares the inputs each cell requires and runs it. Every
 * voirs configuration is followed by its peers, so both see the same machine load.
 */
import {
  coldStartId,
  MEL_TORCH_ID,
  MEL_VOIRS_ID,
  naiveId,
  rtfId,
  torchId,
  type Cell,
  type CliCell,
  type Resources,
} from './cells/cell.js';
import type { BenchOptions } from './options.js';
import { SUITES, type SuiteName } from './results.js';

/** V1 does about 12× the work of V2: its cells vocode at most this many seconds per run. */
export const V1_MAX_SECONDS = 3;

const ARCHS = [
  { arch: 'v2', name: 'hifigan-v2', model: 'v2', naive: 'naive-v2' },
  { arch: 'v1', name: 'hifigan-v1', model: 'v1', naive: 'naive-v1' },
] as const;

/** `{ vocoder: 'hifigan', threads: 2 }` as CLI flags `--vocoder hifigan --threads 2`. */
export function flags(values: Readonly<Record<string, string | number | undefined>>): string[] {
  return Object.entries(values).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, String(v)]));
}

const threadText = (n: number) => `${n} thread${n > 1 ? 's' : ''}`;
/** A `voirs-vocoder bench` cell reading RTF (the common case). */
const cli = (cell: Omit<CliCell, 'kind' | 'reading' | 'repeat'> & Partial<CliCell>): CliCell => ({
  kind: 'cli',
  reading: 'rtf',
  repeat: 1,
  ...cell,
});

function vocoderCells(options: BenchOptions): Cell[] {
  const cells: Cell[] = [];
  const { seconds, peers: peer } = options; // the mel resource holds `seconds` of speech
  const timing = { iterations: options.iterations, time: options.timeMs, warmup: options.warmup };
  const most = Math.max(...options.threads);
  for (const { arch, name, model, naive } of ARCHS) {
    const title = `HiFi-GAN ${arch.toUpperCase()}`;
    for (const backend of ['node', 'web'] as const) {
      if (arch === 'v1' && backend === 'web' && !options.full) continue;
      for (const threads of options.threads) {
        const peers = peer ? [naiveId(name, backend, threads), torchId(name, threads)] : [];
        const span = arch === 'v1' ? Math.min(seconds, V1_MAX_SECONDS) : seconds;
        const run = (r: Resources) => ({
          backend,
          threads,
          seconds: span,
          input: r.mel,
          ...timing,
        });
        const label = `${title}${arch === 'v1' ? ' (random weights)' : ''}, ${backend}, ${threadText(threads)}`;
        cells.push(
          cli({
            id: rtfId(name, backend, threads),
            suite: 'vocoder',
            impl: 'voirs',
            peers,
            label,
            requires: ['mel', model],
            args: (r) => flags({ vocoder: 'hifigan', model: r[model], ...run(r) }),
          }),
        );
        if (arch === 'v2' && backend === 'node') {
          // the same without @voirs/native's kernels: what onnxruntime alone gives
          cells.push(
            cli({
              id: rtfId(`${name}-ort`, backend, threads),
              suite: 'vocoder',
              impl: 'voirs',
              peers,
              label: `${label}, onnxruntime only (VOIRS_NATIVE=0)`,
              requires: ['mel', model],
              args: (r) => flags({ vocoder: 'hifigan', model: r[model], ...run(r) }),
              env: { VOIRS_NATIVE: '0' },
            }),
          );
        }
        if (arch === 'v1' && backend === 'node') {
          // the int8 variant, quantised in TypeScript at load (calibration is part of the load)
          cells.push(
            cli({
              id: rtfId(`${name}-int8`, backend, threads),
              suite: 'vocoder',
              impl: 'voirs',
              peers,
              label: `${title} int8 (random weights, quantised at load), ${backend}, ${threadText(threads)}`,
              requires: ['mel', model],
              args: (r) =>
                flags({ vocoder: 'hifigan', model: r[model], ...run(r), precision: 'int8' }),
            }),
          );
        }
        for (const batch of backend === 'node' && threads === most ? options.batches : []) {
          cells.push(
            cli({
              id: rtfId(name, backend, threads, batch),
              suite: 'vocoder',
              impl: 'voirs',
              peers,
              label: `${label}, batch ${batch}`,
              requires: ['mel', model],
              args: (r) => flags({ vocoder: 'hifigan', model: r[model], ...run(r), batch }),
            }),
          );
        }
        if (!peer) continue;
        cells.push(
          cli({
            id: naiveId(name, backend, threads),
            suite: 'vocoder',
            impl: 'onnx-naive',
            label: `naive torch.onnx.export of ${arch.toUpperCase()}, ${backend}, ${threadText(threads)}`,
            requires: ['mel', naive],
            args: (r) => flags({ session: r[naive], ...run(r) }),
          }),
        );
        if (backend === 'node') {
          cells.push({
            kind: 'torch-generator',
            id: torchId(name, threads),
            suite: 'vocoder',
            impl: 'torch',
            arch,
            threads,
            seconds: span,
            label: `PyTorch ${arch.toUpperCase()} generator, ${threadText(threads)}`,
            requires: arch === 'v2' ? ['mel', 'torch', 'v2'] : ['mel', 'torch'],
          });
        }
      }
    }
  }
  cells.push(
    cli({
      id: rtfId('griffinlim', 'js', 1),
      suite: 'vocoder',
      impl: 'voirs',
      requires: ['mel'],
      label: 'Griffin-Lim (model-free default, 32 iterations)',
      args: (r) => flags({ vocoder: 'griffinlim', seconds, input: r.mel, ...timing }),
    }),
    cli({
      id: coldStartId(most),
      suite: 'vocoder',
      impl: 'voirs',
      reading: 'cold-start',
      repeat: options.coldStarts,
      label: `HiFi-GAN V2 load (official checkpoint) + first inference (1 s), node, ${threadText(most)}, fresh process`,
      requires: ['mel', 'v2'],
      args: (r) =>
        flags({
          vocoder: 'hifigan',
          model: r.v2,
          threads: most,
          seconds: 1,
          input: r.mel,
          iterations: 1,
          time: 0,
          warmup: 0,
        }),
    }),
  );
  return cells;
}

function streamingCells(options: BenchOptions): Cell[] {
  const most = Math.max(...options.threads);
  const peers = options.peers ? [naiveId('hifigan-v2', 'node', most)] : [];
  const base = (r: Resources) => ({ vocoder: 'hifigan', model: r.v2, threads: most, input: r.mel });
  const timing = { iterations: options.iterations, time: options.timeMs, warmup: options.warmup };
  const long = options.longStreamSeconds;
  return [
    ...options.chunks.map((chunk) =>
      cli({
        id: `stream/hifigan-v2/node/t${most}/c${chunk}`,
        suite: 'streaming',
        impl: 'voirs',
        peers,
        reading: 'stream',
        label: `HiFi-GAN V2 vocodeStream, chunks of ${chunk} frames, node, ${threadText(most)}`,
        requires: ['mel', 'v2'],
        args: (r) => flags({ ...base(r), seconds: options.seconds, chunk, ...timing }),
      }),
    ),
    cli({
      id: `memory/hifigan-v2/node/t${most}/stream-${long}s`,
      suite: 'streaming',
      impl: 'voirs',
      reading: 'memory',
      label: `HiFi-GAN V2 peak RSS streaming ${long} s of mel (chunks of 32 frames)`,
      requires: ['mel', 'v2'],
      args: (r) =>
        flags({ ...base(r), seconds: long, chunk: 32, iterations: 1, time: 0, warmup: 0 }),
    }),
  ];
}

function melCells(options: BenchOptions): Cell[] {
  const voirs: Cell = {
    kind: 'mel',
    id: MEL_VOIRS_ID,
    suite: 'mel',
    impl: 'voirs',
    requires: ['audio60'],
    label: 'hifigan mel frontend, 60 s (voirs computeMel)',
    peers: options.peers ? [MEL_TORCH_ID] : [],
  };
  const torch: Cell = {
    kind: 'mel',
    id: MEL_TORCH_ID,
    suite: 'mel',
    impl: 'torch',
    requires: ['audio60', 'torch'],
    label: 'hifigan mel frontend, 60 s (torch.stft + matmul, 1 thread)',
  };
  return options.peers ? [voirs, torch] : [voirs];
}

function dspCells(files: readonly string[]): Cell[] {
  return files.map((file) => {
    const stem = file
      .split('/')
      .at(-1)!
      .replace(/\.bench\.ts$/, '');
    return {
      kind: 'dsp',
      id: `dsp/${stem}`,
      suite: 'dsp',
      impl: 'voirs',
      requires: [],
      file,
      label: `DSP micro-benchmarks: ${stem}`,
    };
  });
}

/** Builds the cells of a run in execution order, then applies `--filter`. */
export function buildPlan(options: BenchOptions, dspFiles: readonly string[]): Cell[] {
  const builders: Record<SuiteName, () => Cell[]> = {
    dsp: () => dspCells(dspFiles),
    mel: () => melCells(options),
    vocoder: () => vocoderCells(options),
    streaming: () => streamingCells(options),
  };
  const cells = SUITES.filter((s) => options.suites.includes(s)).flatMap((s) => builders[s]());
  return options.filter === undefined ? cells : cells.filter((c) => c.id.includes(options.filter!));
}
