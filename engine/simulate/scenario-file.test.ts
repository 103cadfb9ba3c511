import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../model/finding.js';
import { listFlowFiles } from '../host/host-api.js';
import { templatesDir } from '../service/paths.js';
import { defaultFlowPathFor, loadScenarioText, scenarioPathFor } from './scenario-file.js';
import { prepareScenarioFile } from './suite.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-scenarios-'));
const file = join(dir, 'deploy.scenarios.yaml');
const load = (lines: string[]) => loadScenarioText(lines.join('\n') + '\n', file);
const messages = (lines: string[]) => load(lines).findings.map((f) => `${f.line}:${f.col} ${f.message}`);

const flow = join(dir, 'deploy.yaml');
writeFileSync(
  flow,
  [
    'flowsmith: "1.0"',
    'name: deploy',
    'inputs: {type: object, properties: {version: {type: string}}, required: [version]}',
    'start: build',
    'steps:',
    '  build: {type: task, shell: "make", next: approve}',
    '  approve: {type: approval, approvers: [ops-manager], timeout: 2h, next: done}',
    '  done: {type: succeed}',
    '',
  ].join('\n'),
);

describe('scenario files', () => {
  it('pairs X.yaml with X.scenarios.yaml beside it', () => {
    expect(scenarioPathFor(flow)).toBe(file);
    expect(defaultFlowPathFor(file)).toBe(flow);
  });

  it('loads scenarios and applies extend: input, mocks and approvals inherited per key, expect not', () => {
    const loaded = load([
      'scenarios:',
      '  - name: base',
      '    input: {version: "1.0", region: eu}',
      '    mocks: {build: {output: {ok: true}}}',
      '    approvals: {approve: [{by: ops-manager, verdict: approve, after: 20m}]}',
      '    expect: {status: succeeded}',
      '  - name: rejected',
      '    extend: base',
      '    input: {version: "2.0"}',
      '    approvals: {approve: [{by: ops-manager, verdict: reject}]}',
      '    expect: {status: failed}',
    ]);
    expect(loaded.findings).toEqual([]);
    const [, child] = loaded.scenarios;
    expect(child).toMatchObject({
      name: 'rejected',
      input: { version: '2.0', region: 'eu' },
      mocks: { build: { output: { ok: true } } },
      approvals: { approve: [{ by: 'ops-manager', verdict: 'reject' }] },
      expect: { status: 'failed' },
    });
  });

  it('reports YAML syntax errors and a document that is not a mapping with line:col', () => {
    expect(messages(['scenarios:', '  - name: "unclosed'])[0]).toMatch(/^\d+:\d+ not valid YAML/);
    expect(messages(['- name: a'])).toEqual(['1:1 a scenario file is a mapping whose `scenarios:` key lists the scenarios (each with name, input, mocks, approvals, expect)']);
  });

  it('locates schema problems at the offending node, with a guess for typos', () => {
    const found = messages([
      'scenarios:',
      '  - name: a',
      '    mocks:',
      '      build: [{outptu: 1}]',
      '    approvals:',
      '      approve: [{by: ops-manager, verdict: aprove}]',
      '    expect: {status: succeeded, pathIncludes: build}',
    ]);
    expect(found).toEqual([
      '4:24 scenarios[0].mocks.build[0] has unknown field "outptu"; did you mean "output"?',
      '6:44 scenarios[0].approvals.approve[0].verdict must be one of approve, reject (found "aprove"); did you mean "approve"?',
      '7:47 scenarios[0].expect.pathIncludes must be a list (found "build")',
    ]);
  });

  it('rejects a missing expect, bad durations, duplicate names and keys, and a broken extend', () => {
    expect(messages(['scenarios:', '  - name: a'])).toEqual(['2:5 scenarios[0] needs field "expect"']);
    expect(messages(['scenarios:', '  - name: a', '    mocks: {build: {duration: soon}}', '    expect: {status: failed}'])).toEqual([
      '3:31 scenarios[0].mocks.build.duration is not a duration (found "soon"); write it like 30s, 20m, 2h or PT20M',
    ]);
    const found = messages([
      'scenarios:',
      '  - {name: a, extend: b, expect: {status: failed}}',
      '  - {name: b, extend: a, expect: {status: failed}}',
      '  - {name: a, extend: base, expect: {status: failed}}',
    ]);
    expect(found).toEqual([
      '2:23 extend goes round in a circle (a → b → a); let one of them extend nothing',
      '3:23 extend goes round in a circle (b → a → b); let one of them extend nothing',
      '4:12 scenario name "a" is used twice (also scenarios[0]); rename one',
      '4:23 extend: no scenario named "base" in this file',
    ]);
    expect(messages(['scenarios:', '  - {name: a, expect: {status: failed, status: succeeded}}'])).toEqual([
      '2:40 scenarios[0].expect has the key "status" twice (also on line 2); only the last one counts, so remove one',
    ]);
  });

  it('checks scenarios against the flow: step ids, step types, approvers and input, each located', () => {
    writeFileSync(
      file,
      [
        'scenarios:',
        '  - name: a',
        '    input: {version: 7}',
        '    mocks: {biuld: {output: 1}, approve: {output: 1}}',
        '    approvals: {approve: [{by: mallory, verdict: approve}]}',
        '    expect: {status: succeeded, pathExcludes: [dnoe]}',
        '',
      ].join('\n'),
    );
    const { file: checked } = prepareScenarioFile(file);
    expect(checked.findings.map(formatFinding)).toEqual([
      `${file}:3:5: scenario "a": the run input of deploy is not valid: /version must be string`,
      `${file}:4:13 biuld: no step "biuld" in deploy; did you mean "build"?`,
      `${file}:4:33 approve: approve is an approval step; only task steps take mocks; answer it under approvals:`,
      `${file}:5:32 approve: mallory is not an approver of approve; approvers: ops-manager`,
      `${file}:6:48 dnoe: no step "dnoe" in deploy; did you mean "done"?`,
    ]);
  });

  it('is not listed as a flow in the Templates dialog', () => {
    const names = listFlowFiles(templatesDir).map((f) => f.path);
    expect(names.some((p) => p.endsWith('.scenarios.yaml'))).toBe(false);
    expect(names.length).toBeGreaterThanOrEqual(3);
  });
});
