/**
 * No imported text reaches a shell as code (issue #11 item 3). Source documents of every format
 * carry a payload in every field that is data (names, ARNs, actions, images, manifests, messages);
 * then each field in turn gets it. Every shell command of every imported flow is prepared as the
 * shell executor prepares it and run under sh and bash, with `aws`, `kubectl` and `docker` as stubs
 * that swallow their input: the canary file must never appear. Fields that are code by design (an
 * Argo container's `source`/`command`, a Serverless Workflow `run.shell.command`) are left alone.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { interpolateShell } from '../expr/shell.js';
import type { Json } from '../model/flow.js';
import { importFlow, type ImportFormat } from './index.js';

const folder = mkdtempSync(join(tmpdir(), 'flowsmith-import-shell-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const canary = join(folder, 'pwned');
const stubs = join(folder, 'bin');
mkdirSync(stubs);
for (const tool of ['aws', 'kubectl', 'docker']) {
  writeFileSync(join(stubs, tool), '#!/bin/sh\ncat > /dev/null\nexit 0\n');
  chmodSync(join(stubs, tool), 0o755);
}

/** Ways text turns into code in sh and bash: separators, substitutions, quotes, heredoc ends, templates. */
const payload = [
  `x; touch ${canary};`,
  `$(touch ${canary})`,
  `\`touch ${canary}\``,
  `'"; touch ${canary}; #`,
  `\nFLOWSMITH_MANIFEST\ntouch ${canary}\n`,
  `\nFLOWSMITH_END\ntouch ${canary}\n`,
  `a[$(touch ${canary})]`,
  `{{ $string(1) }}`,
].join(' ');

const documents: [ImportFormat, Json][] = [
  ['asl', {
    Comment: payload,
    StartAt: 'sdk',
    States: {
      sdk: { Type: 'Task', Resource: `arn:aws:states:::aws-sdk:s3:getObject; touch ${canary};`, Parameters: { Bucket: payload }, Next: 'sdk2' },
      sdk2: { Type: 'Task', Resource: `arn:aws:states:::aws-sdk:s3$(touch ${canary}):get\`touch ${canary}\``, Next: 'lambda' },
      lambda: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: payload, Payload: { note: payload } }, Next: 'fn' },
      fn: { Type: 'Task', Resource: `arn:aws:lambda:us-east-1:1:function:${payload}`, Next: 'other' },
      other: { Type: 'Task', Resource: payload, Next: 'sync' },
      sync: { Type: 'Task', Resource: `arn:aws:states:::ecs:runTask${payload}.sync`, Next: `p ${payload}` },
      [`p ${payload}`]: { Type: 'Pass', Comment: payload, End: true },
    },
  }],
  ['argo', {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { generateName: 'x-' },
    spec: {
      entrypoint: 'main',
      templates: [
        { name: 'main', steps: [[{ name: 'r', template: 'res' }], [{ name: 'd', template: 'data' }], [{ name: 'm', template: `missing ${payload}` }], [{ name: 'c', template: 'box' }]] },
        { name: 'res', resource: { action: `apply; touch ${canary};`, manifest: `kind: ConfigMap\n${payload}\nFLOWSMITH_MANIFEST\ntouch ${canary}\n` } },
        { name: 'data', data: { source: { artifactPaths: {} } }, metadata: { annotations: { note: payload } } },
        { name: 'box', container: { image: payload, command: ['echo'], args: [payload, 'ok'], workingDir: '.', env: [{ name: 'NOTE', value: payload }] } },
      ],
    },
  }],
  ['serverless-workflow', {
    document: { dsl: '1.0.3', namespace: 'x', name: 'x', version: '1.0.0', title: payload },
    do: [
      { box: { run: { container: { image: payload, name: payload, command: 'echo ok', volumes: { [payload]: payload }, ports: { 80: 8080 }, environment: { NOTE: payload } } } } },
      { sh: { run: { shell: { command: 'echo', arguments: [payload, 'ok'] } } } },
      { grpc: { call: 'grpc', with: { service: { name: payload } } } },
    ],
  }],
];

/** Field names whose text is code by design in its format: left out of the mutation. */
const CODE_FIELDS = new Set(['source', 'command', 'code']);

/** Copies of `doc`, each with one data string (or key) replaced by the payload. */
function oneAtATime(doc: Json): Json[] {
  const out: Json[] = [];
  const paths: (string | number)[][] = [];
  const walk = (v: Json, path: (string | number)[]) => {
    if (typeof v === 'string') paths.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!CODE_FIELDS.has(k)) walk(x, [...path, k]);
  };
  walk(doc, []);
  for (const path of paths) {
    const copy = structuredClone(doc) as Record<string | number, Json>;
    let at = copy as Record<string | number, Json>;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, Json>;
    at[path[path.length - 1]!] = `${String(at[path[path.length - 1]!])} ${payload}`;
    out.push(copy);
  }
  return out;
}

/** Every shell command in a flow (steps, map bodies, compensate bodies). */
function shellCommands(flow: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'shell' && typeof x === 'string') out.push(x);
        else if (k === 'shell' && x !== null && typeof x === 'object' && typeof (x as { command?: unknown }).command === 'string') out.push((x as { command: string }).command);
        else walk(x);
      }
    }
  };
  walk(flow);
  return out;
}

async function runAll(format: ImportFormat, doc: Json): Promise<number> {
  rmSync(canary, { force: true }); // a failure names its own command, not the first one's
  const text = format === 'asl' ? JSON.stringify(doc) : stringify(doc);
  const imported = await importFlow(text, `doc.${format}`, format);
  let ran = 0;
  for (const command of shellCommands(imported.flow)) {
    const prepared = await interpolateShell(command, { input: {}, vars: {}, steps: {}, run: { id: 'r', flow: 'f' } }).catch(() => undefined);
    if (!prepared) continue;
    for (const shell of ['/bin/sh', '/bin/bash']) {
      spawnSync(shell, ['-c', prepared.command], { cwd: folder, env: { ...process.env, ...prepared.env, PATH: `${stubs}:${process.env.PATH ?? ''}` }, input: '', timeout: 10_000 });
      expect(existsSync(canary), `${format}: ${shell} -c ${command}`).toBe(false);
      ran++;
    }
  }
  return ran;
}

describe('imported text never reaches a shell as code', () => {
  it.each(documents)('%s: payloads in every data field at once', async (format, doc) => {
    expect(await runAll(format, doc)).toBeGreaterThan(0);
  });

  it.each(documents)('%s: the payload in each data field in turn', async (format, doc) => {
    let ran = 0;
    for (const variant of oneAtATime(doc)) ran += await runAll(format, variant);
    expect(ran).toBeGreaterThan(0);
  }, 120_000);
});
