import { describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { loadFlowText } from '../../engine/yaml/load';
import { documentToText, updateDocument } from '../../engine/yaml/save';
import { copySteps, duplicateSteps, findSteps, parseClip, pasteSteps } from './clipboard';
import { allStepIds } from './new-step';
import { structuralErrors } from './test-helpers';

const text = `flowsmith: "1.0"
name: deploy
start: build
steps:
  # builds the site
  build:
    type: task
    title: Build site
    shell: make build  # the long one
    next: fan
  fan: {type: parallel, branches: [left, right], join: joined}
  left: {type: task, shell: echo left, next: joined}
  right: {type: task, shell: echo right, next: joined}
  joined: {type: join, next: each}
  # one item at a time
  each:
    type: map
    items: "[1, 2]"
    start: item-1
    steps:
      item-1: {type: task, shell: echo, next: item-2}
      item-2: {type: succeed}
    next: done
  done: {type: succeed}
layout:
  build: {x: 0, y: 0}
  fan: {x: 0, y: 150}
`;

const load = () => {
  const loaded = loadFlowText(text);
  return { doc: loaded.doc, flow: loaded.flow! };
};

describe('copy and paste of steps as YAML', () => {
  it('copies the selected steps as a readable fragment that parses back to the same steps', () => {
    const { flow } = load();
    const copied = copySteps(flow, ['fan', 'left', 'joined', 'nope']);
    expect(copied).toContain('steps:\n  fan:');
    expect(copied).toContain('layout:\n  fan: {x: 0, y: 150}');
    const clip = parseClip(copied)!;
    expect(Object.keys(clip.steps)).toEqual(['fan', 'left', 'joined']);
    expect(clip.steps.fan).toEqual(flow.steps.fan);
    expect(clip.layout).toEqual({ fan: { x: 0, y: 150 } });
    expect(copySteps(flow, ['nope'])).toBe('');
  });

  it('pastes with fresh ids, renaming references inside the set and dropping the others', () => {
    const { flow } = load();
    const { flow: out, ids } = pasteSteps(flow, parseClip(copySteps(flow, ['fan', 'left', 'joined', 'build']))!);
    expect(ids).toEqual(['build-2', 'fan-2', 'left-2', 'joined-2']);
    expect(out.steps['build-2']).toEqual({ type: 'task', title: 'Build site', shell: 'make build', next: 'fan-2' });
    expect(out.steps['fan-2']).toEqual({ type: 'parallel', branches: ['left-2'], join: 'joined-2' }); // right was not copied
    expect(out.steps['joined-2']).toEqual({ type: 'join' }); // each was not copied
    expect(out.layout?.['fan-2']).toEqual({ x: 40, y: 190 });
    expect(out.steps.build).toBe(flow.steps.build);
    // Pasting again never collides, map bodies included.
    const again = pasteSteps(out, parseClip(copySteps(flow, ['each']))!);
    const third = pasteSteps(again.flow, parseClip(copySteps(flow, ['each']))!);
    const all = [...allStepIds(third.flow)];
    expect(new Set(all).size).toBe(all.length);
    expect(third.flow.steps[third.ids[0]!]).toMatchObject({ start: 'item-5', steps: { 'item-5': { next: 'item-6' }, 'item-6': { type: 'succeed' } } });
    expect(structuralErrors(third.flow).filter((e) => !e.includes('unreachable'))).toEqual([]);
  });

  it('rewrites $steps.<id> in pasted expressions to the fresh ids, map bodies and rename chains included', () => {
    const flow = loadFlowText(`flowsmith: "1.0"
name: refs
start: a
steps:
  a: {type: task, shell: echo, next: a-2}
  a-2: {type: task, shell: "echo {{ $steps.a.output }}", output: "$steps.a.output & $steps.\`a-2\`.x", next: m}
  m:
    type: map
    items: "$steps.a-2.output"
    start: one
    steps:
      one: {type: task, shell: "echo {{ $steps.a.output }}", next: two}
      two: {type: succeed, output: "$steps.one.output & $steps.ab.output & $steps.done.output"}
    next: done
  done: {type: succeed}
`).flow!;
    // Into a flow that has an `a` only: a→a-2 while a-2→a-3, a chain.
    const target = loadFlowText('flowsmith: "1.0"\nname: t\nstart: a\nsteps:\n  a: {type: succeed}\n').flow!;
    const { flow: out, ids } = pasteSteps(target, parseClip(copySteps(flow, ['a', 'a-2', 'm']))!);
    expect(ids).toEqual(['a-2', 'a-3', 'm']);
    // Renamed at once: the old a is now a-2 and the old a-2 is a-3, never renamed twice.
    expect(out.steps['a-3']).toMatchObject({ shell: 'echo {{ $steps.`a-2`.output }}', output: '$steps.`a-2`.output & $steps.`a-3`.x' });
    const map = out.steps.m as { items: string; start: string; steps: Record<string, { shell?: string; output?: string }> };
    expect(map.items).toBe('$steps.`a-3`.output');
    expect(map.steps.one?.shell).toBe('echo {{ $steps.`a-2`.output }}');
    // References to steps not copied (done) or that are no step (ab) stay as written.
    expect(map.steps.two?.output).toBe('$steps.one.output & $steps.ab.output & $steps.done.output');
    expect(out.steps.a).toBe(target.steps.a);
  });

  it('keeps the comments of the other steps when the paste is written into the document', () => {
    const { doc, flow } = load();
    const { flow: out } = duplicateSteps(flow, ['build']);
    updateDocument(doc, out);
    const written = documentToText(doc);
    expect(written).toContain('  # builds the site\n  build:\n');
    expect(written).toContain('shell: make build # the long one');
    expect(written).toContain('  # one item at a time\n  each:');
    const reparsed = loadFlowText(written);
    expect(reparsed.findings).toEqual([]);
    expect(reparsed.flow?.steps['build-2']).toEqual({ type: 'task', title: 'Build site', shell: 'make build' });
  });

  it('takes a bare mapping of steps, and refuses text that is not steps', () => {
    expect(Object.keys(parseClip('a: {type: succeed}\nb: {type: fail}')!.steps)).toEqual(['a', 'b']);
    expect(parseClip('hello world')).toBeNull();
    expect(parseClip('steps: {a: {type: rocket}}')).toBeNull();
    expect(parseClip('steps: {a: {type: task}, b: 3}')).toBeNull();
    expect(parseClip('a: &x [*x]')).toBeNull();
    expect(parseClip('')).toBeNull();
  });

  it('starts an empty flow at the first pasted step', () => {
    const empty: Flow = { flowsmith: '1.0', name: 'e', start: '', steps: {} };
    const { flow, ids } = pasteSteps(empty, parseClip('x: {type: succeed}')!, { at: { x: 5, y: 6 } });
    expect(flow.start).toBe('x');
    expect(ids).toEqual(['x']);
    expect(flow.layout?.x).toEqual({ x: 5, y: 6 });
  });
});

describe('findSteps', () => {
  it('finds by id or title, best matches first, map bodies included', () => {
    const { flow } = load();
    expect(findSteps(flow, 'build')).toEqual(['build']);
    expect(findSteps(flow, 'SITE')).toEqual(['build']);
    expect(findSteps(flow, 'item')).toEqual(['item-1', 'item-2']);
    expect(findSteps(flow, 'e')[0]).toBe('each');
    expect(findSteps(flow, '  ')).toEqual([]);
  });
});
