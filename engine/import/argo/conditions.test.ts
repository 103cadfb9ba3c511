import { describe, expect, it } from 'vitest';
import { parseJsonataSubset } from '../../expr/subset.js';
import { parseWhen } from './conditions.js';
import { dependencyOf } from './depends.js';
import { printJExpr } from './jexpr.js';
import type { VarScope } from './vars.js';

/** A template with parameters `env` (a workflow input), `limit` (text 10) and steps flip (shell), ping (http), wait. */
const scope: VarScope = {
  param: (n) => ({ env: '{{ $input.env }}', limit: '10', label: 'pre-{{ $input.env }}' })[n],
  step: (n) => ({ flip: { id: 'flip-coin', output: 'shell' as const }, ping: { id: 'ping', output: 'http' as const }, wait: { id: 'wait', output: 'other' as const } })[n],
  exitHandler: false,
};

function when(text: string): string {
  const r = parseWhen(text, scope);
  if (!r.ok) throw new Error(r.reason);
  return printJExpr(r.expr);
}

describe('parseWhen (govaluate)', () => {
  it.each([
    ['{{steps.flip.outputs.result}} == heads', '$steps.`flip-coin`.output.stdout = "heads"'],
    ["'{{workflow.parameters.environment}}' == 'production'", '$input.environment = "production"'],
    ['{{inputs.parameters.env}} != prod && {{steps.flip.status}} == Succeeded', '$input.env != "prod" and $steps.`flip-coin`.status = "succeeded"'],
    ['{{steps.flip.outputs.result}} < {{inputs.parameters.limit}}', '$number($steps.`flip-coin`.output.stdout) < 10'],
    ['{{workflow.parameters.n}} == 1 || !({{workflow.parameters.n}} == 2)', '$input.n = "1" or $not($input.n = "2")'],
    ['{{tasks.ping.outputs.result}} == ok', '$steps.ping.output.body = "ok"'],
    ['{{item.evenness}} == even', '$item.evenness = "even"'],
    ['{{workflow.parameters.flag}} == true', '$input.flag = "true"'],
    ['{{workflow.parameters.a}} + 1 > 2 * 3', '$number($input.a) + 1 > 2 * 3'],
  ])('reads %s', (argo, jsonata) => {
    expect(when(argo)).toBe(jsonata);
    expect(parseJsonataSubset(jsonata).ok || jsonata.includes('$number(')).toBe(true);
  });

  it('reads a quoted parameter of plain text as text', () => {
    expect(when("'{{inputs.parameters.limit}}' == '10'")).toBe('"10" = "10"');
  });

  it.each([
    ['{{workflow.status}} == Succeeded', /no Flowsmith binding/],
    ['{{steps.wait.outputs.result}} == x', /nested template/],
    ['{{workflow.parameters.a}} =~ "^x"', /=~/],
    ['{{inputs.parameters.label}} == x', /mixes text and expressions/],
  ])('reports %s as not translatable', (argo, reason) => {
    const r = parseWhen(argo, scope);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('knows workflow.status inside each copy of an exit handler (after success, after a failure)', () => {
    const r = parseWhen('{{workflow.status}} != Succeeded', { ...scope, exitHandler: 'Succeeded' });
    expect(r.ok && printJExpr(r.expr)).toBe('"Succeeded" != "Succeeded"');
    const failed = parseWhen('{{workflow.status}} != Succeeded', { ...scope, exitHandler: 'Failed' });
    expect(failed.ok && printJExpr(failed.expr)).toBe('"Failed" != "Succeeded"');
  });
});

describe('parseWhen (expr-lang {{= }})', () => {
  it.each([
    ['{{= inputs.parameters["env"] == \'prod\'}}', '$input.env = "prod"'],
    ['{{=jsonpath(tasks.flip.outputs.result, "$.ok") == true}}', '$steps.`flip-coin`.output.ok = true'],
    ['{{=jsonpath(tasks["flip"].outputs.result, "$.items[0].name") != "a"}}', '$steps.`flip-coin`.output.items[0].name != "a"'],
    ['{{=asInt(workflow.parameters.n) > 2 and not (workflow.parameters.m == "x")}}', '$number($input.n) > 2 and $not($input.m = "x")'],
    ['{{=string(workflow.parameters.a) + "-b" == "a-b"}}', '$string($input.a) + "-b" = "a-b"'],
  ])('reads %s', (argo, jsonata) => {
    expect(when(argo)).toBe(jsonata);
  });

  it('reports functions outside the subset', () => {
    const r = parseWhen('{{=sprig.upper(workflow.parameters.a) == "A"}}', scope);
    expect(r).toEqual({ ok: false, reason: 'the function sprig.upper()' });
  });
});

describe('dependencyOf', () => {
  const id = (n: string) => n.toLowerCase();

  it('reads plain dependencies and depends as ordering only', () => {
    expect(dependencyOf({ dependencies: ['A', 'B'] }, id)).toEqual({ on: ['A', 'B'], onFailure: [] });
    expect(dependencyOf({ depends: 'A && B.Succeeded' }, id)).toEqual({ on: ['A', 'B'], onFailure: [] });
    expect(dependencyOf({ depends: 'A || B' }, id)).toEqual({ on: ['A', 'B'], anyOf: true, onFailure: [] });
  });

  it('turns task results into a status condition and lists the tasks that may fail', () => {
    expect(dependencyOf({ depends: 'A && (C.Succeeded || C.Failed)' }, id)).toEqual({
      on: ['A', 'C'],
      condition: '$steps.a.status != "failed" and ($steps.c.status = "succeeded" or $steps.c.status = "failed")',
      onFailure: ['C'],
    });
    expect(dependencyOf({ depends: '!B.Skipped' }, id).condition).toBe('$not($steps.b.status != "succeeded" and $steps.b.status != "failed")');
  });
});
