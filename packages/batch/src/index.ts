/**
 * @voirs/batch: batch vocoding at scale. A worker-thread pool with resumable atomic outputs, reports
 * and retries ({@link runBatch}), and a BullMQ queue on Redis for many machines.
 * @packageDocumentation
 */
export * from './job.js';
export * from './job-error.js';
export * from './completion-record.js';
export * from './thread-budget.js';
export * from './job-pool.js';
export { runJob, type RunJobOptions } from './run-job.js';
export * from './plan-jobs.js';
export * from './progress-tracker.js';
export * from './batch-report.js';
export * from './run-batch.js';
export * from './queue/queue-connection.js';
export * from './queue/queue-job.js';
export * from './queue/queue-submit.js';
export * from './queue/queue-worker.js';
export * from './queue/queue-status.js';
