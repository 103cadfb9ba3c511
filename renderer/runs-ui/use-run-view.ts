/**
 * The run on display, for components: the folded state at the cursor (shared, changed in place;
 * run-slice.ts), its journal and logs, re-rendering on every publish (runTick).
 */
import { useAppStore } from '../app-context';

/** Subscribes to the run on display; read its fields during render only. */
export function useRunView() {
  const tick = useAppStore((s) => s.runTick);
  const runId = useAppStore((s) => s.runId);
  const run = useAppStore((s) => s.run);
  const events = useAppStore((s) => s.runEvents);
  const attempts = useAppStore((s) => s.runAttempts);
  const length = useAppStore((s) => s.runLength);
  const cursor = useAppStore((s) => s.runCursor);
  const logs = useAppStore((s) => s.logs);
  return { tick, runId, run, events, attempts, length, cursor, position: cursor ?? length, logs, isLive: cursor === null };
}

/** `1.5 s`, `2 min 5 s`, `1 h 3 min` for a duration in ms. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
