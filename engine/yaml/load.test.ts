import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES as MAX_FLOW_BYTES, MAX_NESTING_LEVELS as MAX_DEPTH } from '../model/limits.js';
import { loadFlowText } from './load.js';

const testdata = (name: string) => readFileSync(new URL(`../testdata/flows/${name}`, import.meta.url), 'utf8');

describe('loadFlowText', () => {
  it('parses the DESIGN.md example into plain JS with no findings', () => {
    const loaded = loadFlowText(testdata('web-app-deploy.yaml'), 'web-app-deploy.yaml');
    expect(loaded.findings).toEqual([]);
    expect(loaded.flow?.name).toBe('web-app-deploy');
    expect(loaded.flow?.steps['deploy']).toMatchObject({ type: 'task', retry: { maxAttempts: 5, delay: '1s' } });
    expect(loaded.flow?.layout).toEqual({ checkout: { x: 0, y: 0 } });
  });

  it('locates keys, scalars and sequence items at 1-based line:col', () => {
    const text = [
      'flowsmith: "1.0"', // 1
      'name: demo', // 2
      'steps:', // 3
      '  deploy:', // 4
      '    type: task', // 5
      '    retry:', // 6
      '      maxAttempts: 0', // 7
      '    catch:', // 8
      '      - {errors: [Timeout], next: nowhere}', // 9
    ].join('\n');
    const { locate } = loadFlowText(text);
    expect(locate(['steps', 'deploy'])).toEqual({ line: 4, col: 3 });
    expect(locate(['steps', 'deploy', 'retry'])).toEqual({ line: 6, col: 5 });
    expect(locate(['steps', 'deploy', 'retry', 'maxAttempts'])).toEqual({ line: 7, col: 20 });
    expect(locate(['steps', 'deploy', 'catch', 0])).toEqual({ line: 9, col: 9 });
    expect(locate(['steps', 'deploy', 'catch', 0, 'next'])).toEqual({ line: 9, col: 35 });
    expect(locate(['name'])).toEqual({ line: 2, col: 7 });
    expect(locate([])).toEqual({ line: 1, col: 1 });
  });

  it('falls back to the nearest existing ancestor', () => {
    const { locate } = loadFlowText('name: demo\nsteps:\n  approve:\n    type: approval\n');
    expect(locate(['steps', 'approve', 'approvers'])).toEqual({ line: 3, col: 3 });
    expect(locate(['steps', 'missing', 'next'])).toEqual({ line: 2, col: 1 });
    expect(locate(['name', 'deeper'])).toEqual({ line: 1, col: 7 });
  });

  it('reports YAML syntax errors with their line and column (FS001)', () => {
    const loaded = loadFlowText('name: demo\nsteps: [a, b\nstart: a\n', 'bad.yaml');
    expect(loaded.flow).toBeNull();
    expect(loaded.findings[0]).toMatchObject({ code: 'FS001', severity: 'error', file: 'bad.yaml', line: 3, col: 1 });
    expect(loaded.findings[0]?.message).toMatch(/^not valid YAML: /);
    expect(loaded.findings[0]?.message).not.toContain('\n');
  });

  it('reports a tab-indented block as a located syntax error', () => {
    const loaded = loadFlowText('steps:\n\tbuild: {type: task}\n');
    expect(loaded.findings[0]).toMatchObject({ code: 'FS001', line: 2 });
  });

  it('refuses text over 5 MiB without parsing it (FS002)', () => {
    const loaded = loadFlowText(`name: x\n#${'a'.repeat(MAX_FLOW_BYTES)}\n`);
    expect(loaded.flow).toBeNull();
    expect(loaded.findings).toEqual([expect.objectContaining({ code: 'FS002', line: 1, col: 1 })]);
  });

  it('refuses an alias bomb (FS003)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd']]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const loaded = loadFlowText(lines.join('\n'));
    expect(loaded.flow).toBeNull();
    expect(loaded.findings.map((f) => f.code)).toEqual(['FS003']);
  });

  it('allows a few ordinary aliases', () => {
    const loaded = loadFlowText('defaults: {retry: &r {maxAttempts: 3}}\nsteps:\n  a: {type: task, retry: *r}\n');
    expect(loaded.findings).toEqual([]);
    expect(loaded.flow?.steps['a']).toMatchObject({ retry: { maxAttempts: 3 } });
  });

  it('refuses nesting deeper than 64 levels (FS004), located at the first too-deep node', () => {
    const deep = `name: x\nvars: ${'['.repeat(MAX_DEPTH + 5)}${']'.repeat(MAX_DEPTH + 5)}\n`;
    const loaded = loadFlowText(deep);
    expect(loaded.flow).toBeNull();
    expect(loaded.findings).toEqual([expect.objectContaining({ code: 'FS004', line: 2 })]);
    const ok = loadFlowText(`vars: ${'['.repeat(MAX_DEPTH - 2)}${']'.repeat(MAX_DEPTH - 2)}\n`);
    expect(ok.findings).toEqual([]);
  });

  it('turns pathological nesting into a finding, not a stack overflow', () => {
    const loaded = loadFlowText(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(loaded.flow).toBeNull();
    expect(loaded.findings.length).toBeGreaterThan(0);
  });

  it('rejects documents that are not mappings (FS005)', () => {
    expect(loadFlowText('- a\n- b\n').findings).toEqual([expect.objectContaining({ code: 'FS005', line: 1 })]);
    expect(loadFlowText('').findings[0]).toMatchObject({ code: 'FS005', message: expect.stringContaining('empty') });
    expect(loadFlowText('# only a comment\n').flow).toBeNull();
  });

  it('keeps duplicate keys in the Document and lets the last one win in the plain flow', () => {
    const loaded = loadFlowText('steps:\n  a: {type: task}\n  a: {type: succeed}\n');
    expect(loaded.findings).toEqual([]);
    expect(loaded.flow?.steps['a']).toEqual({ type: 'succeed' });
    expect(loaded.locate(['steps', 'a'])).toEqual({ line: 3, col: 3 });
  });
});
