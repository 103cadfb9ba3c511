import { describe, expect, it } from 'vitest';
import type { Flow } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { importArgo } from './index.js';

/** Imports a Workflow whose spec is `spec` (YAML, indented under `spec:`), checking it validates. */
function importSpec(spec: string, kind = 'Workflow'): ReturnType<typeof importArgo> {
  const result = importArgo(`apiVersion: argoproj.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: sample\nspec:\n${spec}`, 'sample.yaml');
  expect(validateFlow(result.flow).filter((f) => f.severity === 'error')).toEqual([]);
  return result;
}

const codes = (r: { findings: { code: string }[] }) => new Set(r.findings.map((f) => f.code));
const steps = (flow: Flow) => flow.steps;

describe('importArgo: steps templates', () => {
  it('turns a group of steps into a parallel block and their when into branches', () => {
    const { flow } = importSpec(`  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: flip
        template: flip
    - - name: heads
        template: say
        when: "{{steps.flip.outputs.result}} == heads"
      - name: tails
        template: say
  - name: flip
    script: {image: python:3, command: [python], source: "print('heads')"}
  - name: say
    container: {image: busybox, command: [echo, "hello world"]}
`);
    expect(flow.start).toBe('flip');
    expect(steps(flow)['flip']).toMatchObject({ type: 'task', shell: `python - <<'FLOWSMITH_SCRIPT'\nprint('heads')\nFLOWSMITH_SCRIPT`, next: 'heads-tails-parallel' });
    expect(steps(flow)['heads-tails-parallel']).toEqual({ type: 'parallel', branches: ['heads-when', 'tails'], join: 'heads-tails-join' });
    expect(steps(flow)['heads-when']).toMatchObject({ type: 'branch', cases: [{ when: '$steps.flip.output.stdout = "heads"', next: 'heads' }], default: 'heads-tails-join' });
    expect(steps(flow)['tails']).toMatchObject({ shell: "echo 'hello world'", next: 'heads-tails-join', title: 'tails' });
  });

  it('substitutes parameters passed to a template and pastes them into script sources', () => {
    const { flow } = importSpec(`  entrypoint: main
  arguments: {parameters: [{name: who, value: world}]}
  templates:
  - name: main
    steps:
    - - name: greet
        template: greet
        arguments: {parameters: [{name: name, value: "{{workflow.parameters.who}}"}]}
  - name: greet
    inputs: {parameters: [{name: name}, {name: greeting, value: hello}]}
    script:
      image: python:3
      command: [python]
      source: print("{{inputs.parameters.greeting}} {{inputs.parameters.name}}", "$HOME")
`);
    expect(flow.inputs).toEqual({ type: 'object', properties: { who: { type: 'string', default: 'world' } } });
    expect(steps(flow)['greet']).toMatchObject({
      shell: 'python - <<FLOWSMITH_SCRIPT\nprint("hello {{ $input.who }}", "\\$HOME")\nFLOWSMITH_SCRIPT',
    });
  });

  it('imports a recursive call as a subflow call with a finding', () => {
    const result = importSpec(`  entrypoint: loop
  templates:
  - name: loop
    steps:
    - - name: work
        template: work
    - - name: again
        template: loop
        when: "{{steps.work.outputs.result}} != done"
  - name: work
    container: {image: busybox, command: [sh, -c, "echo done"]}
`);
    expect(steps(result.flow)['again']).toMatchObject({ type: 'task', call: 'sample.yaml' });
    expect(codes(result).has('FS230')).toBe(true);
  });
});

