import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { continueRun, editVars, pauseRun, retryStep, setBreakpoints, skipStep } from '../runtime/debug.js';
import { RunRequestError } from '../runtime/driver.js';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

const FLOW = [
  'flowsmith: "1.0"',
  'name: dbg',
  'vars: {greeting: hello}',
  'start: one',
  'steps:',
  '  one: {type: task, shell: "echo one", next: two}',
  '  two: {type: task, shell: "echo {{ $vars.greeting }}", output: $.stdout, next: three}',
  '  three: {type: task, shell: "touch three-ran", next: four}',
  '  four: {type: task, shell: "test -f ok || { touch ok; exit 3; }"}',
];

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-debug-'));
  writeFileSync(join(dir, 'dbg.yaml'), FLOW.join('\n') + '\n');
  const db = join(dir, 'store.db');
  const service = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
  return { dir, db, path: join(dir, 'dbg.yaml'), service };
}

describe('debugging protocol', () => {
  it.each(['run', 'simulate'] as const)('pauses at a breakpoint, edits vars, steps and continues (%s)', async (mode) => {
    const { path, service } = setup();
    const driver = service.startRun({ path, mode });
    setBreakpoints(driver, ['two']);
    let state = await driver.drive({ stopWhenWaiting: true });
    expect(state.status).toBe('paused');
    expect(state.paused).toEqual({ reason: 'breakpoint', step: 'two' });
    expect(state.path).toEqual(['one']);

    editVars(driver, { greeting: 'bonjour' });
    continueRun(driver, true); // step: run `two`, then pause before the next step
    state = await driver.drive({ stopWhenWaiting: true });
    expect(state.paused).toEqual({ reason: 'step', step: 'three' });
    expect(state.path).toEqual(['one', 'two']);
    if (mode === 'run') expect(state.steps.two?.output).toBe('bonjour');

    skipStep(driver, 'three');
    expect(state.steps.three?.status).toBe('skipped');
    continueRun(driver, false);
    state = await driver.drive({ stopWhenWaiting: true });
    expect(state.path).toEqual(['one', 'two', 'four']);
    if (mode === 'run') {
      expect(existsSync(join(state.workdir, 'three-ran'))).toBe(false);
      // `four` fails its first time (exit 3); retrying it runs the run on to success.
      expect(state.status).toBe('failed');
      retryStep(driver, 'four');
      state = await driver.drive({ stopWhenWaiting: true });
      expect(state.status).toBe('succeeded');
      expect(state.path).toEqual(['one', 'two', 'four', 'four']);
    } else expect(state.status).toBe('succeeded');
  });

  it('pauses a running run: the executing step finishes, nothing new starts', async () => {
    const { dir, path, service } = setup();
    // A gate instead of a sleep: `one` runs until the test creates `release` in the run's folder.
    writeFileSync(path, FLOW.join('\n').replace('echo one', 'while [ ! -e release ]; do sleep 0.02; done; echo one') + '\n');
    const driver = service.startRun({ path });
    const driving = driver.drive({ stopWhenWaiting: true });
    await expect.poll(() => driver.state.steps.one?.status).toBe('running');
    pauseRun(driver, 'alice');
    writeFileSync(join(driver.state.workdir, 'release'), '');
    let state = await driving;
    expect(state.status).toBe('paused');
    expect(state.steps.one?.status).toBe('succeeded');
    expect(state.path).toEqual(['one']);

    // The pause is journaled: another process (here a second service on the same store) continues it.
    const other = new RunService({ journal: openJournal(join(dir, 'store.db')), workRoot: join(dir, 'runs') });
    const again = other.open(driver.id);
    expect(again.state.status).toBe('paused');
    continueRun(again, false);
    state = await again.drive({ stopWhenWaiting: true });
    expect(state.path).toEqual(['one', 'two', 'three', 'four']);
  });

  it('refuses requests that do not fit the run with a clear error', async () => {
    const { path, service } = setup();
    const driver = service.startRun({ path, mode: 'simulate' });
    expect(() => setBreakpoints(driver, ['nope'])).toThrow(/nope is not a step of dbg/);
    expect(() => editVars(driver, { a: 1 })).toThrow(RunRequestError);
    expect(() => continueRun(driver, false)).toThrow(/not paused/);
    expect(() => retryStep(driver, 'one')).toThrow(/has not failed/);
    await driver.drive({ stopWhenWaiting: true });
    expect(() => pauseRun(driver)).toThrow(/has succeeded/);
  });
});
