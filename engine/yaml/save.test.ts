import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { loadFlowText } from './load.js';
import { documentToText, flowToText, updateDocument } from './save.js';

const testdata = (name: string) => readFileSync(new URL(`../testdata/flows/${name}`, import.meta.url), 'utf8');
const comments = (text: string) => text.split('\n').flatMap((line) => /#.*$/.exec(line)?.[0] ?? []);
const keysOf = (text: string, indent: string) =>
  text.split('\n').flatMap((line) => new RegExp(`^${indent}([\\w-]+):`).exec(line)?.[1] ?? []);

/** load → edit the plain model → updateDocument → text. */
function roundTrip(text: string, edit: (flow: Flow) => void): string {
  const loaded = loadFlowText(text);
  const flow = structuredClone(loaded.flow!);
  edit(flow);
  updateDocument(loaded.doc, flow);
  return documentToText(loaded.doc);
}

describe('updateDocument', () => {
  const original = testdata('commented.yaml');

  it('writes an unchanged flow back byte for byte', () => {
    expect(roundTrip(original, () => {})).toBe(original);
  });

  it('keeps every comment and the key order through change, add, delete and move', () => {
    const out = roundTrip(original, (flow) => {
      flow.title = 'Release';
      (flow.steps['build'] as { timeout?: string }).timeout = '30m';
      flow.steps['notify'] = { type: 'task', notify: { message: 'released' }, next: 'done' };
      (flow.steps['deploy'] as { next?: string }).next = 'notify';
      delete flow.steps['test'];
      (flow.steps['build'] as { next?: string }).next = 'deploy';
      flow.layout!['done'] = { x: 40, y: 300 };
      flow.layout!['notify'] = { x: 0, y: 250 };
      delete flow.layout!['test'];
    });
    // The deleted step's own line comment (`# fast`) goes with it; every other comment stays.
    expect(comments(out)).toEqual(comments(original).filter((c) => c !== '# fast'));
    expect(keysOf(out, '')).toEqual(['flowsmith', 'name', 'title', 'start', 'steps', 'layout']);
    expect(keysOf(out, '  ')).toEqual(['build', 'deploy', 'done', 'notify', 'build', 'deploy', 'done', 'notify']);
    expect(out).toContain("shell: 'make build' # single quotes on purpose");
    expect(out).toContain('    timeout: 30m\n');
    expect(out).toContain('  # --- deploy phase ---\n  deploy:');
    expect(out).toContain('  done: {x: 40, y: 300} # last');
    expect(out).toContain('  notify: {x: 0, y: 250}');
    expect(out).toMatch(/^# Nightly release of the shop\.\n# Owned by the ops team\.\n\nflowsmith: "1\.0"\n/);
    expect(loadFlowText(out).flow?.steps['notify']).toEqual({
      type: 'task',
      notify: { message: 'released' },
      next: 'done',
    });
  });

  it('keeps every comment of the DESIGN.md example through an edit', () => {
    const design = testdata('web-app-deploy.yaml');
    const out = roundTrip(design, (flow) => {
      (flow.steps['approve'] as { quorum?: number }).quorum = 2;
      flow.layout = { ...flow.layout, done: { x: 300, y: 600 } };
    });
    expect(comments(out)).toEqual(comments(design));
    expect(out).toContain('    quorum: 2\n');
    expect(out).toContain('layout: {checkout: {x: 0, y: 0}, done: {x: 300, y: 600}} # canvas positions, optional');
  });

  it('changes only the lines whose values changed', () => {
    const out = roundTrip(original, (flow) => {
      (flow.steps['deploy'] as { retry?: { maxAttempts: number } }).retry!.maxAttempts = 5;
    });
    const before = original.split('\n');
    const after = out.split('\n');
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual(['    retry: {maxAttempts: 5, delay: 1s}']);
  });

  it('inserts a new top-level key where FLOW_KEY_ORDER puts it', () => {
    const out = roundTrip('flowsmith: "1.0"\nname: a\nstart: s\nsteps:\n  s: {type: succeed}\n', (flow) => {
      flow.description = 'Does a thing';
    });
    expect(keysOf(out, '')).toEqual(['flowsmith', 'name', 'description', 'start', 'steps']);
  });

  it('keeps comments on a scalar whose value changed type, dropping a style that would lie', () => {
    const out = roundTrip('flowsmith: "1.0"\nvars:\n  # how many\n  count: "3" # quoted\n', (flow) => {
      flow.vars = { count: 4 };
    });
    expect(out).toBe('flowsmith: "1.0"\nvars:\n  # how many\n  count: 4 # quoted\n');
  });

  it('replaces a node whose kind changed, keeping its comment', () => {
    const out = roundTrip('steps:\n  a:\n    type: task\n    shell: make # build it\n', (flow) => {
      (flow.steps['a'] as { shell?: unknown }).shell = { command: 'make', cwd: 'app' };
    });
    expect(loadFlowText(out).flow?.steps['a']).toEqual({ type: 'task', shell: { command: 'make', cwd: 'app' } });
    expect(out).toContain('# build it');
  });

  it('updates sequences by index, growing and shrinking them', () => {
    const text = 'steps:\n  p:\n    type: parallel\n    branches: [a, b, c] # three\n';
    const grown = roundTrip(text, (flow) => {
      (flow.steps['p'] as { branches: string[] }).branches = ['a', 'x', 'c', 'd'];
    });
    expect(grown).toContain('branches: [a, x, c, d] # three');
    const shrunk = roundTrip(text, (flow) => {
      (flow.steps['p'] as { branches: string[] }).branches = ['a'];
    });
    expect(shrunk).toContain('branches: [a] # three');
  });

  it('keeps an alias that still means the same value and writes out one that changed', () => {
    const text = 'defaults:\n  retry: &r {maxAttempts: 3}\nsteps:\n  a: {type: task, retry: *r}\n  b: {type: task, retry: *r}\n';
    const out = roundTrip(text, (flow) => {
      (flow.steps['b'] as { retry: { maxAttempts: number } }).retry = { maxAttempts: 9 };
    });
    expect(out).toContain('a: {type: task, retry: *r}');
    expect(out).toContain('b: {type: task, retry: {maxAttempts: 9}}');
  });

  it('fills an empty document in FLOW_KEY_ORDER', () => {
    const loaded = loadFlowText('# just a comment\n');
    updateDocument(loaded.doc, { steps: { a: { type: 'succeed' } }, start: 'a', name: 'n', flowsmith: '1.0' } as Flow);
    expect(documentToText(loaded.doc)).toBe('# just a comment\n\nflowsmith: "1.0"\nname: n\nstart: a\nsteps:\n  a:\n    type: succeed\n');
  });

  it('treats undefined as absent', () => {
    const out = roundTrip('steps:\n  a: {type: task, next: b}\n', (flow) => {
      (flow.steps['a'] as { next?: string }).next = undefined;
    });
    expect(out).toBe('steps:\n  a: {type: task}\n');
  });
});

describe('flowToText', () => {
  it('orders keys, draws layout entries and plain lists in flow style, and parses back', () => {
    const flow = {
      steps: { approve: { type: 'approval', approvers: ['ops', 'lead'], next: 'done' }, done: { type: 'succeed' } },
      layout: { approve: { x: 0, y: 0 }, done: { x: 0, y: 120 } },
      start: 'approve',
      name: 'fresh',
      flowsmith: '1.0',
      title: 'Fresh',
    } as unknown as Flow;
    const text = flowToText(flow);
    expect(keysOf(text, '')).toEqual(['flowsmith', 'name', 'title', 'start', 'steps', 'layout']);
    expect(text).toContain('flowsmith: "1.0"');
    expect(text).toContain('approvers: [ops, lead]');
    expect(text).toContain('  approve: {x: 0, y: 0}');
    expect(loadFlowText(text).flow).toEqual(flow);
  });

  it('never folds long strings or adds anchors for shared objects', () => {
    const shared = { maxAttempts: 2 };
    const command = `echo ${'x'.repeat(200)}`;
    const flow = {
      flowsmith: '1.0',
      name: 'long',
      start: 'a',
      steps: { a: { type: 'task', shell: command, retry: shared }, b: { type: 'task', shell: 'b', retry: shared } },
    } as unknown as Flow;
    const text = flowToText(flow);
    expect(text).toContain(`shell: ${command}\n`);
    expect(text).not.toMatch(/[&*]a\d/);
  });
});

describe('updateDocument for the designer (issue #8)', () => {
  const text = [
    'flowsmith: "1.0"',
    'name: d',
    'start: a',
    'steps:',
    '  # a builds',
    '  a: {type: task, shell: make, next: c}',
    '  # b is going away',
    '  b: {type: succeed}',
    '  # c ends it',
    '  c: {type: succeed}',
    '',
  ].join('\n');

  it("drops a deleted step's own comment instead of moving it above the next step", () => {
    const out = roundTrip(text, (flow) => {
      delete flow.steps.b;
    });
    expect(out).not.toContain('b is going away');
    expect(out).toContain('  # c ends it\n  c: {type: succeed}');
  });

  it('writes a new step after the step that precedes it in the flow, not at the end', () => {
    const out = roundTrip(text, (flow) => {
      const steps: Flow['steps'] = {};
      for (const [id, step] of Object.entries(flow.steps)) {
        steps[id] = step;
        if (id === 'a') steps.a2 = { type: 'succeed' };
      }
      flow.steps = steps;
    });
    expect(keysOf(out, '  ')).toEqual(['a', 'a2', 'b', 'c']);
  });

  it('with the previous flow, skips unchanged subtrees and prints exactly what a full update prints', () => {
    const loaded = loadFlowText(testdata('commented.yaml'));
    const prev = loaded.flow!;
    const [first] = Object.keys(prev.steps);
    const next: Flow = { ...prev, steps: { ...prev.steps, [first!]: { ...prev.steps[first!]!, title: 'Renamed' } as Flow['steps'][string] } };
    updateDocument(loaded.doc, next, prev);
    const full = loadFlowText(testdata('commented.yaml'));
    updateDocument(full.doc, structuredClone(next));
    expect(documentToText(loaded.doc)).toBe(documentToText(full.doc));
    expect(documentToText(loaded.doc)).toContain('title: Renamed');
  });
});
