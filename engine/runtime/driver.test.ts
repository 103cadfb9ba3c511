import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow, Step } from '../model/flow.js';
import { openJournal } from '../store/journal.js';
import type { Clock } from './clock.js';
import { realClock } from './clock.js';
import { RunDriver, RunRequestError } from './driver.js';
import type { RunEvent } from './events.js';
import { foldEvents } from './fold.js';
import { VirtualClock } from './virtual-clock.js';
import { realTasks } from '../executors/task-body.js';
import { isGone } from '../executors/test-helpers.js';

/** A controlled clock: sleeping jumps straight to the due time, and every sleep is recorded. */
function jumpingClock(start = 1_700_000_000_000): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleepUntil(dueAt, signal) {
      if (dueAt === Infinity) return new Promise((r) => signal?.addEventListener('abort', () => r(), { once: true }));
      sleeps.push(dueAt - now);
      now = Math.max(now, dueAt);
      return Promise.resolve();
    },
  };
}

function flowOf(steps: Record<string, Step>, extra: Partial<Flow> = {}): Flow {
  return { flowsmith: '1.0', name: 'test-flow', start: Object.keys(steps)[0]!, steps, ...extra };
}

let workdir: string;
function startDriver(flow: Flow, input = {}, clock: Clock = realClock, db = ':memory:') {
  const journal = openJournal(db);
  const at = clock.now();
  const started: RunEvent = {
    type: 'RunStarted', at, run: `run-${Math.random().toString(36).slice(2, 8)}`, flow: flow.name, flowPath: '/tmp/x.yaml',
    input, vars: {}, mode: 'run', semantics: 1, workdir, start: flow.start,
  };
  journal.createRun(started, 'hash');
  const logs: string[] = [];
  const driver = new RunDriver(flow, [started], {
    journal, clock, random: () => 0.5, tasks: realTasks, onLog: (_r, step, _a, stream, text) => logs.push(`${step}:${stream}:${text}`),
  });
  return { driver, journal, logs };
}

beforeAll(() => {
  workdir = mkdtempSync(join(tmpdir(), 'fs-driver-'));
});

