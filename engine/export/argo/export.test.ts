import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Flow } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { loadFlowText } from '../../yaml/load.js';
import type { ArgoTask, ArgoTemplate } from './context.js';
import { exportArgo } from './index.js';
import { argoValidator, corpusDir, corpusSkipReason, describeErrors, repoRoot } from './test-support.js';

const WORKFLOW_TEMPLATE = 'io.argoproj.workflow.v1alpha1.WorkflowTemplate';

/** Native flow files shipped as templates (scenario files beside them are not flows). */
const templateFiles = readdirSync(path.join(repoRoot, 'resources/templates'))
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('.scenarios.yaml'))
  .map((f) => `resources/templates/${f}`);
const allStepTypes = 'engine/testdata/flows/all-step-types.yaml';

/** Loads a flow by its path relative to the repository root. */
function load(file: string): Flow {
  const loaded = loadFlowText(readFileSync(path.join(repoRoot, file), 'utf8'), file);
  expect(loaded.flow).not.toBeNull();
  return loaded.flow!;
}

/** A small flow from YAML text; it must validate, so the exporter sees what it would in the product. */
function flowOf(text: string): Flow {
  const flow = parse(`flowsmith: "1.0"\nname: t\n${text}`) as Flow;
  expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
  return flow;
}

type Spec = { templates: ArgoTemplate[]; onExit?: string; arguments?: { parameters: { name: string; value?: string }[] } };
const specOf = (doc: unknown) => (doc as { spec: Spec }).spec;
const mainTasks = (doc: unknown): ArgoTask[] => specOf(doc).templates.find((t) => t.name === 'main')!.dag!.tasks;
const task = (doc: unknown, name: string) => mainTasks(doc).find((t) => t.name === name);
const template = (doc: unknown, name: string) => specOf(doc).templates.find((t) => t.name === name);
const codesOf = (findings: { code: string; step?: string }[], step?: string) =>
  new Set(findings.filter((f) => step === undefined || f.step === step).map((f) => f.code));

describe.skipIf(!corpusDir)(`export passes the Argo JSON schema (skipped when ${corpusSkipReason})`, () => {
  it.each([...templateFiles, allStepTypes])('%s', (file) => {
    const result = exportArgo(load(file));
    const validate = argoValidator(WORKFLOW_TEMPLATE);
    expect(validate(result.document), describeErrors(validate.errors).join('\n')).toBe(true);
    // Closed: no field in a place the schema does not list it.
    const closed = argoValidator(WORKFLOW_TEMPLATE, true);
    expect(closed(result.document), describeErrors(closed.errors).join('\n')).toBe(true);
    // The YAML text is the same document.
    expect(parse(result.text)).toEqual(JSON.parse(JSON.stringify(result.document)));
  });
});

