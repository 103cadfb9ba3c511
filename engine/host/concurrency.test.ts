/**
 * Concurrent runs do not corrupt each other (issue #3 "Tests"; DESIGN.md "Store": one SQLite file
 * in WAL mode that several processes open): 100 runs at once of a flow with a parallel, shell
 * steps that write and read the run id in their work folder, vars set from outputs and an approval
 * answered automatically, driven by one RunService, by four RunServices on one file, and by four
 * processes on one file. Each run's journal must be gap-free, fold to succeeded, hold only its own
 * values, and agree with the runs table.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunId } from '../runtime/events.js';
import { foldEvents } from '../runtime/fold.js';
import { isGone } from '../executors/test-helpers.js';
import { openJournal } from '../store/journal.js';
import type { Journal } from '../store/journal.js';
import type { WorkerReport } from './concurrency-worker.js';
import { startEngine } from './engine-client.js';
import { privateBundles } from './private-bundle.js';
import { RunService } from '../service/run-service.js';

const RUNS = 100;

const FLOW = `flowsmith: "1.0"
name: busy
inputs:
  type: object
  properties:
    n: {type: integer}
  required: [n]
start: stamp
steps:
  stamp:
    type: task
    shell: 'n={{ $input.n }}; echo "$FLOWSMITH_RUN_ID" > run-id; printf "{\\"run\\": \\"%s\\", \\"n\\": %s}\\n" "$FLOWSMITH_RUN_ID" "$n"'
    set: {stamped: '$.run', n: '$.n'}
    next: fan
  fan: {type: parallel, branches: [left, right], join: both}
  left:
    type: task
    shell: 'printf "{\\"run\\": \\"%s\\"}\\n" "$(cat run-id)"'
    set: {left: '$.run'}
    next: both
  right:
    type: task
    shell: 'v={{ $vars.stamped }}; printf "{\\"run\\": \\"%s\\"}\\n" "$v"'
    set: {right: '$.run'}
    next: both
  both: {type: join, next: approve}
  approve:
    type: approval
    approvers: [ops, lead]
    message: "run {{ $run.id }} item {{ $input.n }}"
    next: done
  done:
    type: task
    shell: 'cat run-id'
    set: {final: '$.stdout', approvedBy: '$steps.approve.output.approvedBy[0]'}
`;

let dir: string;
let flowFile: string;
/** Bundles of the current sources (private-bundle.ts): the worker, the engine process, the CLI. */
let bundle: { worker: string; engine: string; cli: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-concurrency-'));
  flowFile = join(dir, 'busy.yaml');
  writeFileSync(flowFile, FLOW);
  bundle = await privateBundles(join(dir, 'build'), {
    worker: 'engine/host/concurrency-worker.ts',
    engine: 'engine/host/engine-process.ts',
    cli: 'engine/cli/main.ts',
  });
});

const RUN_ID = /\b[0-9a-z]{8,}-[0-9a-f]{6}\b/g;

/**
 * Checks every run of `expected` (run id → its input n) in the store: gap-free journal folding to
 * succeeded with only its own values, one start per step, its own work folder, logs that name only
 * itself, and a runs row that agrees; and that the store holds no other run. Returns the problems.
 */
