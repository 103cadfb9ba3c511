import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import type { Step } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { ImportContext } from './context.js';
import { mergeAt, payloadToNative } from './expressions.js';
import { intrinsicToJsonata } from './intrinsics.js';
import { pathToJsonata, type ExprEnv } from './jsonpath.js';
import { importAsl } from './index.js';

function env(notes: string[] = [], input = '$input'): ExprEnv {
  return { ctx: new ImportContext(undefined, undefined), input, note: (_code, message) => notes.push(message) };
}

const evaluate = (expr: string, bindings: Record<string, unknown>) => jsonata(expr).evaluate(undefined, bindings);

describe('JSONPath to JSONata', () => {
  it('translates paths on the input, the context object and variables', () => {
    expect(pathToJsonata('$', env())).toBe('$input');
    expect(pathToJsonata('$.a.b[0]', env())).toBe('$input.a.b[0]');
    expect(pathToJsonata("$['odd key'].items[*].id", env())).toBe('$input.`odd key`.items.id');
    expect(pathToJsonata('$$.Execution.Input.version', env())).toBe('$input.version');
    expect(pathToJsonata('$$.Map.Item.Value.name', env())).toBe('$item.name');
    expect(pathToJsonata('$counter.n', env())).toBe('$vars.counter.n');
    expect(pathToJsonata('$.x', env([], '[$a, $b]'))).toBe('([$a, $b]).x');
  });

  it('approximates filters and reports them', async () => {
    const notes: string[] = [];
    const expr = pathToJsonata("$.list[?(@.kind == 'a')].id", env(notes));
    expect(expr).toBe('$input.list[kind = "a"].id');
    expect(await evaluate(expr, { input: { list: [{ kind: 'a', id: 1 }, { kind: 'b', id: 2 }] } })).toBe(1);
    expect(notes.join()).toContain('filter');
  });

  it('turns payload templates into JSONata object constructors', async () => {
    const template = { static: 'x', 'title.$': '$.title', nested: { 'n.$': '$.n', list: [1, 2] } };
    const expr = payloadToNative(template, env());
    expect(expr).toBe('{"static": "x", "title": $input.title, "nested": {"n": $input.n, "list": [1, 2]}}');
    expect(await evaluate(expr, { input: { title: 'Dr', n: 3 } })).toEqual({ static: 'x', title: 'Dr', nested: { n: 3, list: [1, 2] } });
  });

  it('translates intrinsic functions', async () => {
    const input = { name: 'Ada', list: [3, 1, 3], json: '{"a":1}', n: 2 };
    // JSON round trip: JSONata marks sequences with a `sequence` property.
    const run = async (text: string) => JSON.parse(JSON.stringify(await evaluate(intrinsicToJsonata(text, env()), { input }))) as unknown;
    expect(await run("States.Format('Hello {}, you have {} items', $.name, $.n)")).toBe('Hello Ada, you have 2 items');
    expect(await run("States.Format('\\{literal\\} {}', $.name)")).toBe('{literal} Ada');
    expect(await run('States.StringToJson($.json)')).toEqual({ a: 1 });
    expect(await run('States.JsonToString($.n)')).toBe('2');
    expect(await run('States.ArrayLength($.list)')).toBe(3);
    expect(await run('States.ArrayGetItem($.list, 1)')).toBe(1);
    expect(await run('States.ArrayContains($.list, 3)')).toBe(true);
    expect(await run('States.MathAdd($.n, 5)')).toBe(7);
    expect(await run('States.ArrayRange(1, 9, 4)')).toEqual([1, 5, 9]);
    expect(await run('States.ArrayPartition($.list, 2)')).toEqual([[3, 1], [3]]);
    expect(await run("States.JsonMerge($.input, States.StringToJson('{\"b\": 2}'), false)".replace('$.input', '$'))).toMatchObject({ name: 'Ada', b: 2 });
  });

  it('places a result with ResultPath by merging it into the input', async () => {
    const expr = mergeAt('$input', '$.result.data', '$', env());
    expect(await jsonata(expr).evaluate({ ok: 1 }, { input: { keep: true, result: { other: 2 } } })).toEqual({
      keep: true,
      result: { other: 2, data: { ok: 1 } },
    });
  });
});

