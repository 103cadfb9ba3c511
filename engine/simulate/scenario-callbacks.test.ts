import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../model/finding.js';
import { openJournal } from '../store/journal.js';
import { runScenario } from './runner.js';
import { prepareScenarioFile } from './suite.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-scenario-callbacks-'));
const flow = join(dir, 'ci.yaml');
const file = join(dir, 'ci.scenarios.yaml');
writeFileSync(flow, [
  'flowsmith: "1.0"',
  'name: ci',
  'start: build',
  'steps:',
  '  build: {type: task, shell: "curl {{ $callback.token }}", callback: {timeout: 1h}, retry: {maxAttempts: 2, delay: 1m}, next: plain}',
  '  plain: {type: task, shell: "true"}',
  '',
].join('\n'));

describe('scenario callbacks', () => {
  it('are checked against the flow: only tasks with callback wait for an answer; after must be a duration', () => {
    writeFileSync(file, [
      'scenarios:',
      '  - name: a',
      '    callbacks: {plain: {output: 1}, biuld: {output: 2}, build: {output: 3, after: soon}}',
      '    expect: {status: succeeded}',
      '',
    ].join('\n'));
    const messages = prepareScenarioFile(file).file.findings.map(formatFinding).join('\n');
    expect(messages).toContain('callbacks.build.after is not a duration');
    writeFileSync(file, ['scenarios:', '  - name: a', '    callbacks: {plain: {output: 1}, biuld: {output: 2}}', '    expect: {status: succeeded}', ''].join('\n'));
    expect(prepareScenarioFile(file).file.findings.map(formatFinding)).toEqual([
      `${file}:3:17 plain: plain is a task without callback; only tasks with callback: {timeout} wait for an answer`,
      `${file}:3:37 biuld: no step "biuld" in ci; did you mean "build"?`,
    ]);
  });

  it('answer every attempt at virtual time: an error retries, the next attempt gets the answer again', async () => {
    writeFileSync(file, [
      'scenarios:',
      '  - name: fails twice',
      '    callbacks: {build: {error: {name: BuildFailed}, after: 10m}}',
      '    expect: {status: failed}',
      '',
    ].join('\n'));
    const { file: loaded } = prepareScenarioFile(file);
    const { state, record } = await runScenario(flow, loaded.scenarios[0]!, { journal: openJournal(':memory:') });
    expect(record.steps.build).toMatchObject({ status: 'failed', attempts: 2, error: { name: 'BuildFailed', message: 'mocked BuildFailed' } });
    // 10 m wait, 1 m retry delay, 10 m wait again.
    expect(state.endedAt! - state.startedAt).toBe(21 * 60_000);
  });
});
