/**
 * Fuzz of validation (issue #3 item 9 "Bad input"): validateText and validateFlow never throw and
 * locate every error, whatever they are given: arbitrary text, flows valid by construction (which
 * must get no finding), real templates damaged at random, arbitrary JSON shaped like a flow, and
 * arbitrary expressions. Seeded and sized by engine/yaml/fuzz-helpers.ts (FUZZ_RUNS, FUZZ_SEED);
 * the bugs it found are pinned in limits.test.ts and engine/yaml/limits.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import { expectLocated, FUZZ_TIMEOUT_MS, fuzzParams, yamlishText } from '../yaml/fuzz-helpers.js';
import { flowToText } from '../yaml/save.js';
import { validFlow } from './fuzz-flows.js';
import { mutate, mutation, seedFlows } from './fuzz-mutations.js';
import { validateFlow, validateText } from './index.js';
import { MAX_EXPRESSION_CHARS, MAX_FINDINGS_PER_CODE, MAX_NESTING_LEVELS, MAX_STEP_COUNT } from '../model/limits.js';

const errorsOf = (findings: Finding[]) => findings.filter((f) => f.severity === 'error');

/** validateText's findings for `text`, after checking that every error has a line:col. */
function locatedFindings(text: string): Finding[] {
  const { findings } = validateText(text, 'fuzz.yaml');
  expectLocated(findings, text);
  return findings;
}

const checkText = (text: string): void => void locatedFindings(text);

describe('validateText on arbitrary text', () => {
  it('survives any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), checkText), fuzzParams(300));
  }, FUZZ_TIMEOUT_MS);

  it('survives YAML-ish text', () => {
    fc.assert(fc.property(yamlishText(80), checkText), fuzzParams(800));
  }, FUZZ_TIMEOUT_MS);
});

