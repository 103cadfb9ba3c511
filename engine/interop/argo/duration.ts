/**
 * Durations between Flowsmith (`500ms`, `30s`, `1h30m`, `1d`, ISO 8601 `PT5M`; engine/model/duration.ts)
 * and Argo, which takes Go durations (`30s`, `1h30m`, `300ms`; no days) or a bare number of seconds
 * in suspend.duration, retryStrategy.backoff and Template.timeout, and whole seconds in
 * activeDeadlineSeconds. Source: https://argo-workflows.readthedocs.io/en/latest/fields/ (Backoff,
 * SuspendTemplate) and https://pkg.go.dev/time#ParseDuration.
 */
import { isDurationText, parseDurationMs } from '../../model/duration.js';
import type { DurationText } from '../../model/flow.js';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

/**
 * A Go duration for `ms` milliseconds, largest units first (`1h30m`, `200ms`, `36h` for 1.5 days);
 * `0s` for zero. Negative input is treated as zero.
 */
export function goDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  if (rest === 0) return '0s';
  let out = '';
  for (const [unit, size] of [['h', HOUR_MS], ['m', MINUTE_MS], ['s', SECOND_MS], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/** A Flowsmith duration as a Go duration. Throws as parseDurationMs does (validate/ rejects bad ones first). */
export function toGoDuration(text: DurationText): string {
  return goDuration(parseDurationMs(text));
}

/** A Flowsmith duration in whole seconds, rounded up and at least 1 (activeDeadlineSeconds must be positive). */
export function toWholeSeconds(text: DurationText): number {
  return Math.max(1, Math.ceil(parseDurationMs(text) / SECOND_MS));
}

/**
 * An Argo duration (a number of seconds, `"20"`, or a Go duration such as `2m`, `1h30m0s`) as a
 * Flowsmith duration, or undefined when it is not one (an `{{expression}}`, `us`/`ns` units).
 */
export function fromArgoDuration(value: unknown): DurationText | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return `${value}s`;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return `${text}s`;
  if (!isDurationText(text) || text.startsWith('P')) return undefined;
  return goDuration(parseDurationMs(text));
}