describe('importArgo: dag templates', () => {
  it('reads a diamond as a parallel block closed by a join', () => {
    const { flow } = importSpec(`  entrypoint: d
  templates:
  - name: d
    dag:
      tasks:
      - {name: A, template: echo}
      - {name: B, template: echo, depends: A}
      - {name: C, template: echo, dependencies: [A]}
      - {name: D, template: echo, depends: "B && C"}
  - name: echo
    container: {image: busybox, command: [echo, hi]}
`);
    expect(steps(flow)['a']).toMatchObject({ next: 'b-fork-parallel' });
    expect(steps(flow)['b-fork-parallel']).toEqual({ type: 'parallel', branches: ['b', 'c'], join: 'b-fork-join' });
    expect(steps(flow)['b-fork-join']).toEqual({ type: 'join', mode: 'all', next: 'd' });
  });

  it('puts a DAG that is not nested blocks in sequence, with a finding', () => {
    const result = importSpec(`  entrypoint: d
  templates:
  - name: d
    dag:
      tasks:
      - {name: a, template: t}
      - {name: b, template: t}
      - {name: c, template: t, depends: a}
      - {name: e, template: t, depends: a && b}
  - name: t
    container: {image: busybox, command: ["true"]}
`);
    expect(codes(result).has('FS226')).toBe(true);
    expect(Object.keys(steps(result.flow))).toEqual(['a', 'b', 'c', 'e']);
  });

  it('checks task results with a branch and lets the failing task continue', () => {
    const result = importSpec(`  entrypoint: d
  templates:
  - name: d
    dag:
      tasks:
      - {name: try, template: t}
      - {name: recover, template: t, depends: try.Failed}
  - name: t
    container: {image: busybox, command: ["false"]}
`);
    expect(steps(result.flow)['try']).toMatchObject({ continueOnError: true, next: 'recover-when' });
    expect(steps(result.flow)['recover-when']).toMatchObject({ cases: [{ when: '$steps.try.status = "failed"', next: 'recover' }] });
  });

  it('turns loops into map steps: withItems, withParam and withSequence', () => {
    const { flow } = importSpec(`  entrypoint: d
  templates:
  - name: d
    dag:
      tasks:
      - {name: gen, template: gen}
      - name: each
        template: show
        depends: gen
        arguments: {parameters: [{name: msg, value: "{{item.name}}"}]}
        withParam: "{{tasks.gen.outputs.result}}"
      - {name: fixed, template: show, arguments: {parameters: [{name: msg, value: "{{item}}"}]}, withItems: [a, b], depends: each}
      - {name: down, template: show, arguments: {parameters: [{name: msg, value: "{{item}}"}]}, withSequence: {start: "5", end: "1"}, depends: fixed}
  - name: gen
    script: {image: alpine, command: [sh], source: "echo '[{\\"name\\": \\"x\\"}]'"}
  - name: show
    inputs: {parameters: [{name: msg}]}
    container: {image: busybox, command: [echo, "{{inputs.parameters.msg}}"]}
`);
    expect(steps(flow)['each']).toMatchObject({ type: 'map', items: '$steps.gen.output', start: 'each-each', steps: { 'each-each': { shell: "echo '{{ $item.name }}'" } } });
    expect(steps(flow)['fixed']).toMatchObject({ type: 'map', items: '["a","b"]' });
    expect(steps(flow)['down']).toMatchObject({ type: 'map', items: '$reverse([1..5])' });
  });
});

describe('importArgo: leaf templates', () => {
  it('turns suspends into approvals (with placeholder approvers) and waits', () => {
    const result = importSpec(`  entrypoint: main
  templates:
  - name: main
    steps:
    - - {name: ok, template: approve}
    - - {name: pause, template: delay}
  - name: approve
    suspend: {}
  - name: delay
    suspend: {duration: "20"}
`);
    expect(steps(result.flow)['ok']).toMatchObject({ type: 'approval', approvers: ['fill-in-approver'], next: 'pause' });
    expect(steps(result.flow)['pause']).toMatchObject({ type: 'wait', duration: '20s' });
    expect(codes(result).has('FS223')).toBe(true);
  });

  it('reads http templates, retry strategies, timeouts and resource templates', () => {
    const result = importSpec(`  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - {name: call, template: call}
      - {name: apply, template: apply, depends: call}
  - name: call
    retryStrategy: {limit: "3", retryPolicy: OnFailure, backoff: {duration: "2", factor: "2", cap: "1m"}}
    http:
      url: https://example.invalid/{{workflow.name}}
      method: post
      headers: [{name: Accept, value: application/json}]
      body: '{"a": 1}'
      successCondition: response.statusCode == 200 || response.statusCode == 201
      timeoutSeconds: 20
  - name: apply
    activeDeadlineSeconds: 30
    resource: {action: create, manifest: "kind: ConfigMap"}
`);
    expect(steps(result.flow)['call']).toMatchObject({
      http: { url: 'https://example.invalid/{{ $run.id }}', method: 'POST', headers: { Accept: 'application/json' }, body: { a: 1 }, expectStatus: [200, 201] },
      timeout: '20s',
      retry: { maxAttempts: 4, delay: '2s', backoff: 'exponential', multiplier: 2, maxDelay: '1m' },
    });
    expect(steps(result.flow)['apply']).toMatchObject({ timeout: '30s', shell: "kubectl create -f - <<'FLOWSMITH_MANIFEST'\nkind: ConfigMap\nFLOWSMITH_MANIFEST" });
    for (const code of ['FS227', 'FS228']) expect(codes(result).has(code)).toBe(true);
  });
});

