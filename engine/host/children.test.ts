import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { createHostApi } from './host-api.js';
import { RunService } from '../service/run-service.js';

function workspace(files: Record<string, string[]>) {
  const dir = mkdtempSync(join(tmpdir(), 'fs-children-'));
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(dir, name), lines.join('\n') + '\n');
  const journal = openJournal(join(dir, 'store.db'));
  return { dir, journal, service: new RunService({ journal, workRoot: join(dir, 'runs') }) };
}

const mapFlow = [
  'flowsmith: "1.0"',
  'name: hosts',
  'inputs: {type: object, properties: {hosts: {type: array, default: [a, b, c, d]}}}',
  'start: each',
  'steps:',
  '  each:',
  '    type: map',
  '    items: $input.hosts',
  '    as: host',
  '    concurrency: 2',
  '    start: ping',
  '    steps:',
  '      ping: {type: task, shell: "echo {{ $item }}-{{ $index }}-{{ $vars.host }}", output: $.stdout, next: mark}',
  '      mark: {type: task, shell: "touch seen-{{ $item }}", output: $steps.ping.output}',
  '    next: done',
  '  done: {type: succeed}',
];

describe('map steps', () => {
  it('runs the nested steps per item as child runs and collects outputs in item order', async () => {
    const { dir, journal, service } = workspace({ 'hosts.yaml': mapFlow });
    const state = await service.drive(service.startRun({ path: join(dir, 'hosts.yaml') }), { stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.steps.each?.output).toEqual(['a-0-a', 'b-1-b', 'c-2-c', 'd-3-d']);
    const children = state.children.each!;
    expect(children).toHaveLength(4);
    // History lists top-level runs unless asked for children.
    const api = createHostApi(service, { root: dir, openPath: null });
    expect((await api.listRuns({})).map((r) => r.id)).toEqual([state.id]);
    expect(await api.listRuns({ includeChildren: true })).toHaveLength(5);
    for (const [i, child] of children.entries()) {
      const row = journal.run(child)!;
      expect(row.status).toBe('succeeded');
      const first = journal.events(child)[0]!.event;
      expect(first).toMatchObject({ type: 'RunStarted', parent: { run: state.id, step: 'each', index: i }, subflow: 'each' });
    }
  });

  it('fails the map step with the first failing item, which catch can route', async () => {
    const flow = mapFlow.map((l) => l.replace('touch seen-{{ $item }}', 'test {{ $item }} != c')).concat([
      '  handled: {type: succeed}',
    ]);
    flow.splice(flow.indexOf('    next: done'), 0, '    catch: [{errors: [ShellExit], next: handled}]');
    const { dir, service } = workspace({ 'hosts.yaml': flow });
    const state = await service.drive(service.startRun({ path: join(dir, 'hosts.yaml') }), { stopWhenWaiting: true });
    expect(state.steps.each?.status).toBe('failed');
    expect(state.steps.each?.error?.message).toMatch(/item 2/);
    expect(state.path).toEqual(['each', 'handled']);
    expect(state.status).toBe('succeeded');
  });

  it('simulates items with mocks and no shell', async () => {
    const flow = mapFlow.map((l) => l.replace('output: $.stdout, next: mark', 'mock: {output: pong}, next: mark'));
    const { dir, service } = workspace({ 'hosts.yaml': flow });
    const state = await service.drive(service.startRun({ path: join(dir, 'hosts.yaml'), mode: 'simulate' }), { stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    // mark has no mock (null output), and its `output` expression still applies.
    expect(state.steps.each?.output).toEqual(['pong', 'pong', 'pong', 'pong']);
    expect(existsSync(join(state.workdir, 'seen-a'))).toBe(false);
  });
});

describe('call tasks', () => {
  const child = [
    'flowsmith: "1.0"',
    'name: greet',
    'inputs: {type: object, properties: {who: {type: string}}, required: [who]}',
    'start: hello',
    'steps:',
    '  hello: {type: task, shell: "echo hello {{ $input.who }}", output: $.stdout}',
  ];
  const parent = (input: string) => [
    'flowsmith: "1.0"',
    'name: parent',
    'start: call-it',
    'steps:',
    `  call-it: {type: task, call: {flow: greet, input: ${input}}, catch: [{errors: [CallError], next: bad-input}], next: done}`,
    '  bad-input: {type: fail, error: BadInput}',
    '  done: {type: succeed}',
  ];

  it('runs another flow as a linked child run and returns its output', async () => {
    const { dir, journal, service } = workspace({ 'greet.yaml': child, 'parent.yaml': parent('{who: "{{ $run.flow }}"}') });
    const state = await service.drive(service.startRun({ path: join(dir, 'parent.yaml') }), { stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.steps['call-it']?.output).toBe('hello parent');
    const childId = state.children['call-it']![0]!;
    expect(journal.run(childId)).toMatchObject({ flow: 'greet', status: 'succeeded' });
  });

  it('fails with CallError when the input does not match the called flow', async () => {
    const { dir, service } = workspace({ 'greet.yaml': child, 'parent.yaml': parent('{whom: x}') });
    const state = await service.drive(service.startRun({ path: join(dir, 'parent.yaml') }), { stopWhenWaiting: true });
    expect(state.steps['call-it']?.error).toMatchObject({ name: 'CallError' });
    expect(state.status).toBe('failed');
    expect(state.error?.name).toBe('BadInput');
  });
});
