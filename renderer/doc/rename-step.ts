/**
 * Renaming a step from the inspector (issue #8): the step keeps its place; every reference to it in
 * the `steps` map holding it follows (next, cases, default, branches, join, onReject, onTimeout,
 * catch, the map's or flow's `start`: nested.renameStepDeep), and so does every `$steps.<id>` in the
 * expressions of that map's steps, bodies inside it included. The same for a top-level step and a
 * step inside a map's body. Pure Flow → Flow.
 */
import type { Flow, Step, StepId } from '../../engine/model/flow';
import { editScope, findStep, renameStepDeep } from './nested';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` with each `$steps.<from>` (plain, dashed as the engine's quoteStepIds reads it, or in
 * backticks) naming `to` instead. `$steps.<from>x` or `$steps.<from>-x` name another step and stay.
 * `to` is written plain when it is a plain JSONata name, else in backticks.
 */
export function renameStepInExpression(text: string, from: StepId, to: StepId): string {
  if (!text.includes('$steps')) return text;
  // Backticks for anything but a plain JSONata name: the engine's validator reads `$steps.a-b` as a
  // subtraction, though the runtime quotes it (quoteStepIds), so a dashed id is written quoted.
  const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(to) ? to : `\`${to}\``;
  const re = new RegExp(`\\$steps\\.(?:${escape(from)}(?![A-Za-z0-9_]|-[A-Za-z0-9_])|\`${escape(from)}\`)`, 'g');
  return text.replace(re, () => `$steps.${plain}`);
}

/** `value` with renameStepInExpression applied to every string in it; the same object when none changed. */
function renameInValue<T>(value: T, from: StepId, to: StepId): T {
  if (typeof value === 'string') return renameStepInExpression(value, from, to) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const r = renameInValue(v, from, to);
      if (r !== v) changed = true;
      return r;
    });
    return (changed ? out : value) as T;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = renameInValue(v, from, to);
    if (r !== v) changed = true;
    // A key `__proto__` stays a key (as in document.ts shareUnchanged).
    if (k === '__proto__') Object.defineProperty(out, k, { value: r, enumerable: true, writable: true, configurable: true });
    else out[k] = r;
  }
  return (changed ? out : value) as T;
}

/**
 * `value` (a step, say) with every `$steps.<from>` of `renames` naming its `to`, all at once: a
 * rename chain (`a`→`a-2` while `a-2`→`a-3`) does not rename twice. The same object when none changed.
 */
export function renameStepsInValue<T>(value: T, renames: ReadonlyMap<StepId, StepId>): T {
  const moved = [...renames].filter(([from, to]) => from !== to);
  // Through placeholders no step id can have (`__` and a NUL-free counter are fine for the regex).
  let out = value;
  moved.forEach(([from], i) => (out = renameInValue(out, from, `__fs_rename_${i}__`)));
  moved.forEach(([, to], i) => (out = renameInValue(out, `__fs_rename_${i}__`, to)));
  return out;
}

/**
 * Renames step `from` to `to` wherever it sits (top level or a map body), references and
 * `$steps.<from>` in its own `steps` map included. Throws when `to` is empty or taken anywhere in
 * the flow; an unknown `from` leaves the flow unchanged.
 */
export function renameStepEverywhere(flow: Flow, from: StepId, to: StepId): Flow {
  const found = findStep(flow, from);
  const renamed = renameStepDeep(flow, from, to);
  if (!found || renamed === flow) return renamed;
  return editScope(renamed, found.maps, (scope) => {
    let changed = false;
    const steps: Record<StepId, Step> = {};
    for (const [id, step] of Object.entries(scope.steps)) {
      const next = renameInValue(step, from, to);
      if (next !== step) changed = true;
      steps[id] = next;
    }
    return changed ? { ...scope, steps } : scope;
  });
}
