import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { loadFlowText } from '../../yaml/load.js';
import { exportAsl } from './index.js';
import { aslValidationErrors } from './validate.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const templates = path.join(repoRoot, 'resources/templates');
const templateFiles = readdirSync(templates).filter((f) => f.endsWith('.yaml') && !f.includes('.scenarios.'));

type State = Record<string, unknown>;

/** Exports a flow that must itself be valid, and checks the result with asl-validator. */
function exportChecked(flow: Flow) {
  expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
  const result = exportAsl(flow);
  expect(aslValidationErrors(result.document)).toEqual([]);
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return { ...result, states: (result.document as { States: Record<string, State> }).States };
}

function flow(steps: Flow['steps'], extra: Partial<Flow> = {}): Flow {
  return { flowsmith: '1.0', name: 'test-flow', start: Object.keys(steps)[0]!, steps, ...extra };
}

const codesOf = (findings: { code: string; step?: string }[], step?: string) =>
  findings.filter((f) => step === undefined || f.step === step).map((f) => f.code);

describe('exportAsl on the templates', () => {
  it.each(templateFiles)('exports %s as ASL that asl-validator accepts', (file) => {
    const loaded = loadFlowText(readFileSync(path.join(templates, file), 'utf8'), file);
    const result = exportChecked(loaded.flow!);
    expect(result.format).toBe('json');
    expect(JSON.parse(result.text)).toEqual(result.document);
    expect((result.document as State)['QueryLanguage']).toBe('JSONata');
    // Every shell step gets a placeholder finding; every compensation and approval one too.
    const visit = (steps: Flow['steps']) => {
      for (const [id, step] of Object.entries(steps)) {
        if (step.type === 'task' && step.shell !== undefined) expect(codesOf(result.findings, id)).toContain('FS141');
        if (step.compensate !== undefined) expect(codesOf(result.findings, id)).toContain('FS145');
        if (step.type === 'approval') expect(codesOf(result.findings, id)).toContain('FS144');
        if (step.type === 'map') visit(step.steps);
      }
    };
    visit(loaded.flow!.steps);
  });

  it('writes the web app deploy approval as a callback task with onReject and onTimeout catchers', () => {
    const loaded = loadFlowText(readFileSync(path.join(templates, 'web-app-deploy.yaml'), 'utf8'));
    const { states } = exportChecked(loaded.flow!);
    const approve = states['approve']!;
    expect(approve['Resource']).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(approve['TimeoutSeconds']).toBe(7200);
    expect(approve['Catch']).toEqual([
      { ErrorEquals: ['Rejected'], Next: 'rejected' },
      { ErrorEquals: ['States.Timeout'], Next: 'rejected' },
    ]);
    const payload = (approve['Arguments'] as { Payload: State }).Payload;
    expect(payload['approvers']).toEqual(['ops-manager', 'tech-lead']);
    expect(payload['taskToken']).toBe('{% $states.context.Task.Token %}');
    const prepare = states['prepare']!;
    expect(prepare['Type']).toBe('Parallel');
    expect((prepare['Branches'] as { StartAt: string }[]).map((b) => b.StartAt)).toEqual(['stop-preview', 'backup-current']);
    expect(prepare['Next']).toBe('deploy');
  });
});

