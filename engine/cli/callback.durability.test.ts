/**
 * Callbacks across processes (issue #12 part 1): the answer comes from another process than the one
 * driving the run (handed over through the run lease), and after the driver was killed with
 * SIGKILL while the step waited (the wait is in the journal, the token's hash in the store).
 * A parallel branch that waits for a gate file keeps the driving `flowsmith run` alive while the
 * callback waits; the test waits for journal states and files (gates), never for a fixed time.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateBundles } from '../host/private-bundle.js';
import type { RunRecord } from '../runtime/record.js';
import { openJournal } from '../store/journal.js';

let dir: string;
let cli: string;
let flow: string;
const gates: string[] = [];

const FLOW = `flowsmith: "1.0"
name: ci-parallel
inputs: {type: object, properties: {gate: {type: string}}, required: [gate]}
start: fork
steps:
  fork: {type: parallel, branches: [build, hold], join: joined}
  build:
    type: task
    shell: "echo {{ $callback.token }} >> tokens.txt"
    callback: {timeout: 1h}
    next: joined
  hold:
    type: task
    shell: "while [ ! -f {{ $input.gate }} ]; do sleep 0.05; done"
    next: joined
  joined: {type: join, next: done}
  done:
    type: task
    shell: "echo done {{ $steps.build.output.n }}"
    output: "$steps.build.output"
`;

function flowsmith(args: string[]): ResultPromise<{ reject: false }> {
  return execa('node', [cli, '--db', join(dir, 'store.db'), ...args], {
    reject: false,
    env: { FLOWSMITH_USER: 'tester', FLOWSMITH_WORK_ROOT: join(dir, 'runs') },
  });
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Waits (gate) until the run with input `gate` journaled CallbackWaiting; returns its id and workdir. */
async function waitingRun(gate: string, child: ResultPromise): Promise<{ id: string; workdir: string }> {
  const journal = openJournal(join(dir, 'store.db'));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the run ended early: ${(await child).stderr}`);
      const row = journal.db
        .prepare(
          "SELECT s.run_id AS id, json_extract(s.data, '$.workdir') AS workdir FROM events s JOIN events w ON w.run_id = s.run_id AND w.type = 'CallbackWaiting' WHERE s.seq = 1 AND json_extract(s.data, '$.input.gate') = ?",
        )
        .get(gate) as { id: string; workdir: string } | undefined;
      if (row) return row;
      await tick();
    }
  } finally {
    journal.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-callback-dur-'));
  ({ cli } = await privateBundles(join(dir, 'build'), { cli: 'engine/cli/main.ts' }));
  flow = join(dir, 'ci-parallel.yaml');
  writeFileSync(flow, FLOW);
});

afterAll(() => {
  // Shells of killed runs wait for their gates: open every gate so they end.
  for (const gate of gates) if (!existsSync(gate)) writeFileSync(gate, '');
});

function newGate(name: string): string {
  const gate = join(dir, name);
  gates.push(gate);
  return gate;
}

describe('callbacks across processes', () => {
  it('hands the answer to the process that drives the run, which carries it out', async () => {
    const gate = newGate('gate-live');
    const driver = flowsmith(['run', flow, '--trust', '--input', JSON.stringify({ gate }), '--json']);
    const { id, workdir } = await waitingRun(gate, driver);
    const token = readFileSync(join(workdir, 'tokens.txt'), 'utf8').trim();

    const answer = flowsmith(['callback', token, '--output', '{"n":5}', '--json']);
    // The owner journals the answer and ends the step while `hold` still runs.
    const journal = openJournal(join(dir, 'store.db'));
    try {
      while (!journal.events(id).some((e) => e.event.type === 'StepSucceeded' && e.event.step === 'build')) await tick();
    } finally {
      journal.close();
    }
    writeFileSync(gate, '');
    const [owner, answered] = await Promise.all([driver, answer]);
    expect(owner.exitCode).toBe(0);
    expect(answered.exitCode).toBe(0);
    for (const r of [owner, answered]) {
      expect(r.stderr).not.toMatch(/flowsmith: /);
      expect(JSON.parse(r.stdout) as RunRecord).toMatchObject({ id, status: 'succeeded', steps: { done: { output: { n: 5 } } } });
    }
  });

  it('resumes a wait after kill -9 of its driver, and the answer moves the run on', async () => {
    const gate = newGate('gate-killed');
    const driver = flowsmith(['run', flow, '--trust', '--input', JSON.stringify({ gate }), '--json']);
    const { id, workdir } = await waitingRun(gate, driver);
    driver.kill('SIGKILL');
    await driver;
    writeFileSync(gate, '');

    const resumed = await flowsmith(['resume', id, '--json']);
    expect(resumed.exitCode).toBe(3);
    const waiting = JSON.parse(resumed.stdout) as RunRecord;
    expect(waiting.steps.build?.status).toBe('waiting');
    expect(waiting.steps.hold?.status).toBe('succeeded');
    // Still the one token: the executor did not run again for a step that already waited.
    const tokens = readFileSync(join(workdir, 'tokens.txt'), 'utf8').split('\n').filter(Boolean);
    expect(tokens).toHaveLength(1);

    const r = await flowsmith(['callback', tokens[0]!, '--output', '{"n":6}', '--json']);
    expect(r.stderr).not.toMatch(/flowsmith: /);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout) as RunRecord).toMatchObject({ id, status: 'succeeded', steps: { done: { output: { n: 6 } } } });
  });

  it('takes over a run whose driver was killed when the answer comes, and drives it on', async () => {
    const gate = newGate('gate-takeover');
    const driver = flowsmith(['run', flow, '--trust', '--input', JSON.stringify({ gate }), '--json']);
    const { id, workdir } = await waitingRun(gate, driver);
    driver.kill('SIGKILL');
    await driver;
    writeFileSync(gate, '');
    const token = readFileSync(join(workdir, 'tokens.txt'), 'utf8').trim();
    const r = await flowsmith(['callback', token, '--output', '{"n":7}', '--json']);
    expect(r.stderr).not.toMatch(/flowsmith: /);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout) as RunRecord).toMatchObject({ id, status: 'succeeded', steps: { done: { output: { n: 7 } } } });
  });

  it('hands answers for callbacks inside a map body to the process that drives the top-level run', async () => {
    const mapFlow = join(dir, 'ci-map.yaml');
    writeFileSync(mapFlow, [
      'flowsmith: "1.0"',
      'name: ci-map',
      'start: each',
      'steps:',
      '  each:',
      '    type: map',
      '    items: "[1, 2]"',
      '    start: build',
      '    steps:',
      '      build:',
      '        type: task',
      '        shell: "echo {{ $callback.token }} >> tokens-{{ $item }}.txt"',
      '        callback: {timeout: 1h}',
      '',
    ].join('\n'));
    const driver = flowsmith(['run', mapFlow, '--trust', '--json']);
    const journal = openJournal(join(dir, 'store.db'));
    let workdir: string | undefined;
    try {
      // Both items wait (the map step, and the driving process, wait for them).
      for (;;) {
        if (driver.exitCode !== null) throw new Error(`the run ended early: ${(await driver).stderr}`);
        const rows = journal.db.prepare("SELECT run_id AS id FROM events WHERE type = 'CallbackWaiting' AND run_id LIKE '%:each:%'").all() as { id: string }[];
        if (rows.length === 2) {
          workdir = (journal.db.prepare("SELECT json_extract(data, '$.workdir') AS w FROM events WHERE seq = 1 AND json_extract(data, '$.flow') = 'ci-map'").get() as { w: string }).w;
          break;
        }
        await tick();
      }
    } finally {
      journal.close();
    }
    for (const item of [1, 2]) {
      const token = readFileSync(join(workdir, `tokens-${item}.txt`), 'utf8').trim();
      const r = await flowsmith(['callback', token, '--output', JSON.stringify({ item }), '--json']);
      expect(r.stderr).not.toMatch(/flowsmith: /);
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout) as RunRecord).toMatchObject({ status: 'succeeded', steps: { build: { output: { item } } } });
    }
    const owner = await driver;
    expect(owner.stderr).not.toMatch(/flowsmith: /);
    expect(owner.exitCode).toBe(0);
    expect(JSON.parse(owner.stdout) as RunRecord).toMatchObject({ status: 'succeeded', steps: { each: { output: [{ item: 1 }, { item: 2 }] } } });
  });
});
