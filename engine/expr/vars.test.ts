import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../model/flow.js';
import { evaluateExpression, ExpressionError } from './evaluate.js';
import { initialVars, varsProblems, type VarsBindings } from './vars.js';

const bindings: VarsBindings = { input: { version: '1.4.2', n: 3, env: 'prod', hosts: ['a', 'b'], flag: false }, run: { id: 'run-1', flow: 'deploy' } };

describe('initialVars (issue #11 item 14)', () => {
  it('evaluates templates in vars at run start, keeping the type of a whole-string template', () => {
    const vars: JsonObject = {
      label: 'v{{ $input.version }}',
      next: '{{ $input.n + 1 }}',
      target: '{{ $input.env = "prod" }}',
      nested: { list: ['{{ $input.hosts[0] }}', 'plain', 7], who: '{{ $run.flow & "/" & $run.id }}' },
      missing: 'x={{ $input.nothing }}',
    };
    expect(initialVars(vars, bindings)).toEqual({ label: 'v1.4.2', next: 4, target: true, nested: { list: ['a', 'plain', 7], who: 'deploy/run-1' }, missing: 'x=null' });
  });

  it('refuses, naming the var, what it cannot evaluate at run start', () => {
    const cases: [JsonObject, RegExp][] = [
      [{ a: '{{ $steps.build.output }}' }, /^vars\.a: \{\{ \$steps\.build\.output \}\} cannot be evaluated when the run starts: it reads \$steps, and no step has run/],
      [{ a: { b: '{{ $env.TOKEN }}' } }, /^vars\.a\.b: .*reads \$env, and vars are journaled with the run/],
      [{ a: '{{ $uppercase($input.env) }}' }, /^vars\.a: .*the function \$uppercase\(\) is outside the subset vars can evaluate/],
      [{ a: '{{ $input.version + 1 }}' }, /^vars\.a: expression "\$input\.version \+ 1" failed: \+ takes numbers/],
      [{ a: '{{ $input.hosts.name }}' }, /maps over its items/],
    ];
    for (const [vars, message] of cases) {
      const error = (() => {
        try {
          initialVars(vars, bindings);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('lists the same problems for validate, with their paths', () => {
    expect(varsProblems({ ok: '{{ $input.n }}', bad: ['x', '{{ $vars.ok }}'], worse: { s: 'a{{ $error.message }}' } })).toEqual([
      { path: ['bad', 1], message: expect.stringMatching(/^\{\{ \$vars\.ok \}\} cannot be evaluated when the run starts: it reads \$vars/) as unknown },
      { path: ['worse', 's'], message: expect.stringMatching(/reads \$error/) as unknown },
    ]);
  });

  it('gives what JSONata gives, for every expression of the subset it accepts', async () => {
    const leaf = fc.oneof(
      fc.constantFrom('$input.n', '$input.version', '$input.flag', '$input.nothing', '$input.hosts[1]', '$input.hosts[-1]', '$input.n[0]', '$run.id', '$input.hosts'),
      fc.integer({ min: -5, max: 5 }).map(String),
      fc.constantFrom('"x"', '"3"', 'true', 'false', 'null', '0.1', '""'),
    );
    const ops = ['+', '-', '*', '%', '&', '=', '!=', '<', '<=', '>', '>=', 'and', 'or'];
    const expr = fc.letrec<{ e: string }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.tuple(tie('e'), fc.constantFrom(...ops), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        tie('e').map((a) => `$not(${a})`),
      ),
    })).e;
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(expr, async (e) => {
        let ours: Json | undefined;
        let oursFailed = false;
        try {
          ours = initialVars({ v: `{{ ${e} }}` }, bindings)['v'];
        } catch {
          oursFailed = true;
        }
        let theirs: Json | undefined;
        let theirsFailed = false;
        try {
          theirs = await evaluateExpression(e, { input: bindings.input, vars: {}, steps: {}, run: bindings.run });
        } catch {
          theirsFailed = true;
        }
        if (!oursFailed) compared++;
        if (oursFailed) return; // refusing more than JSONata is allowed (and said so); giving another value is not
        expect(theirsFailed, e).toBe(false);
        expect(ours, e).toEqual(theirs);
      }),
      { seed: 11_14, numRuns: 1500 },
    );
    expect(compared).toBeGreaterThan(500); // most cases are compared, not refused
  }, 60_000);
});
