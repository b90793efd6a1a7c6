/**
 * Progress and ETA of a batch. Each file weighs its input size (a good proxy for its audio length
 * and so for its vocoding time); running files count with their reported fraction. The ETA is the
 * elapsed time scaled by the work left over the work done.
 */

/** A progress snapshot. */
export interface BatchProgress {
  /** Files to vocode in this run (skipped complete outputs excluded). */
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly running: number;
  /** Work done, 0..1, by input size. */
  readonly fraction: number;
  readonly elapsedSeconds: number;
  /** Seconds left at the rate so far; undefined until some work is done. */
  readonly etaSeconds: number | undefined;
}

/** Tracks the files of one run; see the module comment. */
export class ProgressTracker {
  readonly #weights = new Map<string, number>();
  readonly #running = new Map<string, number>();
  readonly #started = performance.now();
  #total = 0;
  #finishedWeight = 0;
  #done = 0;
  #failed = 0;

  /** `weights` maps a job key (its output path) to its input size (any positive number; 0 counts as 1). */
  constructor(weights: ReadonlyMap<string, number>) {
    for (const [id, w] of weights) {
      const weight = Math.max(1, w);
      this.#weights.set(id, weight);
      this.#total += weight;
    }
  }

  start(id: string): void {
    this.#running.set(id, 0);
  }

  /** A running job's own fraction (0..1). */
  update(id: string, fraction: number): void {
    if (this.#running.has(id)) this.#running.set(id, Math.min(1, Math.max(0, fraction)));
  }

  finish(id: string, ok: boolean): void {
    this.#running.delete(id);
    this.#finishedWeight += this.#weights.get(id) ?? 1;
    if (ok) this.#done++;
    else this.#failed++;
  }

  snapshot(): BatchProgress {
    let work = this.#finishedWeight;
    for (const [id, f] of this.#running) work += f * (this.#weights.get(id) ?? 1);
    const fraction = this.#total === 0 ? 1 : Math.min(1, work / this.#total);
    const elapsedSeconds = (performance.now() - this.#started) / 1000;
    return {
      total: this.#weights.size,
      done: this.#done,
      failed: this.#failed,
      running: this.#running.size,
      fraction,
      elapsedSeconds,
      etaSeconds: fraction > 0 ? (elapsedSeconds * (1 - fraction)) / fraction : undefined,
    };
  }
}
