/**
 * The live demo: a WAV in, its mel spectrogram drawn, vocoded in a worker with Griffin-Lim or a
 * HiFi-GAN checkpoint the user loads, played while it streams, compared side by side, downloadable.
 * Everything runs in the page; the site only serves static files.
 *
 * The root element's `data-*` attributes mirror the demo's state for tests and tools:
 * `data-state` (idle, ready, loading-model, vocoding, done, error), `data-error-code`,
 * `data-output-seconds`, `data-output-rms-db`, `data-first-audio-ms`, `data-playback` (playing,
 * ended, stopped), `data-frames-played`, `data-underruns`, `data-player-mode`.
 */
import {
  HIFIGAN_PRESET,
  audioDuration,
  isVocoderError,
  type AudioBuffer,
  type MelConvention,
  type QualityLevel,
} from '@voirs/core';
import { computeMel, concatAudio, rmsDb, writeWav } from '@voirs/dsp';
import exampleUrl from '../../../examples/speech.wav?url';
import { clipMel, fetchClip, readClipFile, type InputClip } from './audio-input.js';
import { renderDemo } from './demo-view.js';
import { role } from './dom.js';
import { readModelFiles } from './hifigan-files.js';
import { drawMel, melRange } from './mel-image.js';
import { Playback } from './playback.js';
import type { ModelInfo } from './protocol.js';
import { VocoderWorker, WorkerError } from './worker-client.js';