describe('exportArgo on the shipped templates', () => {
  it.each(templateFiles)('has no self-check errors for %s', (file) => {
    const result = exportArgo(load(file));
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result).toMatchObject({ target: 'argo', format: 'yaml' });
    expect(result.document).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: load(file).name } });
  });

  it('exports web-app-deploy with its approval, branch, parallel, retry and compensation', () => {
    const { document: doc, findings } = exportArgo(load('resources/templates/web-app-deploy.yaml'));
    expect(task(doc, 'approve')).toMatchObject({ depends: 'env-gate.Succeeded', when: "'{{workflow.parameters.environment}}' == 'production'" });
    expect(task(doc, 'rejected')).toMatchObject({
      depends: 'approve.Succeeded',
      when: "'{{tasks.approve.outputs.parameters.decision}}' == 'reject' || '{{tasks.approve.outputs.parameters.decision}}' == 'timeout'",
    });
    // prepare is reached from the branch default and from the approval: one route task per condition.
    expect(task(doc, 'prepare')!.depends).toBe('env-gate-to-prepare.Succeeded || approve-to-prepare.Succeeded');
    expect(task(doc, 'env-gate-to-prepare')!.when).toBe("!('{{workflow.parameters.environment}}' == 'production')");
    expect(task(doc, 'prepared')!.depends).toBe('stop-preview.Succeeded && backup-current.Succeeded');
    expect(task(doc, 'rollback')!.depends).toBe('(deploy.Failed || deploy.Errored) || (verify.Failed || verify.Errored)');
    expect(template(doc, 'approve')).toMatchObject({ suspend: { duration: '2h' }, outputs: { parameters: [{ name: 'decision', valueFrom: { supplied: {}, default: 'timeout' } }] } });
    expect(template(doc, 'health-check')).toMatchObject({
      http: { successCondition: 'response.statusCode == 200', timeoutSeconds: 2 },
      retryStrategy: { limit: '4', retryPolicy: 'Always', backoff: { duration: '200ms', factor: '2' } },
    });
    expect(template(doc, 'deploy')!.activeDeadlineSeconds).toBe('30');
    expect(specOf(doc).onExit).toBe('flowsmith-compensate');
    expect(template(doc, 'flowsmith-compensate')!.dag!.tasks.map((t) => t.name)).toEqual(['undo-backup-current', 'undo-start-preview']);
    expect(codesOf(findings, 'approve')).toEqual(new Set(['FS123', 'FS124']));
    for (const code of ['FS126', 'FS127', 'FS129']) expect(codesOf(findings, 'deploy').has(code)).toBe(true);
    expect(codesOf(findings, 'backup-current').has('FS128')).toBe(true);
  });

  it('passes values to shell scripts through the environment, quoted for where they stand', () => {
    const { document: doc } = exportArgo(load('resources/templates/web-app-deploy.yaml'));
    const script = template(doc, 'build')!.script as { source: string; env: { name: string; value: string }[] };
    expect(script.source.startsWith('version="${FLOWSMITH_ARG_0}"\napp="${FLOWSMITH_ARG_1}"')).toBe(true);
    expect(script.env.slice(0, 2)).toEqual([
      { name: 'FLOWSMITH_ARG_0', value: '{{workflow.parameters.version}}' },
      { name: 'FLOWSMITH_ARG_1', value: 'shop' },
    ]);
  });

  it('reports the trigger of nightly-backup and the catch of db-change', () => {
    expect(codesOf(exportArgo(load('resources/templates/nightly-backup.yaml')).findings).has('FS135')).toBe(true);
    expect(codesOf(exportArgo(load('resources/templates/db-change.yaml')).findings, 'migrate').has('FS126')).toBe(true);
  });

  it('exports every step type of all-step-types, with a finding for each loss', () => {
    const { document: doc, findings } = exportArgo(load(allStepTypes));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(task(doc, 'each-host')).toMatchObject({ template: 'each-host', arguments: { parameters: [{ name: 'items', value: '{{workflow.parameters.hosts}}' }] } });
    expect(template(doc, 'each-host')).toMatchObject({ parallelism: 2, dag: { tasks: [{ name: 'each', template: 'each-host-body', withParam: '{{inputs.parameters.items}}' }] } });
    expect(template(doc, 'ping')!.http).toMatchObject({ url: 'http://{{inputs.parameters.item}}/health' });
    expect(task(doc, 'call-audit')).toMatchObject({ templateRef: { name: 'audit', template: 'main' } });
    expect(task(doc, 'fanned-in')!.depends).toBe('notify-team.Succeeded || call-audit.Succeeded');
    expect(template(doc, 'settle')!.suspend).toEqual({ duration: '30s' });
    const expected: [string, string][] = [
      ['build', 'FS134'], ['build', 'FS125'], ['later', 'FS132'], ['fanned-in', 'FS133'], ['notify-team', 'FS130'],
      ['call-audit', 'FS131'], ['each-host', 'FS137'], ['skip', 'FS129'], ['sign-off', 'FS123'],
    ];
    for (const [step, code] of expected) expect(codesOf(findings, step).has(code), `${step} ${code}`).toBe(true);
  });
});

