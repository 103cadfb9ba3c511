import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportArgo } from '../../export/argo/index.js';
import { repoRoot } from '../../export/argo/test-support.js';
import { successors, type Flow, type Step, type StepId } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { loadFlowText } from '../../yaml/load.js';
import { importArgo } from './index.js';

const files = [
  ...readdirSync(path.join(repoRoot, 'resources/templates'))
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.scenarios.yaml'))
    .map((f) => `resources/templates/${f}`),
  'engine/testdata/flows/all-step-types.yaml',
];

function load(file: string): Flow {
  return loadFlowText(readFileSync(path.join(repoRoot, file), 'utf8'), file).flow!;
}

/** Each step as `type → successors`, map bodies nested: the shape of the step graph. */
function shape(steps: Record<StepId, Step>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(steps).map(([id, s]) => [
      id,
      { type: s.type, next: successors(s), ...(s.type === 'map' ? { start: s.start, body: shape(s.steps) } : {}), ...(s.type === 'parallel' ? { join: s.join } : {}) },
    ]),
  );
}

describe('export to Argo, then import back', () => {
  it.each(files)('keeps the step graph of %s', (file) => {
    const flow = load(file);
    const { flow: back, findings } = importArgo(exportArgo(flow).text, 'exported.yaml');
    expect(validateFlow(back).filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(back.name).toBe(flow.name);
    expect(back.start).toBe(flow.start);
    expect(shape(back.steps)).toEqual(shape(flow.steps));
  });

  it('reads back approvals, branch cases, retries, catches, compensations and shell templates', () => {
    const { flow } = importArgo(exportArgo(load('resources/templates/web-app-deploy.yaml')).text);
    expect(flow.steps['approve']).toMatchObject({ type: 'approval', approvers: ['ops-manager', 'tech-lead'], timeout: '2h', onReject: 'rejected', onTimeout: 'rejected' });
    expect(flow.steps['env-gate']).toEqual({ type: 'branch', title: 'Production?', cases: [{ when: '$input.environment = "production"', next: 'approve' }], default: 'prepare' });
    expect(flow.steps['health-check']).toMatchObject({ retry: { maxAttempts: 5, delay: '200ms', backoff: 'exponential', multiplier: 2 }, http: { expectStatus: [200] } });
    expect(flow.steps['deploy']).toMatchObject({ catch: [{ errors: ['*'], next: 'rollback' }], timeout: '30s' });
    expect(flow.steps['start-preview']?.compensate).toBeDefined();
    const build = flow.steps['build'] as { shell: string };
    expect(build.shell.startsWith('version={{ $input.version }}\napp={{ "shop" }}\n')).toBe(true);
    expect(flow.inputs).toMatchObject({ properties: { environment: { default: 'dev', enum: ['dev', 'staging', 'production'] } }, required: ['version'] });
  });

  it('reads back a map with its concurrency, items and body', () => {
    const { flow } = importArgo(exportArgo(load('engine/testdata/flows/all-step-types.yaml')).text);
    expect(flow.steps['each-host']).toMatchObject({ type: 'map', items: '$input.hosts', as: 'host', concurrency: 2, start: 'ping' });
    expect(flow.steps['fanned-in']).toMatchObject({ type: 'join', mode: 'any' });
    expect(flow.steps['later']).toMatchObject({ type: 'wait', until: '$fromMillis($millis() + 1000)' });
    expect(flow.steps['broken']).toMatchObject({ type: 'fail', error: 'Broken' });
  });
});
