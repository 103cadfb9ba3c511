/**
 * A defensive view of a flow for the graph checks: they run even when the schema check failed, so
 * everything here tolerates missing or mistyped fields (the schema check reports those).
 * A scope is one `steps` map with its `start`: the flow itself, and the body of each map step
 * (DESIGN.md: flows are block-structured, a map body only references its own steps).
 */
import { flowScopes, type ScopeBlock, type StepRecord } from '../model/blocks.js';
import { isSameScope, referencePath, visitReferences } from '../model/step-references.js';
import type { DocPath } from './issue.js';

export type StepLike = StepRecord;

/**
 * One `steps` map with its `start` (model/blocks.ts ScopeBlock): `path` is `['steps']`, or
 * `['steps', 'each-host', 'steps']` for a map body; `steps` holds the steps that are mappings.
 */
export type Scope = ScopeBlock;

/** A reference from one step to another: where it is written and which id it names. */
export interface Reference {
  from: string;
  target: string;
  path: DocPath;
}

/** Every scope of the flow, outermost first (model/blocks.ts flowScopes). */
export function scopesOf(flow: unknown): Scope[] {
  return flowScopes(flow);
}

/**
 * The ids a step names in its own scope, with the path of each mention, in model/step-references.ts
 * order (cases[].next, default, branches[], join, next, onReject, onTimeout, catch[].next).
 */
export function referencesOf(id: string, step: StepLike, stepPath: DocPath): Reference[] {
  const refs: Reference[] = [];
  visitReferences(step, (kind, to, index) => {
    if (isSameScope(kind)) refs.push({ from: id, target: to, path: referencePath(stepPath, kind, index) });
  });
  return refs;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
