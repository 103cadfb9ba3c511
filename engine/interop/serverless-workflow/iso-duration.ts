/**
 * Durations between Flowsmith (`500ms`, `30s`, `1h30m`, `1d`, ISO 8601; engine/model/duration.ts)
 * and Serverless Workflow 1.0 (dsl-reference.md "Duration": an ISO 8601 string, or an inline object
 * of integer `days`, `hours`, `minutes`, `seconds`, `milliseconds`).
 */
import { parseDurationMs } from '../../model/duration.js';
import type { DurationText } from '../../model/flow.js';

const UNITS = [
  ['D', 86_400_000],
  ['H', 3_600_000],
  ['M', 60_000],
] as const;

/** ISO 8601 for `ms` milliseconds: `PT30S`, `PT1H30M`, `P1D`, `PT0.2S`; `PT0S` for zero or less. */
export function isoDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  if (rest === 0) return 'PT0S';
  let date = '';
  let time = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n === 0) continue;
    if (unit === 'D') date += `${n}D`;
    else time += `${n}${unit}`;
  }
  // Seconds keep milliseconds as a decimal fraction (the SW pattern allows `\d+(\.\d+)?S`).
  if (rest > 0) time += `${Number((rest / 1000).toFixed(3))}S`;
  return `P${date}${time === '' ? '' : `T${time}`}`;
}

/** A native duration as ISO 8601. Throws as parseDurationMs does (validate/ rejects bad ones first). */
export function toIsoDuration(text: DurationText): string {
  return isoDuration(parseDurationMs(text));
}

/** An SW inline duration object's length in milliseconds; non-numeric parts count as zero. */
export function inlineDurationMs(value: Record<string, unknown>): number {
  const n = (k: string) => (typeof value[k] === 'number' ? (value[k] as number) : 0);
  return n('days') * 86_400_000 + n('hours') * 3_600_000 + n('minutes') * 60_000 + n('seconds') * 1_000 + n('milliseconds');
}

/** Native short text for `ms` milliseconds: `30s`, `1h30m`, `1d2h`, `250ms`; `0s` for zero. */
export function shortDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) out += `${n}${unit}`;
  }
  return out;
}
