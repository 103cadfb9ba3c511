import { describe, expect, it } from 'vitest';
import type { Flow } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { importServerlessWorkflow, stepIdOf } from './index.js';

const head = `document: {dsl: '1.0.0', namespace: test, name: unitTest, version: '0.1.0'}\n`;

/** Imports `text` and checks the flow validates with no error finding (every test relies on it). */
function imported(text: string) {
  const result = importServerlessWorkflow(text, 'unit.yaml');
  expect(validateFlow(result.flow).filter((f) => f.severity === 'error')).toEqual([]);
  return { ...result, codes: result.findings.map((f) => f.code) };
}

describe('importServerlessWorkflow: documents it cannot import', () => {
  it('refuses a 0.8 document with the version found, without crashing', () => {
    const r = imported(`id: greeting\nversion: '1.0'\nspecVersion: '0.8'\nstart: Greet\nfunctions: []\nstates:\n  - name: Greet\n    type: operation\n    end: true\n`);
    expect(r.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'FS261', message: expect.stringMatching(/0\.8.*only Serverless Workflow DSL 1\.0\.x/) })]);
    expect(r.flow.name).toBe('greeting');
  });

  it('refuses another DSL version', () => {
    expect(imported(`document: {dsl: '2.0.0', namespace: a, name: b, version: '1.0.0'}\ndo: []\n`).codes).toEqual(['FS261']);
  });

  it.each([['not: [valid'], ['- a\n- b\n'], ['']])('reports unreadable text %j as FS260', (text) => {
    expect(imported(text).codes).toEqual(['FS260']);
  });
});

