/**
 * `compensate: {call: …}` (#11 item 15): a rollback that calls another flow runs it as a child run,
 * for real and in a simulation, instead of failing with "the call executor is not supported yet".
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

const DEPLOY = [
  'flowsmith: "1.0"',
  'name: deploy',
  'start: ship',
  'steps:',
  '  ship:',
  '    type: task',
  '    shell: "touch shipped"',
  '    mock: {output: shipped}',
  '    compensate: {call: {flow: undo.yaml, input: {what: "{{ $steps.ship.status }}"}}}',
  '    next: verify',
  '  verify: {type: task, shell: "exit 7", mock: {error: {name: ShellExit}}}',
];

const UNDO = [
  'flowsmith: "1.0"',
  'name: undo',
  'inputs: {type: object, properties: {what: {type: string}}, required: [what]}',
  'start: undo',
  'steps:',
  '  undo: {type: task, shell: "touch undone-{{ $input.what }}", mock: {output: {undone: true}}}',
];

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-compensate-call-'));
  writeFileSync(join(dir, 'deploy.yaml'), DEPLOY.join('\n') + '\n');
  writeFileSync(join(dir, 'undo.yaml'), UNDO.join('\n') + '\n');
  const journal = openJournal(join(dir, 'store.db'));
  return { dir, journal, service: new RunService({ journal, workRoot: join(dir, 'runs') }) };
}

describe('compensate with call', () => {
  it.each(['run', 'simulate'] as const)('rolls back by running the called flow as a child run (%s)', async (mode) => {
    const { dir, journal, service } = workspace();
    const state = await service.drive(service.startRun({ path: join(dir, 'deploy.yaml'), mode }), { stopWhenWaiting: true });
    expect(state.status).toBe('failed');
    expect(state.error?.name).toBe('ShellExit');
    expect(state.steps.ship?.status).toBe('compensated');
    const child = state.children.ship?.[0];
    expect(child).toMatch(/:ship:0\.0:0$/);
    expect(journal.run(child!)).toMatchObject({ status: 'succeeded', flow: 'undo' });
    const compensated = journal.events(state.id).map((e) => e.event).find((e) => e.type === 'StepCompensated');
    if (mode === 'run') {
      expect(existsSync(join(state.workdir, 'undone-succeeded'))).toBe(true);
      expect(compensated).toMatchObject({ step: 'ship', output: { exitCode: 0 } });
    } else expect(compensated).toMatchObject({ step: 'ship', output: { undone: true } });
    service.close();
  });
});