function checkStore(journal: Journal, workRoot: string, expected: Map<RunId, number>): string[] {
  const problems: string[] = [];
  const rows = journal.runs({ limit: 10 * RUNS });
  const journaled = journal.db.prepare('SELECT DISTINCT run_id AS id FROM events').all() as { id: string }[];
  if (rows.length !== expected.size) problems.push(`runs table has ${rows.length} rows for ${expected.size} runs`);
  if (journaled.length !== expected.size) problems.push(`events hold ${journaled.length} journals for ${expected.size} runs`);
  for (const { id } of journaled) if (!expected.has(id)) problems.push(`a journal for unknown run ${id}`);
  for (const [id, n] of expected) {
    const p = (m: string) => problems.push(`${id} (n=${n}): ${m}`);
    const entries = journal.events(id);
    if (entries.some((e, i) => e.seq !== i + 1)) p(`seqs are not 1..n: ${entries.map((e) => e.seq).join(',')}`);
    if (entries.length === 0) {
      p('no journal');
      continue;
    }
    const state = foldEvents(entries.map((e) => e.event));
    const last = entries.at(-1)!.event;
    const first = entries[0]!.event;
    if (state.status !== 'succeeded') p(`folds to ${state.status}: ${JSON.stringify(state.error)}`);
    const row = journal.run(id);
    if (!row) p('no runs row');
    else {
      if (row.status !== state.status) p(`runs row says ${row.status}, journal ${state.status}`);
      if (row.endedAt !== (last.type === 'RunSucceeded' ? last.at : null)) p(`runs.ended_at ${row.endedAt} ≠ ${last.at}`);
      if (row.startedAt !== first.at || row.flow !== 'busy') p(`runs row ${JSON.stringify(row)} ≠ RunStarted`);
    }
    if (state.status !== 'succeeded') continue; // reported above; its vars and steps stop where it failed
    const vars = { stamped: id, n, left: id, right: id, final: id, approvedBy: 'ops' };
    if (!isDeepStrictEqual(state.vars, vars)) p(`vars ${JSON.stringify(state.vars)}`);
    if (state.input.n !== n) p(`input ${JSON.stringify(state.input)}`);
    if (state.workdir !== join(workRoot, id)) p(`workdir ${state.workdir}`);
    let written = '';
    try {
      written = readFileSync(join(state.workdir, 'run-id'), 'utf8').trim();
    } catch {
      written = '(missing)';
    }
    if (written !== id) p(`its work folder's run-id holds ${written}`);
    const starts = entries.filter((e) => e.event.type === 'StepStarted').map((e) => (e.event as { step: string }).step);
    if (new Set(starts).size !== starts.length || starts.length !== 7) p(`steps started: ${starts.join(',')}`);
    const answers = entries.filter((e) => e.event.type === 'ApprovalGiven');
    if (answers.length !== 1) p(`${answers.length} approval answers`);
    const named = new Set(journal.logs(id).flatMap((l) => l.text.match(RUN_ID) ?? []));
    named.delete(id);
    if (named.size > 0) p(`its step logs name other runs: ${[...named].join(', ')}`);
    if (journal.logs(id).length === 0) p('no step logs');
    // The shell executor's note when it stops waiting for a step's output (shell.ts DRAIN_MS); no
    // step of this flow starts a background process, so the output it dropped was the step's own.
    for (const l of journal.logs(id)) if (l.text.includes('kept this step\'s output open')) p(`${l.step}: output dropped: ${l.text.trim()}`);
  }
  return problems;
}

