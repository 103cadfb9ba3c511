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
