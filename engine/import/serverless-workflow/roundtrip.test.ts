import { describe, expect, it } from 'vitest';
import type { Flow, Step } from '../../model/flow.js';
import { successors } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { exportServerlessWorkflow } from '../../export/serverless-workflow/index.js';
import { checkWithSdk } from '../../export/serverless-workflow/sdk-check.js';
import { templateFlows, testdataFlow } from '../../export/serverless-workflow/test-helpers.js';
import { importServerlessWorkflow } from './index.js';

/** The step graph: each step's type and where it can go, map bodies included, sorted. */
function shape(steps: Record<string, Step>, prefix = ''): string[] {
  return Object.entries(steps)
    .flatMap(([id, s]) => [
      `${prefix}${id}: ${s.type} -> ${successors(s).sort().join(', ')}${s.type === 'parallel' ? ` (join ${s.join})` : ''}${s.type === 'map' ? ` (start ${s.start})` : ''}`,
      ...(s.type === 'map' ? shape(s.steps, `${prefix}${id}/`) : []),
    ])
    .sort();
}

/** Approval, catch and nesting variants the templates do not use. */
const variants: Flow = {
  flowsmith: '1.0',
  name: 'variants',
  inputs: { type: 'object', properties: { go: { type: 'boolean', default: true } } },
  start: 'ask',
  steps: {
    ask: { type: 'approval', approvers: ['a', 'b'], quorum: 2, timeout: '1h', onTimeout: 'remind', next: 'work' },
    remind: { type: 'task', notify: { message: 'nobody answered', webhook: 'https://h.x/hook', format: 'slack' }, next: 'ask-again' },
    'ask-again': { type: 'approval', approvers: ['a'], next: 'work' },
    work: {
      type: 'task',
      http: { method: 'POST', url: 'https://h.x/work', body: { go: '{{ $input.go }}' } },
      retry: { maxAttempts: 3 },
      catch: [{ errors: ['HttpStatus'], next: 'fix' }, { errors: ['Timeout'], next: 'gave-up' }],
      continueOnError: true,
      next: 'fan',
    },
    fix: { type: 'task', script: 'return 1', next: 'fan' },
    'gave-up': { type: 'fail', error: 'GaveUp' },
    fan: { type: 'parallel', branches: ['one', 'many'], join: 'fan-in' },
    one: { type: 'wait', duration: '1s', next: 'fan-in' },
    many: {
      type: 'map',
      items: '$input.list',
      start: 'each',
      steps: { each: { type: 'branch', cases: [{ when: '$item > 1', next: 'big' }], default: 'small' }, big: { type: 'succeed' }, small: { type: 'succeed' } },
      next: 'fan-in',
    },
    'fan-in': { type: 'join', mode: { count: 1 }, next: 'end' },
    end: { type: 'succeed' },
  },
};

const flows: [string, Flow][] = [
  ['variants', variants],
  ...templateFlows(),
  ['all-step-types.yaml', testdataFlow('all-step-types.yaml')],
  ['commented.yaml', testdataFlow('commented.yaml')],
  ['web-app-deploy (testdata)', testdataFlow('web-app-deploy.yaml')],
];

describe('export to Serverless Workflow, then import', () => {
  it.each(flows)('%s keeps the step graph', (_name, flow) => {
    const exported = exportServerlessWorkflow(flow);
    expect(exported.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(checkWithSdk(exported.document)).toEqual([]);
    const back = importServerlessWorkflow(exported.text, 'exported.sw.yaml');
    expect(back.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(validateFlow(back.flow).filter((f) => f.severity === 'error')).toEqual([]);
    expect(back.flow.start).toBe(flow.start);
    expect(shape(back.flow.steps)).toEqual(shape(flow.steps));
  });

  it.each(flows)('%s keeps vars, inputs, triggers and approvals', (_name, flow) => {
    const back = importServerlessWorkflow(exportServerlessWorkflow(flow).text).flow;
    expect(back.vars).toEqual(flow.vars);
    expect(back.inputs).toEqual(flow.inputs);
    expect(back.triggers?.map((t) => ('cron' in t ? t.cron : null))).toEqual(flow.triggers?.slice(0, 1).map((t) => ('cron' in t ? t.cron : null)));
    for (const [id, step] of Object.entries(flow.steps)) {
      if (step.type !== 'approval') continue;
      const kept = Object.fromEntries(
        (['approvers', 'message', 'next', 'onReject', 'onTimeout'] as const).filter((k) => step[k] !== undefined).map((k) => [k, step[k]]),
      );
      expect(back.steps[id]).toMatchObject({ ...kept, ...(step.quorum !== undefined && step.quorum !== 1 ? { quorum: step.quorum } : {}) });
    }
  });

  it('keeps expressions, shell templates and compensations of web-app-deploy', () => {
    const flow = templateFlows().find(([n]) => n === 'web-app-deploy.yaml')![1];
    const back = importServerlessWorkflow(exportServerlessWorkflow(flow).text).flow;
    for (const id of ['build', 'deploy', 'verify', 'stop-preview']) {
      expect(back.steps[id]).toMatchObject({ shell: typeof flow.steps[id]!['shell' as never] === 'string' ? { command: flow.steps[id]!['shell' as never] } : flow.steps[id]!['shell' as never] });
    }
    expect(back.steps['env-gate']).toMatchObject({ cases: [{ when: '$input.environment = "production"' }] });
    expect(back.steps['health-check']).toMatchObject({ http: { url: 'http://127.0.0.1:{{ $steps.`start-preview`.output.port }}/health' } });
    expect(back.steps['backup-current']!.compensate).toEqual(flow.steps['backup-current']!.compensate);
  });
});
