/**
 * Durability under kill -9 (issue #3 "Tests" and "Durability"; DESIGN.md "Runtime semantics" →
 * Durability; engine/README.md "Delivery guarantee"): the real engine, killed with SIGKILL at
 * seeded random moments, resumed, and every run checked by crash-flow.ts's oracle.
 *
 * These tests run real processes on the wall clock, so unlike the rest of the suite they sleep
 * (STYLE.md §9 asks tests not to): a kill -9 cannot be simulated on a virtual clock. No assertion is
 * timed; the seed fixes the kill schedule, the machine's speed decides where each kill lands, and
 * the report says where they landed. Replay a schedule with FLOWSMITH_CRASH_SEED=<seed>.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from '../host/engine-client.js';
import type { EngineClient } from '../host/engine-client.js';
import type { RunRecord } from '../runtime/record.js';
import { toRunRecord } from '../runtime/record.js';
import { openJournal } from '../store/journal.js';
import type { Journal } from '../store/journal.js';
import { privateBundles } from '../host/private-bundle.js';
import { CRASH_FLOW, TASKS, checkRun, mulberry32, phaseAt } from './crash-flow.js';
import type { KillSnapshot, RunEvidence } from './crash-flow.js';

const SEED = Number(process.env.FLOWSMITH_CRASH_SEED ?? 20251123);
const RUNS = Number(process.env.FLOWSMITH_CRASH_RUNS ?? 20);
/** Iterations run three at a time: each mostly waits on sleeps and process start-up, not on the CPU. */
const LANES = 3;

let dir: string;
let bundle: { cli: string; engine: string };
let flowFile: string;
let workRoot: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-crash-'));
  bundle = await privateBundles(join(dir, 'build'), { cli: 'engine/cli/main.ts', engine: 'engine/host/engine-process.ts' });
  flowFile = join(dir, 'crash-durability.yaml');
  writeFileSync(flowFile, CRASH_FLOW);
  workRoot = join(dir, 'runs');
  console.log(`crash tests: seed ${SEED} (replay with FLOWSMITH_CRASH_SEED=${SEED}), ${RUNS} CLI runs, folder ${dir}`);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cli(db: string, args: string[]): ResultPromise<{ reject: false }> {
  return execa('node', [bundle.cli, '--db', db, ...args], {
    reject: false,
    env: { FLOWSMITH_USER: 'tester', FLOWSMITH_WORK_ROOT: workRoot },
  });
}

/** The run of iteration `i`, found by its input in the journal (several runs are in flight at once). */
function runOf(journal: Journal, iteration: number): string | undefined {
  const row = journal.db
    .prepare("SELECT run_id AS id FROM events WHERE seq = 1 AND json_extract(data, '$.input.iteration') = ?")
    .get(iteration) as { id: string } | undefined;
  return row?.id;
}

function effectsOf(workdir: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const step of TASKS) {
    try {
      out[step] = readFileSync(join(workdir, `${step}.effects`), 'utf8').split('\n').filter(Boolean);
    } catch {
      out[step] = [];
    }
  }
  return out;
}

/** Kills `child` with SIGKILL (if it still runs) and snapshots the journal and work folder of `run()`. */
async function kill(child: ResultPromise, what: string, journal: Journal, run: () => string | undefined): Promise<KillSnapshot | null> {
  if (child.exitCode !== null) return null; // it ended before its kill was due
  child.kill('SIGKILL');
  const at = Date.now();
  const r = await child;
  if (r.signal !== 'SIGKILL') return null; // it exited on its own in the meantime
  const id = run();
  const events = id ? journal.events(id) : [];
  const first = events[0]?.event;
  const lines: Record<string, number> = {};
  if (first?.type === 'RunStarted') for (const [s, l] of Object.entries(effectsOf(first.workdir))) lines[s] = l.length;
  return { what, at, events, lines };
}

/** Waits until the run of `iteration` has journaled an event of `type`, or `child` ended. */
async function until(child: ResultPromise, journal: Journal, iteration: number, type: string): Promise<void> {
  while (child.exitCode === null) {
    const id = runOf(journal, iteration);
    if (id && journal.db.prepare('SELECT 1 FROM events WHERE run_id = ? AND type = ?').get(id, type)) return;
    await sleep(5);
  }
}

/**
 * Where the first kill of an iteration is aimed, in turn: anywhere in the run's life, during
 * start-up (just after RunStarted), while the parallel branches run, while the flaky
 * step waits for its retry, while the timer runs.
 */
