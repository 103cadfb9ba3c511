/**
 * The one list of the step ids a step names (issue #10: it was written out in model/flow.ts
 * `successors`, validate/scopes.ts, the canvas' edges and the Argo importer). Field names are
 * DESIGN.md's "The flow document": cases[].next, default (branch), branches[] and join (parallel),
 * next (every step), onReject and onTimeout (approval), catch[].next (every step), and start (map,
 * naming a step of its own body). `compensate` is a task body and names no step.
 *
 * Tolerant by design: validate/ reads references before the schema check passes, so a field of the
 * wrong type is skipped and fields are read whatever the step's `type` says.
 */
import type { Step, StepId } from './flow.js';

/** Which field a reference is written in. */
export const ReferenceKind = {
  case: 'case',
  default: 'default',
  branch: 'branch',
  join: 'join',
  next: 'next',
  onReject: 'onReject',
  onTimeout: 'onTimeout',
  catch: 'catch',
  start: 'start',
} as const;
export type ReferenceKind = (typeof ReferenceKind)[keyof typeof ReferenceKind];

/** One mention of a step id inside a step. */
export interface StepReference {
  kind: ReferenceKind;
  /** The id named. */
  to: StepId;
  /** Where it is written, relative to the step: `['next']`, `['cases', 0, 'next']`, `['branches', 1]`. */
  field: readonly (string | number)[];
  /** The case, branch or catch clause's index; undefined for single fields. */
  index?: number;
}

/** A step as `stepReferences` reads it: a typed Step, or any parsed mapping (validation). */
export type StepFields = Step | Readonly<Record<string, unknown>>;

/**
 * Calls `visit` for each id `step` names, in this order: cases[].next, default, branches[], join,
 * next, onReject, onTimeout, catch[].next, start (the order of `successors` and of the canvas'
 * edges; `start` last because it names a step of the map's body, not of the step's own scope).
 * Allocates nothing itself (successors, the block tree's edges and validation call it per step).
 */
export function visitReferences(step: StepFields, visit: ReferenceVisitor): void {
  const s = step as Readonly<Record<string, unknown>>;
  visitClauses(s['cases'], ReferenceKind.case, visit);
  visitOne(s['default'], ReferenceKind.default, visit);
  const branches = s['branches'];
  if (Array.isArray(branches)) {
    for (let i = 0; i < branches.length; i++) if (typeof branches[i] === 'string') visit(ReferenceKind.branch, branches[i] as string, i);
  }
  visitOne(s['join'], ReferenceKind.join, visit);
  visitOne(s['next'], ReferenceKind.next, visit);
  visitOne(s['onReject'], ReferenceKind.onReject, visit);
  visitOne(s['onTimeout'], ReferenceKind.onTimeout, visit);
  visitClauses(s['catch'], ReferenceKind.catch, visit);
  if (s['type'] === 'map') visitOne(s['start'], ReferenceKind.start, visit);
}

/** What `visitReferences` calls per reference; `index` is the case, branch or clause index. */
export type ReferenceVisitor = (kind: ReferenceKind, to: StepId, index: number | undefined) => void;

function visitOne(value: unknown, kind: ReferenceKind, visit: ReferenceVisitor): void {
  if (typeof value === 'string') visit(kind, value, undefined);
}

/** `cases` and `catch`: a list of mappings whose `next` is the reference. */
function visitClauses(items: unknown, kind: ReferenceKind, visit: ReferenceVisitor): void {
  if (!Array.isArray(items)) return;
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const to = (item as Record<string, unknown>)['next'];
    if (typeof to === 'string') visit(kind, to, i);
  }
}

/** Every id `step` names, with the field it is written in, in `visitReferences` order. */
export function stepReferences(step: StepFields): StepReference[] {
  const out: StepReference[] = [];
  visitReferences(step, (kind, to, index) => {
    const field = referencePath([], kind, index);
    out.push(index === undefined ? { kind, to, field } : { kind, to, field, index });
  });
  return out;
}

/**
 * True for references to a step of the same `steps` map: all but a map's `start`, which names a
 * step of its body.
 */
export function isSameScope(kind: ReferenceKind): boolean {
  return kind !== ReferenceKind.start;
}

/**
 * Ids a step can go to next, each once, in `visitReferences` order (cases, default, branches,
 * next, onReject, onTimeout, catch). A parallel's `join` is left out (its branches lead there),
 * and so is a map's body `start` (nested, not a successor). Used by the runtime, layout, the
 * importers and the canvas.
 */
export function successors(step: Step): StepId[] {
  const out: StepId[] = [];
  visitReferences(step, (kind, to) => {
    if (kind !== ReferenceKind.join && kind !== ReferenceKind.start && !out.includes(to)) out.push(to);
  });
  return out;
}

/** The field each kind is written in: its own name, but for the lists `cases` and `branches`. */
const FIELD: Record<ReferenceKind, string> = { ...ReferenceKind, case: 'cases', branch: 'branches' };

/**
 * `prefix` followed by the field a reference of `kind` is written in (`index` for the lists):
 * `[...prefix, 'next']`, `[...prefix, 'cases', 0, 'next']`, `[...prefix, 'branches', 1]`.
 */
export function referencePath(prefix: readonly (string | number)[], kind: ReferenceKind, index: number | undefined): (string | number)[] {
  if (index === undefined) return [...prefix, FIELD[kind]];
  return kind === ReferenceKind.branch ? [...prefix, FIELD[kind], index] : [...prefix, FIELD[kind], index, 'next'];
}