describe('importServerlessWorkflow: tasks and directives', () => {
  it('names steps in kebab case, unique across the flow', () => {
    expect(stepIdOf('getPetById')).toBe('get-pet-by-id');
    expect(stepIdOf('HTTPCall')).toBe('http-call');
    expect(stepIdOf('wait_30s')).toBe('wait-30s');
    const r = imported(`${head}do:\n  - getPet: {wait: PT1S}\n  - step: {do: [{getPet: {wait: PT2S}}]}\n`);
    expect(Object.keys(r.flow.steps)).toEqual(['get-pet', 'get-pet-2']);
    expect(r.flow.steps['get-pet']).toEqual({ type: 'wait', duration: 'PT1S', next: 'get-pet-2' });
    expect(r.codes).toContain('FS271');
  });

  it('follows then: continue, exit, end and task names; switch becomes a branch', () => {
    const r = imported(`${head}do:
  - route:
      switch:
        - big: {when: .size > 10, then: large}
        - none: {when: '\${ .size == 0 }', then: end}
        - default: {then: small}
  - small: {wait: {seconds: 1}, then: exit}
  - large: {wait: {minutes: 1, seconds: 30}}
  - unreachable: {wait: PT1S}
`);
    expect(r.flow.start).toBe('route');
    const route = r.flow.steps['route'];
    expect(route).toMatchObject({ type: 'branch', default: 'small', cases: [{ when: '$input.size > 10', next: 'large' }, { when: '$input.size = 0' }] });
    const endCase = (route as { cases: { next: string }[] }).cases[1]!.next;
    expect(r.flow.steps[endCase]).toMatchObject({ type: 'succeed' });
    expect(r.flow.steps['small']).toEqual({ type: 'wait', duration: '1s' });
    expect(r.flow.steps['large']).toEqual({ type: 'wait', duration: '1m30s', next: 'unreachable' });
  });

  it('puts a branch in front of a task with if; a false condition skips to the next task', () => {
    const r = imported(`${head}do:\n  - stop: {if: .age < 18, raise: {error: {type: https://e.x/forbidden, status: 403, title: Forbidden}}, then: end}\n  - go: {wait: PT1S}\n`);
    expect(r.flow.steps['stop-if']).toEqual({ type: 'branch', cases: [{ when: '$input.age < 18', next: 'stop' }], default: 'go' });
    expect(r.flow.steps['stop']).toEqual({ type: 'fail', error: 'Forbidden' });
  });

  it('turns fork into parallel and a generated join (compete → any)', () => {
    const r = imported(`${head}do:
  - alarm:
      fork:
        compete: true
        branches:
          - nurse: {call: http, with: {method: put, endpoint: 'https://h.x/nurse', body: {room: '\${ .room }'}}}
          - doctor: {do: [{page: {wait: PT1S}}, {call: {call: http, with: {method: get, endpoint: 'https://h.x/doc'}}}]}
  - after: {wait: PT1S}
`);
    expect(r.flow.steps['alarm']).toEqual({ type: 'parallel', branches: ['nurse', 'page'], join: 'alarm-join' });
    expect(r.flow.steps['alarm-join']).toEqual({ type: 'join', mode: 'any', next: 'after' });
    expect(r.flow.steps['nurse']).toMatchObject({ http: { method: 'PUT', body: { room: '{{ $input.room }}' } }, next: 'alarm-join' });
    expect(r.flow.steps['call']).toMatchObject({ next: 'alarm-join' });
  });

  it('turns for into a map whose body reads $item and $index', () => {
    const r = imported(`${head}do:
  - each:
      for: {each: pet, in: .pets, at: i}
      do:
        - log: {call: http, with: {method: post, endpoint: 'https://h.x/log', body: {name: '\${ $pet.name }', n: '\${ $i }'}}}
`);
    expect(r.flow.steps['each']).toMatchObject({
      type: 'map',
      items: '$input.pets',
      as: 'pet',
      concurrency: 1,
      start: 'log',
      steps: { log: { http: { body: { name: '{{ $item.name }}', n: '{{ $index }}' } } } },
    });
  });

  it('turns try/catch/retry into retry and catch on the steps inside', () => {
    const r = imported(`${head}use:
  retries:
    standard: {delay: {seconds: 3}, backoff: {exponential: {}}, limit: {attempt: {count: 4}}}
do:
  - guarded:
      try:
        - fetch: {call: http, with: {method: get, endpoint: 'https://h.x/'}}
      catch:
        errors: {with: {type: https://serverlessworkflow.io/spec/1.0.0/errors/timeout}}
        retry: standard
        do:
          - giveUp: {raise: {error: {type: https://e.x/gave-up, status: 500, title: GaveUp}}}
  - tolerant:
      try:
        - ping: {call: http, with: {method: get, endpoint: 'https://h.x/ping'}}
      catch: {}
`);
    expect(r.flow.steps['fetch']).toEqual({
      type: 'task',
      http: { method: 'GET', url: 'https://h.x/' },
      retry: { maxAttempts: 5, delay: '3s', backoff: 'exponential' },
      catch: [{ errors: ['Timeout'], next: 'give-up' }],
      next: 'ping',
    });
    expect(r.flow.steps['give-up']).toEqual({ type: 'fail', error: 'GaveUp' });
    expect(r.flow.steps['ping']).toMatchObject({ continueOnError: true });
  });

  it('turns listen into an approval with a placeholder approver, reported', () => {
    const r = imported(`${head}do:\n  - waitForOk: {listen: {to: {one: {with: {type: com.x.approved}}}}, timeout: {after: {hours: 2}}}\n`);
    expect(r.flow.steps['wait-for-ok']).toEqual({ type: 'approval', approvers: ['fill-in-approver'], message: 'Waiting for com.x.approved', timeout: '2h' });
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'FS265', line: 3, col: 5, message: expect.stringMatching(/approver/) }));
  });

  it('turns set into a task whose output is the data, and export.as into vars', () => {
    const r = imported(`${head}do:
  - fixed: {set: {status: done, n: 1}}
  - dynamic: {set: {total: '\${ .n + 1 }'}, export: {as: '\${ $context + {total: .total} }'}}
  - use: {wait: PT1S, if: '\${ $context.total > 1 }'}
`);
    expect(r.flow.steps['fixed']).toEqual({ type: 'task', script: '({"status": "done", "n": 1})', next: 'dynamic' });
    expect(r.flow.steps['dynamic']).toEqual({ type: 'task', script: 'null', output: '{"total": $steps.fixed.output.n + 1}', set: { total: '$.total' }, next: 'use-if' });
    expect(r.flow.steps['use-if']).toMatchObject({ cases: [{ when: '$vars.total > 1', next: 'use' }] });
  });

  it('keeps what it cannot run as labelled placeholders and reports them', () => {
    const r = imported(`${head}use:
  functions:
    greet: {call: http, with: {method: get, endpoint: 'https://h.x/greet'}}
do:
  - rpc: {call: grpc, with: {proto: {endpoint: 'file://a.proto'}, service: {name: S, host: h}, method: M}}
  - box: {run: {container: {image: alpine, command: echo hi, environment: {TOKEN: secret}}}}
  - hello: {call: greet}
  - tell: {emit: {event: {with: {source: 'https://x', type: com.x.done, data: {ok: true}}}}}
`);
    expect(r.flow.steps['rpc']).toMatchObject({ type: 'task', script: expect.stringMatching(/^\/\/ PLACEHOLDER[\s\S]*call grpc[\s\S]*throw new Error/) });
    expect(r.flow.steps['box']).toMatchObject({ shell: { command: expect.stringContaining("docker run --rm -e TOKEN alpine sh -c 'echo hi'"), env: { TOKEN: 'secret' } } });
    expect(r.flow.steps['hello']).toMatchObject({ http: { url: 'https://h.x/greet' } });
    expect(r.flow.steps['tell']).toEqual({ type: 'task', notify: { title: 'com.x.done', message: '{"ok":true}' } });
    expect(r.codes).toEqual(expect.arrayContaining(['FS263', 'FS264', 'FS266']));
  });

  it('reads name, title, inputs and a cron schedule; reports what has no home', () => {
    const r = imported(`document: {dsl: '1.0.3', namespace: t, name: nightlyJob, version: '1.0.0', title: Nightly, summary: Runs at night}
input: {schema: {format: json, document: {type: object, properties: {n: {type: integer, default: 3}}}}}
schedule: {cron: '0 2 * * *'}
timeout: {after: {hours: 1}}
do:
  - sleep: {wait: PT1S}
`);
    expect(r.flow).toMatchObject({ name: 'nightly-job', title: 'Nightly', description: 'Runs at night', triggers: [{ cron: '0 2 * * *' }], inputs: { properties: { n: { default: 3 } } } });
    expect(r.codes).toContain('FS270');
  });

  it('reads JSON as well as YAML', () => {
    const doc = { document: { dsl: '1.0.0', namespace: 't', name: 'json', version: '1.0.0' }, do: [{ only: { wait: 'PT5M' } }] };
    const r = imported(JSON.stringify(doc));
    expect(r.flow).toEqual<Flow>({ flowsmith: '1.0', name: 'json', start: 'only', steps: { only: { type: 'wait', duration: 'PT5M' } } });
  });

  it('reports an untranslatable condition and keeps the jq in a comment', () => {
    const r = imported(`${head}do:\n  - pick: {switch: [{many: {when: '\${ (.items | length) > 3 }', then: end}}]}\n`);
    expect(r.flow.steps['pick']).toMatchObject({ cases: [{ when: 'false /* untranslated jq: (.items | length) > 3 */' }] });
    expect(r.codes).toContain('FS262');
  });
});
