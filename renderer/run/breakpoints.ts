/**
 * Breakpoints kept per flow file in the browser's localStorage (DESIGN.md "Designer": with the flow
 * in the workspace, not in the YAML), keyed by the file's absolute path. Unreadable or missing
 * storage (private mode, tests) means no breakpoints; nothing else fails.
 */
import type { StepId } from '../../engine/model/flow';

const key = (path: string) => `flowsmith.breakpoints:${path}`;

/** The breakpoints stored for the flow file at `path`. */
export function loadBreakpoints(path: string): StepId[] {
  try {
    const raw = globalThis.localStorage?.getItem(key(path));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** Stores the breakpoints of the flow file at `path` (an empty list removes the entry). */
export function saveBreakpoints(path: string, steps: readonly StepId[]): void {
  try {
    if (steps.length === 0) globalThis.localStorage?.removeItem(key(path));
    else globalThis.localStorage?.setItem(key(path), JSON.stringify(steps));
  } catch {
    // Storage full or refused: the breakpoints still hold for this session.
  }
}
