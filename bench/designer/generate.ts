/**
 * Generated flows for the designer benchmark (issue #8 point 6): `n` steps of mixed types in
 * segments that repeat: tasks (shell, http), a branch with two cases and a default, an approval
 * whose rejection goes to a shared fail step, a parallel of three two-task branches with its join,
 * a wait, and every fourth round a map with a three-step body. No `layout`: the designer lays the
 * flow out itself, as it does for an imported flow. Deterministic (no randomness): the same `n`
 * gives the same flow, so runs compare.
 */
import type { Flow, Step, StepId } from '../../engine/model/flow';

interface Segment {
  entry: StepId;
  steps: Record<StepId, Step>;
  /** Steps whose `next` is the following segment's entry. */
  exits: StepId[];
}

/** A flow of exactly `n` steps (nested map steps count), `n` ≥ 3. */
export function generateFlow(n: number): Flow {
  let counter = 0;
  const id = (prefix: string) => `${prefix}-${++counter}`;
  const task = (i: number): Step =>
    i % 3 === 0
      ? { type: 'task', title: `Call service ${i}`, http: { method: 'GET', url: `http://127.0.0.1:8080/health/${i}` } }
      : { type: 'task', title: `Run step ${i}`, shell: `echo step ${i}` };
  const makers: ((budget: number) => Segment | null)[] = [
    () => {
      const a = id('task');
      return { entry: a, steps: { [a]: task(counter) }, exits: [a] };
    },
    (budget) => {
      if (budget < 4) return null;
      const b = id('check');
      const [c1, c2, d] = [id('fast'), id('slow'), id('other')];
      return {
        entry: b,
        steps: {
          [b]: { type: 'branch', title: `Check ${b}`, cases: [{ when: '$input.fast = true', next: c1 }, { when: '$input.slow = true', next: c2 }], default: d },
          [c1]: task(counter), [c2]: task(counter + 1), [d]: task(counter + 2),
        },
        exits: [c1, c2, d],
      };
    },
    () => {
      const a = id('approve');
      return { entry: a, steps: { [a]: { type: 'approval', title: `Approve ${a}`, approvers: ['ops-manager'], onReject: 'rejected' } }, exits: [a] };
    },
    (budget) => {
      if (budget < 8) return null;
      const p = id('fan-out');
      const j = id('joined');
      const steps: Record<StepId, Step> = {};
      const branches: StepId[] = [];
      for (let b = 0; b < 3; b++) {
        const [x, y] = [id('work'), id('work')];
        steps[x] = { ...task(counter), next: y } as Step;
        steps[y] = { ...task(counter + 1), next: j } as Step;
        branches.push(x);
      }
      return { entry: p, steps: { [p]: { type: 'parallel', title: `Fan out ${p}`, branches, join: j }, ...steps, [j]: { type: 'join', mode: 'all' } }, exits: [j] };
    },
    () => {
      const w = id('pause');
      return { entry: w, steps: { [w]: { type: 'wait', duration: '5s' } }, exits: [w] };
    },
  ];
  const mapMaker = (budget: number): Segment | null => {
    if (budget < 4) return null;
    const m = id('each-host');
    const [a, b, c] = [id('drain'), id('patch'), id('restore')];
    return {
      entry: m,
      steps: {
        [m]: {
          type: 'map', title: `For each host ${m}`, items: '$input.hosts', as: 'host', concurrency: 2, start: a,
          steps: { [a]: { ...task(counter), next: b } as Step, [b]: { ...task(counter + 1), next: c } as Step, [c]: task(counter + 2) },
        },
      },
      exits: [m],
    };
  };

  const steps: Record<StepId, Step> = {};
  let count = 0;
  let entry: StepId | undefined;
  let exits: StepId[] = [];
  const budgetLeft = () => n - 2 - count; // `done` and `rejected` come last
  for (let round = 0; budgetLeft() > 0; round++) {
    const order = round % 4 === 3 ? [...makers, mapMaker] : makers;
    for (const make of order) {
      if (budgetLeft() <= 0) break;
      const seg = make(budgetLeft()) ?? makers[0]!(budgetLeft());
      if (!seg) break;
      for (const x of exits) steps[x] = { ...steps[x], next: seg.entry } as Step;
      Object.assign(steps, seg.steps);
      entry ??= seg.entry;
      exits = seg.exits;
      count += Object.values(seg.steps).reduce((k, s) => k + 1 + (s.type === 'map' ? Object.keys(s.steps).length : 0), 0);
    }
  }
  for (const x of exits) steps[x] = { ...steps[x], next: 'done' } as Step;
  steps.done = { type: 'succeed' };
  steps.rejected = { type: 'fail', error: 'Rejected', message: 'not approved' };
  return {
    flowsmith: '1.0',
    name: `bench-${n}`,
    title: `Benchmark flow of ${n} steps`,
    inputs: { type: 'object', properties: { fast: { type: 'boolean' }, slow: { type: 'boolean' }, hosts: { type: 'array' } } },
    start: entry ?? 'done',
    steps,
  } as Flow;
}

/** Number of steps of a flow, nested map bodies included. */
export function countSteps(steps: Record<StepId, Step>): number {
  return Object.values(steps).reduce((k, s) => k + 1 + (s.type === 'map' ? countSteps(s.steps) : 0), 0);
}