describe('flows valid by construction', () => {
  it('get no finding, from the text or from the object', () => {
    fc.assert(
      fc.property(validFlow(), (flow) => {
        const text = flowToText(flow);
        expect(validateText(text, 'valid.yaml').findings, text).toEqual([]);
        expect(validateFlow(flow), text).toEqual([]);
      }),
      fuzzParams(200),
    );
  }, FUZZ_TIMEOUT_MS);

  it('still locate every error after random damage', () => {
    fc.assert(
      fc.property(validFlow(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (flow, mutations) => {
        checkText(mutate(flowToText(flow), mutations));
      }),
      fuzzParams(150),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('templates damaged at random', () => {
  const seeds = [...seedFlows()];

  it.each(seeds)('%s is clean before damage', (_name, text) => {
    expect(errorsOf(validateText(text).findings)).toEqual([]);
  });

  it('survive deleted keys, retyped values, duplicate keys, renamed steps, aliases and cut text', () => {
    const seed = fc.constantFrom(...seeds.map(([, text]) => text));
    fc.assert(
      fc.property(seed, fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, mutations) => {
        checkText(mutate(text, mutations));
      }),
      fuzzParams(400),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('validateFlow on JSON shaped like a flow (HostApi validateFlow takes any JSON)', () => {
  const id = fc.constantFrom('a', 'b', 'j', 'constructor', '__proto__', 'x y', '');
  const value = fc.oneof(id, fc.jsonValue({ maxDepth: 2 }));
  const step = fc.record(
    {
      type: fc.oneof(fc.constantFrom('task', 'branch', 'parallel', 'join', 'map', 'approval', 'wait', 'fail'), value),
      next: value,
      default: value,
      join: value,
      branches: fc.oneof(fc.array(id, { maxLength: 3 }), value),
      cases: fc.oneof(fc.array(fc.record({ when: value, next: value }), { maxLength: 2 }), value),
      steps: fc.oneof(fc.dictionary(id, fc.record({ type: value, next: value })), value),
      start: value,
      retry: value,
      timeout: value,
      set: value,
    },
    { requiredKeys: [] },
  );
  const flowish = fc.oneof(
    { weight: 4, arbitrary: fc.record({ flowsmith: value, name: value, start: value, steps: fc.dictionary(id, step) }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  );

  it('never throws', () => {
    fc.assert(
      fc.property(flowish, (flow) => {
        expect(Array.isArray(validateFlow(flow))).toBe(true);
      }),
      fuzzParams(500),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('arbitrary expressions', () => {
  const pieces = fc.constantFrom('$input', '.', 'x', '$steps.', 'a-b', '(', ')', '[', ']', '{', '}', '"', "'", '`',
    '/*', '*/', '$f', ':=', ';', 'function($n){', '}', '..', '1', '=', '+', '?', ':', ' and ', ' or ', '~>', '$$', '%',
    '{{', '}}', '\\', ' ', '/a+/', 'in', '&', '#', '@', '^(', '|', '\n');
  const expression = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')),
  );

  it('that do not parse are reported at the line of their field', () => {
    fc.assert(
      fc.property(expression, expression, (when, output) => {
        const text = [
          'flowsmith: "1.0"',
          'name: t',
          'start: a',
          'steps:',
          '  a:',
          '    type: branch',
          '    cases:',
          `      - when: ${JSON.stringify(when)}`, // line 8
          '        next: b',
          '  b:',
          '    type: task',
          '    shell: echo',
          `    output: ${JSON.stringify(output)}`, // line 13
          '',
        ].join('\n');
        const findings = locatedFindings(text);
        for (const f of findings.filter((f) => f.code === 'FS019' || f.code === 'FS023')) {
          expect(f.path === '/steps/a/cases/0/when' ? 8 : 13, f.message).toBe(f.line);
        }
      }),
      fuzzParams(500),
    );
  }, FUZZ_TIMEOUT_MS);
});

/**
 * Sizes up to the documented limits (engine/README.md "Limits"; issue #11 "Tests and figures"):
 * chains of up to MAX_STEP_COUNT steps damaged at random places, steps with thousands of unknown
 * keys, expressions at MAX_EXPRESSION_CHARS, and JSON nested far past MAX_NESTING_LEVELS. Every
 * error stays located, no code is reported more than MAX_FINDINGS_PER_CODE + 1 times, nothing throws.
 */
describe('validate at the limits', () => {
  const capped = (findings: Finding[]) => {
    const perCode = new Map<string, number>();
    for (const f of findings) perCode.set(f.code, (perCode.get(f.code) ?? 0) + 1);
    for (const [code, n] of perCode) expect(n, code).toBeLessThanOrEqual(MAX_FINDINGS_PER_CODE + 1);
  };

  it('locates damage in chains of up to MAX_STEP_COUNT steps, with capped findings', () => {
    const size = fc.constantFrom(2_000, MAX_STEP_COUNT, MAX_STEP_COUNT + 1);
    fc.assert(
      fc.property(size, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { maxLength: 5 }), (steps, mutations, bad) => {
        const lines = ['flowsmith: "1.0"', 'name: big', 'start: s0', 'steps:'];
        const broken = new Set(bad.map((b) => b % steps));
        for (let i = 0; i < steps; i++) {
          const next = i + 1 < steps ? `next: s${i + 1}` : 'x-end: true';
          lines.push(broken.has(i) ? `  s${i}: {type: task, shell: 5, ${next}, timeout: 99999999999999999999999d, unknown${i}: 1}` : `  s${i}: {type: task, shell: "echo {{ $input.n }}", ${next}}`);
        }
        const text = mutate(lines.join('\n') + '\n', mutations);
        const findings = locatedFindings(text);
        capped(findings);
        if (steps > MAX_STEP_COUNT && findings.some((f) => f.code === 'FS022')) expect(findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['FS022']);
      }),
      fuzzParams(4),
    );
  }, FUZZ_TIMEOUT_MS * 4);

  it('caps findings for steps with thousands of unknown keys', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 20_000 }), fc.integer({ min: 1, max: 5 }), (keys, stepCount) => {
        const lines = ['flowsmith: "1.0"', 'name: keys', 'start: s0', 'steps:'];
        for (let s = 0; s < stepCount; s++) {
          lines.push(`  s${s}:`, '    type: succeed');
          for (let k = 0; k < Math.floor(keys / stepCount); k++) lines.push(`    k${k}: ${k}`);
        }
        const findings = locatedFindings(lines.join('\n') + '\n');
        capped(findings);
      }),
      fuzzParams(4),
    );
  }, FUZZ_TIMEOUT_MS * 2);

  it('checks expressions up to MAX_EXPRESSION_CHARS and refuses longer ones, located', () => {
    const body = fc.constantFrom('$input.a + ', '$string($input.b) & ', '($input.c = 1) and ', '$steps.a.output.x + ');
    fc.assert(
      fc.property(body, fc.integer({ min: MAX_EXPRESSION_CHARS - 40, max: MAX_EXPRESSION_CHARS + 40 }), (piece, length) => {
        const expr = (piece.repeat(Math.ceil(length / piece.length)) + '1').slice(-length).replace(/^[^$(]*/, '');
        const text = ['flowsmith: "1.0"', 'name: e', 'start: a', 'steps:', `  a: {type: task, shell: ${JSON.stringify(`echo {{ ${expr} }}`)}, output: ${JSON.stringify(expr)}}`, ''].join('\n');
        const findings = locatedFindings(text);
        if (expr.length > MAX_EXPRESSION_CHARS) expect(findings.map((f) => f.code)).toContain('FS023');
        else expect(findings.map((f) => f.code)).not.toContain('FS023');
      }),
      fuzzParams(10),
    );
  }, FUZZ_TIMEOUT_MS * 2);

  it('refuses JSON nested past MAX_NESTING_LEVELS, at any depth up to 100,000, without recursion', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_NESTING_LEVELS - 2, max: 100_000 }), fc.constantFrom('array', 'object', 'step'), (levels, kind) => {
        let value: unknown = 1;
        for (let i = 0; i < levels; i++) value = kind === 'array' ? [value] : { a: value };
        const flow = kind === 'step' ? { flowsmith: '1.0', name: 'd', start: 'a', steps: { a: { type: 'task', shell: 'x', 'x-deep': value } } } : { flowsmith: '1.0', name: 'd', start: 'a', steps: { a: { type: 'succeed' } }, 'x-deep': value };
        const findings = validateFlow(flow);
        if (levels > MAX_NESTING_LEVELS) expect(findings.map((f) => f.code)).toEqual(['FS004']);
      }),
      fuzzParams(12),
    );
  }, FUZZ_TIMEOUT_MS * 2);
});
