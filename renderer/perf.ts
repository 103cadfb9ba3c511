/**
 * The open path's timing (issue #8 point 6): User Timing marks for the designer benchmark
 * (bench/designer) and `afterPaint`. Marks go only to the browser's performance timeline: no
 * logs, no state. Each entry is named `flowsmith:<what>`; a measure's duration is in milliseconds.
 * Only the first 300 entries are recorded (opening the first file takes about 30).
 */

const PREFIX = 'flowsmith:';
const hasTimeline = typeof performance !== 'undefined' && typeof performance.measure === 'function';
/** Entries left to record: the open path is at the start, and the timeline must not grow for ever. */
let budget = 300;
const isRecording = () => hasTimeline && budget-- > 0;

/** Runs `fn` and records its duration as the measure `flowsmith:<name>`. Returns what `fn` returns. */
export function timed<T>(name: string, fn: () => T): T {
  if (!isRecording()) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    performance.measure(PREFIX + name, { start, end: performance.now() });
  }
}

/** Records the instant mark `flowsmith:<name>` (e.g. when a host answer arrived). */
export function markTime(name: string): void {
  if (isRecording()) performance.mark(PREFIX + name);
}

/**
 * Resolves after the next frame is painted (a timer queued from requestAnimationFrame), or after
 * 100 ms when no frame comes (a hidden window); at once where there are no frames (tests).
 */
export function afterPaint(): Promise<void> {
  if (typeof requestAnimationFrame !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}
