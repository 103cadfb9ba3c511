import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateFlow } from '../../validate/index.js';
import { exportServerlessWorkflow } from '../../export/serverless-workflow/index.js';
import { checkWithSdk } from '../../export/serverless-workflow/sdk-check.js';
import { importServerlessWorkflow } from './index.js';

/** Task names drawn from a small pool, so `then` often names a real task (or a missing one). */
const names = ['a', 'b', 'c', 'doIt', 'fetchPet', 'x_y'];
const directive = fc.oneof(fc.constant(undefined), fc.constantFrom('continue', 'exit', 'end'), fc.constantFrom(...names));
const expr = fc.constantFrom('${ .a == 1 }', '.n > 2', '${ $context.v }', '${ (.x | length) > 1 }', '${ $workflow.input.k }');

type Task = Record<string, unknown>;
const withCommon = (task: fc.Arbitrary<Task>): fc.Arbitrary<Task> =>
  fc.record({ task, then: directive, cond: fc.option(expr, { nil: undefined }) }).map(({ task, then, cond }) => {
    const out: Task = { ...task };
    if (then !== undefined) out['then'] = then;
    if (cond !== undefined) out['if'] = cond;
    return out;
  });

const { list } = fc.letrec<{ list: Record<string, Task>[]; task: Task }>((tie) => ({
  list: fc.array(fc.record({ name: fc.constantFrom(...names), task: tie('task') }), { maxLength: 4 }).map((items) => items.map((i) => ({ [i.name]: i.task }))),
  task: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    withCommon(fc.constant({ wait: 'PT1S' })),
    withCommon(fc.constant({ set: { v: '${ .a }' } })),
    withCommon(fc.constant({ call: 'http', with: { method: 'get', endpoint: 'https://h.x/{id}' } })),
    withCommon(fc.constant({ raise: { error: { type: 'https://e.x/e', status: 500, title: 'E' } } })),
    withCommon(fc.constant({ listen: { to: { one: { with: { type: 'com.x' } } } } })),
    withCommon(fc.constant({ call: 'grpc', with: {} })),
    withCommon(fc.record({ switch: fc.array(fc.record({ when: fc.option(expr, { nil: undefined }), then: directive.map((d) => d ?? 'continue') }), { minLength: 1, maxLength: 3 }) }).map((s) => ({ switch: (s.switch as Task[]).map((c, i) => ({ [`k${i}`]: c })) }))),
    withCommon(fc.record({ do: tie('list') })),
    withCommon(fc.record({ fork: fc.record({ branches: tie('list'), compete: fc.boolean() }) })),
    withCommon(fc.record({ for: fc.constant({ each: 'it', in: '.items' }), do: tie('list') })),
    withCommon(fc.record({ try: tie('list'), catch: fc.record({ do: fc.option(tie('list'), { nil: undefined }), retry: fc.option(fc.constant({ limit: { attempt: { count: 2 } } }), { nil: undefined }) }) })),
  ),
}));

describe('importing generated Serverless Workflow documents', () => {
  it('never throws and always gives a flow that validates and exports SDK-valid', () => {
    fc.assert(
      fc.property(list, (tasks) => {
        const text = stringify({ document: { dsl: '1.0.0', namespace: 'fuzz', name: 'fuzz', version: '1.0.0' }, do: tasks });
        const { flow, findings } = importServerlessWorkflow(text);
        expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
        expect(checkWithSdk(exportServerlessWorkflow(flow).document)).toEqual([]);
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});
