/**
 * What the palette adds: one entry per kind of step (DESIGN.md "Designer": "Add <type>" for task,
 * http, script, notify, call, approval, branch, parallel, join, map, wait, succeed, fail), each
 * with a default body that validates once connected and runs on a bare machine.
 * `http`, `script`, `notify` and `call` are task steps with that executor.
 */
import type { Flow, Step, StepId } from '../../engine/model/flow';

export const paletteKinds = [
  'task', 'http', 'script', 'notify', 'call',
  'approval', 'branch', 'parallel', 'join', 'map', 'wait', 'succeed', 'fail',
] as const;
export type PaletteKind = (typeof paletteKinds)[number];

/** The dataTransfer type a palette button drags, holding its PaletteKind (the canvas drops it). */
export const PALETTE_DRAG_TYPE = 'application/x-flowsmith-step';

export interface PaletteEntry {
  kind: PaletteKind;
  /** Id prefix for fresh ids (`task-1`, `approval-2`…). */
  prefix: string;
}

/** The palette's kinds in button order; their names and hints are `palette.kinds.<kind>` in renderer/i18n. */
export const paletteEntries: readonly PaletteEntry[] = [
  { kind: 'task', prefix: 'task' },
  { kind: 'http', prefix: 'http' },
  { kind: 'script', prefix: 'script' },
  { kind: 'notify', prefix: 'notify' },
  { kind: 'call', prefix: 'call' },
  { kind: 'approval', prefix: 'approval' },
  { kind: 'branch', prefix: 'branch' },
  { kind: 'parallel', prefix: 'parallel' },
  { kind: 'join', prefix: 'join' },
  { kind: 'map', prefix: 'map' },
  { kind: 'wait', prefix: 'wait' },
  { kind: 'succeed', prefix: 'succeed' },
  { kind: 'fail', prefix: 'fail' },
];

/** Older names of two kinds (before issue #8), still accepted from callers and drops. */
const legacyKinds: Record<string, PaletteKind> = { 'task-shell': 'task', 'task-http': 'http' };

/** The PaletteKind a string names (a drop's dataTransfer is untrusted text), or undefined. */
export function toPaletteKind(text: string): PaletteKind | undefined {
  if ((paletteKinds as readonly string[]).includes(text)) return text as PaletteKind;
  return Object.hasOwn(legacyKinds, text) ? legacyKinds[text] : undefined;
}

/** Every step id of the flow, map bodies included (ids are unique across the whole flow). */
export function allStepIds(flow: Pick<Flow, 'steps'>): Set<StepId> {
  const ids = new Set<StepId>();
  const visit = (steps: Record<StepId, Step>) => {
    for (const [id, step] of Object.entries(steps)) {
      ids.add(id);
      if (step.type === 'map') visit(step.steps);
    }
  };
  visit(flow.steps);
  return ids;
}

/** The first id `prefix-N` (N from 1) used nowhere in the flow, map bodies included, nor in `taken`. */
export function freshId(flow: Pick<Flow, 'steps'>, prefix: string, taken: Iterable<StepId> = []): StepId {
  const used = allStepIds(flow);
  for (const id of taken) used.add(id);
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!used.has(id)) return id;
  }
}

/**
 * A new step of `kind` (legacy `task-shell`/`task-http` accepted). Parallel needs its join id
 * (`joinId`; empty leaves it for the inspector, and validation reports it). Map needs the id of
 * its nested start step (`bodyId`, default `item-1`): the body is one shell task echoing the item.
 */
export function newStep(kind: PaletteKind | 'task-shell' | 'task-http', ids: { joinId?: StepId; bodyId?: StepId } = {}): Step {
  switch (toPaletteKind(kind) ?? 'task') {
    case 'task':
      return { type: 'task', shell: 'echo hello' };
    case 'http':
      return { type: 'task', http: { method: 'GET', url: 'http://127.0.0.1:8080/health', expectStatus: [200] } };
    case 'script':
      return { type: 'task', script: 'return { ok: true };' };
    case 'notify':
      return { type: 'task', notify: { message: 'Hello from {{ $run.flow }}' } };
    case 'call':
      return { type: 'task', call: { flow: 'subflow.yaml' } };
    case 'approval':
      return { type: 'approval', approvers: ['ops-manager'], quorum: 1, message: 'Approve this step?' };
    case 'branch':
      return { type: 'branch', cases: [] };
    case 'parallel':
      return { type: 'parallel', branches: [], join: ids.joinId ?? '' };
    case 'join':
      return { type: 'join', mode: 'all' };
    case 'map': {
      const bodyId = ids.bodyId ?? 'item-1';
      return { type: 'map', items: '[1, 2, 3]', start: bodyId, steps: { [bodyId]: { type: 'task', shell: 'echo "{{ $item }}"' } } };
    }
    case 'wait':
      return { type: 'wait', duration: '1s' };
    case 'succeed':
      return { type: 'succeed' };
    case 'fail':
      return { type: 'fail', error: 'Failed', message: 'the run failed' };
  }
}
