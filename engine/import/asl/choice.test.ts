import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { ruleToJsonata } from './choice.js';
import { ImportContext } from './context.js';
import type { ExprEnv } from './jsonpath.js';
import { importAsl } from './index.js';

function env(notes: string[] = []): ExprEnv {
  return { ctx: new ImportContext(undefined, undefined), input: '$input', note: (_code, message) => notes.push(message) };
}

/** Evaluates a translated condition with `$input` bound to `input`. */
async function holds(rule: Record<string, unknown>, input: unknown): Promise<unknown> {
  return jsonata(ruleToJsonata(rule, env(), 'rule')).evaluate(undefined, { input });
}

describe('Choice rules to JSONata', () => {
  it('translates comparisons on a Variable', () => {
    expect(ruleToJsonata({ Variable: '$.env', StringEquals: 'prod' }, env(), 'r')).toBe('($input.env = "prod")');
    expect(ruleToJsonata({ Variable: '$.n', NumericGreaterThan: 3 }, env(), 'r')).toBe('($type($input.n) = "number" and $input.n > 3)');
    expect(ruleToJsonata({ Variable: '$.ok', BooleanEquals: true }, env(), 'r')).toBe('($input.ok = true)');
    expect(ruleToJsonata({ Variable: '$.a.b[0]', IsPresent: true }, env(), 'r')).toBe('$exists($input.a.b[0])');
    expect(ruleToJsonata({ Variable: '$.a', IsPresent: false }, env(), 'r')).toBe('$not($exists($input.a))');
  });

  it('keeps ASL typing: a numeric comparison of a string is false, not an error', async () => {
    const rule = { Variable: '$.n', NumericGreaterThanEquals: 2 };
    expect(await holds(rule, { n: 2 })).toBe(true);
    expect(await holds(rule, { n: 'two' })).toBe(false);
    expect(await holds(rule, {})).toBe(false);
    expect(await holds({ Variable: '$.s', StringEquals: '1' }, { s: 1 })).toBe(false);
  });

  it('combines And, Or and Not', async () => {
    const rule = {
      Or: [
        { And: [{ Variable: '$.a', IsPresent: true }, { Variable: '$.a', BooleanEquals: true }] },
        { Not: { Variable: '$.b', StringEquals: 'no' } },
      ],
    };
    expect(await holds(rule, { a: true, b: 'no' })).toBe(true);
    expect(await holds(rule, { a: false, b: 'no' })).toBe(false);
    expect(await holds(rule, { b: 'yes' })).toBe(true);
  });

  it('compares with another path and matches globs', async () => {
    expect(await holds({ Variable: '$.used', NumericLessThanPath: '$.limit' }, { used: 1, limit: 5 })).toBe(true);
    expect(await holds({ Variable: '$.key', StringMatches: 'logs/*.json' }, { key: 'logs/a.json' })).toBe(true);
    expect(await holds({ Variable: '$.key', StringMatches: 'logs/*.json' }, { key: 'logs/a.txt' })).toBe(false);
    expect(await holds({ Variable: '$.t', TimestampGreaterThan: '2024-01-01T00:00:00Z' }, { t: '2025-01-01T00:00:00Z' })).toBe(true);
  });

  it('reports rules it cannot translate and reads them as false', () => {
    const notes: string[] = [];
    expect(ruleToJsonata({ Variable: '$.x', SomethingNew: 1 }, env(notes), 'Choices[0]')).toBe('false');
    expect(notes.join()).toContain('SomethingNew');
  });
});

describe('Choice states in a document', () => {
  it('reads the input from the state before, also round a loop, and keeps the Default', () => {
    const asl = {
      StartAt: 'Get',
      States: {
        Get: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'get', 'Payload.$': '$' }, ResultSelector: { 'status.$': '$.Payload.status' }, ResultPath: '$.result', Next: 'Ready?' },
        'Ready?': {
          Type: 'Choice',
          Choices: [{ Variable: '$.result.status', StringEquals: 'READY', Next: 'Done' }],
          Default: 'Get',
        },
        Done: { Type: 'Succeed' },
      },
    };
    const { flow, findings } = importAsl(JSON.stringify(asl));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // Get is reached first with the run input, then again from Ready?'s Default: its input is whichever ran.
    expect(flow.steps['get']).toMatchObject({
      output: '$merge([($steps.ready.status = "succeeded" ? $steps.get.output : $input), {"result": {"status": $.Payload.status}}])',
      next: 'ready',
    });
    expect(flow.steps['ready']).toEqual({ type: 'branch', title: 'Ready?', cases: [{ when: '($steps.get.output.result.status = "READY")', next: 'done' }], default: 'get' });
  });

  it('passes JSONata Conditions through with $states.input mapped', () => {
    const asl = {
      QueryLanguage: 'JSONata',
      StartAt: 'Check',
      States: {
        Check: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.count > $limit %}', Next: 'Big' }], Default: 'Small' },
        Big: { Type: 'Pass', Assign: { limit: 10 }, End: true },
        Small: { Type: 'Succeed' },
      },
    };
    const { flow } = importAsl(JSON.stringify(asl));
    expect(flow.steps['check']).toMatchObject({ cases: [{ when: '$input.count > $vars.limit', next: 'big' }], default: 'small' });
    expect(flow.steps['big']).toMatchObject({ type: 'task', set: { limit: '10' } });
  });
});
