/**
 * A defensive view of a flow for the graph checks: they run even when the schema check failed, so
 * everything here tolerates missing or mistyped fields (the schema check reports those).
 * A scope is one `steps` map with its `start`: the flow itself, and the body of each map step
 * (DESIGN.md: flows are block-structured, a map body only references its own steps).
 */
import { isSameScope, stepReferences } from '../model/step-references.js';
import type { DocPath } from './issue.js';

export type StepLike = Record<string, unknown>;

export interface Scope {
  /** Path of the `steps` map: `['steps']`, or `['steps', 'each-host', 'steps']` for a map body. */
  path: DocPath;
  /** Path of the scope's `start` field. */
  startPath: DocPath;
  start: string | undefined;
  /** The steps that are mappings, in document order. */
  steps: Map<string, StepLike>;
}

/** A reference from one step to another: where it is written and which id it names. */
export interface Reference {
  from: string;
  target: string;
  path: DocPath;
}

/** Every scope of the flow, outermost first. */
export function scopesOf(flow: unknown): Scope[] {
  const scopes: Scope[] = [];
  const visit = (owner: unknown, ownerPath: DocPath) => {
    if (!isObject(owner) || !isObject(owner['steps'])) return;
    const path = [...ownerPath, 'steps'];
    const steps = new Map<string, StepLike>();
    for (const [id, step] of Object.entries(owner['steps'])) if (isObject(step)) steps.set(id, step);
    const start = typeof owner['start'] === 'string' ? owner['start'] : undefined;
    scopes.push({ path, startPath: [...ownerPath, 'start'], start, steps });
    for (const [id, step] of steps) if (step['type'] === 'map') visit(step, [...path, id]);
  };
  visit(flow, []);
  return scopes;
}

/**
 * The ids a step names in its own scope, with the path of each mention, in model/step-references.ts
 * order (cases[].next, default, branches[], join, next, onReject, onTimeout, catch[].next).
 */
export function referencesOf(id: string, step: StepLike, stepPath: DocPath): Reference[] {
  const refs: Reference[] = [];
  for (const ref of stepReferences(step)) {
    if (isSameScope(ref.kind)) refs.push({ from: id, target: ref.to, path: [...stepPath, ...ref.field] });
  }
  return refs;
}

/** Successor ids of every step of a scope that exist in it (unknown ids are FS011, not edges). */
export function edgesOf(scope: Scope): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const [id, step] of scope.steps) {
    const targets = referencesOf(id, step, [...scope.path, id])
      .map((r) => r.target)
      .filter((t) => scope.steps.has(t));
    edges.set(id, [...new Set(targets)]);
  }
  return edges;
}

/** Ids reachable from `from` along `edges`, not expanding past `stopAt` (which is included when reached). */
export function reachable(edges: Map<string, string[]>, from: Iterable<string>, stopAt?: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...from].filter((id) => edges.has(id));
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (id === stopAt) continue;
    for (const next of edges.get(id) ?? []) if (!seen.has(next)) queue.push(next);
  }
  return seen;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
