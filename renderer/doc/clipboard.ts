/**
 * Copy, paste and duplicate of steps as YAML text (issue #8 point 3). The clipboard holds a flow
 * fragment, readable and pasteable into a flow file by hand:
 *
 *   steps:
 *     build: {type: task, shell: make, next: test}
 *   layout:
 *     build: {x: 0, y: 0}
 *
 * Pasting gives each step an id free in the target flow (map bodies included), renames references
 * among the pasted steps, and drops references to steps that were not copied (a paste never wires
 * itself into the flow behind the user's back). `$steps.<id>` inside the pasted steps' expressions
 * follows the renames too (renameStepsInValue, as renaming a step does); one naming a step that was
 * not copied is left as written.
 * Pure: Flow in, Flow out; parsing goes through engine/yaml/load.ts with its size and alias limits.
 */
import { Document } from 'yaml';
import type { Flow, MapStep, Position, Step, StepId } from '../../engine/model/flow';
import { StepType } from '../../engine/model/flow';
import { loadFlowText } from '../../engine/yaml/load';
import { STRINGIFY_OPTIONS } from '../../engine/yaml/save';
import { mapRefs } from './edits';
import { allStepIds } from './new-step';
import { renameStepsInValue } from './rename-step';

/** Steps taken from the clipboard, with the positions they had where they were copied. */
export interface Clip {
  steps: Record<StepId, Step>;
  layout: Record<StepId, Position>;
}

/** How far a duplicate or a second paste of the same steps lands from the originals, in canvas pixels. */
export const PASTE_OFFSET = { x: 40, y: 40 } as const;

/**
 * The YAML text for steps `ids` of `flow` (unknown ids skipped; order as in the flow), with their
 * canvas positions from `positionOf`. Empty string when no id is a top-level step.
 */