const TARGETS = ['anytime', 'startup', 'branches', 'retry', 'timer'] as const;

interface Iteration {
  iteration: number;
  target: (typeof TARGETS)[number];
  id: string;
  kills: KillSnapshot[];
  /** Kills that landed before the run's RunStarted was committed (the run was started again). */
  killedBeforeStart: number;
  resumes: number;
  record: RunRecord;
}

async function crashIteration(db: string, journal: Journal, i: number): Promise<Iteration> {
  const random = mulberry32(SEED + i * 0x9e3779b1);
  const target = TARGETS[i % TARGETS.length]!;
  const kills: KillSnapshot[] = [];
  let killedBeforeStart = 0;
  let id: string | undefined;
  for (let tries = 0; id === undefined; tries++) {
    const child = cli(db, ['run', flowFile, '--input', JSON.stringify({ iteration: i }), '--json']);
    if (tries < 2) {
      if (target === 'anytime') await sleep(random() * 1800);
      else if (target === 'startup') await until(child, journal, i, 'RunStarted').then(() => sleep(random() * 120));
      else if (target === 'branches') await until(child, journal, i, 'StepSucceeded').then(() => sleep(100 + random() * 250));
      else if (target === 'retry') await until(child, journal, i, 'StepRetryScheduled').then(() => sleep(random() * 180));
      else await until(child, journal, i, 'TimerStarted').then(() => sleep(random() * 280));
      const k = await kill(child, 'run', journal, () => runOf(journal, i));
      if (k && k.events.length > 0) kills.push(k);
      else if (k) killedBeforeStart += 1;
    }
    await child;
    id = runOf(journal, i);
  }
  // Resume until a resume ends by itself; up to two resumes are killed too, at random.
  let resumes = 0;
  for (;;) {
    resumes += 1;
    const child = cli(db, ['resume', id, '--json']);
    if (resumes <= 2 && random() < 0.35) {
      await sleep(random() * 1200);
      const k = await kill(child, `resume #${resumes}`, journal, () => id);
      if (k) {
        kills.push(k);
        continue;
      }
    }
    const r = await child;
    expect(r.stderr, `resume of ${id} (iteration ${i})`).not.toMatch(/flowsmith: /);
    expect(r.exitCode, `resume of ${id} (iteration ${i})`).toBe(0);
    return { iteration: i, target, id, kills, killedBeforeStart, resumes, record: JSON.parse(r.stdout) as RunRecord };
  }
}

function evidence(journal: Journal, id: string, kills: KillSnapshot[]): RunEvidence {
  const entries = journal.events(id);
  const first = entries[0]?.event;
  const row = journal.run(id);
  return {
    id,
    entries,
    row: row && { status: row.status, endedAt: row.endedAt },
    effects: first?.type === 'RunStarted' ? effectsOf(first.workdir) : {},
    kills,
  };
}

function tally(labels: string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => `${l}: ${n}`).join(', ');
}

