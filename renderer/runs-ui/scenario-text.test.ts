/** "New scenario" as a text edit: appended to the list as written, numbered name, input prefilled. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Flow } from '../../engine/model/flow';
import { withNewScenario } from './scenario-text';

const flow = {
  flowsmith: '1.0',
  name: 'deploy',
  start: 'done',
  inputs: { type: 'object', required: ['version'], properties: { version: { type: 'string' }, env: { type: 'string', default: 'dev' } } },
  steps: { done: { type: 'succeed' } },
} as unknown as Flow;

describe('withNewScenario', () => {
  it('starts a new file with a scenarios list, input prefilled from the flow', () => {
    const edit = withNewScenario(null, 'new scenario', flow);
    expect(parse(edit.text)).toEqual({ scenarios: [{ name: 'new scenario', input: { version: '', env: 'dev' }, expect: { status: 'succeeded' } }] });
    expect(edit.text.split('\n')[edit.line - 1]).toBe('  - name: new scenario');
  });

  it('appends after the last item, indented like the others, leaving the rest byte for byte', () => {
    const text = '# mine\nscenarios:\n- name: new scenario\n  expect: {status: failed}   # kept\n\n- name: b\n  expect: {status: failed}\n# tail\n';
    const edit = withNewScenario(text, 'new scenario', null);
    expect(edit.name).toBe('new scenario 2');
    expect(edit.text.startsWith('# mine\nscenarios:\n- name: new scenario\n  expect: {status: failed}   # kept\n\n- name: b\n  expect: {status: failed}\n\n- name: new scenario 2\n')).toBe(true);
    expect(edit.text.endsWith('# tail\n')).toBe(true);
    expect(edit.text.split('\n')[edit.line - 1]).toBe('- name: new scenario 2');
    expect((parse(edit.text) as { scenarios: unknown[] }).scenarios).toHaveLength(3);
  });

  it('replaces an empty flow list and adds a list to a file without one', () => {
    expect(parse(withNewScenario('# c\nscenarios: []\n', 'x', null).text)).toEqual({ scenarios: [{ name: 'x', input: {}, expect: { status: 'succeeded' } }] });
    const other = withNewScenario('flow: deploy.yaml\n', 'x', null);
    expect(parse(other.text)).toEqual({ flow: 'deploy.yaml', scenarios: [{ name: 'x', input: {}, expect: { status: 'succeeded' } }] });
  });
});
