/**
 * Editing helpers for the inspector: patch the selected step through the document's edit path,
 * one undo step per field being typed in (the coalesce key names the step and field).
 */
import { useCallback } from 'react';
import type { Step, StepId } from '../../engine/model/flow';
import { useAppStoreApi } from '../app-context';
import { findStep, updateAnyStep } from '../doc/nested';

/** Returns `patch(field, fn)`: applies `fn` to step `id` (map bodies included) as one coalescing edit named `field`. */
export function useStepEdit(id: StepId) {
  const store = useAppStoreApi();
  return useCallback(
    (field: string, fn: (step: Step) => Step) => {
      store.getState().edit((f) => {
        const step = findStep(f, id)?.step;
        return step ? updateAnyStep(f, id, fn(step)) : f;
      }, `${id}:${field}`);
    },
    [store, id],
  );
}

/** Where keys go in a step written by hand (DESIGN.md's examples): what it is, what it does, where it goes. */
const keyOrder = [
  'type', 'title', 'description', 'shell', 'http', 'script', 'notify', 'call', 'approvers', 'quorum', 'message',
  'cases', 'default', 'branches', 'join', 'mode', 'items', 'as', 'concurrency', 'duration', 'until', 'error',
  'timeout', 'retry', 'catch', 'continueOnError', 'compensate', 'output', 'set', 'mock', 'next', 'onReject', 'onTimeout',
];
const rank = (k: string) => {
  const i = keyOrder.indexOf(k);
  return i === -1 ? keyOrder.length : i;
};

/**
 * A copy of `obj` with `key` set to `value`, or without `key` when `value` is undefined. A new key
 * is inserted before the first key that comes after it in keyOrder (existing keys keep their
 * order), so a saved step reads `type, title, shell, next`, not in the order fields were filled.
 */
export function setKey<T extends object, K extends string>(obj: T, key: K, value: unknown): T {
  const src = obj as Record<string, unknown>;
  if (value === undefined) {
    const out = { ...src };
    delete out[key];
    return out as T;
  }
  if (key in src) return { ...src, [key]: value } as T;
  const out: Record<string, unknown> = {};
  let placed = false;
  for (const [k, v] of Object.entries(src)) {
    if (!placed && rank(k) > rank(key)) {
      out[key] = value;
      placed = true;
    }
    out[k] = v;
  }
  if (!placed) out[key] = value;
  return out as T;
}
