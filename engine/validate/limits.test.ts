/**
 * Validation at and past the limits (engine/model/limits.ts; issue #3 item 9 "Bad input"), with a
 * regression test for each bug the limit work and the fuzz tests found, named after what used to
 * happen. No timed assertions (STYLE.md §9): a check that went quadratic again would blow vitest's
 * 30 s timeout on these 20,000-step flows instead.
 */
import { describe, expect, it } from 'vitest';
import { MAX_EXPRESSION_CHARS, MAX_NESTING_LEVELS, MAX_STEP_COUNT } from '../model/limits.js';
import { validateFlow, validateText } from './index.js';
import { codesOf, findingsWith, flowText } from './test-helpers.js';

/** A flow text with `count` steps made by `step(i)`, one per line from line 5. */
function bigFlow(count: number, step: (i: number) => string): string {
  return flowText(Array.from({ length: count }, (_, i) => `  ${step(i)}`), 's0');
}

describe('flows at the step limit', () => {
  it(`validates a ${MAX_STEP_COUNT.toLocaleString('en')}-step chain (was: RangeError, the loop check recursed once per step)`, () => {
    const text = bigFlow(MAX_STEP_COUNT, (i) =>
      i + 1 < MAX_STEP_COUNT ? `s${i}: {type: task, shell: echo, next: s${i + 1}}` : `s${i}: {type: succeed}`,
    );
    expect(validateText(text).findings).toEqual([]);
  });

  it('reports a loop of 20,000 steps once', () => {
    const steps: Record<string, unknown> = {};
    for (let i = 0; i < MAX_STEP_COUNT; i++) steps[`s${i}`] = { type: 'task', shell: 'echo', next: `s${(i + 1) % MAX_STEP_COUNT}` };
    const findings = validateFlow({ flowsmith: '1.0', name: 'loop', start: 's0', steps });
    expect(findings.map((f) => [f.code, f.path])).toEqual([['FS015', '/steps/s0']]);
  });

  it('locates an error in every one of 20,000 steps (was: minutes; schema, join and did-you-mean checks were quadratic)', () => {
    // Odd steps: a schema error and an unknown catch target; even steps: a join no parallel owns.
    const text = bigFlow(MAX_STEP_COUNT, (i) =>
      i % 2 === 0
        ? `s${i}: {type: task, shell: 5, next: s${i + 1}, catch: [{errors: [Timeout], next: gone${i}}]}`
        : `s${i}: {type: join}`,
    );
    const findings = validateText(text).findings;
    const count = (code: string) => findings.filter((f) => f.code === code).length;
    // Each code is capped at MAX_FINDINGS_PER_CODE, the next one counts the rest (issue #11 item 13).
    expect([count('FS010'), count('FS011'), count('FS017')]).toEqual([101, 101, 101]);
    expect(findings.find((f) => f.code === 'FS011' && f.message.startsWith('9,900 more FS011 findings'))).toBeDefined();
    expect(findings.every((f) => f.line !== undefined && f.col !== undefined)).toBe(true);
    expect(findings.find((f) => f.code === 'FS011')).toMatchObject({ line: 5, step: 's0' });
  });

  it(`refuses ${(MAX_STEP_COUNT + 1).toLocaleString('en')} steps with FS022 alone, at steps:`, () => {
    const text = bigFlow(MAX_STEP_COUNT, (i) => `s${i}: 0`).replace(
      'steps:\n',
      'steps:\n  m: {type: map, items: $input, start: extra, steps: {extra: {type: succeed}}}\n',
    );
    expect(findingsWith('FS022', text)).toEqual([
      {
        severity: 'error',
        message: 'the flow has 20,002 steps, over the limit of 20,000; split it into subflows (call:)',
        path: '/steps',
        line: 4,
        col: 1,
      },
    ]);
    expect(codesOf(text)).toEqual(['FS022']);
  });
});

describe('validateFlow on JSON from elsewhere (HostApi validateFlow)', () => {
  it(`refuses nesting past ${MAX_NESTING_LEVELS} levels (was: RangeError from the recursive checks)`, () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const findings = validateFlow({ flowsmith: '1.0', name: 'x', start: 'a', steps: { a: { type: 'succeed' } }, vars: { deep } });
    expect(findings).toEqual([expect.objectContaining({ code: 'FS004', path: `/vars/deep${'/0'.repeat(MAX_NESTING_LEVELS - 2)}` })]);
  });
});

describe('expression length', () => {
  const long = `$input.x = "${'x'.repeat(MAX_EXPRESSION_CHARS)}"`;

  it(`reports an expression over ${MAX_EXPRESSION_CHARS.toLocaleString('en')} characters at its field, without parsing it`, () => {
    const text = flowText([`  a: {type: branch, cases: [{when: '${long}', next: b}]}`, '  b: {type: succeed}']);
    expect(findingsWith('FS023', text)).toEqual([
      expect.objectContaining({
        line: 5,
        step: 'a',
        message: `steps.a.cases[0].when: the expression is 4,109 characters long, over the limit of 4,096; move the logic into a script step, or split it over set: variables`,
      }),
    ]);
  });

  it('checks each {{ }} of a string apart', () => {
    const text = flowText([`  a: {type: task, shell: "echo {{ $input.a }} {{ ${long.replaceAll('"', "'")} }}"}`]);
    expect(codesOf(text)).toEqual(['FS023']);
  });

  it('cuts a long expression that does not parse to 80 characters in the message', () => {
    const text = flowText([`  a: {type: task, shell: echo, output: '${'$input.a + '.repeat(100)}'}`]);
    const [finding] = findingsWith('FS019', text);
    expect(finding?.message).toMatch(/^steps\.a\.output: "(\$input\.a \+ ){7}\$i…" does not parse: /);
  });
});

describe('suggestions', () => {
  it('does not measure a huge unknown id against every step (was: length² work per candidate)', () => {
    const id = 'a'.repeat(200_000);
    const text = flowText([`  a: {type: task, shell: echo, next: ${id}}`]);
    const [finding] = findingsWith('FS011', text);
    expect(finding?.message).toMatch(/which is not in steps; add a step "a{200000}" or point next at an existing step$/);
  });
});
