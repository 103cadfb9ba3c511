/**
 * Findings per step, for the badges on canvas nodes (DESIGN.md: `data-finding="error"|"warning"`).
 * Computed once per findings array (the store replaces the array when findings change) and shared
 * by every node, so a node's lookup is O(1) and no node scans the list.
 */
import type { Finding } from '../../engine/model/finding';
import type { StepId } from '../../engine/model/flow';

/** What a node shows: the worst severity among its findings and how many there are. */
export interface StepFindings {
  severity: 'error' | 'warning';
  count: number;
}

/**
 * The step a finding is about: its `step`, else the last step named in its JSON path
 * (`/steps/scan/steps/check/next` → `check`, a step in a map's body).
 */
export function findingStep(f: Finding): StepId | undefined {
  if (f.step) return f.step;
  const parts = f.path?.split('/') ?? [];
  let step: StepId | undefined;
  for (let i = 1; i + 1 < parts.length; i++) if (parts[i] === 'steps') step = parts[i + 1];
  return step;
}

let lastInput: readonly Finding[] | undefined;
let lastOutput: ReadonlyMap<StepId, StepFindings> = new Map();

/** Step id → its badge; info findings are left out. Memoised on the array's identity. */
export function findingsByStep(findings: readonly Finding[]): ReadonlyMap<StepId, StepFindings> {
  if (findings === lastInput) return lastOutput;
  const out = new Map<StepId, StepFindings>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const step = findingStep(f);
    if (!step) continue;
    const had = out.get(step);
    out.set(step, {
      severity: had?.severity === 'error' || f.severity === 'error' ? 'error' : 'warning',
      count: (had?.count ?? 0) + 1,
    });
  }
  lastInput = findings;
  lastOutput = out;
  return out;
}
