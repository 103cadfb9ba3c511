import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Flow } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { exportServerlessWorkflow } from './index.js';
import { checkWithSdk } from './sdk-check.js';
import { checkWithSpecSchema, corpusMissing, templateFlows, testdataFlow } from './test-helpers.js';

type Task = Record<string, unknown>;
type Item = Record<string, Task>;

/** The task named `name` anywhere in the document (first match, depth first). */
function findTask(node: unknown, name: string): Task | undefined {
  if (Array.isArray(node)) {
    for (const x of node) {
      const hit = findTask(x, name);
      if (hit) return hit;
    }
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === name && v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Task;
      const hit = findTask(v, name);
      if (hit) return hit;
    }
  }
  return undefined;
}

const codesOf = (flow: Flow) => exportServerlessWorkflow(flow).findings.map((f) => `${f.code} ${f.step ?? ''}`.trim());

describe('exportServerlessWorkflow on the templates', () => {
  const templates = [...templateFlows(), ['all-step-types.yaml', testdataFlow('all-step-types.yaml')] as [string, Flow]];

  it('finds the templates', () => {
    expect(templates.length).toBeGreaterThanOrEqual(4);
  });

  it.each(templates)('%s: the flow itself is valid, so findings are the exporter\'s', (_name, flow) => {
    expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each(templates)('%s passes @serverlessworkflow/sdk validation', (_name, flow) => {
    const result = exportServerlessWorkflow(flow);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(checkWithSdk(result.document)).toEqual([]);
    // The YAML text is the same document.
    expect(checkWithSdk(parse(result.text))).toEqual([]);
    expect(result).toMatchObject({ target: 'serverless-workflow', format: 'yaml' });
  });

  // The official schema lives in ../shared/corpus, which is not shipped: without it these are
  // skipped, and the name says why.
  it.skipIf(corpusMissing !== undefined).each(templates)(
    `%s passes the official DSL 1.0.3 JSON schema (ajv)${corpusMissing ? ` — skipped: ${corpusMissing}` : ''}`,
    (_name, flow) => {
      expect(checkWithSpecSchema(exportServerlessWorkflow(flow).document)).toEqual([]);
    },
  );

  it('web-app-deploy: reports the approval, compensation and http losses', () => {
    const flow = templates.find(([n]) => n === 'web-app-deploy.yaml')![1];
    expect(codesOf(flow)).toEqual(
      expect.arrayContaining(['FS162 approve', 'FS163 start-preview', 'FS163 backup-current', 'FS167 health-check', 'FS175']),
    );
  });

  it('all-step-types: reports wait until, notify, subflow, map and untranslated expressions', () => {
    const codes = codesOf(testdataFlow('all-step-types.yaml'));
    expect(codes).toEqual(
      expect.arrayContaining(['FS165 later', 'FS168 notify-team', 'FS170 call-audit', 'FS171 each-host', 'FS161 build', 'FS169 skip', 'FS166']),
    );
  });
});

describe('exportServerlessWorkflow structure', () => {
  const flow = (steps: Flow['steps'], extra: Partial<Flow> = {}): Flow => ({ flowsmith: '1.0', name: 'unit', start: Object.keys(steps)[0]!, steps, ...extra });

  it('writes document metadata, input schema and the first trigger as schedule', () => {
    const doc = exportServerlessWorkflow(
      flow(
        { a: { type: 'succeed' } },
        { title: 'Unit', description: 'A test', inputs: { type: 'object' }, triggers: [{ cron: '0 1 * * *', timezone: 'UTC' }] },
      ),
    );
    expect(doc.document).toMatchObject({
      document: { dsl: '1.0.3', namespace: 'flowsmith', name: 'unit', version: '1.0.0', title: 'Unit', summary: 'A test' },
      input: { schema: { format: 'json', document: { type: 'object' } } },
      schedule: { cron: '0 1 * * *' },
    });
    expect(doc.findings.map((f) => f.code)).toContain('FS172');
  });

  it('turns a branch into a switch whose cases name tasks, with an explicit default', () => {
    const doc = exportServerlessWorkflow(
      flow({
        check: { type: 'branch', cases: [{ when: '$input.env = "prod"', next: 'prod' }] },
        prod: { type: 'fail', error: 'Prod' },
      }),
    ).document as { do: Item[] };
    expect(doc.do[0]!['check']).toEqual({
      switch: [{ 'case-1': { when: '${ $workflow.input.env == "prod" }', then: 'prod' } }, { default: { then: 'end' } }],
    });
  });

  it('turns parallel + join any into fork compete and continues after the join', () => {
    const doc = exportServerlessWorkflow(
      flow({
        p: { type: 'parallel', branches: ['a', 'b'], join: 'j' },
        a: { type: 'task', shell: 'echo a', next: 'j' },
        b: { type: 'task', shell: 'echo b', next: 'j' },
        j: { type: 'join', mode: 'any', next: 'after' },
        after: { type: 'succeed' },
      }),
    ).document as { do: Item[] };
    const fork = doc.do[0]!['p']!['fork'] as { branches: Item[]; compete: boolean };
    expect(fork.compete).toBe(true);
    expect(fork.branches.map((b) => Object.keys(b)[0])).toEqual(['a', 'b']);
    expect(fork.branches[0]!['a']).toMatchObject({ run: { shell: { command: 'echo a' } } });
    expect(Object.keys(doc.do[1]!)).toEqual(['after']);
  });

  it('turns a map into for with a nested do and $item', () => {
    const doc = exportServerlessWorkflow(
      flow({
        m: { type: 'map', items: '$input.hosts', as: 'host', start: 'ping', steps: { ping: { type: 'task', http: { url: 'http://{{ $host }}/' } } } },
      }),
    ).document as { do: Item[] };
    const m = doc.do[0]!['m']!;
    expect(m['for']).toEqual({ each: 'item', in: '${ $workflow.input.hosts }', at: 'index' });
    expect(findTask(m['do'], 'ping')).toMatchObject({ call: 'http', with: { method: 'get', endpoint: '${ "http://\\($item)/" }' } });
  });

  it('maps retry to try/catch with a re-raise, and one fail target to a raise in catch.do', () => {
    const doc = exportServerlessWorkflow(
      flow({
        t: { type: 'task', shell: 'x', retry: { maxAttempts: 4, delay: '2s', backoff: 'exponential' }, next: 'u' },
        u: { type: 'task', shell: 'y', catch: [{ errors: ['Timeout'], next: 'boom' }] },
        boom: { type: 'fail', error: 'Boom', message: 'it broke' },
      }),
    ).document as { do: Item[] };
    const t = doc.do[0]!['t']!;
    expect(t['catch']).toMatchObject({
      retry: { delay: 'PT2S', backoff: { exponential: {} }, limit: { attempt: { count: 3 } } },
      do: [{ 't-rethrow': { raise: { error: { type: '${ $error.type }' } } } }],
    });
    const u = doc.do[1]!['u']!;
    expect(u['catch']).toEqual({
      errors: { with: { type: 'https://serverlessworkflow.io/spec/1.0.0/errors/timeout' } },
      do: [{ boom: { raise: { error: { type: 'https://flowsmith.dev/errors/Boom', status: 500, title: 'Boom', detail: 'it broke' } } } }],
    });
  });

  it('routes catch clauses to different targets through a switch after the try', () => {
    const doc = exportServerlessWorkflow(
      flow({
        t: { type: 'task', shell: 'x', catch: [{ errors: ['ShellExit'], next: 'fix' }, { errors: ['*'], next: 'boom' }], next: 'ok' },
        ok: { type: 'succeed' },
        fix: { type: 'task', shell: 'fix', next: 'ok' },
        boom: { type: 'fail' },
      }),
    ).document as { do: Item[] };
    expect(doc.do.map((i) => Object.keys(i)[0])).toEqual(['t', 't-route', 'fix', 'ok', 'boom']);
    const caught = findTask(doc.do[0], 't-caught')!;
    expect(caught['set']).toEqual({
      'flowsmith-caught': '${ if $error.type == "https://serverlessworkflow.io/spec/1.0.0/errors/runtime" then "fix" elif true then "boom" else null end }',
    });
    expect(doc.do[1]!['t-route']!['switch']).toEqual([
      { 'caught-1': { when: '${ (.["flowsmith-caught"]? // null) == "fix" }', then: 'fix' } },
      { 'caught-2': { when: '${ (.["flowsmith-caught"]? // null) == "boom" }', then: 'boom' } },
      { default: { then: 'ok' } },
    ]);
  });

  it('exports vars into $context first, and step outputs that others read', () => {
    const result = exportServerlessWorkflow(
      flow(
        {
          a: { type: 'task', shell: 'echo {"n": 1}', set: { total: '$.n + 1' }, next: 'b' },
          b: { type: 'task', shell: 'echo {{ $steps.a.output.n }} {{ $vars.total }} {{ $vars.app }}' },
        },
        { vars: { app: 'shop' } },
      ),
    );
    const doc = result.document as { do: Item[] };
    expect(doc.do[0]).toEqual({ 'init-vars': { set: { app: 'shop' }, export: { as: '${ $context + . }' }, metadata: { flowsmith: { role: 'vars' } } } });
    const a = doc.do[1]!['a']!;
    expect(a['run']).toMatchObject({ return: 'all' });
    expect(a['export']).toEqual({ as: '${ . as $out | $context | .steps.a = $out | .total = ($out.n + 1) }' });
    expect(findTask(doc.do[2], 'b')!['run']).toEqual({
      shell: {
        command: 'echo "${FLOWSMITH_ARG_0}" "${FLOWSMITH_ARG_1}" "${FLOWSMITH_ARG_2}"',
        environment: {
          FLOWSMITH_ARG_0: '${ $context.steps.a.n | tostring }',
          FLOWSMITH_ARG_1: '${ $context.total | tostring }',
          FLOWSMITH_ARG_2: '${ $context.app | tostring }',
        },
      },
    });
  });

  it('exports an approval as emit + listen + a route switch, with a raise for rejection', () => {
    const result = exportServerlessWorkflow(
      flow({
        ok: { type: 'approval', approvers: ['lead'], quorum: 2, timeout: '1h', next: 'done' },
        done: { type: 'succeed' },
      }),
    );
    const doc = result.document as { do: Item[] };
    expect(doc.do.map((i) => Object.keys(i)[0])).toEqual(['ok', 'ok-route', 'ok-rejected', 'done']);
    expect(findTask(doc.do[0], 'ok-decision')).toEqual({
      listen: { to: { one: { with: { type: 'dev.flowsmith.approval', subject: 'ok' } } } },
      timeout: { after: 'PT1H' },
    });
    expect(doc.do[2]!['ok-rejected']).toMatchObject({ raise: { error: { title: 'Rejected', status: 403 } } });
    const approval = result.findings.find((f) => f.code === 'FS162')!;
    expect(approval.message).toMatch(/lead.*quorum of 2/);
  });

  it('reports an untranslatable expression and leaves it visible', () => {
    const result = exportServerlessWorkflow(
      flow({ c: { type: 'branch', cases: [{ when: '$count($input.items) > 1', next: 'd' }] }, d: { type: 'succeed' } }),
    );
    expect(result.findings).toContainEqual(expect.objectContaining({ code: 'FS161', step: 'c', severity: 'warning' }));
    expect(JSON.stringify(result.document)).toContain('${ $count($input.items) > 1 }');
  });

  it('reports the SDK rejecting a document as an error finding', () => {
    const bad = { document: { dsl: '1.0.3', namespace: 'x', name: 'x', version: '1.0.0' }, do: [{ a: { wiat: 'PT1S' } }] };
    expect(checkWithSdk(bad).length).toBeGreaterThan(0);
    expect(checkWithSdk({ ...bad, document: { ...bad.document, dsl: '1.0.0' } })[0]!.message).toMatch(/1\.0\.0/);
  });
});
