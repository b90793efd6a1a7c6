/**
 * Turns valibot issues into one readable line per problem (`source.sha256: …`).
 */
import * as v from 'valibot';

/** `path: message; path: message` for a failed parse. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ');
}
