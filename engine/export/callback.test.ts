/**
 * Tasks with `callback` exported to the three targets (issue #12 part 1): each document passes its
 * target's validator, keeps the wait in the target's own terms (ASL `.waitForTaskToken`, SW
 * `listen`, Argo `suspend`), and a finding states what is lost.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Flow } from '../model/flow.js';
import { validateFlow } from '../validate/index.js';
import { argoValidator, corpusSkipReason, corpusDir, describeErrors } from './argo/test-support.js';
import type { ArgoTemplate } from './argo/context.js';
import { exportFlow } from './index.js';
import { aslValidationErrors } from './asl/validate.js';
import { checkWithSdk } from './serverless-workflow/sdk-check.js';
import { checkWithSpecSchema, corpusMissing } from './serverless-workflow/test-helpers.js';

const FLOW = parse(`
flowsmith: "1.0"
name: ci-callback
start: build
steps:
  build:
    type: task
    shell: "curl -d token={{ $callback.token }} https://ci.invalid/builds"
    timeout: 30s
    callback: {timeout: 2h}
    retry: {maxAttempts: 2, delay: 1s}
    catch: [{errors: [BuildFailed], next: broken}]
    next: deploy
  deploy:
    type: task
    http: {method: POST, url: "https://ci.invalid/deploy", body: {token: "{{ $callback.token }}", build: "{{ $steps.build.output.number }}"}}
    callback: {timeout: 10m}
    next: report
  report:
    type: task
    script: "return $callback.token"
    callback: {timeout: 1m}
  broken: {type: fail, error: BuildFailed, message: the build failed}
`) as Flow;

function exported(target: 'asl' | 'serverless-workflow' | 'argo') {
  expect(validateFlow(FLOW).filter((f) => f.severity === 'error')).toEqual([]);
  const result = exportFlow(FLOW, target);
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return result;
}

const messagesOf = (findings: { step?: string; message: string }[], step: string) => findings.filter((f) => f.step === step).map((f) => f.message).join('\n');

describe('exporting tasks with callback', () => {
  it('ASL: .waitForTaskToken tasks with the task token for $callback.token, and asl-validator accepts them', () => {
    const result = exported('asl');
    expect(aslValidationErrors(result.document)).toEqual([]);
    const states = (result.document as { States: Record<string, Record<string, unknown>> }).States;
    const build = states['build']!;
    expect(build['Resource']).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(build['TimeoutSeconds']).toBe(30 + 7200); // the executor and the wait together
    const payload = (build['Arguments'] as { Payload: Record<string, unknown> }).Payload;
    expect(payload['taskToken']).toBe('{% $states.context.Task.Token %}');
    expect(payload['args']).toEqual(['{% $states.context.Task.Token %}']);
    expect(JSON.stringify(build['Output'] ?? build)).not.toContain('$states.result.Payload');
    // An http callback goes to a Lambda that makes the request: the HTTP Task cannot wait for a token.
    const deploy = states['deploy']!;
    expect(deploy['Resource']).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    expect(JSON.stringify(deploy['Arguments'])).toContain('FlowsmithHttpCallbackFunction');
    expect(JSON.stringify(deploy['Arguments'])).toContain('$states.context.Task.Token');
    expect(states['report']!['Resource']).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
    // The command and the script travel as written (the placeholder runs them with args and taskToken).
    expect(JSON.stringify(deploy)).not.toContain('$callback');
    // One finding per kind of loss (export/index.ts groupFindings), listing the other steps.
    expect(messagesOf(result.findings, 'build')).toMatch(/\.waitForTaskToken task: .*SendTaskSuccess.*TimeoutSeconds covers the executor and the wait/);
  });

  it('Serverless Workflow 1.0.3: the executor, then listen for the answer with the callback timeout; the SDK accepts it', () => {
    const result = exported('serverless-workflow');
    expect(checkWithSdk(result.document)).toEqual([]);
    expect(checkWithSdk(parse(result.text))).toEqual([]);
    if (corpusMissing === undefined) expect(checkWithSpecSchema(result.document)).toEqual([]);
    const text = JSON.stringify(result.document);
    // Only the script's JavaScript keeps $callback (a finding says to pass the token to it).
    expect(text.split('$callback').length - 1).toBe(1);
    expect(messagesOf(result.findings, 'report')).toMatch(/the script reads \$callback\.token/);
    expect(text).toContain('"build-call"');
    expect(result.text).toMatch(/build-callback:\n\s+listen:/);
    expect(text).toContain('"type":"dev.flowsmith.callback","subject":"build"');
    expect(text).toContain('"timeout":{"after":"PT2H"}');
    expect(text).toContain('$workflow.id + \\":build\\"');
    expect(text).toContain('"FLOWSMITH_CALLBACK_TOKEN":"${ $workflow.id + \\":build\\" }"');
    expect(messagesOf(result.findings, 'build')).toMatch(/listen for one dev\.flowsmith\.callback event .*neither secret nor single-use/);
  });

  it.skipIf(corpusDir === undefined)(`Argo: the executor then a suspend whose supplied output is the step's output; the Argo schema accepts it${corpusDir ? '' : ` — skipped: ${corpusSkipReason}`}`, () => {
    const result = exported('argo');
    const validate = argoValidator('io.argoproj.workflow.v1alpha1.WorkflowTemplate', true);
    expect(validate(result.document), describeErrors(validate.errors).join('\n')).toBe(true);
    const templates = (result.document as { spec: { templates: ArgoTemplate[] } }).spec.templates;
    const build = templates.find((t) => t.name === 'build')!;
    expect(build.dag!.tasks.map((t) => [t.name, t.depends])).toEqual([['call', undefined], ['callback', 'call']]);
    const wait = templates.find((t) => t.name === build.dag!.tasks[1]!.template)!;
    expect(wait.suspend).toEqual({ duration: '2h' });
    expect(wait.outputs!.parameters[0]).toMatchObject({ name: 'output', valueFrom: { supplied: {} } });
    const call = templates.find((t) => t.name === build.dag!.tasks[0]!.template)!;
    expect(JSON.stringify(call)).toContain('workflow.name');
    expect(JSON.stringify(call)).toContain('{"name":"FLOWSMITH_CALLBACK_TOKEN","value":"{{workflow.name}}:build"}');
    // The next step reads the supplied output.
    expect(result.text).toContain('tasks.build.outputs.parameters.output');
    expect(result.text.split('$callback').length - 1).toBe(1); // the script's own code
    expect(messagesOf(result.findings, 'report')).toMatch(/the script reads \$callback\.token/);
    expect(messagesOf(result.findings, 'build')).toMatch(/suspend node .*neither secret nor single-use.*instead of failing with Timeout/);
  });
});