describe('importArgo: documents', () => {
  it('reads a CronWorkflow: schedule and timezone become a trigger', () => {
    const result = importSpec(
      `  schedule: "0 2 * * *"
  timezone: Europe/Paris
  concurrencyPolicy: Forbid
  workflowSpec:
    entrypoint: hi
    templates:
    - name: hi
      container: {image: busybox, command: [echo, hi]}
`,
      'CronWorkflow',
    );
    expect(result.flow.triggers).toEqual([{ cron: '0 2 * * *', timezone: 'Europe/Paris' }]);
    expect(result.flow.steps['hi']).toMatchObject({ type: 'task', shell: 'echo hi' });
    expect(codes(result).has('FS233')).toBe(true);
  });

  it('appends the exit handler after the flow, with a finding', () => {
    const result = importSpec(`  entrypoint: hi
  onExit: bye
  templates:
  - {name: hi, container: {image: busybox, command: [echo, hi]}}
  - {name: bye, container: {image: busybox, command: [echo, "{{workflow.status}}"]}}
`);
    expect(result.flow.steps['hi']).toMatchObject({ next: 'bye' });
    expect(result.flow.steps['bye']).toMatchObject({ shell: "echo '{{ \"Succeeded\" }}'" });
    expect(codes(result).has('FS229')).toBe(true);
  });

  it('says so, at the step, when an exit-handler branch on workflow.status becomes a constant (issue #11 item 17)', () => {
    const result = importSpec(`  entrypoint: hi
  onExit: exit
  templates:
  - {name: hi, container: {image: busybox, command: [echo, hi]}}
  - name: exit
    steps:
    - - {name: celebrate, template: say, when: "{{workflow.status}} == Succeeded"}
      - {name: cry, template: say, when: "{{workflow.status}} != Succeeded"}
  - {name: say, container: {image: busybox, command: [echo, bye]}}
`);
    const constant = result.findings.filter((f) => f.code === 'FS229' && /reads workflow\.status/.test(f.message));
    expect(constant.map((f) => [f.step, f.line !== undefined])).toEqual([
      ['celebrate', true],
      ['cry', true],
    ]);
    expect(constant[1]!.message).toMatch(/after success \(status "Succeeded", here "Succeeded" != "Succeeded"\) and again on the path that catches a failure of the main steps \(status "Failed"\)/);
    // The failure copy's branch is not constant-false: "cry" can run (exit-handler.test.ts runs it).
    expect(Object.values(result.flow.steps).some((s) => s.type === 'branch' && s.cases[0]?.when === '"Failed" != "Succeeded"')).toBe(true);
    expect(JSON.stringify(result.flow)).toContain('Argo exit-handler branch on the workflow status');
  });

  it('imports the first workflow document of a file and reports the others', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: first}\nspec:\n  entrypoint: a\n  templates: [{name: a, container: {image: busybox, command: ["true"]}}]\n---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: second}\nspec: {}\n`;
    const result = importArgo(text, 'two.yaml');
    expect(result.flow.name).toBe('first');
    expect(result.findings.filter((f) => f.code === 'FS221').map((f) => f.line)).toEqual([1, 12]);
  });

  it.each([
    ['not YAML', 'a: [1, 2'],
    ['not a workflow', 'apiVersion: v1\nkind: ConfigMap\n'],
    ['empty', ''],
  ])('never throws on %s: an FS220 error and a minimal valid flow', (_what, text) => {
    const result = importArgo(text, 'bad.yaml');
    expect(result.findings.some((f) => f.code === 'FS220' && f.severity === 'error' && f.file === 'bad.yaml')).toBe(true);
    expect(validateFlow(result.flow).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