describe('Concurrent runs (100 at once) do not corrupt each other', () => {
  it('one RunService drives 100 runs at once; half are approved by auto-approve, half by a person answering from outside', async () => {
    const workRoot = join(dir, 'one');
    const journal = openJournal(join(dir, 'one.db'));
    const inputOf = new Map<RunId, number>();
    const service: RunService = new RunService({
      journal,
      workRoot,
      onEvent: (run, _seq, e) => {
        // Odd items are answered as a person would, from outside the drive loop.
        if (e.type === 'ApprovalRequested' && inputOf.get(run)! % 2 === 1) {
          setImmediate(() => service.answerApproval({ run, step: e.step, verdict: 'approve', as: 'ops' }));
        }
      },
    });
    const drivers = Array.from({ length: RUNS }, (_, n) => {
      const driver = service.startRun({ path: flowFile, input: { n } });
      inputOf.set(driver.id, n);
      return driver;
    });
    const states = await Promise.all(
      drivers.map((d, n) => service.drive(d, n % 2 === 1 ? { stopWhenWaiting: false } : { stopWhenWaiting: true, autoApprove: 'ops' })),
    );
    expect(states.map((s) => s.status)).toEqual(Array(RUNS).fill('succeeded'));
    expect(checkStore(journal, workRoot, inputOf)).toEqual([]);
    expect(journal.unfinishedRuns()).toEqual([]);
    journal.close();
  }, 120_000);

  it('four RunServices on one store file (as four processes would) start 25 runs each at once', async () => {
    const workRoot = join(dir, 'four');
    const db = join(dir, 'four.db');
    const services = Array.from({ length: 4 }, () => new RunService({ journal: openJournal(db), workRoot }));
    const inputOf = new Map<RunId, number>();
    const drivers = services.flatMap((service, s) =>
      Array.from({ length: RUNS / 4 }, (_, k) => {
        const n = s * (RUNS / 4) + k;
        const driver = service.startRun({ path: flowFile, input: { n } });
        inputOf.set(driver.id, n);
        return { service, driver };
      }),
    );
    const states = await Promise.all(drivers.map(({ service, driver }) => service.drive(driver, { stopWhenWaiting: true, autoApprove: 'ops' })));
    expect(states.map((s) => s.status)).toEqual(Array(RUNS).fill('succeeded'));
    const journal = openJournal(db);
    expect(checkStore(journal, workRoot, inputOf)).toEqual([]);
    for (const s of services) s.journal.close();
    journal.close();
  }, 120_000);

  it('four processes start 25 runs each at once on one store file: no SQLITE_BUSY, no lost or mixed-up events', async () => {
    const workRoot = join(dir, 'procs');
    const db = join(dir, 'procs.db');
    openJournal(db).close(); // the schema exists before four processes race to create it
    const children = Array.from({ length: 4 }, (_, w) =>
      fork(bundle.worker, [db, workRoot, flowFile, String(RUNS / 4), String(w * (RUNS / 4))], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    );
    // Each worker says `ready`, then sends its report; exiting before either is an error.
    const messages = children.map((c) => {
      const queue: unknown[] = [];
      let wake: (() => void) | null = null;
      let exited: number | null | undefined;
      c.on('message', (m) => (queue.push(m), wake?.()));
      c.once('exit', (code) => ((exited = code), wake?.()));
      return async () => {
        while (queue.length === 0) {
          if (exited !== undefined) throw new Error(`a worker exited (${exited}) before its report`);
          await new Promise<void>((r) => (wake = r));
        }
        return queue.shift();
      };
    });
    // A barrier: every process has opened the store before any starts a run.
    await Promise.all(messages.map((next) => next()));
    for (const c of children) c.send('go');
    const got = (await Promise.all(messages.map((next) => next()))) as WorkerReport[];
    const runs = got.flatMap((r) => r.runs);
    const journal = openJournal(db);
    // Errors the processes met (SQLITE_BUSY would be one) and what the store holds, in one list.
    const problems = [
      ...got.flatMap((r) => r.errors).map((e) => `worker: ${e.where} of n=${e.n}: ${e.name} ${e.code ?? ''}: ${e.message}`),
      ...checkStore(journal, workRoot, new Map(runs.map((r) => [r.id, r.n]))),
    ];
    journal.close();
    expect(problems).toEqual([]);
    expect(runs).toHaveLength(RUNS);
  }, 120_000);

  describe('two processes, one run (engine/README.md "Run leases": the process that drives a run holds its lease; another hands its requests over)', () => {
    const TWO_WRITERS = [
      'flowsmith: "1.0"',
      'name: two-writers',
      'start: fan',
      'steps:',
      '  fan: {type: parallel, branches: [slow, gate], join: joined}',
      // `slow` holds until the test creates `release` in the work folder.
      '  slow: {type: task, shell: \'echo "$$" >> slow.effects; while [ ! -e release ]; do sleep 0.05; done; echo "$$" >> slow.ends\', next: joined}',
      '  gate: {type: approval, approvers: [ops], next: joined}',
      '  joined: {type: join}',
      '',
    ].join('\n');

    async function engineWithRun(name: string) {
      const flow = join(dir, `${name}.yaml`);
      writeFileSync(flow, TWO_WRITERS);
      const db = join(dir, `${name}.db`);
      const workRoot = join(dir, name);
      const saved = process.env.FLOWSMITH_WORK_ROOT;
      process.env.FLOWSMITH_WORK_ROOT = workRoot; // the forked engine reads it
      const engine = startEngine(['--db', db, '--root', dir], bundle.engine);
      if (saved === undefined) delete process.env.FLOWSMITH_WORK_ROOT;
      else process.env.FLOWSMITH_WORK_ROOT = saved;
      const exits: (number | string | null)[] = [];
      engine.child.on('exit', (code, signal) => exits.push(signal ?? code));
      const requested = new Promise<void>((res) =>
        engine.onEvent((e) => void (e.kind === 'runEvent' && e.event.type === 'ApprovalRequested' && res())),
      );
      const { run } = (await engine.call('startRun', { path: flow, mode: 'run' })) as { run: string };
      await requested;
      const journal = openJournal(db);
      const approve = () =>
        execa('node', [bundle.cli, '--db', db, 'approve', run, 'gate', '--as', 'ops', '--json'], { reject: false, env: { FLOWSMITH_WORK_ROOT: workRoot } });
      const workdir = join(workRoot, run);
      const lines = (f: string) => {
        try {
          return readFileSync(join(workdir, f), 'utf8').split('\n').filter(Boolean).length;
        } catch {
          return 0;
        }
      };
      const release = () => writeFileSync(join(workdir, 'release'), '');
      const cancel = () => execa('node', [bundle.cli, '--db', db, 'cancel', run, '--json'], { reject: false, env: { FLOWSMITH_WORK_ROOT: workRoot } });
      return { engine, exits, run, journal, approve, lines, release, workdir, cancel };
    }

    it('after flowsmith approve in another process ends the run, the engine process reports what the journal says', async () => {
      const { engine, exits, run, journal, approve, lines, release } = await engineWithRun('approved-elsewhere');
      try {
        release();
        await expect.poll(() => journal.events(run).some((e) => e.event.type === 'StepSucceeded' && e.event.step === 'slow'), { timeout: 10_000 }).toBe(true);
        const r = await approve();
        expect(r.exitCode, r.stderr).toBe(0);
        expect((JSON.parse(r.stdout) as { status: string }).status).toBe('succeeded');
        expect(journal.run(run)?.status).toBe('succeeded');
        expect(lines('slow.effects')).toBe(1);
        expect(exits, 'the engine process exited').toEqual([]);
        const got = (await engine.call('getRun', { run })) as { record: { status: string }; events: unknown[] };
        expect(got.events).toHaveLength(journal.events(run).length);
        expect(got.record.status, 'getRun from the engine that started the run').toBe('succeeded');
      } finally {
        engine.close();
        journal.close();
      }
    }, 60_000);

    it('flowsmith approve while the engine process still executes a step of the same run: the engine carries the answer out, nothing starts twice (#11 item 9)', async () => {
      const { engine, exits, run, journal, approve, lines, release } = await engineWithRun('approved-meanwhile');
      try {
        await expect.poll(() => lines('slow.effects'), { timeout: 10_000 }).toBe(1);
        const approving = approve();
        // The engine holds the run's lease: the CLI hands its answer over and follows the run.
        await expect.poll(() => journal.events(run).some((e) => e.event.type === 'ApprovalGiven'), { timeout: 15_000 }).toBe(true);
        release();
        const r = await approving;
        expect(r.exitCode, r.stderr).toBe(0);
        expect(r.stderr).not.toMatch(/UNIQUE|constraint/);
        expect((JSON.parse(r.stdout) as { status: string }).status).toBe('succeeded');
        const starts = journal.events(run).filter((e) => e.event.type === 'StepStarted').map((e) => (e.event as { step: string }).step);
        expect(starts.filter((s) => s === 'slow'), 'duplicate starts of slow').toHaveLength(1);
        expect(new Set(starts).size, `steps started: ${starts.join(',')}`).toBe(starts.length);
        expect(lines('slow.effects')).toBe(1);
        expect(lines('slow.ends')).toBe(1);
        expect(exits, 'the engine process exited').toEqual([]);
        const entries = journal.events(run);
        expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
        expect(foldEvents(entries.map((e) => e.event)).status).toBe('succeeded');
        const got = (await engine.call('getRun', { run })) as { record: { status: string } };
        expect(got.record.status).toBe('succeeded');
      } finally {
        engine.close();
        journal.close();
      }
    }, 60_000);

    it('flowsmith cancel of a run the engine process drives stops the engine\'s child processes', async () => {
      const { engine, exits, run, journal, lines, workdir, cancel } = await engineWithRun('cancelled-elsewhere');
      try {
        await expect.poll(() => lines('slow.effects'), { timeout: 10_000 }).toBe(1);
        const pid = Number(readFileSync(join(workdir, 'slow.effects'), 'utf8').trim());
        expect(isGone(pid)).toBe(false);
        const r = await cancel();
        expect(r.stderr).not.toMatch(/UNIQUE|constraint/);
        expect((JSON.parse(r.stdout) as { status: string }).status).toBe('cancelled');
        expect(journal.run(run)?.status).toBe('cancelled');
        await expect.poll(() => isGone(pid), { timeout: 10_000 }).toBe(true);
        expect(lines('slow.ends')).toBe(0);
        const starts = journal.events(run).filter((e) => e.event.type === 'StepStarted' && e.event.step === 'slow');
        expect(starts).toHaveLength(1);
        expect(exits, 'the engine process exited').toEqual([]);
      } finally {
        engine.close();
        journal.close();
      }
    }, 60_000);
  });
});
