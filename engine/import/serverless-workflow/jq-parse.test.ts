import { describe, expect, it } from 'vitest';
import { printJsonata } from '../../expr/subset.js';
import { jsonataToJq } from '../../export/serverless-workflow/jq-print.js';
import { jqToJsonata, parseSwExpression, templateOf, type ExprEnv } from './expressions.js';

const prev: ExprEnv = { dot: { kind: 'path', root: 'steps', segments: ['get-pet', 'output', 'body'] } };

describe('jqToJsonata', () => {
  it.each([
    ['.orderType == "electronic"', '$steps.`get-pet`.output.body.orderType = "electronic"'],
    ['.session != null', '$steps.`get-pet`.output.body.session != null'],
    ['.customer.age < 18 and .vip | not', '$not($steps.`get-pet`.output.body.customer.age < 18 and $steps.`get-pet`.output.body.vip)'],
    ['(.a | not) or .b', '$not($steps.`get-pet`.output.body.a) or $steps.`get-pet`.output.body.b'],
    ['$context.homeworld', '$vars.homeworld'],
    ['$workflow.input[0].data.patient.id', '$input[0].data.patient.id'],
    ['$workflow.id', '$run.id'],
    ['.["content-type"]', '$steps.`get-pet`.output.body.`content-type`'],
    ['."a b".c', '$steps.`get-pet`.output.body.`a b`.c'],
    ['"room \\(.room.number) of \\($context.ward)"', '"room " & $steps.`get-pet`.output.body.room.number & " of " & $vars.ward'],
    ['"a" + .b', '"a" & $steps.`get-pet`.output.body.b'],
    ['.a + 1 - -2 * 3 % 4', '$steps.`get-pet`.output.body.a + 1 - -2 * 3 % 4'],
    ['.n | tostring', '$steps.`get-pet`.output.body.n'],
    ['true', 'true'],
    ['1.5e3 >= .x # a comment', '1500 >= $steps.`get-pet`.output.body.x'],
  ])('%s → %s', (jq, jsonata) => {
    expect(jqToJsonata(jq, prev)).toEqual({ ok: true, text: jsonata });
  });

  it('reads the for variables as $item and $index', () => {
    expect(jqToJsonata('$reading.value > $i', { loop: { each: 'reading', at: 'i' } })).toEqual({ ok: true, text: '$item.value > $index' });
  });

  it('reads the caught error title and detail as name and message', () => {
    expect(jqToJsonata('$error.title + ": " + $error.detail', {})).toEqual({ ok: true, text: '$error.name & ": " & $error.message' });
  });

  it('reads the exporter\'s $context.steps as step outputs only in Flowsmith exports', () => {
    expect(jqToJsonata('$context.steps["start-preview"].port', { stepsInContext: true })).toEqual({ ok: true, text: '$steps.`start-preview`.output.port' });
    expect(jqToJsonata('$context.steps.a', {})).toEqual({ ok: true, text: '$vars.steps.a' });
  });

  it('drops the exporter\'s fallbacks for declared input defaults', () => {
    const env: ExprEnv = { inputDefaults: { env: 'dev', hosts: ['a', 'b'], dry: true } };
    expect(jqToJsonata('($workflow.input.env // "dev") == "x"', env)).toEqual({ ok: true, text: '$input.env = "x"' });
    expect(jqToJsonata('($workflow.input.hosts // ["a","b"])[0]', env)).toEqual({ ok: true, text: '$input.hosts[0]' });
    expect(jqToJsonata('"\\(($workflow.input.hosts // ["a","b"]))"', env)).toEqual({ ok: true, text: '$input.hosts' });
    expect(jqToJsonata('($workflow.input | if has("dry") then .dry else true end)', env)).toEqual({ ok: true, text: '$input.dry' });
    expect(jqToJsonata('$workflow.input.env // "prod"', env)).toMatchObject({ ok: false, reason: expect.stringMatching(/\/\//) });
  });

  it.each([
    ['.items | length', /pipes/],
    ['[.a, .b]', /unexpected/],
    ['.items[] | .x', /constant indexes/],
    ['.a?', /optional/],
    ['$secrets.token', /\$secrets/],
    ['$task.name', /\$task/],
    ['select(.a)', /function select/],
    ['"open', /not closed/],
  ])('refuses %s', (jq, reason) => {
    const r = jqToJsonata(jq, prev);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('needs to know what `.` is', () => {
    expect(jqToJsonata('.a', {})).toMatchObject({ ok: false, reason: expect.stringMatching(/task input/) });
  });

  it('parses object constructions only where asked (export.as)', () => {
    const env: ExprEnv = { dot: { kind: 'path', root: '', segments: [] } };
    const merged = parseSwExpression('$context + { slot: .slot, "n": 1, name }', env, true);
    expect(merged.ok && merged.node.kind === 'object' && merged.node.entries.map(([k, v]) => [k, v.kind === 'object' ? '' : printJsonata(v)])).toEqual([
      ['slot', '$.slot'],
      ['n', '1'],
      ['name', '$.name'],
    ]);
    expect(parseSwExpression('{ a: 1 }', env).ok).toBe(false);
  });
});

describe('templateOf', () => {
  it('turns string interpolation into template text', () => {
    const r = parseSwExpression('"Deploy \\($context.app) now {{x}}"', {});
    expect(r.ok && templateOf(r.node as never)).toBe('Deploy {{ $vars.app }} now {{ "{{" }}x}}');
  });
});

describe('jq printer and parser agree', () => {
  it.each([
    '$input.a = "x" and ($vars.b > 2 or $not($vars.c))',
    '$vars.a & "-" & $input.n',
    '-$vars.n * ($vars.m + 1) % 3',
    '$steps.`get-pet`.output.body.tags[0] != null',
  ])('%s survives JSONata → jq → JSONata', (jsonata) => {
    const jq = jsonataToJq(jsonata, {});
    expect(jq.ok).toBe(true);
    if (!jq.ok) return;
    expect(jqToJsonata(jq.jq, { stepsInContext: true })).toEqual({ ok: true, text: jsonata });
  });
});
