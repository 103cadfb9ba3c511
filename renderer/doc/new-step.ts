/**
 * What the palette adds: one entry per kind of step, with a default body that validates
 * once connected (issue #2 "Palette").
 */
import type { Flow, Step, StepId } from '../../engine/model/flow';

export type PaletteKind =
  | 'task-shell'
  | 'task-http'
  | 'approval'
  | 'branch'
  | 'parallel'
  | 'join'
  | 'wait'
  | 'succeed'
  | 'fail';

export interface PaletteEntry {
  kind: PaletteKind;
  /** Button text; the accessible name is `Add <label>`. */
  label: string;
  hint: string;
  /** Id prefix for fresh ids (`task-1`, `approval-2`…). */
  prefix: string;
}

export const paletteEntries: readonly PaletteEntry[] = [
  { kind: 'task-shell', label: 'task', hint: 'Run a shell command', prefix: 'task' },
  { kind: 'task-http', label: 'HTTP task', hint: 'Call an HTTP endpoint', prefix: 'http' },
  { kind: 'approval', label: 'approval', hint: 'Wait for a person to approve', prefix: 'approval' },
  { kind: 'branch', label: 'branch', hint: 'Choose a path by condition', prefix: 'branch' },
  { kind: 'parallel', label: 'parallel', hint: 'Start branches at once', prefix: 'parallel' },
  { kind: 'join', label: 'join', hint: 'Wait for parallel branches', prefix: 'join' },
  { kind: 'wait', label: 'wait', hint: 'Wait for a duration', prefix: 'wait' },
  { kind: 'succeed', label: 'succeed', hint: 'End the path successfully', prefix: 'succeed' },
  { kind: 'fail', label: 'fail', hint: 'Fail the run', prefix: 'fail' },
];

/** The first free id `prefix-N` (N from 1) in the flow. */
export function freshId(flow: Flow, prefix: string): StepId {
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!flow.steps[id]) return id;
  }
}

/**
 * A new step of `kind`. Parallel needs a join id: `joinId` when given, else a placeholder the
 * inspector asks the user to set (validation reports it until then).
 */
export function newStep(kind: PaletteKind, joinId = ''): Step {
  switch (kind) {
    case 'task-shell':
      return { type: 'task', shell: 'echo hello' };
    case 'task-http':
      return { type: 'task', http: { method: 'GET', url: 'http://127.0.0.1:8080/health', expectStatus: [200] } };
    case 'approval':
      return { type: 'approval', approvers: ['ops-manager'], quorum: 1, message: 'Approve this step?' };
    case 'branch':
      return { type: 'branch', cases: [] };
    case 'parallel':
      return { type: 'parallel', branches: [], join: joinId };
    case 'join':
      return { type: 'join', mode: 'all' };
    case 'wait':
      return { type: 'wait', duration: '30s' };
    case 'succeed':
      return { type: 'succeed' };
    case 'fail':
      return { type: 'fail', error: 'Failed', message: 'the run failed' };
  }
}
