/**
 * onnxruntime log levels. Kept byte-identical in both backend packages.
 */

const SEVERITY = { verbose: 0, info: 1, warning: 2, error: 3, fatal: 4 } as const;

/** onnxruntime's log levels, most verbose first. */
export type LogLevel = keyof typeof SEVERITY;

/** The per-session log severity for a backend's `logLevel` (sessions log from 'warning' otherwise). */
export function sessionLogLevel(level: LogLevel | undefined): {
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
} {
  return level === undefined ? {} : { logSeverityLevel: SEVERITY[level] };
}
