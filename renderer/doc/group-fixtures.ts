/**
 * Test flows with groups (vitest only): a parallel whose branches share a rollback step with the
 * rest of the flow, a parallel nested in a branch of another, and a map with a three-step body.
 */
import type { Flow } from '../../engine/model/flow';

/** checkout → prepare (parallel: stop, backup → [inner parallel: a, b → inner-join] → joined) → scan (map) → done. */
export function groupedFlow(): Flow {
  return {
    flowsmith: '1.0',
    name: 'grouped',
    start: 'checkout',
    steps: {
      checkout: { type: 'task', shell: 'git clone x', next: 'prepare', catch: [{ errors: ['*'], next: 'rollback' }] },
      prepare: { type: 'parallel', branches: ['stop', 'backup'], join: 'joined' },
      stop: { type: 'task', shell: 'systemctl stop shop', next: 'joined', catch: [{ errors: ['*'], next: 'rollback' }] },
      backup: { type: 'task', shell: 'pg_dump', next: 'fan' },
      fan: { type: 'parallel', branches: ['a', 'b'], join: 'inner-join' },
      a: { type: 'task', shell: 'echo a', next: 'inner-join' },
      b: { type: 'task', shell: 'echo b', next: 'inner-join' },
      'inner-join': { type: 'join', next: 'joined' },
      joined: { type: 'join', next: 'scan' },
      scan: {
        type: 'map',
        items: '$input.hosts',
        start: 'drain',
        steps: {
          drain: { type: 'task', shell: 'echo drain', next: 'patch' },
          patch: { type: 'task', shell: 'echo patch', next: 'restore' },
          restore: { type: 'task', shell: 'echo restore' },
        },
        next: 'done',
      },
      rollback: { type: 'fail', error: 'Failed' },
      done: { type: 'succeed' },
    },
  } as Flow;
}