describe('RunDriver', () => {
  it('runs shell tasks in order and keeps JSON stdout as the output', async () => {
    const { driver, logs } = startDriver(
      flowOf({
        hello: { type: 'task', shell: 'echo \'{"n": 41}\'', next: 'add' },
        add: { type: 'task', shell: 'n={{ $steps.hello.output.n }}; echo $((n + 1))', output: '$number($.stdout)' },
      }),
    );
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.path).toEqual(['hello', 'add']);
    expect(state.steps.hello?.output).toEqual({ n: 41 });
    expect(state.steps.add?.output).toBe(42);
    expect(logs.some((l) => l.startsWith('hello:stdout:'))).toBe(true);
  });

  it('takes the first branch case that is true, else the default', async () => {
    const flow = flowOf({
      choose: { type: 'branch', cases: [{ when: '$input.environment = "production"', next: 'prod' }], default: 'dev' },
      prod: { type: 'succeed' },
      dev: { type: 'succeed' },
    });
    const prod = await startDriver(flow, { environment: 'production' }).driver.drive({ stopWhenWaiting: true });
    const dev = await startDriver(flow, { environment: 'dev' }).driver.drive({ stopWhenWaiting: true });
    expect(prod.path).toEqual(['choose', 'prod']);
    expect(dev.path).toEqual(['choose', 'dev']);
  });

  it('joins a parallel only after every branch arrived', async () => {
    const { driver } = startDriver(
      flowOf({
        fork: { type: 'parallel', branches: ['slow', 'fast'], join: 'joined' },
        slow: { type: 'task', shell: 'sleep 0.3; echo slow > slow.txt', next: 'joined' },
        fast: { type: 'task', shell: 'echo fast', next: 'joined' },
        joined: { type: 'join', mode: 'all', next: 'after' },
        after: { type: 'task', shell: 'cat slow.txt' },
      }),
    );
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.path.indexOf('joined')).toBeGreaterThan(state.path.indexOf('slow'));
    expect(state.path.filter((s) => s === 'joined')).toHaveLength(1);
    expect((state.steps.after?.output as { stdout: string }).stdout.trim()).toBe('slow');
  });

  it('retries with exponential backoff on the given clock, then fails the run', async () => {
    const clock = jumpingClock();
    const { driver, journal } = startDriver(
      flowOf({ flaky: { type: 'task', shell: 'exit 3', retry: { maxAttempts: 4, delay: '1s', backoff: 'exponential', multiplier: 2 } } }),
      {},
      clock,
    );
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('failed');
    expect(state.steps.flaky?.attempts).toBe(4);
    const retries = journal.events(driver.id).map((e) => e.event).filter((e) => e.type === 'StepRetryScheduled');
    expect(retries.map((e) => e.dueAt - e.at)).toEqual([1000, 2000, 4000]);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
    expect(state.error?.name).toBe('ShellExit');
  });

  it('succeeds on a later attempt when the step recovers', async () => {
    const counter = join(workdir, 'count');
    writeFileSync(counter, '0');
    const { driver } = startDriver(
      flowOf({
        flaky: {
          type: 'task',
          shell: `n=$(($(cat ${counter}) + 1)); echo $n > ${counter}; [ $n -ge 3 ]`,
          retry: { maxAttempts: 5, delay: '10ms' },
        },
      }),
      {},
      jumpingClock(),
    );
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.steps.flaky?.attempts).toBe(3);
  });

  it('kills a shell step that runs past its timeout and routes the Timeout to catch', async () => {
    const pidFile = join(workdir, 'sleeper.pid');
    const { driver } = startDriver(
      flowOf({
        slow: { type: 'task', shell: `sleep 30 & echo $! > ${pidFile}; wait`, timeout: '300ms', catch: [{ errors: ['Timeout'], next: 'handled' }] },
        handled: { type: 'succeed' },
      }),
    );
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.steps.slow?.error?.name).toBe('Timeout');
    expect(state.path).toEqual(['slow', 'handled']);
    expect(state.status).toBe('succeeded');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => isGone(pid), { timeout: 5000 }).toBe(true);
  });

  it('waits at an approval, refuses unlisted approvers, and goes on when approved', async () => {
    const { driver } = startDriver(
      flowOf({
        gate: { type: 'approval', approvers: ['ops-manager'], message: 'Deploy {{ $input.v }}?', next: 'done', onReject: 'stop' },
        done: { type: 'succeed' },
        stop: { type: 'fail', error: 'Rejected', message: 'no' },
      }, {}),
      { v: '1.2' },
    );
    let state = await driver.drive({ stopWhenWaiting: true });
    expect(state.steps.gate?.status).toBe('waiting');
    expect(state.steps.gate?.approval?.message).toBe('Deploy 1.2?');
    expect(() => driver.answerApproval('gate', 'intruder', 'approve')).toThrow(RunRequestError);
    driver.answerApproval('gate', 'ops-manager', 'approve', 'ship it');
    state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.path).toEqual(['gate', 'done']);
  });

  it('follows onReject when an approver rejects', async () => {
    const { driver } = startDriver(
      flowOf({
        gate: { type: 'approval', approvers: ['dba'], next: 'done', onReject: 'stop' },
        done: { type: 'succeed' },
        stop: { type: 'fail', error: 'NotApproved', message: 'rejected' },
      }),
    );
    await driver.drive({ stopWhenWaiting: true });
    driver.answerApproval('gate', 'dba', 'reject', 'not today');
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.steps.gate?.error).toEqual({ name: 'Rejected', message: 'rejected by dba: not today' });
    expect(state.status).toBe('failed');
    expect(state.error?.name).toBe('NotApproved');
  });

  it('waits out a wait step on the clock before going on', async () => {
    const clock = jumpingClock();
    const { driver } = startDriver(flowOf({ pause: { type: 'wait', duration: '2h', next: 'done' }, done: { type: 'succeed' } }), {}, clock);
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(clock.sleeps).toEqual([2 * 3600_000]);
    expect(state.steps.pause!.endedAt! - state.steps.pause!.startedAt!).toBe(2 * 3600_000);
  });

  it('runs compensations of completed steps in reverse order when the run fails', async () => {
    const { driver, journal } = startDriver(
      flowOf({
        one: { type: 'task', shell: 'echo one >> trail', compensate: { shell: 'echo undo-one >> trail' }, next: 'two' },
        two: { type: 'task', shell: 'echo two >> trail', compensate: { shell: 'echo undo-two >> trail' }, next: 'plain' },
        plain: { type: 'task', shell: 'true', next: 'boom' },
        boom: { type: 'task', shell: 'exit 4' },
      }),
      {},
      realClock,
    );
    const trail = join(workdir, 'trail');
    writeFileSync(trail, '');
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('failed');
    expect(state.error?.name).toBe('ShellExit');
    expect(readFileSync(trail, 'utf8').split('\n').filter(Boolean)).toEqual(['one', 'two', 'undo-two', 'undo-one']);
    expect(state.steps.one?.status).toBe('compensated');
    const types = journal.events(driver.id).map((e) => e.event.type);
    expect(types.slice(-4)).toEqual(['CompensationStarted', 'StepCompensated', 'StepCompensated', 'RunFailed']);
  });

  it('cancels a waiting run and rolls back what completed', async () => {
    const { driver } = startDriver(
      flowOf({
        prep: { type: 'task', shell: 'touch prepared', compensate: { shell: 'rm prepared' }, next: 'gate' },
        gate: { type: 'approval', approvers: ['ops'] },
      }),
    );
    await driver.drive({ stopWhenWaiting: true });
    driver.cancel();
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('cancelled');
    expect(state.steps.gate?.status).toBe('cancelled');
    expect(state.steps.prep?.status).toBe('compensated');
  });

  it('simulates with mocks on a virtual clock: durations, errors, retries and timeouts take no real time', async () => {
    const flow = flowOf({
      build: { type: 'task', shell: 'exit 99', mock: { output: { artifact: 'app.tgz' }, duration: '20m' }, next: 'flaky' },
      flaky: { type: 'task', shell: 'exit 99', mock: { error: { name: 'HttpStatus' } }, retry: { maxAttempts: 3, delay: '1m', backoff: 'exponential' }, catch: [{ errors: ['HttpStatus'], next: 'slow' }] },
      slow: { type: 'task', shell: 'exit 99', mock: { duration: '2h' }, timeout: '1h', catch: [{ errors: ['Timeout'], next: 'done' }] },
      done: { type: 'succeed' },
    });
    const clock = new VirtualClock(0);
    const journal = openJournal(':memory:');
    const started: RunEvent = { type: 'RunStarted', at: 0, run: 'sim', flow: 'test-flow', flowPath: '/x.yaml', input: {}, vars: {}, mode: 'simulate', semantics: 1, workdir: '', start: 'build' };
    journal.createRun(started, 'h');
    const driver = new RunDriver(flow, [started], { journal, clock, random: () => 0 });
    const state = await driver.drive({ stopWhenWaiting: false });
    expect(state.status).toBe('succeeded');
    expect(state.steps.build?.output).toEqual({ artifact: 'app.tgz' });
    expect(state.steps.flaky?.attempts).toBe(3);
    expect(state.steps.slow?.error?.name).toBe('Timeout');
    // 20 min build + 1 min + 2 min retry delays + 1 h timeout
    expect(clock.now()).toBe((20 + 1 + 2 + 60) * 60_000);
  });

  it('journals every event so a fold of the journal gives the same state', async () => {
    const { driver, journal } = startDriver(
      flowOf({ a: { type: 'task', shell: 'echo a', next: 'b' }, b: { type: 'task', shell: 'exit 1', continueOnError: true, next: 'c' }, c: { type: 'succeed' } }),
    );
    const state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.steps.b?.status).toBe('failed');
    const replayed = foldEvents(journal.events(driver.id).map((e) => e.event));
    expect(replayed).toEqual(state);
  });
});

describe('RunDriver with HTTP', () => {
  let server: ReturnType<typeof createServer>;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(req.url === '/ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it('calls a URL and fails on an unexpected status', async () => {
    const { driver } = startDriver(
      flowOf({
        ok: { type: 'task', http: { url: `http://127.0.0.1:${port}/ok` }, next: 'bad' },
        bad: { type: 'task', http: { url: `http://127.0.0.1:${port}/down` } },
      }),
    );
    const state = await driver.drive({ stopWhenWaiting: true });
    expect((state.steps.ok?.output as { status: number }).status).toBe(200);
    expect(state.steps.bad?.error?.name).toBe('HttpStatus');
    expect(state.status).toBe('failed');
  });
});
