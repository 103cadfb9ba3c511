import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { loadFlowText } from '../yaml/load.js';
import { diffFlows } from './diff.js';

const parse = (text: string): Flow => {
  const flow = loadFlowText(text).flow;
  if (!flow) throw new Error('test flow does not parse');
  return flow;
};

const base = `flowsmith: "1.0"
name: deploy
inputs:
  version: {type: string, default: "1.0"}
vars:
  env: staging
start: build
steps:
  build:
    type: task
    shell: make build
    next: deploy
  deploy:
    type: task
    shell: ./deploy.sh
    retry: {maxAttempts: 3, delay: 5s}
    next: approve
  approve:
    type: approval
    approvers: [ops]
    timeout: 1h
    next: fanout
  fanout:
    type: map
    items: $input.hosts
    start: ping
    next: done
    steps:
      ping: {type: task, shell: ping -c1 host}
  done: {type: succeed}
`;

describe('diffFlows', () => {
  it('finds nothing between a document and itself, or one with steps and keys reordered and comments added', () => {
    expect(diffFlows(parse(base), parse(base))).toEqual({ steps: [], fields: [], isSame: true });
    const reordered = base
      .replace('    retry: {maxAttempts: 3, delay: 5s}\n    next: approve\n', '    next: approve # go on\n    retry: {delay: 5s, maxAttempts: 3}\n')
      .replace('  done: {type: succeed}\n', '')
      .replace('steps:\n  build:', 'steps:\n  done: {type: succeed}\n  build:');
    expect(reordered).not.toBe(base);
    expect(diffFlows(parse(base), parse(reordered)).isSame).toBe(true);
  });

  it('reports a changed step with the field paths that changed', () => {
    const after = base.replace('retry: {maxAttempts: 3, delay: 5s}', 'retry: {maxAttempts: 5, delay: 5s, jitter: true}').replace('timeout: 1h', 'timeout: 2h');
    const diff = diffFlows(parse(base), parse(after));
    expect(diff.steps).toEqual([
      { id: 'deploy', change: 'changed', scope: null, paths: ['deploy.retry.maxAttempts', 'deploy.retry.jitter'] },
      { id: 'approve', change: 'changed', scope: null, paths: ['approve.timeout'] },
    ]);
    expect(diff.fields).toEqual([]);
    expect(diff.isSame).toBe(false);
  });

  it('reports added and removed steps, and the edges that changed around them', () => {
    const after = base.replace('    next: approve\n', '    next: smoke\n').replace('  approve:\n', '  smoke: {type: task, shell: curl -f localhost, next: approve}\n  approve:\n')
      .replace('  done: {type: succeed}\n', '  finish: {type: succeed}\n').replace('    next: done\n', '    next: finish\n');
    const diff = diffFlows(parse(base), parse(after));
    expect(diff.steps).toEqual([
      { id: 'deploy', change: 'changed', scope: null, paths: ['deploy.next'] },
      { id: 'smoke', change: 'added', scope: null, paths: [] },
      { id: 'fanout', change: 'changed', scope: null, paths: ['fanout.next'] },
      { id: 'finish', change: 'added', scope: null, paths: [] },
      { id: 'done', change: 'removed', scope: null, paths: [] },
    ]);
  });

  it('diffs the steps of a map body one by one, with their scope, and not as a change of the map', () => {
    const after = base.replace('ping: {type: task, shell: ping -c1 host}', 'ping: {type: task, shell: ping -c3 host, next: check}\n      check: {type: succeed}');
    const diff = diffFlows(parse(base), parse(after));
    expect(diff.steps).toEqual([
      { id: 'ping', change: 'changed', scope: 'fanout', paths: ['ping.shell', 'ping.next'] },
      { id: 'check', change: 'added', scope: 'fanout', paths: [] },
    ]);
  });

  it('says when a step moved into a map body', () => {
    const after = base.replace('  done: {type: succeed}\n', '').replace('    next: done\n', '').replace('      ping: {type: task, shell: ping -c1 host}', '      ping: {type: task, shell: ping -c1 host, next: done}\n      done: {type: succeed}');
    const diff = diffFlows(parse(base), parse(after));
    expect(diff.steps).toContainEqual({ id: 'done', change: 'changed', scope: 'fanout', paths: [], movedFrom: null });
    expect(diff.steps).toContainEqual({ id: 'fanout', change: 'changed', scope: null, paths: ['fanout.next'] });
  });

  it('reports top-level changes as field paths: inputs, vars, triggers, and layout once', () => {
    const after = base
      .replace('default: "1.0"', 'default: "2.0"')
      .replace('  env: staging\n', '  env: prod\n  region: eu\n')
      .replace('start: build\n', 'start: build\ntriggers:\n  - {cron: "0 3 * * *"}\nlayout:\n  build: {x: 1, y: 2}\n  deploy: {x: 3, y: 4}\n');
    const withTrigger = diffFlows(parse(base), parse(after));
    expect(withTrigger.fields).toEqual(['inputs.version.default', 'vars.env', 'vars.region', 'triggers', 'layout']);
    expect(withTrigger.steps).toEqual([]);
    const cronChanged = after.replace('0 3 * * *', '0 4 * * *').replace('{x: 1, y: 2}', '{x: 9, y: 9}');
    expect(diffFlows(parse(after), parse(cronChanged)).fields).toEqual(['triggers[0].cron', 'layout']);
  });

  it('compares arrays by position: reordering catch clauses is a change, a longer list names the new index', () => {
    const a = base.replace('    retry: {maxAttempts: 3, delay: 5s}\n', '    catch: [{errors: [Timeout], next: done}, {errors: ["*"], next: approve}]\n');
    const b = a.replace('catch: [{errors: [Timeout], next: done}, {errors: ["*"], next: approve}]', 'catch: [{errors: ["*"], next: approve}, {errors: [Timeout], next: done}, {errors: [X], next: done}]');
    expect(diffFlows(parse(a), parse(b)).steps).toEqual([
      { id: 'deploy', change: 'changed', scope: null, paths: ['deploy.catch[0].errors[0]', 'deploy.catch[0].next', 'deploy.catch[1].errors[0]', 'deploy.catch[1].next', 'deploy.catch[2]'] },
    ]);
  });

  it('quotes keys that are not plain names', () => {
    const a = base.replace('    shell: make build\n', '    shell: {command: make, env: {"A.B": "1"}}\n');
    const b = a.replace('"A.B": "1"', '"A.B": "2"');
    expect(diffFlows(parse(a), parse(b)).steps[0]?.paths).toEqual(['build.shell.env["A.B"]']);
  });
});