describe('exportAsl states', () => {
  it('maps retry, timeout and catch names', () => {
    const { states, findings } = exportChecked(
      flow({
        call: {
          type: 'task',
          http: { url: 'https://example.com/x', method: 'POST', body: { v: '{{ $input.v }}' } },
          timeout: '1500ms',
          retry: { maxAttempts: 4, delay: '2s', backoff: 'exponential', multiplier: 3, maxDelay: '1m', jitter: true },
          catch: [
            { errors: ['Timeout', 'HttpStatus'], next: 'failed' },
            { errors: ['*'], next: 'failed' },
          ],
          next: 'done',
        },
        failed: { type: 'fail', error: 'CallFailed' },
        done: { type: 'succeed' },
      }),
    );
    const call = states['call']!;
    expect(call['Resource']).toBe('arn:aws:states:::http:invoke');
    expect(call['TimeoutSeconds']).toBe(2);
    expect(call['Retry']).toEqual([{ ErrorEquals: ['States.ALL'], MaxAttempts: 3, IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 60, JitterStrategy: 'FULL' }]);
    expect(call['Catch']).toEqual([
      { ErrorEquals: ['States.Timeout', 'States.TaskFailed'], Next: 'failed' },
      { ErrorEquals: ['States.ALL'], Next: 'failed' },
    ]);
    expect((call['Arguments'] as State)['RequestBody']).toEqual({ v: '{% $input.v %}' });
    expect(codesOf(findings, 'call')).toEqual(expect.arrayContaining(['FS142', 'FS149', 'FS147']));
    expect(states['Initialize run']!['Assign']).toEqual({ input: '{% $states.input %}' });
  });

  it('writes branch conditions, variables and step outputs as JSONata', () => {
    const { states, findings } = exportChecked(
      flow(
        {
          check: { type: 'task', shell: 'echo {}', set: { count: '$count($)' }, next: 'route' },
          route: {
            type: 'branch',
            cases: [
              { when: '$steps.check.output.ok = true and $vars.app = "shop"', next: 'done' },
              { when: '$steps.check.output.flag', next: 'done' },
              { when: '$steps.check.status = "failed"', next: 'done' },
            ],
            default: 'done',
          },
          done: { type: 'succeed' },
        },
        { vars: { app: 'shop' } },
      ),
    );
    expect(states['Initialize run']!['Assign']).toEqual({ app: 'shop' });
    expect(states['check']!['Assign']).toEqual({
      count: '{% ($fs_value := $states.result.Payload; $count($fs_value)) %}',
      fs_check_output: '{% $states.result.Payload %}',
    });
    const conditions = (states['route']!['Choices'] as { Condition: string }[]).map((c) => c.Condition);
    expect(conditions).toEqual([
      '{% $fs_check_output.ok = true and $app = "shop" %}',
      '{% ($fs_check_output.flag) = true %}',
      '{% "succeeded" = "failed" %}',
    ]);
    expect(codesOf(findings, 'route')).toContain('FS151');
  });

  it('exports a map with its item variables, concurrency and nested steps', () => {
    const { states } = exportChecked(
      flow({
        hosts: {
          type: 'map',
          items: '$input.hosts',
          concurrency: 2,
          start: 'ping',
          steps: { ping: { type: 'task', http: { url: 'https://{{ $item }}/health' } } },
          next: 'done',
        },
        done: { type: 'succeed' },
      }),
    );
    const map = states['hosts']!;
    expect(map['Items']).toBe('{% $input.hosts %}');
    expect(map['MaxConcurrency']).toBe(2);
    const processor = map['ItemProcessor'] as { StartAt: string; States: Record<string, State> };
    expect(processor.StartAt).toBe('hosts (item)');
    expect(processor.States['hosts (item)']!['Assign']).toEqual({ item: '{% $states.input.item %}', index: '{% $states.input.index %}' });
    expect((processor.States['ping']!['Arguments'] as State)['ApiEndpoint']).toBe('{% "https://" & ($item) & "/health" %}');
  });

  it('reports join modes ASL cannot express and leaves a branch through a Goto error', () => {
    const { states, findings } = exportChecked(
      flow({
        fan: { type: 'parallel', branches: ['a', 'b'], join: 'joined' },
        a: { type: 'task', shell: 'true', catch: [{ errors: ['*'], next: 'broken' }], next: 'joined' },
        b: { type: 'wait', duration: '1s', next: 'joined' },
        joined: { type: 'join', mode: 'any', next: 'finish' },
        finish: { type: 'task', shell: 'true', catch: [{ errors: ['*'], next: 'broken' }], next: 'done' },
        done: { type: 'succeed' },
        broken: { type: 'fail', error: 'Broken' },
      }),
    );
    expect(codesOf(findings, 'joined')).toContain('FS146');
    expect(codesOf(findings, 'fan')).toContain('FS152');
    const fan = states['fan']!;
    expect(fan['Catch']).toEqual([{ ErrorEquals: ['Flowsmith.Goto.broken'], Next: 'broken' }]);
    const branchA = (fan['Branches'] as { States: Record<string, State> }[])[0]!;
    expect(branchA.States['broken (leave fan)']).toMatchObject({ Type: 'Fail', Error: 'Flowsmith.Goto.broken' });
  });

  it('turns continueOnError into a Catch and waits into Seconds or Timestamp', () => {
    const { states, findings } = exportChecked(
      flow({
        try: { type: 'task', shell: 'false', continueOnError: true, next: 'pause' },
        pause: { type: 'wait', duration: '2m', next: 'until' },
        until: { type: 'wait', until: '$input.at' },
      }),
    );
    expect(states['try']!['Catch']).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'pause' }]);
    expect(codesOf(findings, 'try')).toContain('FS148');
    expect(states['pause']).toMatchObject({ Type: 'Wait', Seconds: 120, Next: 'until' });
    expect(states['until']).toMatchObject({ Type: 'Wait', Timestamp: '{% $input.at %}', End: true });
  });

  it('assigns $error in every Catcher when a step reads it', () => {
    const { states } = exportChecked(
      flow({
        work: { type: 'task', shell: 'false', catch: [{ errors: ['ShellExit'], next: 'tell' }] },
        tell: { type: 'task', notify: { message: 'failed: {{ $error.message }}' } },
      }),
    );
    expect(states['work']!['Catch']).toEqual([
      { ErrorEquals: ['ShellExit'], Next: 'tell', Assign: { error: '{% {"name": $states.errorOutput.Error, "message": $states.errorOutput.Cause} %}' } },
    ]);
    expect((states['tell']!['Arguments'] as State)['Message']).toBe('{% "failed: " & ($error.message) %}');
  });
});