describe('exportArgo on focused flows', () => {
  it('leaves a loop out of the DAG with a finding', () => {
    const flow = flowOf(`start: poll
steps:
  poll: {type: task, shell: "check", next: ready}
  ready:
    type: branch
    cases: [{when: '$steps.poll.output.stdout = "ok"', next: done}]
    default: pause
  pause: {type: wait, duration: 10s, next: poll}
  done: {type: succeed}
`);
    const { document: doc, findings } = exportArgo(flow);
    expect(findings.filter((f) => f.code === 'FS122')).toHaveLength(1);
    expect(task(doc, 'poll')!.depends).toBeUndefined();
    expect(task(doc, 'done')).toMatchObject({ depends: 'ready.Succeeded', when: "'{{tasks.poll.outputs.result}}' == 'ok'" });
    expect(task(doc, 'pause')).toMatchObject({ when: "!('{{tasks.poll.outputs.result}}' == 'ok')" });
  });

  it('makes later branch cases exclusive of earlier ones', () => {
    const flow = flowOf(`start: pick
steps:
  pick:
    type: branch
    cases:
      - {when: '$input.n > 10', next: big}
      - {when: '$input.n > 5', next: medium}
    default: small
  big: {type: succeed}
  medium: {type: succeed}
  small: {type: succeed}
`);
    const { document: doc } = exportArgo(flow);
    expect(task(doc, 'medium')!.when).toBe('{{workflow.parameters.n}} > 5 && !({{workflow.parameters.n}} > 10)');
    expect(task(doc, 'small')!.when).toBe('!({{workflow.parameters.n}} > 10) && !({{workflow.parameters.n}} > 5)');
  });

  it('writes a join that needs 2 of 3 branches as alternatives, with a finding', () => {
    const flow = flowOf(`start: fork
steps:
  fork: {type: parallel, branches: [a, b, c], join: meet}
  a: {type: task, shell: a, next: meet}
  b: {type: task, shell: b, next: meet}
  c: {type: task, shell: c, next: meet}
  meet: {type: join, mode: {count: 2}}
`);
    const { document: doc, findings } = exportArgo(flow);
    expect(task(doc, 'meet')!.depends).toBe('(a.Succeeded && b.Succeeded) || (a.Succeeded && c.Succeeded) || (b.Succeeded && c.Succeeded)');
    expect(codesOf(findings, 'meet').has('FS133')).toBe(true);
  });

  it('renames step ids that are not DNS labels and rounds a fractional backoff factor', () => {
    const flow = flowOf(`start: Build_App
steps:
  Build_App: {type: task, shell: make, retry: {maxAttempts: 3, delay: 1s, backoff: exponential, multiplier: 1.5, jitter: true}}
`);
    const { document: doc, findings } = exportArgo(flow);
    expect(task(doc, 'build-app')).toMatchObject({ template: 'build-app' });
    expect(template(doc, 'build-app')!.retryStrategy).toEqual({ limit: '2', retryPolicy: 'Always', backoff: { duration: '1s', factor: '2' } });
    expect([...codesOf(findings, 'Build_App')].sort()).toEqual(['FS125', 'FS129', 'FS136']);
  });

  it('fails the workflow when an approval without onReject is rejected', () => {
    const flow = flowOf(`start: ok
steps:
  ok: {type: approval, approvers: [lead], next: go}
  go: {type: task, shell: deploy}
`);
    const { document: doc } = exportArgo(flow);
    expect(task(doc, 'ok-rejected')).toMatchObject({ depends: 'ok.Succeeded', when: "'{{tasks.ok.outputs.parameters.decision}}' == 'reject'" });
    expect(template(doc, task(doc, 'ok-rejected')!.template!)!.script).toMatchObject({ source: expect.stringContaining('exit 1') });
  });

  it('writes a range of numbers as withSequence and a webhook notification as an http POST', () => {
    const flow = flowOf(`start: count
steps:
  count:
    type: map
    items: '[1..3]'
    start: tell
    steps:
      tell: {type: task, notify: {title: Count, message: "item {{ $item }}", webhook: "https://hooks.example.invalid/x", format: slack}}
`);
    const { document: doc } = exportArgo(flow);
    expect(task(doc, 'count')).toMatchObject({ withSequence: { start: '1', end: '3' } });
    expect(template(doc, 'tell')!.http).toEqual({
      method: 'POST',
      url: 'https://hooks.example.invalid/x',
      headers: [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }],
      body: JSON.stringify({ text: '*Count*\nitem {{inputs.parameters.item}}' }),
    });
  });

  it('reads the item inside a map body and reports $index', () => {
    const flow = flowOf(`inputs: {type: object, properties: {hosts: {type: array}}}
start: each
steps:
  each:
    type: map
    items: $input.hosts
    as: host
    start: ping
    steps:
      ping: {type: task, shell: "ping -c1 {{ $host.name }} # {{ $index }}"}
`);
    const { document: doc, findings } = exportArgo(flow);
    expect(task(doc, 'each')).toMatchObject({ template: 'each', withParam: '{{workflow.parameters.hosts}}', arguments: { parameters: [{ name: 'item', value: '{{item}}' }] } });
    const env = (template(doc, 'ping')!.script as { env: { value: string }[] }).env;
    expect(env.map((e) => e.value)).toEqual(['{{=jsonpath(inputs.parameters.item, "$.name")}}', '[untranslated: $index]']);
    expect(codesOf(findings, 'ping').has('FS121')).toBe(true);
  });
});
