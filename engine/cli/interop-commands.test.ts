/**
 * `flowsmith export`, `flowsmith import` and trust on `run` (issue #4), for real: the built bundle
 * (dist/engine/cli.js; rebuild with `npm run build:engine` after changing the engine) on the
 * shipped templates and on files from the shared corpus, with a store in a temporary folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../model/finding.js';
import type { Flow } from '../model/flow.js';
import type { RunRecord } from '../runtime/record.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/engine/cli.js');
const deploy = join(root, 'resources/templates/web-app-deploy.yaml');
const corpus = resolve(root, '../shared/corpus');
const hasCorpus = existsSync(corpus);
let dir: string;
/** Several CLI processes per test, each starting Node and the bundle: generous on a busy machine. */
const slow = { timeout: 120_000 };

function flowsmith(args: string[], env: Record<string, string> = {}) {
  return execa('node', [cli, '--db', join(dir, 'store.db'), ...args], {
    reject: false,
    cwd: dir,
    env: { FLOWSMITH_USER: 'tester', FLOWSMITH_WORK_ROOT: join(dir, 'runs'), FLOWSMITH_WORKSPACE: '', ...env },
  });
}

/** A small ASL document written for these tests: a Pass state that says hello, then Succeed. */
const HELLO_ASL = JSON.stringify({
  Comment: 'Say hello',
  StartAt: 'Greet',
  States: {
    Greet: { Type: 'Pass', Result: { greeting: 'hello' }, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-interop-'));
  if (!existsSync(cli)) await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
});

describe('flowsmith export', slow, () => {
  const checks = {
    argo: (text: string) => expect(parse(text)).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate' }),
    asl: (text: string) => expect(JSON.parse(text)).toMatchObject({ StartAt: expect.any(String), States: expect.any(Object) }),
    'serverless-workflow': (text: string) => expect(parse(text)).toMatchObject({ document: { dsl: expect.any(String) } }),
  };

  it.each(Object.entries(checks))('exports web-app-deploy to %s with -o, findings on stderr at the step lines', async (target, check) => {
    const out = join(dir, `deploy.${target}`);
    const r = await flowsmith(['export', deploy, '--to', target, '-o', out]);
    expect(r.stderr).not.toMatch(/flowsmith: /);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    check(readFileSync(out, 'utf8'));
    // Findings read `file:line:col step: message`, pointing at the step's key in the native file.
    const lines = r.stderr.split('\n').filter((l) => l.startsWith(`${deploy}:`));
    expect(lines.length).toBeGreaterThan(0);
    const source = readFileSync(deploy, 'utf8').split('\n');
    for (const line of lines) {
      const m = /^.+?:(\d+):(\d+) ([a-z0-9-]+): /.exec(line);
      if (!m) continue; // a finding about the whole flow has no step
      expect(source[Number(m[1]) - 1]?.slice(Number(m[2]) - 1), line).toMatch(new RegExp(`^${m[3]}:`));
    }
    expect(r.stderr).toMatch(new RegExp(`wrote ${out} \\(${target}\\): 0 error\\(s\\)`));
  });

  it('prints {target, text, findings} with --json, and the document alone on stdout without -o', async () => {
    const json = await flowsmith(['export', deploy, '--to', 'asl', '--json']);
    expect(json.exitCode).toBe(0);
    const result = JSON.parse(json.stdout) as { target: string; text: string; findings: Finding[] };
    expect(result.target).toBe('asl');
    expect(JSON.parse(result.text)).toHaveProperty('StartAt');
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.filter((f) => f.step)).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: deploy, line: expect.any(Number), col: 3 })]),
    );
    const plain = await flowsmith(['export', deploy, '--to', 'asl']);
    expect(JSON.parse(plain.stdout)).toEqual(JSON.parse(result.text));
  });

  it('refuses an invalid flow with its findings (exit 1), and bad usage with exit 2', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'flowsmith: "1.0"\nname: bad\nstart: nowhere\nsteps:\n  a: {type: succeed}\n');
    const r = await flowsmith(['export', bad, '--to', 'argo', '-o', join(dir, 'bad.argo.yaml')]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${bad}:3:\\d+: .*nowhere`));
    expect(existsSync(join(dir, 'bad.argo.yaml'))).toBe(false);

    const target = await flowsmith(['export', deploy, '--to', 'bpmn']);
    expect(target.exitCode).toBe(2);
    expect(target.stderr).toMatch(/--to bpmn is not a target; use one of: argo, asl, serverless-workflow/);
    expect((await flowsmith(['export', deploy])).exitCode).toBe(2);
    expect((await flowsmith(['export', join(dir, 'missing.yaml'), '--to', 'asl'])).exitCode).toBe(2);
  });
});

describe(`flowsmith import${hasCorpus ? '' : ` (corpus tests skipped: no corpus at ${corpus})`}`, slow, () => {
  const samples = [
    ['asl', 'asl/sfn-collection__human-in-the-loop__statemachine__statemachine.asl.json'],
    ['argo', 'argo/argo-workflows__examples__dag-diamond.yaml'],
    ['serverless-workflow', 'serverless-workflow/sw-spec__examples__accumulate-room-readings.yaml'],
  ] as const;

  it.skipIf(!hasCorpus).each(samples)('imports a real %s file (format detected) into a flow that validates', async (format, file) => {
    const source = join(corpus, file);
    const out = join(dir, `imported-${format}.yaml`);
    const r = await flowsmith(['import', source, '-o', out]);
    expect(r.stderr).not.toMatch(/flowsmith: /);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`wrote ${out} \\(${format}, \\d+ step\\(s\\)\\)`));
    const flow = parse(readFileSync(out, 'utf8')) as Flow;
    expect(flow.origin).toMatchObject({ format, file: source, importedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(Object.keys(flow.layout ?? {}).sort()).toEqual(Object.keys(flow.steps).sort());
    const valid = await flowsmith(['validate', out]);
    expect(valid.stdout).toMatch(/0 error\(s\)/);
    expect(valid.exitCode).toBe(0);
  });

  it.skipIf(!hasCorpus)('takes --from, and writes to stdout without -o', async () => {
    const r = await flowsmith(['import', join(corpus, samples[1][1]), '--from', 'argo']);
    expect(r.exitCode).toBe(0);
    expect(parse(r.stdout)).toMatchObject({ flowsmith: '1.0', origin: { format: 'argo' } });
  });

  it('exits 2 for a format it cannot tell or a --from it does not know', async () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, 'id: hello\nnamespace: company.team\ntasks:\n  - id: hi\n    type: io.kestra.plugin.core.log.Log\n');
    const unknown = await flowsmith(['import', other]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/cannot tell which format .*other\.yaml is .*; pass --from argo\|asl\|serverless-workflow/);
    const from = await flowsmith(['import', other, '--from', 'kestra']);
    expect(from.exitCode).toBe(2);
    expect(from.stderr).toMatch(/--from kestra is not a format/);
  });
});

describe('trust on flowsmith run', slow, () => {
  it('refuses to run an imported flow (exit 2, with the hint), simulates it, and runs it with --trust', async () => {
    writeFileSync(join(dir, 'hello.asl.json'), HELLO_ASL);
    const flow = join(dir, 'hello.yaml');
    expect((await flowsmith(['import', 'hello.asl.json', '-o', flow])).exitCode).toBe(0);

    const refused = await flowsmith(['run', flow, '--json']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/is not trusted: imported from AWS Step Functions \(hello\.asl\.json\)/);
    expect(refused.stderr).toContain(`flowsmith run ${flow} --trust`);
    expect(refused.stdout).toBe('');

    const simulated = await flowsmith(['simulate', flow, '--json']);
    expect(simulated.exitCode).toBe(0);
    expect((JSON.parse(simulated.stdout) as RunRecord).mode).toBe('simulate');

    const trusted = await flowsmith(['run', flow, '--trust', '--json']);
    expect(trusted.exitCode).toBe(0);
    const record = JSON.parse(trusted.stdout) as RunRecord;
    expect(record).toMatchObject({ mode: 'run', status: 'succeeded', path: ['greet', 'done'] });
    expect(record.steps.greet?.output).toEqual({ greeting: 'hello' });
    // The trust is recorded in the store: later runs need no --trust.
    expect((await flowsmith(['run', flow, '--json'])).exitCode).toBe(0);
  });

  it('refuses a flow outside --workspace (or $FLOWSMITH_WORKSPACE) until it is trusted', async () => {
    const workspace = join(dir, 'workspace');
    mkdirSync(workspace, { recursive: true });
    const flow = join(dir, 'outside.yaml');
    writeFileSync(flow, 'flowsmith: "1.0"\nname: outside\nstart: done\nsteps:\n  done: {type: succeed}\n');
    const byOption = await flowsmith(['run', flow, '--workspace', workspace]);
    expect(byOption.exitCode).toBe(2);
    expect(byOption.stderr).toContain(`it is outside the workspace ${workspace}`);
    expect((await flowsmith(['run', flow], { FLOWSMITH_WORKSPACE: workspace })).exitCode).toBe(2);
    expect((await flowsmith(['simulate', flow], { FLOWSMITH_WORKSPACE: workspace })).exitCode).toBe(0);
    expect((await flowsmith(['run', flow, '--workspace', workspace, '--trust'])).exitCode).toBe(0);
    expect((await flowsmith(['run', flow, '--workspace', workspace])).exitCode).toBe(0);
  });
});