/** Mounts the demo in `root`; returns a function that tears it down. */
export function mountDemo(root: HTMLElement): () => void {
  renderDemo(root);
  const el = <T extends HTMLElement>(name: string) => role<T>(root, name);
  const vocoderSelect = el<HTMLSelectElement>('vocoder');
  const runButton = el<HTMLButtonElement>('run');
  const stopButton = el<HTMLButtonElement>('stop');
  let clip: InputClip | undefined;
  let model: ModelInfo | undefined;
  let worker: VocoderWorker | undefined;
  let run: { controller: AbortController; playback?: Playback } | undefined;
  const urls = new Map<string, string>();

  const setData = (values: Record<string, string | number | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete root.dataset[key];
      else root.dataset[key] = String(value);
    }
  };
  const status = (text: string) => (el('status').textContent = text);
  const objectUrl = (slot: string, blob: Blob) => {
    const old = urls.get(slot);
    if (old !== undefined) URL.revokeObjectURL(old);
    const url = URL.createObjectURL(blob);
    urls.set(slot, url);
    return url;
  };
  const showError = (error: unknown) => {
    const code = isVocoderError(error) || error instanceof WorkerError ? error.code : undefined;
    const box = el('error');
    box.textContent = `${error instanceof Error ? error.message : String(error)}${code ? ` [${code}]` : ''}`;
    box.hidden = false;
    setData({ state: 'error', errorCode: code ?? 'unknown' });
  };
  const clearError = () => {
    el('error').hidden = true;
    setData({ errorCode: undefined });
  };
  const wantsHifigan = () => vocoderSelect.value === 'hifigan';
  const convention = (): MelConvention =>
    wantsHifigan() && model ? model.convention : HIFIGAN_PRESET;
  const refresh = () => {
    el('model-box').hidden = !wantsHifigan();
    el('quality-label').hidden = wantsHifigan();
    runButton.disabled =
      clip === undefined || run !== undefined || (wantsHifigan() && model === undefined);
    stopButton.disabled = run === undefined;
  };
  const getWorker = () => (worker ??= new VocoderWorker());

  async function useClip(load: () => Promise<InputClip>): Promise<void> {
    clearError();
    try {
      clip = await load();
      const seconds = audioDuration(clip.audio);
      el('input-info').textContent =
        `${clip.name}: ${seconds.toFixed(2)} s, ${clip.audio.sampleRate} Hz, ${clip.audio.channels} channel(s).`;
      const audio = el<HTMLAudioElement>('input-audio');
      audio.src = objectUrl('input', new Blob([clip.bytes], { type: 'audio/wav' }));
      audio.hidden = false;
      const mel = clipMel(clip, convention());
      drawMel(el('input-mel'), mel, melRange(mel));
      el('input-caption').textContent =
        `Input: ${mel.frames} frames of the "${mel.convention.name}" mel`;
      setData({ state: 'ready' });
      status('Ready: choose a vocoder and press "Vocode and play".');
    } catch (error) {
      showError(error);
    }
    refresh();
  }

  async function loadModel(files: File[]): Promise<void> {
    clearError();
    model = undefined;
    refresh();
    setData({ state: 'loading-model' });
    status(
      `Converting ${files.map((f) => f.name).join(' + ')} to ONNX and starting onnxruntime-web…`,
    );
    try {
      const { name, bytes, config } = await readModelFiles(files);
      model = await getWorker().loadHifigan(bytes, name, config);
      const params =
        model.parameters === undefined
          ? ''
          : `, ${(model.parameters / 1e6).toFixed(2)} M parameters`;
      el('model-info').textContent =
        `Loaded ${model.arch} (${model.convention.name} mel, ${model.sampleRate} Hz${params}) in ${Math.round(model.loadMs)} ms on ${model.threads ?? '?'} WASM thread(s).`;
      setData({ state: clip ? 'ready' : 'idle' });
      status(clip ? 'Model ready.' : 'Model ready; now load some audio.');
    } catch (error) {
      showError(error);
    }
    refresh();
  }

  async function vocode(): Promise<void> {
    if (clip === undefined) return;
    clearError();
    const controller = new AbortController();
    run = { controller };
    refresh();
    const mel = clipMel(clip, convention());
    const started = performance.now();
    const chunks: AudioBuffer[] = [];
    let firstAudioMs: number | undefined;
    setData({
      state: 'vocoding',
      playback: undefined,
      framesPlayed: undefined,
      underruns: undefined,
      outputSeconds: undefined,
      outputRmsDb: undefined,
    });
    el('result').hidden = true;
    try {
      // the audio context is created before the first await, inside the click's user gesture
      const playback = await Playback.open(mel.convention.sampleRate);
      run.playback = playback;
      setData({ playerMode: playback.player.mode, playback: 'playing' });
      const name = wantsHifigan() ? (model?.arch ?? 'HiFi-GAN') : 'Griffin-Lim';
      status(`Vocoding with ${name} and playing as it streams…`);
      const chunkFrames = Number(el<HTMLSelectElement>('chunk').value);
      const quality = el<HTMLSelectElement>('quality').value as QualityLevel;
      await getWorker().vocode(
        {
          vocoder: wantsHifigan() ? 'hifigan' : 'griffinlim',
          mel,
          chunkFrames,
          quality,
          signal: controller.signal,
        },
        {
          onChunk(chunk) {
            firstAudioMs ??= performance.now() - started;
            chunks.push(chunk);
            void playback.write(chunk).catch(() => undefined);
            const done = chunks.reduce((s, c) => s + c.samples.length, 0) / mel.convention.hop;
            status(
              `Vocoding with ${name}: ${done} of ${mel.frames} frames, first audio after ${Math.round(firstAudioMs)} ms.`,
            );
          },
        },
      );
      const output = concatAudio(chunks);
      const summary = showResult(
        output,
        mel.frames,
        performance.now() - started,
        firstAudioMs ?? 0,
        name,
      );
      status(`${summary} Playing…`);
      const stats = await playback.end();
      setData({ playback: 'ended', framesPlayed: stats.framesPlayed, underruns: stats.underruns });
      status(
        `${summary} Played (${stats.underruns} underrun(s), ${playback.player.mode === 'shared' ? 'shared-memory' : 'posted-chunk'} player).`,
      );
    } catch (error) {
      run?.playback?.stop();
      if (controller.signal.aborted) {
        setData({ state: 'ready', playback: 'stopped' });
        status('Stopped.');
      } else showError(error);
    } finally {
      run = undefined;
      refresh();
    }
  }

  /** Draws, offers and describes the result; returns the description. */
  function showResult(
    output: AudioBuffer,
    frames: number,
    totalMs: number,
    firstAudioMs: number,
    name: string,
  ): string {
    const seconds = audioDuration(output);
    const outMel = computeMel(output, convention());
    const inMel = clipMel(clip!, convention());
    const range = melRange(inMel, outMel);
    drawMel(el('input-mel'), inMel, range);
    drawMel(el('output-mel'), outMel, range);
    el('output-caption').textContent = `${name}: ${outMel.frames} frames, same colour scale`;
    const wav = writeWav(output, { format: 's16' });
    const url = objectUrl('output', new Blob([wav.slice().buffer], { type: 'audio/wav' }));
    el<HTMLAudioElement>('output-audio').src = url;
    const link = el<HTMLAnchorElement>('download');
    link.href = url;
    link.download = `${clip!.name.replace(/\.wav$/i, '')}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.wav`;
    el('result').hidden = false;
    const level = rmsDb(output);
    setData({
      state: 'done',
      outputSeconds: seconds.toFixed(4),
      outputRmsDb: level.toFixed(1),
      firstAudioMs: Math.round(firstAudioMs),
    });
    return (
      `Done: ${frames} frames → ${seconds.toFixed(2)} s of audio (${level.toFixed(1)} dBFS RMS) in ${Math.round(totalMs)} ms ` +
      `(real-time factor ${(totalMs / 1000 / seconds).toFixed(3)}); first audio after ${Math.round(firstAudioMs)} ms.`
    );
  }

  el<HTMLInputElement>('wav-file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file) void useClip(() => readClipFile(file));
  });
  const drop = el('drop');
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('voirs-demo-over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('voirs-demo-over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('voirs-demo-over');
    const file = event.dataTransfer?.files[0];
    if (file) void useClip(() => readClipFile(file));
  });
  el('example').addEventListener(
    'click',
    () => void useClip(() => fetchClip(exampleUrl, 'speech.wav')),
  );
  el<HTMLInputElement>('model-files').addEventListener('change', (event) => {
    const files = [...((event.target as HTMLInputElement).files ?? [])];
    if (files.length > 0) void loadModel(files);
  });
  vocoderSelect.addEventListener('change', () => {
    refresh();
    if (clip !== undefined) void useClip(async () => clip!);
  });
  runButton.addEventListener('click', () => void vocode());
  stopButton.addEventListener('click', () => {
    run?.controller.abort();
    run?.playback?.stop();
  });
  setData({ state: 'idle' });
  refresh();

  return () => {
    run?.controller.abort();
    run?.playback?.stop();
    worker?.terminate();
    for (const url of urls.values()) URL.revokeObjectURL(url);
  };
}
