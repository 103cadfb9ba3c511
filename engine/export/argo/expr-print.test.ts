import { describe, expect, it } from 'vitest';
import { parseJsonataSubset, type SubsetExpr } from '../../expr/subset.js';
import { printItems, printTemplateValue, printWhen, type Resolve } from './expr-print.js';

/** A resolver like refs.ts for a small flow: inputs, a shell step `build`, a step `start-preview`, a constant var. */
const resolve: Resolve = ({ root, segments }) => {
  if (root === 'input') return { kind: 'var', base: ['workflow', 'parameters', String(segments[0])], json: segments.slice(1), type: segments.length > 1 ? 'json' : 'string' };
  if (root === 'vars' && segments[0] === 'app') return { kind: 'literal', value: 'shop' };
  if (root === 'steps' && segments[1] === 'status') return { kind: 'var', base: ['tasks', String(segments[0]), 'status'], json: [], type: 'status' };
  if (root === 'steps' && segments[1] === 'output') {
    const json = segments.slice(2);
    return { kind: 'var', base: ['tasks', String(segments[0]), 'outputs', 'result'], json, type: json.length ? 'json' : 'string' };
  }
  return { kind: 'error', reason: `no ${root}` };
};

function tree(text: string): SubsetExpr {
  const r = parseJsonataSubset(text);
  if (!r.ok) throw new Error(r.reason);
  return r.expr;
}

describe('printWhen', () => {
  it.each([
    ['$input.environment = "production"', "'{{workflow.parameters.environment}}' == 'production'"],
    ['$input.keep > 3', '{{workflow.parameters.keep}} > 3'],
    ['$input.flag = true', '{{workflow.parameters.flag}} == true'],
    ['$input.flag', '{{workflow.parameters.flag}} == true'],
    ['$steps.build.status = "failed"', '{{tasks.build.status}} == Failed'],
    ['$input.a = "x" and ($input.b = "y" or $not($input.c = "z"))', "'{{workflow.parameters.a}}' == 'x' && ('{{workflow.parameters.b}}' == 'y' || !('{{workflow.parameters.c}}' == 'z'))"],
    ['$vars.app = "shop"', "'shop' == 'shop'"],
    ['$input.n + 1 > 2 * $input.m', '{{workflow.parameters.n}} + 1 > 2 * {{workflow.parameters.m}}'],
  ])('writes %s in govaluate form', (jsonata, argo) => {
    expect(printWhen(tree(jsonata), resolve)).toEqual({ ok: true, text: argo });
  });

  it.each([
    ['$steps.build.output.ok = true', '{{=jsonpath(tasks.build.outputs.result, "$.ok") == true}}'],
    ['$steps.`start-preview`.output.port > 1024', '{{=jsonpath(tasks["start-preview"].outputs.result, "$.port") > 1024}}'],
    ['$input.name & "-x" = "a-x"', '{{=string(workflow.parameters.name) + string("-x") == "a-x"}}'],
    ['$input.cfg.replicas >= 2 and $input.keep > 1', '{{=jsonpath(workflow.parameters.cfg, "$.replicas") >= 2 && asFloat(workflow.parameters.keep) > 1}}'],
    ['$steps.build.output.items[0].name = "a"', '{{=jsonpath(tasks.build.outputs.result, "$.items[0].name") == "a"}}'],
    ["$input.quote = \"it's\"", '{{=workflow.parameters.quote == "it\'s"}}'],
  ])('writes %s as an expression template when govaluate cannot read it', (jsonata, argo) => {
    expect(printWhen(tree(jsonata), resolve)).toEqual({ ok: true, text: argo });
  });

  it('reports bindings that have no Argo reference', () => {
    expect(printWhen(tree('$error.name = "Timeout"'), resolve)).toEqual({ ok: false, reason: 'no error' });
  });

  it('reports step statuses without an Argo phase', () => {
    const r = printWhen(tree('$steps.build.status = "compensated"'), resolve);
    expect(r.ok).toBe(false);
  });
});

describe('printTemplateValue and printItems', () => {
  it('writes plain references as variables and constants as text', () => {
    expect(printTemplateValue(tree('$input.version'), resolve)).toEqual({ ok: true, text: '{{workflow.parameters.version}}' });
    expect(printTemplateValue(tree('$vars.app'), resolve)).toEqual({ ok: true, text: 'shop' });
    expect(printTemplateValue(tree('"{{"'), resolve)).toEqual({ ok: true, text: '{{' });
  });

  it('reads JSON fields with jsonpath', () => {
    expect(printTemplateValue(tree('$steps.`start-preview`.output.url'), resolve)).toEqual({
      ok: true,
      text: '{{=jsonpath(tasks["start-preview"].outputs.result, "$.url")}}',
    });
  });

  it('writes loop items as a variable or as toJson of an expression', () => {
    expect(printItems(tree('$input.hosts'), resolve)).toEqual({ ok: true, text: '{{workflow.parameters.hosts}}' });
    expect(printItems(tree('$steps.build.output.hosts'), resolve)).toEqual({
      ok: true,
      text: '{{=toJson(jsonpath(tasks.build.outputs.result, "$.hosts"))}}',
    });
  });
});
