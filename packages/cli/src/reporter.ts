/**
 * What the CLI prints: progress on a TTY (stderr), messages unless --quiet, a JSON summary on stdout
 * with --json.
 */
import type { Writable } from 'node:stream';

/** Where the CLI writes; injectable for tests. */
export interface CliStreams {
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: Writable & { isTTY?: boolean };
}

export class Reporter {
  #lastDraw = 0;
  #progressShown = false;

  constructor(
    private readonly streams: CliStreams,
    private readonly options: { quiet?: boolean; json?: boolean },
  ) {}

  /** A human message on stderr (suppressed by --quiet and --json). */
  info(message: string): void {
    if (this.options.quiet || this.options.json) return;
    this.#clearProgress();
    this.streams.stderr.write(`${message}\n`);
  }

  /** A progress bar on an interactive stderr; throttled to ~20 redraws per second. */
  progress(fraction: number, label: string): void {
    if (this.options.quiet || this.options.json || !this.streams.stderr.isTTY) return;
    const now = Date.now();
    if (fraction < 1 && now - this.#lastDraw < 50) return;
    this.#lastDraw = now;
    const width = 30;
    const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
    this.streams.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(fraction * 100)}%`,
    );
    this.#progressShown = true;
    if (fraction >= 1) this.#clearProgress();
  }

  /** The machine-readable result (stdout, only with --json). */
  summary(result: Record<string, unknown>): void {
    if (this.options.json) this.streams.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  }

  #clearProgress(): void {
    if (this.#progressShown) {
      this.streams.stderr.write('\r\x1b[2K');
      this.#progressShown = false;
    }
  }
}
