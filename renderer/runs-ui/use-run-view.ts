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