describe('JSONPath fields of states', () => {
  const asl = {
    StartAt: 'Fetch',
    States: {
      Fetch: {
        Type: 'Task',
        Resource: 'arn:aws:states:::aws-sdk:dynamodb:getItem',
        InputPath: '$.order',
        Parameters: { TableName: 'orders', Key: { id: { 'S.$': '$.id' } } },
        ResultSelector: { 'item.$': '$.Item' },
        ResultPath: '$.fetched',
        OutputPath: '$.fetched.item',
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5, JitterStrategy: 'FULL' }],
        Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Report' }],
        TimeoutSeconds: 30,
        Next: 'Done',
      },
      Report: { Type: 'Fail', Error: 'FetchFailed', CausePath: "States.Format('order {} failed: {}', $.order.id, $.error.Cause)" },
      Done: { Type: 'Succeed' },
    },
  };

  it('keeps the task, its arguments and the shaping of its output', () => {
    const { flow, findings } = importAsl(JSON.stringify(asl));
    expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
    const fetch = flow.steps['fetch'] as Step & { shell: string };
    expect(fetch.shell).toBe('aws dynamodb get-item --cli-input-json {{ $string({"TableName": "orders", "Key": {"id": {"S": $input.order.id}}}) }}');
    expect(fetch).toMatchObject({
      output: '($merge([$input, {"fetched": {"item": $.Item}}])).fetched.item',
      retry: { maxAttempts: 3, delay: '3s', backoff: 'exponential', multiplier: 1.5, jitter: true },
      catch: [{ errors: ['*'], next: 'report' }],
      timeout: '30s',
      next: 'done',
    });
    expect(flow.steps['report']).toMatchObject({
      type: 'fail',
      error: 'FetchFailed',
      message:
        '{{ ("order " & (($merge([$input, {"error": {"Error": $error.name, "Cause": $error.message}}])).order.id) & " failed: " & (($merge([$input, {"error": {"Error": $error.name, "Cause": $error.message}}])).error.Cause)) }}',
    });
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['FS241', 'FS250']));
  });

  it('imports Parallel, Map and callback tasks as blocks, nested steps and approvals', () => {
    const doc = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 5, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Result: { b: 1 }, Next: 'BDone' }, BDone: { Type: 'Succeed' } } },
          ],
          Next: 'Each',
        },
        Each: {
          Type: 'Map',
          ItemsPath: '$[1].items',
          MaxConcurrency: 3,
          ItemSelector: { 'value.$': '$$.Map.Item.Value', 'pos.$': '$$.Map.Item.Index' },
          ItemProcessor: { StartAt: 'Use', States: { Use: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'use', 'Payload.$': '$.value' }, End: true } } },
          Next: 'Ask',
        },
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'ask', Payload: { 'token.$': '$$.Task.Token' } },
          TimeoutSeconds: 3600,
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'TooLate' }],
          End: true,
        },
        TooLate: { Type: 'Fail', Error: 'NoAnswer' },
      },
    };
    const { flow, findings } = importAsl(JSON.stringify(doc));
    expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
    expect(flow.steps['fan']).toMatchObject({ type: 'parallel', branches: ['a', 'b'], join: 'fan-join' });
    expect(flow.steps['fan-join']).toEqual({ type: 'join', mode: 'all', title: 'Fan (join)', next: 'each' });
    expect(flow.steps['a']).toMatchObject({ type: 'wait', duration: '5s', next: 'fan-join' });
    expect(flow.steps['b']).toMatchObject({ type: 'task', next: 'fan-join' });
    expect(flow.steps['bdone']).toBeUndefined();
    const each = flow.steps['each'];
    expect(each).toMatchObject({
      type: 'map',
      concurrency: 3,
      start: 'use',
      items: '$map(([$input, $steps.b.output])[1].items, function($fs_item, $fs_index) { {"value": $fs_item, "pos": $fs_index} })',
    });
    expect(each?.type === 'map' && each.steps['use']).toMatchObject({ type: 'task' });
    expect(flow.steps['ask']).toMatchObject({ type: 'approval', approvers: ['replace-with-approver'], timeout: '3600s', onTimeout: 'toolate' });
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(['FS242', 'FS248']));
  });
});
