/**
 * W0: the SQLite floor alone, as issue #3 quotes it: 10,000 step events appended one per
 * transaction, and 100 per transaction. Unit: one event. The reference the durable targets use.
 */
import type { RunEvent } from '../../engine/runtime/events.js';
import type { CaseSpec } from '../harness/types.js';
import type { Transaction } from '../peers/sqlite-floor.js';
import { batched, floorRep } from '../peers/sqlite-floor.js';
import { ev } from './common.js';

const EVENTS = 10_000;

function events(): Transaction[] {
  const list: RunEvent[] = Array.from({ length: EVENTS }, (_, i) => (i % 2 ? ev.succeeded(`s${i >> 1}`, [`s${(i >> 1) + 1}`]) : ev.started(`s${i >> 1}`)));
  return list.map((e, i) => [['floor-run', i + 1, e]]);
}

export function w0Cases(): CaseSpec[] {
  return [1, 100].flatMap((size) => {
    const base = { workload: 'W0', param: `${size} event${size > 1 ? 's' : ''}/commit`, unit: 'event', units: EVENTS };
    return [
      { ...base, engine: 'sqlite-floor' as const, mode: 'sim' as const, setup: () => floorRep(() => batched(events(), size), false) },
      { ...base, engine: 'sqlite-floor' as const, mode: 'durable' as const, setup: () => floorRep(() => batched(events(), size), true) },
    ];
  });
}
