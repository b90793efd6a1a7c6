/**
 * What `batch` prints while it runs: a progress bar with files and ETA on a terminal, and one line
 * per settled file otherwise (failures always).
 */
import type { BatchProgress, FileReport } from '@voirs/batch';
import type { Reporter } from './reporter.js';

/** `m:ss` (or `h:mm:ss`) of a duration in seconds. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** Draws the progress bar. */
export function showProgress(reporter: Reporter, p: BatchProgress): void {
  const eta = p.etaSeconds === undefined ? '--:--' : formatDuration(p.etaSeconds);
  reporter.progress(
    p.fraction,
    `${p.done + p.failed}/${p.total} files, ${p.running} running, ETA ${eta}`,
  );
}

/** One line for a settled file. */
export function describeFile(file: FileReport): string {
  switch (file.status) {
    case 'done':
      return `done ${file.output} (${file.audioSeconds?.toFixed(2)} s of audio, RTF ${file.rtf?.toFixed(3)}${file.attempts > 1 ? `, after ${file.attempts} tries` : ''})`;
    case 'skipped':
      return `skipped ${file.output} (complete and verified)`;
    case 'failed':
      return `FAILED ${file.input} after ${file.attempts} ${file.attempts === 1 ? 'try' : 'tries'}: ${file.error?.message} [${file.error?.code}]`;
    default:
      return `not started ${file.input}`;
  }
}
