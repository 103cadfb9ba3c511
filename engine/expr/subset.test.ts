import { describe, expect, it } from 'vitest';
import { parseJsonataSubset, printJsonata } from './subset.js';

describe('parseJsonataSubset', () => {
  it.each([
    ['$input.environment = "production"'],
    ['$steps.build.output.count > 3 and $not($vars.x)'],
    ['$vars.a & "-" & $input.n'],
    ['-$input.n + 2 * 3'],
    ['($input.a + 1) * 2'],
    ['$input.a - ($input.b - 1)'],
    ['$steps.`a-b`.status = "failed" or true'],
    ['$input.items[0].name != null'],
  ])('round-trips %s through the subset', (text) => {
    const r = parseJsonataSubset(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(printJsonata(r.expr)).toBe(text);
  });

  it('reads not(x) without $ as $not', () => {
    const r = parseJsonataSubset('not($vars.x)');
    expect(r).toEqual({ ok: true, expr: { kind: 'not', operand: { kind: 'path', root: 'vars', segments: ['x'] } } });
  });

  it.each([
    ['$count($input.items) > 1', /\$count/],
    ['$input.items[price > 3]', /constant array indexes/],
    ['$input.x in ["a", "b"]', /"in"/],
    ['$.a', /binding/],
    ['$input.(a + b)', /inside a path/],
    ['$input.a = ', /does not parse/],
  ])('reports %s as outside the subset', (text, reason) => {
    const r = parseJsonataSubset(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
