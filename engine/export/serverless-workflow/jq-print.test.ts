import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { evaluateExpression, type Bindings } from '../../expr/index.js';
import type { Json } from '../../model/flow.js';
import { jsonataToJq, type JqScope } from './jq-print.js';

const scope: JqScope = { inputDefaults: { env: 'dev', dry: true } };

describe('jsonataToJq', () => {
  it.each([
    ['$input.environment = "production"', '$workflow.input.environment == "production"'],
    ['$input.env = "prod"', '($workflow.input.env // "dev") == "prod"'],
    ['$input.dry', '($workflow.input | if has("dry") then .dry else true end)'],
    ['$vars.count >= 3 and $vars.ok != false', '$context.count >= 3 and $context.ok != false'],
    ['$steps.build.output.ok = true', '$context.steps.build.ok == true'],
    ['$steps.`start-preview`.output.port', '$context.steps["start-preview"].port'],
    ['$not($vars.a = 1) or $vars.b', '($context.a == 1 | not) or $context.b'],
    ['$vars.a & "-" & $input.n', '"\\($context.a)-\\($workflow.input.n)"'],
    ['-$vars.n + 2 * ($vars.m - 1)', '-$context.n + 2 * ($context.m - 1)'],
    ['($vars.a = 1) = true', '($context.a == 1) == true'],
    ['$item.name', '$item.name'],
    ['$index % 2 = 0', '$index % 2 == 0'],
    ['$error.name & ": " & $error.message', '"\\($error.title): \\($error.detail)"'],
    ['$run.id', '$workflow.id'],
    ['$input.list[0]', '$workflow.input.list[0]'],
  ])('%s → %s', (jsonata, jq) => {
    const r = jsonataToJq(jsonata, scope);
    expect(r).toMatchObject({ ok: true, jq });
  });

  it('binds the bare $ to what the caller says (output and set expressions)', () => {
    expect(jsonataToJq('$.ok and $.count > 1', { dot: '$out' })).toMatchObject({ ok: true, jq: '$out.ok and $out.count > 1' });
    expect(jsonataToJq('$', { dot: '.' })).toMatchObject({ ok: true, jq: '.' });
    expect(jsonataToJq('"$" & $.a', { dot: '.' })).toMatchObject({ ok: true, jq: '"$\\(.a)"' });
  });

  it('maps a map alias to $item', () => {
    expect(jsonataToJq('$host & ":80"', { itemAlias: 'host' })).toMatchObject({ ok: true, jq: '"\\($item):80"' });
  });

  it('tells each $steps output it reads', () => {
    const read: string[] = [];
    jsonataToJq('$steps.a.output.x + $steps.b.output', { onStepOutput: (id) => read.push(id) });
    expect(read).toEqual(['a', 'b']);
  });

  it.each([
    ['$steps.a.status = "failed"', /no Serverless Workflow equivalent/],
    ['$run.workdir', /\$run\.workdir/],
    ['$count($input.items)', /\$count/],
    ['{"ok": true}', /object constructors/],
    ['$.x', /binding/],
  ])('refuses %s', (jsonata, reason) => {
    const r = jsonataToJq(jsonata, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('notes operands whose truthiness differs between JSONata and jq', () => {
    const r = jsonataToJq('$vars.n and $vars.a = 1', {});
    expect(r.ok && r.notes[0]).toMatch(/0 and ""/);
    expect(jsonataToJq('$vars.a = 1 or $vars.b = 2', {})).toMatchObject({ notes: [] });
  });
});

/** jq's answer for `expr` with the SW arguments bound; undefined when the jq binary is missing. */
function runJq(expr: string, args: Record<string, Json>): Json | undefined {
  const flags = Object.entries(args).flatMap(([k, v]) => ['--argjson', k, JSON.stringify(v)]);
  return JSON.parse(execFileSync('jq', ['-nc', ...flags, expr], { encoding: 'utf8' })) as Json;
}

const hasJq = (() => {
  try {
    execFileSync('jq', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

// jq is a separate program (`apt-get install jq`; .ci/run installs it): without it there is nothing to run the printed jq with.
describe.skipIf(!hasJq)(`printed jq evaluates like the JSONata it came from${hasJq ? '' : ' — skipped: the jq binary is not on PATH (apt-get install jq)'}`, () => {
  const bindings: Bindings = {
    input: { environment: 'production', n: 4, list: [10, 20] },
    vars: { count: 3, ok: true, a: 'x', name: 'shop' },
    steps: { build: { output: { ok: true, port: 8080 }, status: 'succeeded' }, 'start-preview': { output: { url: 'http://h/' }, status: 'succeeded' } },
    run: { id: 'run-1', flow: 'web' },
  };
  const swArgs: Record<string, Json> = {
    workflow: { input: bindings.input, id: 'run-1', definition: { document: { name: 'web' } } },
    context: { ...bindings.vars, steps: { build: { ok: true, port: 8080 }, 'start-preview': { url: 'http://h/' } } },
  };

  it.each([
    '$input.environment = "production" and $vars.count >= 3',
    '$not($vars.ok) or $input.n > 5',
    '$vars.name & "-" & $input.n & "-" & $steps.`start-preview`.output.url',
    '$steps.build.output.port + $input.list[1] * 2',
    '-$input.n + $vars.count % 2',
    '$run.id & "@" & $run.flow',
    '$input.missing = "x"',
  ])('%s', async (jsonata) => {
    const jq = jsonataToJq(jsonata, {});
    expect(jq.ok).toBe(true);
    if (!jq.ok) return;
    expect(runJq(jq.jq, swArgs)).toEqual(await evaluateExpression(jsonata, bindings));
  });
});
