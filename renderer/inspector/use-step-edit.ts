/**
 * Editing helpers for the inspector: patch the selected step through the document's edit path,
 * one undo step per field being typed in (the coalesce key names the step and field).
 */
import { useCallback } from 'react';
import type { Flow, Step, StepId } from '../../engine/model/flow';
import { FLOW_KEY_ORDER } from '../../engine/yaml/save';
import { useAppStoreApi } from '../app-context';
import { findStep, updateStepDeep } from '../doc/nested';

/** Returns `patch(field, fn)`: applies `fn` to step `id` (map bodies included) as one coalescing edit named `field`. */
export function useStepEdit(id: StepId) {
  const store = useAppStoreApi();
  return useCallback(
    (field: string, fn: (step: Step) => Step) => {
      store.getState().edit((f) => {
        const step = findStep(f, id)?.step;
        return step ? updateStepDeep(f, id, fn(step)) : f;
      }, `${id}:${field}`);
    },
    [store, id],
  );
}

/** Where keys go in a step written by hand (DESIGN.md's examples): what it is, what it does, where it goes. */
const keyOrder = [
  'type', 'title', 'description', 'shell', 'http', 'script', 'notify', 'call', 'callback', 'approvers', 'quorum', 'message',
  'cases', 'default', 'branches', 'join', 'mode', 'items', 'as', 'concurrency', 'duration', 'until', 'error',
  'timeout', 'retry', 'catch', 'continueOnError', 'compensate', 'output', 'set', 'mock', 'next', 'onReject', 'onTimeout',
];
const rankIn = (order: readonly string[]) => (k: string) => {
  const i = order.indexOf(k);
  return i === -1 ? order.length : i;
};
const rank = rankIn(keyOrder);
const flowRank = rankIn(FLOW_KEY_ORDER);

/**
 * A copy of `obj` with `key` set to `value`, or without `key` when `value` is undefined. A new key
 * is inserted before the first key that comes after it in keyOrder (existing keys keep their
 * order), so a saved step reads `type, title, shell, next`, not in the order fields were filled.
 */
export function setKey<T extends object, K extends string>(obj: T, key: K, value: unknown, order = rank): T {
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
    if (!placed && order(k) > order(key)) {
      out[key] = value;
      placed = true;
    }
    out[k] = v;
  }
  if (!placed) out[key] = value;
  return out as T;
}

/** setKey for the flow's own keys, in the order of engine/yaml/save.ts FLOW_KEY_ORDER (name, inputs, vars… steps). */
export function setFlowKey<K extends string>(flow: Flow, key: K, value: unknown): Flow {
  return setKey(flow, key, value, flowRank);
}
