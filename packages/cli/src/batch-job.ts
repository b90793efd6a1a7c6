/**
 * The job module of `voirs-vocoder batch` and `voirs-vocoder worker`, loaded by @voirs/batch in each
 * worker thread: it loads the vocoder once per thread (its own session, with that thread's share of
 * the cores) and vocodes one input file into WAV bytes per job, exactly as `vocode` would.
 */
import { audioDuration, loadVocoder, vocoders } from '@voirs/core';
import { writeWav } from '@voirs/dsp';
import type { FileJob, JobRunner, JobRunnerContext } from '@voirs/batch';
import type { BatchVocodeSettings } from './batch-settings.js';
import { resolveModelSource } from './model-source.js';
import { registerBuiltinPlugins } from './plugins.js';
import { readMelInput } from './vocode-job.js';

/** This module's URL, for JobPool's `jobModule`. */
export const BATCH_JOB_MODULE = import.meta.url;

/** Loads the vocoder the settings describe; see the module comment. */
export async function createJobRunner(
  settings: BatchVocodeSettings,
  context: JobRunnerContext,
): Promise<JobRunner> {
  registerBuiltinPlugins();
  const plugin = vocoders.get(settings.vocoder);
  const vocoder = await loadVocoder({
    vocoder: plugin.name,
    model: settings.model === undefined ? undefined : await resolveModelSource(settings.model),
    backend: settings.backend,
    modelConfig: plugin.requiresModel
      ? { arch: settings.arch, threads: context.intraOpThreads }
      : undefined,
  });
  return {
    async run(job: FileJob, onProgress: (fraction: number) => void) {
      const mel = await readMelInput(job.input, vocoder.metadata.convention);
      const audio = await vocoder.vocode(mel, {
        quality: settings.quality,
        seed: settings.seed,
        options: settings.options,
        onProgress,
      });
      return {
        bytes: writeWav(audio, { format: settings.format }),
        audioSeconds: audioDuration(audio),
      };
    },
    dispose: () => vocoder.dispose(),
  };
}