export function copySteps(flow: Flow, ids: readonly StepId[], positionOf: (id: StepId) => Position | undefined = (id) => flow.layout?.[id]): string {
  const wanted = new Set(ids);
  const steps: Record<StepId, Step> = {};
  const layout: Record<StepId, Position> = {};
  for (const [id, step] of Object.entries(flow.steps)) {
    if (!wanted.has(id)) continue;
    steps[id] = step;
    const p = positionOf(id);
    if (p) layout[id] = { x: Math.round(p.x), y: Math.round(p.y) };
  }
  if (Object.keys(steps).length === 0) return '';
  const doc = new Document(Object.keys(layout).length ? { steps, layout } : { steps });
  // Positions read best on one line each, as the designer writes them in flow files.
  const layoutNode = doc.get('layout', true) as { items?: { value?: { flow?: boolean } }[] } | undefined;
  for (const item of layoutNode?.items ?? []) if (item.value) item.value.flow = true;
  return doc.toString(STRINGIFY_OPTIONS);
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const stepTypes = new Set<string>(Object.values(StepType));

/**
 * The steps in clipboard text, or null when it holds none: a `steps:` mapping (with optional
 * `layout:`), or a bare mapping of ids to steps. Every step must be a mapping with a known
 * `type`; anything else makes the whole text "not steps" (the paste does nothing rather than
 * half-paste). Never throws.
 */
export function parseClip(text: string): Clip | null {
  if (text.trim() === '') return null;
  const loaded = loadFlowText(text);
  const root: unknown = loaded.flow;
  if (!isObj(root)) return null;
  const steps = isObj(root['steps']) ? root['steps'] : root;
  const entries = Object.entries(steps);
  if (entries.length === 0 || !entries.every(([, s]) => isObj(s) && typeof s['type'] === 'string' && stepTypes.has(s['type']))) return null;
  const layout: Record<StepId, Position> = {};
  const rawLayout = isObj(root['layout']) ? root['layout'] : {};
  for (const [id, p] of Object.entries(rawLayout)) {
    if (Object.hasOwn(steps, id) && isObj(p) && typeof p['x'] === 'number' && typeof p['y'] === 'number') layout[id] = { x: p['x'], y: p['y'] };
  }
  return { steps: steps as Record<StepId, Step>, layout };
}

/** `id` itself when free, else `<id without a -N suffix>-N` with the first free N from 2. */
function freeIdLike(id: StepId, used: Set<StepId>): StepId {
  if (!used.has(id)) return id;
  const base = id.replace(/-\d+$/, '') || id;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** Every id a clip defines, map bodies included. */
function clipIds(steps: Record<StepId, Step>): StepId[] {
  return [...allStepIds({ steps })];
}

/** A step with references renamed by `rename` (undefined drops one), map bodies and `start` included. */
function renameStepRefs(step: Step, rename: (id: StepId) => StepId | undefined, renameInBody: (id: StepId) => StepId): Step {
  const out = mapRefs(step, rename);
  if (out.type !== 'map') return out;
  const body: Record<StepId, Step> = {};
  for (const [id, s] of Object.entries(out.steps)) body[renameInBody(id)] = renameStepRefs(s, (r) => renameInBody(r), renameInBody);
  return { ...out, start: renameInBody(out.start), steps: body } satisfies MapStep;
}

/**
 * Adds the clip's steps to `flow` and returns the new flow and the new ids (in clip order).
 * Ids that collide with the flow (or with each other after renaming) get a `-N` suffix; references
 * among the pasted steps follow their renames; references to anything else are dropped (a parallel
 * whose join was not copied loses `join`, which validation reports). Positions: the clip's own
 * shifted by `offset`, or, for steps without one, a column starting at `at`. A first paste into an
 * empty flow sets `start`.
 */
export function pasteSteps(
  flow: Flow,
  clip: Clip,
  opts: { offset?: Position; at?: Position } = {},
): { flow: Flow; ids: StepId[] } {
  const used = allStepIds(flow);
  const renames = new Map<StepId, StepId>();
  for (const id of clipIds(clip.steps)) {
    const fresh = freeIdLike(id, used);
    used.add(fresh);
    renames.set(id, fresh);
  }
  const topLevel = new Set(Object.keys(clip.steps));
  const rename = (id: StepId) => (topLevel.has(id) ? renames.get(id) : undefined);
  const renameInBody = (id: StepId) => renames.get(id) ?? id;
  const offset = opts.offset ?? PASTE_OFFSET;
  const at = opts.at ?? { x: 0, y: 0 };

  const steps = { ...flow.steps };
  const layout = { ...flow.layout };
  const ids: StepId[] = [];
  let unplaced = 0;
  for (const [id, step] of Object.entries(clip.steps)) {
    const fresh = renames.get(id)!;
    ids.push(fresh);
    steps[fresh] = renameStepsInValue(renameStepRefs(step, rename, renameInBody), renames);
    const p = clip.layout[id];
    layout[fresh] = p
      ? { x: Math.round(p.x + offset.x), y: Math.round(p.y + offset.y) }
      : { x: Math.round(at.x), y: Math.round(at.y + 120 * unplaced++) };
  }
  const start = flow.start && flow.steps[flow.start] ? flow.start : (ids[0] ?? flow.start);
  return { flow: { ...flow, start, steps, layout }, ids };
}

/** Copies and pastes steps `ids` in one go, next to the originals. */
export function duplicateSteps(flow: Flow, ids: readonly StepId[], positionOf?: (id: StepId) => Position | undefined): { flow: Flow; ids: StepId[] } {
  const clip = parseClip(copySteps(flow, ids, positionOf));
  return clip ? pasteSteps(flow, clip) : { flow, ids: [] };
}

/**
 * Steps whose id or title contains `query` (case-insensitive), map bodies included: exact id
 * matches first, then id prefixes, then the rest in flow order. Empty for a blank query.
 */
export function findSteps(flow: Pick<Flow, 'steps'>, query: string): StepId[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const hits: { id: StepId; rank: number; order: number }[] = [];
  let order = 0;
  const visit = (scope: Record<StepId, Step>) => {
    for (const [id, step] of Object.entries(scope)) {
      const lid = id.toLowerCase();
      const title = (step.title ?? '').toLowerCase();
      const rank = lid === q ? 0 : lid.startsWith(q) ? 1 : title.startsWith(q) ? 2 : lid.includes(q) || title.includes(q) ? 3 : -1;
      if (rank >= 0) hits.push({ id, rank, order: order++ });
      if (step.type === 'map') visit(step.steps);
    }
  };
  visit(flow.steps);
  return hits.sort((a, b) => a.rank - b.rank || a.order - b.order).map((h) => h.id);
}
