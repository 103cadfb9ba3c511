/**
 * Text for `flowsmith test`: one line per scenario (`✓ name` / `✗ name`), under a failure the diff
 * of what was expected against what happened (the paths side by side with the first difference
 * marked, then one line per differing field), and a summary line.
 */
import type { Json } from '../model/flow.js';
import type { Mismatch } from './expect.js';

/** Lines before the first difference of two paths that the side-by-side diff still shows. */
const CONTEXT_BEFORE = 3;
/** Lines from the first difference on that it shows. */
const ROWS_AFTER = 10;

/** The result of one scenario, as the CLI prints it (and as `--json` lists it). */
export interface ScenarioOutcome {
  name: string;
  passed: boolean;
  mismatches: Mismatch[];
  notes: string[];
}

/** `✓ name`, or `✗ name` followed by the indented diff; notes (answers not given) follow either. */
export function formatOutcome(o: ScenarioOutcome, indent = '  '): string {
  const lines = [`${indent}${o.passed ? '✓' : '✗'} ${o.name}`];
  for (const m of o.mismatches) lines.push(...formatMismatch(m).map((l) => `${indent}    ${l}`));
  for (const n of o.notes) lines.push(`${indent}    note: ${n}`);
  return lines.join('\n');
}

/** One mismatch as lines: a side-by-side table for the path, else `field: expected X, got Y (detail)`. */
export function formatMismatch(m: Mismatch): string[] {
  if (m.kind === 'path') return formatPathDiff(m.expected, m.actual, m.at);
  const detail = m.detail ? ` (${m.detail})` : '';
  if (m.field === 'pathIncludes') return [`path: expected ${show(m.expected)} to start, but it never did`];
  if (m.field === 'pathExcludes') return [`path: expected ${show(m.expected)} not to start, but it did`];
  return [`${m.field}: expected ${show(m.expected)}, got ${show(m.actual)}${detail}`];
}

/**
 * The expected and actual paths side by side, numbered from 1, with `→` on the first row that
 * differs; rows far from that one are elided.
 */
export function formatPathDiff(expected: readonly string[], actual: readonly string[], at: number): string[] {
  const width = Math.max(8, ...expected.map((s) => s.length)) + 2;
  const rows = Math.max(expected.length, actual.length);
  const digits = String(rows).length;
  const from = Math.max(0, at - CONTEXT_BEFORE);
  const to = Math.min(rows, at + ROWS_AFTER);
  const lines = [`path differs at step ${at + 1} (${expected.length} expected, ${actual.length} started):`];
  const pad = ' '.repeat(digits + 5);
  lines.push(`${pad}${'expected'.padEnd(width)}actual`);
  if (from > 0) lines.push(`${pad}… ${from} equal step(s)`);
  for (let i = from; i < to; i++) {
    // Only the first difference is marked: after it the two paths are usually shifted.
    const mark = i === at ? '→' : ' ';
    const left = expected[i] ?? '(end)';
    const right = actual[i] ?? '(end)';
    lines.push(`  ${mark} ${String(i + 1).padStart(digits)} ${left.padEnd(width)}${right}`);
  }
  if (to < rows) lines.push(`${pad}… ${rows - to} more`);
  return lines;
}

/** `N scenarios: P passed, F failed` plus invalid files and flows without scenarios, when any. */
export function formatSummary(counts: { passed: number; failed: number; invalidFiles: number; withoutScenarios: number }): string {
  const total = counts.passed + counts.failed;
  const parts = [`${total} scenario${total === 1 ? '' : 's'}: ${counts.passed} passed, ${counts.failed} failed`];
  if (counts.invalidFiles > 0) parts.push(`${counts.invalidFiles} invalid file(s)`);
  if (counts.withoutScenarios > 0) parts.push(`${counts.withoutScenarios} flow(s) without scenarios`);
  return parts.join('; ');
}

/** A value for a diff line: bare words as they are, other text quoted, data as compact JSON. */
function show(value: Json | undefined): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return /^[\w.:/-]+$/.test(value) ? value : JSON.stringify(value);
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
