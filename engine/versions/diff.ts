/**
 * Step- and field-level diff of two flow documents (issue #12 part 3: `flowsmith diff`, HostApi
 * diffVersions, the designer's Versions panel). Pure: compares parsed documents, never text, so
 * comments, formatting, key order and the order of steps in `steps` are no change.
 *
 * Steps are matched by id across the whole flow, map bodies included (DESIGN.md: ids are unique
 * across the flow, nested ones too), so a step moved into or out of a map body is the same step,
 * `changed`, with `movedFrom`. A map step's own fields are compared without its body (`steps`):
 * its body steps are reported one by one, with `scope` naming the map chain they sit in.
 * Field paths start with the step id (`deploy.retry.maxAttempts`, `route.cases[1].when`); top-level
 * paths start with the field (`inputs.version.default`, `triggers[0].cron`). A changed `layout`
 * (canvas positions) is reported once as `layout`, not per coordinate. Arrays are compared by
 * position: `cases` and `catch` are tried in order, so reordering them is a change.
 */
import type { Flow, Json, Step, StepId } from '../model/flow.js';

/** What happened to a step between the older and the newer document. */
export const StepChange = { added: 'added', removed: 'removed', changed: 'changed' } as const;
export type StepChange = (typeof StepChange)[keyof typeof StepChange];

/** One step that differs. */
export interface StepDiff {
  id: StepId;
  change: StepChange;
  /** The map steps around it, outermost first, joined by `/` (`fanout`, `outer/inner`); null at the top level. The newer document's, or the older one's for a removed step. */
  scope: string | null;
  /** For `changed`: the field paths that differ, each starting with the step id. Empty for added and removed steps. */
  paths: string[];
  /** Set when the step moved between scopes: its scope in the older document (null: the top level). */
  movedFrom?: string | null;
}

/** The differences between two documents of one flow. */
export interface FlowDiff {
  /** Added and changed steps in the newer document's order, then removed steps in the older one's. */
  steps: StepDiff[];
  /** Top-level field paths that differ (`inputs.…`, `vars.…`, `triggers[0].cron`, `start`, `title`, `layout`…). */
  fields: string[];
  /** True when no step and no field differs (the texts may still differ in comments or formatting). */
  isSame: boolean;
}

interface Placed {
  step: Step;
  scope: string | null;
}

/** Every step of `flow` by id, map bodies included, in document order (a repeated id keeps its first place). */
function placeSteps(flow: Flow): Map<StepId, Placed> {
  const out = new Map<StepId, Placed>();
  const walk = (steps: Record<StepId, Step> | undefined, scope: string | null) => {
    if (!steps || typeof steps !== 'object') return;
    for (const [id, step] of Object.entries(steps)) {
      if (out.has(id)) continue;
      out.set(id, { step, scope });
      if (step && typeof step === 'object' && step.type === 'map') walk(step.steps, scope === null ? id : `${scope}/${id}`);
    }
  };
  walk(flow.steps, null);
  return out;
}

/** A step's own fields: a map step without its body. */
function ownFields(step: Step): Json {
  if (!step || typeof step !== 'object') return step as unknown as Json;
  if (step.type !== 'map') return step as unknown as Json;
  const { steps: _body, ...rest } = step;
  return rest as unknown as Json;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `base.key`, or `base["odd key"]` when the key is not a plain name. */
function child(base: string, key: string): string {
  const part = PLAIN_KEY.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (base === '') return part;
  return part.startsWith('[') ? `${base}${part}` : `${base}.${part}`;
}

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Appends to `out` the paths under `path` where `a` and `b` differ: a leaf whose value changed, a
 * key or array element present on one side only. Objects compare by key (order ignored), arrays by
 * position.
 */
export function diffValues(a: unknown, b: unknown, path: string, out: string[]): void {
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      if (!Object.hasOwn(b, key)) out.push(child(path, key));
      else diffValues(a[key], b[key], child(path, key), out);
    }
    for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) out.push(child(path, key));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length || i >= b.length) out.push(`${path}[${i}]`);
      else diffValues(a[i], b[i], `${path}[${i}]`, out);
    }
    return;
  }
  if (!Object.is(a, b)) out.push(path);
}

/** Top-level fields of a flow, without `steps` (diffed step by step). */
function topFields(flow: Flow): Record<string, Json> {
  const { steps: _steps, ...rest } = flow;
  return rest as unknown as Record<string, Json>;
}

/** The step and field differences from `before` (older) to `after` (newer). Never throws. */
export function diffFlows(before: Flow, after: Flow): FlowDiff {
  const old = placeSteps(before);
  const now = placeSteps(after);
  const steps: StepDiff[] = [];
  for (const [id, { step, scope }] of now) {
    const was = old.get(id);
    if (!was) {
      steps.push({ id, change: 'added', scope, paths: [] });
      continue;
    }
    const paths: string[] = [];
    diffValues(ownFields(was.step), ownFields(step), id, paths);
    const isMoved = was.scope !== scope;
    if (paths.length > 0 || isMoved) steps.push({ id, change: 'changed', scope, paths, ...(isMoved ? { movedFrom: was.scope } : {}) });
  }
  for (const [id, { scope }] of old) if (!now.has(id)) steps.push({ id, change: 'removed', scope, paths: [] });

  const fields: string[] = [];
  const a = topFields(before);
  const b = topFields(after);
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const found: string[] = [];
    if (!Object.hasOwn(a, key) || !Object.hasOwn(b, key)) found.push(key);
    else diffValues(a[key], b[key], key, found);
    // Positions change with every drag on the canvas: one entry says the layout moved.
    if (key === 'layout' && found.length > 0) fields.push('layout');
    else fields.push(...found);
  }
  return { steps, fields, isSame: steps.length === 0 && fields.length === 0 };
}
