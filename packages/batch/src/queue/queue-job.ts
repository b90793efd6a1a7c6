/**
 * What a queued job carries: the file paths (on storage every worker sees alike), the settings its
 * job module needs, and the settings key of its completion record. Job ids are derived from the output
 * and the settings key, so submitting the same work twice queues it once.
 */
import { sha256Hex } from '../completion-record.js';
import type { FileJob } from '../job.js';

/** The data of a queued job. */
export interface QueueJobData {
  readonly job: FileJob;
  readonly settings: unknown;
  readonly settingsKey: string;
}

/** The deterministic BullMQ job id of `job` with `settingsKey`. */
export function queueJobId(job: FileJob, settingsKey: string): string {
  return sha256Hex(`${job.output}\n${settingsKey}`).slice(0, 32);
}
