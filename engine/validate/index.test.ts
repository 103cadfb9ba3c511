import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../model/finding.js';
import { loadFlowText } from '../yaml/load.js';
import { codeMeanings, validateFlow, validateText } from './index.js';
import { colOf, findingsWith, flowText } from './test-helpers.js';

const testdata = (name: string) => readFileSync(new URL(`../testdata/flows/${name}`, import.meta.url), 'utf8');

describe('validateText', () => {
  it.each(['web-app-deploy.yaml', 'all-step-types.yaml', 'commented.yaml'])('finds nothing wrong in %s', (name) => {
    expect(validateText(testdata(name), name).findings).toEqual([]);
  });

  it('returns parse findings only when the YAML does not parse', () => {
    const { loaded, findings } = validateText('steps: [a\n', 'x.yaml');
    expect(loaded.flow).toBeNull();
    expect(findings.map((f) => f.code)).toEqual(['FS001']);
    expect(findings[0]?.file).toBe('x.yaml');
  });

  it('sorts findings by position and prints them as file:line:col step: message', () => {
    const text = flowText(['  a: {type: approval, next: zz}', '  b: {type: task, shell: x}']);
    const printed = validateText(text, 'deploy.yaml').findings.map(formatFinding);
    expect(printed).toEqual([
      'deploy.yaml:5:3 a: approval "a" has no approvers, so nobody could answer it; add approvers: [ops-manager]',
      `deploy.yaml:5:${colOf(text, 5, 'zz')} a: next names step "zz", which is not in steps; add a step "zz" or point next at an existing step`,
      'deploy.yaml:6:3 b: warning: step "b" is never reached from start "a"; lead to it with next: b from another step, or delete it',
    ]);
  });
});

describe('duplicate keys', () => {
  it('reports a duplicate step id at the repeated key (FS013)', () => {
    const text = flowText(['  a: {type: task, shell: x, next: b}', '  b: {type: succeed}', '  a: {type: succeed}']);
    expect(findingsWith('FS013', text)).toEqual([
      {
        severity: 'error',
        message: 'step id "a" is used twice (also on line 5); only the last one would count, so rename one',
        line: 7,
        col: 3,
        step: 'a',
        path: '/steps/a',
      },
    ]);
  });

  it('finds duplicates inside map bodies, and other duplicate keys (FS006)', () => {
    const text = flowText([
      '  a:',
      '    type: map',
      '    items: "[1]"',
      '    start: x',
      '    steps:',
      '      x: {type: succeed}',
      '      x: {type: succeed}', // 11
      '    items: "[2]"', // 12
    ]);
    expect(findingsWith('FS013', text)).toEqual([expect.objectContaining({ line: 11, col: 7, step: 'x' })]);
    expect(findingsWith('FS006', text)).toEqual([
      expect.objectContaining({
        message: 'steps.a has the key "items" twice (also on line 7); only the last one counts, so remove one',
        line: 12,
        col: 5,
        path: '/steps/a/items',
      }),
    ]);
  });
});

describe('validateFlow', () => {
  it('works on plain objects without a source, with pointers and steps', () => {
    const findings = validateFlow({ flowsmith: '1.0', name: 'x', start: 'a', steps: { a: { type: 'task', next: 'b' } } });
    expect(findings.map((f) => [f.code, f.path, f.step, f.line])).toEqual([
      ['FS010', '/steps/a', 'a', undefined],
      ['FS011', '/steps/a/next', 'a', undefined],
    ]);
  });

  it('adds file and line:col from a LoadedFlow', () => {
    const text = flowText(['  a: {type: succeed, next: nope}']);
    const loaded = loadFlowText(text, 'f.yaml');
    const [finding] = validateFlow(loaded.flow, { file: 'f.yaml', locate: loaded.locate });
    expect(finding).toMatchObject({ code: 'FS011', file: 'f.yaml', line: 5, col: colOf(text, 5, 'nope') });
  });

  it.each([null, 42, 'text', [], { steps: 'no' }, { steps: { a: null }, start: 7 }])('never throws on %j', (value) => {
    expect(validateFlow(value).length).toBeGreaterThan(0);
  });

  it('has a meaning for every code it can return', () => {
    for (const code of Object.keys(codeMeanings)) expect(code).toMatch(/^FS\d{3}$/);
  });
});
