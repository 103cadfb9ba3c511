/**
 * Golden journals (STYLE.md §9; issue #10 point 1): each flow in engine/testdata/runs is simulated
 * on a virtual clock with a fixed start, run id and random, and its journal must equal the
 * reviewed `<flow>.events.json` beside it. Then the journal is replayed through the pure
 * transition, event by event: every batch must be exactly what `transition` returns for the input
 * that explains it (a tick, or an attempt's result read back from the journal), so the journal is
 * the transition's own output, with no decision made elsewhere.
 * Regenerate after an intended change with UPDATE_GOLDEN=1 and review the diff.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { MemoryRunLog } from '../store/memory-log.js';
import { validateText } from '../validate/index.js';
import { RunDriver } from './driver.js';
import type { RunEvent } from './events.js';
import { foldEvents } from './fold.js';
import { transition } from './transition.js';
import type { TransitionInput } from './transition.js';
import { VirtualClock } from './virtual-clock.js';

const dir = new URL('../testdata/runs/', import.meta.url);
const T0 = Date.UTC(2026, 0, 1);
const random = () => 0.5;

function loadFlow(name: string): Flow {
  const { loaded } = validateText(readFileSync(new URL(name, dir), 'utf8'), name);
  if (!loaded.flow) throw new Error(`${name} does not load`);
  return loaded.flow;
}

async function simulate(flow: Flow): Promise<RunEvent[]> {
  const log = new MemoryRunLog();
  const started: RunEvent = {
    type: 'RunStarted', at: T0, run: 'golden', flow: flow.name, flowPath: `/golden/${flow.name}.yaml`, input: {}, vars: {},
    mode: 'simulate', semantics: 1, workdir: '/golden/work', start: flow.start,
  };
  log.createRun(started);
  await new RunDriver(flow, [started], { journal: log, clock: new VirtualClock(T0), random }).drive({ stopWhenWaiting: false });
  return [...log.events('golden')];
}

/** The input that explains journal event `e` when a tick does not: an attempt's or a compensation's result. */
function inputFor(e: RunEvent, state: ReturnType<typeof foldEvents>): TransitionInput {
  const attempt = 'step' in e && e.step ? (state.steps[e.step]?.attempts ?? 1) : 1;
  switch (e.type) {
    case 'StepSucceeded':
      return { kind: 'attempt', step: e.step, attempt, outcome: { kind: 'succeeded', output: e.output, next: e.next, ...(e.vars ? { vars: e.vars } : {}) } };
    case 'StepFailed':
    case 'StepRetryScheduled':
      return { kind: 'attempt', step: e.step, attempt, outcome: { kind: 'failed', error: e.error } };
    case 'ApprovalRequested':
      return { kind: 'attempt', step: e.step, attempt, outcome: { kind: 'approvalRequested', message: e.message } };
    case 'TimerStarted':
      return { kind: 'attempt', step: e.step, attempt, outcome: { kind: 'timerStarted', dueAt: e.dueAt } };
    case 'StepCompensated':
      return { kind: 'compensation', step: e.step, outcome: { kind: 'succeeded', output: e.output } };
    case 'StepCompensationFailed':
      return { kind: 'compensation', step: e.step, outcome: { kind: 'failed', error: e.error } };
    default:
      throw new Error(`no input explains ${e.type} at this point`);
  }
}

/** Replays `events` through `transition`; returns how many batches came from ticks and from results. */
function replay(flow: Flow, events: RunEvent[]): { ticks: number; results: number } {
  let i = 1;
  const counts = { ticks: 0, results: 0 };
  // Steps whose `execute` command was issued and whose result has not come back: the driver's inFlight.
  const inFlight = new Set<string>();
  while (i < events.length) {
    const state = foldEvents(events.slice(0, i));
    const at = events[i]!.at;
    const ticked = transition(flow, state, { kind: 'tick', inFlight }, at, random);
    if (ticked.events.length > 0 && isDeepEqual(ticked.events, events.slice(i, i + ticked.events.length))) {
      for (const c of ticked.commands) if (c.kind === 'execute' || c.kind === 'compensate') inFlight.add(c.step);
      i += ticked.events.length;
      counts.ticks += 1;
      continue;
    }
    const e = events[i]!;
    const result = transition(flow, state, inputFor(e, state), at, random);
    expect(result.events.length, `no events explain ${e.type} at seq ${i + 1}`).toBeGreaterThan(0);
    expect(result.events).toEqual(events.slice(i, i + result.events.length));
    if ('step' in e && e.step) inFlight.delete(e.step);
    for (const c of result.commands) if (c.kind === 'abort') (c.steps === 'all' ? [...inFlight] : c.steps).forEach((s) => inFlight.delete(s));
    i += result.events.length;
    counts.results += 1;
  }
  return counts;
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const flows = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('golden journals', () => {
  it.each(flows)('%s: the simulation journals the reviewed events, and the transition alone explains them', async (name) => {
    const flow = loadFlow(name);
    const events = await simulate(flow);
    const golden = new URL(name.replace(/\.yaml$/, '.events.json'), dir);
    if (process.env.UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, JSON.stringify(events, null, 1) + '\n');
    expect(events).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    const { ticks, results } = replay(flow, events);
    expect(ticks).toBeGreaterThan(0);
    expect(results).toBeGreaterThan(0);
  });
});