describe('durability under kill -9', () => {
  it(`kill -9 of flowsmith run/resume at seeded random moments across ${RUNS} runs (parallel, retries, timer): every run resumes to success with at-least-once side effects`, async () => {
    const db = join(dir, 'cli.db');
    const journal = openJournal(db);
    const results: Iteration[] = [];
    let next = 0;
    const lane = async () => {
      while (next < RUNS) results.push(await crashIteration(db, journal, next++));
    };
    await Promise.all(Array.from({ length: LANES }, lane));

    const problems: string[] = [];
    const phases: string[] = [];
    for (const it of results.sort((a, b) => a.iteration - b.iteration)) {
      const { problems: found, state } = checkRun(evidence(journal, it.id, it.kills));
      problems.push(...found.map((m) => `iteration ${it.iteration} (${it.target}): ${m}`));
      // What resume printed is the journal's record.
      // (Every CLI --json record carries `version`: null here, the flow file was never published.)
      if (state) expect(it.record, `record of ${it.id}`).toEqual({ ...toRunRecord(state), version: null });
      for (const k of it.kills) phases.push(...phaseAt(k.events));
    }
    // The history and the record as the CLI shows them afterwards (show for every 4th run: each
    // is a process start, and resume --json above already printed every record).
    const listed = JSON.parse((await cli(db, ['runs', '--flow', 'crash-durability', '--json'])).stdout) as { id: string; status: string }[];
    expect(new Map(listed.map((r) => [r.id, r.status]))).toEqual(new Map(results.map((r) => [r.id, 'succeeded'])));
    for (const it of results.filter((r) => r.iteration % 4 === 0)) {
      expect(JSON.parse((await cli(db, ['show', it.id, '--json'])).stdout), `show ${it.id}`).toEqual(it.record);
    }
    const kills = results.reduce((n, r) => n + r.kills.length, 0);
    const early = results.reduce((n, r) => n + r.killedBeforeStart, 0);
    const resumes = results.reduce((n, r) => n + r.resumes, 0);
    console.log(
      `crash (CLI): seed ${SEED}: ${results.length} runs, ${kills} kills of a started run + ${early} before RunStarted, ${resumes} resumes; ` +
        `kills landed: ${tally(phases)}`,
    );
    expect(problems, `seed ${SEED}`).toEqual([]);
    expect(results).toHaveLength(RUNS);
    // Most first kills land after RunStarted and a third of the resumes are killed as well.
    expect(kills).toBeGreaterThanOrEqual(Math.ceil(RUNS * 0.75));
    // The schedule aims at these; with the default seed each is hit several times.
    for (const phase of ['timer', 'retry delay', 'parallel branches']) expect(phases, `a kill during the ${phase}`).toContain(phase);
    journal.close();
  }, 240_000);

  describe('the engine process', () => {
    const engines: EngineClient[] = [];
    afterAll(() => engines.forEach((e) => e.close()));

    it('kill -9 of the engine process 3 times while it drives runs started 2 per engine: each new engine process resumes them all to success', async () => {
      const random = mulberry32(SEED ^ 0x5eed);
      const db = join(dir, 'engine.db');
      const journal = openJournal(db);
      const start = () => {
        // The engine process reads FLOWSMITH_WORK_ROOT from the environment it is forked with.
        const saved = process.env.FLOWSMITH_WORK_ROOT;
        process.env.FLOWSMITH_WORK_ROOT = workRoot;
        const engine = startEngine(['--db', db, '--root', dir], bundle.engine);
        if (saved === undefined) delete process.env.FLOWSMITH_WORK_ROOT;
        else process.env.FLOWSMITH_WORK_ROOT = saved;
        engines.push(engine);
        return engine;
      };
      const snapshots = new Map<string, KillSnapshot[]>();
      const KILLS = 3;
      let engine = start();
      // Each engine starts two runs of its own besides the ones it resumed, so the kills find runs
      // at different points of their life.
      for (let k = 0; k < KILLS; k++) {
        const started = await Promise.all(
          [0, 1].map((j) => engine.call('startRun', { path: flowFile, mode: 'run', input: { iteration: 1000 + 2 * k + j } })),
        );
        for (const s of started as { run: string }[]) snapshots.set(s.run, []);
        await sleep(100 + random() * 900);
        const child = engine.child;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        const at = Date.now();
        await exited;
        // One snapshot per run: the oracle needs each run's own journal at the kill.
        for (const [id, kills] of snapshots) {
          const events = journal.events(id);
          const first = events[0]?.event;
          const lines: Record<string, number> = {};
          if (first?.type === 'RunStarted') for (const [s, l] of Object.entries(effectsOf(first.workdir))) lines[s] = l.length;
          kills.push({ what: `engine #${k + 1}`, at, events, lines });
        }
        engine = start(); // resumes every unfinished run (DESIGN.md "Durability")
      }
      const ids = [...snapshots.keys()];
      await expect
        .poll(() => journal.unfinishedRuns().filter((id) => snapshots.has(id)), { timeout: 30_000, interval: 100 })
        .toEqual([]);
      const problems: string[] = [];
      const phases: string[] = [];
      for (const id of ids) {
        const { problems: found, state } = checkRun(evidence(journal, id, snapshots.get(id)!));
        problems.push(...found);
        const got = (await engine.call('getRun', { run: id })) as { record: RunRecord };
        if (state) expect(got.record).toEqual(toRunRecord(state));
        for (const k of snapshots.get(id)!) phases.push(...phaseAt(k.events));
      }
      console.log(`crash (engine process): seed ${SEED}: ${ids.length} runs, ${KILLS} engine kills; runs were at: ${tally(phases)}`);
      expect(problems, `seed ${SEED}`).toEqual([]);
      journal.close();
    }, 90_000);
  });
});
