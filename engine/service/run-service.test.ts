import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { InputError } from './inputs.js';
import { FlowInvalidError, RunService } from './run-service.js';

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-service-'));
  const flow = join(dir, 'two.yaml');
  writeFileSync(
    flow,
    [
      'flowsmith: "1.0"',
      'name: two',
      'inputs: {type: object, properties: {who: {type: string, default: world}}}',
      'start: greet',
      'steps:',
      '  greet: {type: task, shell: "echo hello {{ $input.who }} > greeting", next: check}',
      '  check: {type: task, shell: "cat greeting"}',
      '',
    ].join('\n'),
  );
  return { dir, flow, db: join(dir, 'store.db') };
}

describe('RunService', () => {
  it('applies input defaults and refuses invalid flows and inputs', async () => {
    const { dir, flow, db } = workspace();
    const service = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    const state = await service.drive(service.startRun({ path: flow }), { stopWhenWaiting: true });
    expect(state.input).toEqual({ who: 'world' });
    expect((state.steps.check?.output as { stdout: string }).stdout).toBe('hello world');
    expect(() => service.startRun({ path: flow, input: { who: 7 } })).toThrow(InputError);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'flowsmith: "1.0"\nname: bad\nstart: nowhere\nsteps: {a: {type: succeed}}\n');
    expect(() => service.startRun({ path: bad })).toThrow(FlowInvalidError);
  });

  it('resumes the unfinished runs of a store that another process left behind', async () => {
    const { dir, flow, db } = workspace();
    const crashed = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    const id = crashed.startRun({ path: flow }).id; // journaled RunStarted, then "the process died"
    const next = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    expect(next.resumeUnfinished()).toEqual([id]);
    await expect.poll(() => next.state(id).status, { timeout: 10_000 }).toBe('succeeded');
    expect(next.journal.unfinishedRuns()).toEqual([]);
  });
});
