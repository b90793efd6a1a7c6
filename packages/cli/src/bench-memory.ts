/**
 * Peak resident memory for `voirs-vocoder bench`. On Linux the kernel's high-water mark (VmHWM)
 * can be reset by writing `5` to /proc/self/clear_refs, so the peak of one measurement is read on
 * its own; elsewhere only the process-wide peak (getrusage maxrss) is available.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** Whether a peak covers only the measurement or the whole process life. */
export type PeakScope = 'measurement' | 'process';

/** Starts a peak measurement; returns what the later reading will cover. */
export function resetPeakRss(): PeakScope {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return 'measurement';
  } catch {
    return 'process';
  }
}

/** The peak resident set size in bytes since the last reset (or since the process started). */
export function peakRssBytes(): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // not Linux: fall through to getrusage
  }
  return process.resourceUsage().maxRSS * 1024;
}
