/**
 * Argo exit handlers run after success and after failure, with `{{workflow.status}}` telling which
 * (issue #11 item 17): every corpus workflow with an exit handler is imported, validated and
 * simulated twice (all steps succeed; the first main step that can fail fails), and the branches of
 * the handler on workflow.status actually run in the matching case.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flow, StepId } from '../../model/flow.js';
import { RunDriver } from '../../runtime/driver.js';
import type { RunEvent } from '../../runtime/events.js';
import { foldEvents } from '../../runtime/fold.js';
import type { RunState } from '../../runtime/state.js';
import { VirtualClock } from '../../runtime/virtual-clock.js';
import { MemoryRunLog } from '../../store/memory-log.js';
import { corpusDir, corpusSkipReason } from '../../export/argo/test-support.js';
import { validateFlow } from '../../validate/index.js';
import { importArgo } from './index.js';

const corpus = corpusDir === undefined ? '' : `${corpusDir}${path.sep}`;
const T0 = Date.UTC(2026, 0, 1);

/** Corpus Argo files whose features list an exit handler (onExit or hooks), from the MANIFEST. */
function exitHandlerFiles(): string[] {
  const rows = readFileSync(`${corpus}MANIFEST.tsv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  return rows.filter((r) => r[1] === 'argo' && /(^|,)(onExit|hooks)(,|$)/.test(r[6] ?? '')).map((r) => r[0]!);
}

/**
 * `flow` with its map steps and `call` tasks as plain tasks (same next, catch and continueOnError):
 * a bare RunDriver runs no child runs, and what is tested here is where failures go.
 */
function withoutChildRuns(flow: Flow): Flow {
  const copy: Flow = structuredClone(flow);
  for (const [id, s] of Object.entries(copy.steps)) {
    if (s.type !== 'map' && !(s.type === 'task' && s.call !== undefined)) continue;
    const { title, next, catch: handlers, continueOnError } = s;
    copy.steps[id] = { type: 'task', shell: 'true', ...(title ? { title } : {}), ...(next ? { next } : {}), ...(handlers ? { catch: handlers } : {}), ...(continueOnError ? { continueOnError } : {}) };
  }
  return copy;
}

async function simulate(original: Flow): Promise<RunState> {
  const flow = withoutChildRuns(original);
  const log = new MemoryRunLog();
  const started: RunEvent = {
    type: 'RunStarted', at: T0, run: 'r', flow: flow.name, flowPath: `/w/${flow.name}.yaml`, input: defaults(flow), vars: {},
    mode: 'simulate', semantics: 1, workdir: '/w/work', start: flow.start,
  };
  log.createRun(started);
  await new RunDriver(flow, [started], { journal: log, clock: new VirtualClock(T0), random: () => 0.5 }).drive({ stopWhenWaiting: false });
  return foldEvents([...log.events('r')]);
}

function defaults(flow: Flow): Record<string, string> {
  const props = (flow.inputs?.['properties'] ?? {}) as Record<string, { default?: string }>;
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v.default ?? 'x']));
}

/** The step every main step catches into: the failure copy of the exit handler. */
function failureEntry(flow: Flow): StepId {
  const targets = new Set(Object.values(flow.steps).flatMap((s) => (s.catch ?? []).filter((c) => c.errors.includes('*')).map((c) => c.next)));
  expect(targets.size).toBe(1);
  return [...targets][0]!;
}

const files = corpusDir === undefined ? [] : exitHandlerFiles();

describe.skipIf(corpusDir === undefined)(`Argo exit handlers on the corpus (skipped when ${corpusSkipReason})`, () => {
  it('finds corpus files with exit handlers', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('%s: the handler runs after success and after a failure, and the run keeps its outcome', async (file) => {
    const { flow, findings } = importArgo(readFileSync(`${corpus}argo/${file}`, 'utf8'), file);
    expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
    const mapping = findings.find((f) => f.code === 'FS229' && /workflow\.status "Succeeded".*workflow\.status "Failed"/.test(f.message));
    expect(mapping?.line).toBeGreaterThan(0);
    const entry = failureEntry(flow);

    const ok = await simulate(flow);
    expect(ok.status).toBe('succeeded');
    expect(ok.path).not.toContain(entry);

    // Fail the first step on the successful path that catches into the handler.
    const first = ok.path.find((id) => flow.steps[id]?.catch?.some((c) => c.next === entry))!;
    expect(first).toBeDefined();
    const failing: Flow = structuredClone(flow);
    failing.steps[first]!.mock = { error: { name: 'ShellExit', message: 'exit 1' } };
    delete failing.steps[first]!.retry;
    const bad = await simulate(failing);
    expect(bad.path).toContain(entry);
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatchObject({ name: 'Failed', message: 'ShellExit: exit 1' });
  });

  it('runs the branch on workflow.status that matches the outcome (exit-handlers.yaml: celebrate or cry)', async () => {
    const file = 'argo-workflows__examples__exit-handlers.yaml';
    const { flow } = importArgo(readFileSync(`${corpus}argo/${file}`, 'utf8'), file);
    const titled = (run: RunState, title: string) => run.path.filter((id) => flow.steps[id]?.title === title && flow.steps[id]?.type === 'task');

    const ok = await simulate(flow);
    expect(titled(ok, 'celebrate')).toHaveLength(1);
    expect(titled(ok, 'cry')).toEqual([]);
    expect(titled(ok, 'notify')).toHaveLength(1);

    const failing: Flow = structuredClone(flow);
    failing.steps['intentional-fail']!.mock = { error: { name: 'ShellExit', message: 'intentional failure' } };
    const bad = await simulate(failing);
    expect(titled(bad, 'cry')).toHaveLength(1); // unreachable before issue #11 item 17
    expect(titled(bad, 'celebrate')).toEqual([]);
    expect(titled(bad, 'notify')).toHaveLength(1);
    expect(bad.status).toBe('failed');
  });
});

describe('Argo exit handler: what is caught', () => {
  it('leaves steps that tolerate failure (continueOn) alone and reports the mapping once', () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {name: sample}
spec:
  entrypoint: main
  onExit: bye
  templates:
  - name: main
    steps:
    - - {name: flaky, template: sh, continueOn: {failed: true}}
    - - {name: build, template: sh}
  - {name: sh, container: {image: busybox, command: [sh, -c, "true"]}}
  - {name: bye, container: {image: busybox, command: [echo, "{{workflow.status}}"]}}
`;
    const { flow, findings } = importArgo(text, 'sample.yaml');
    expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
    expect(flow.steps['flaky']).toMatchObject({ continueOnError: true });
    expect(flow.steps['flaky']!.catch).toBeUndefined();
    expect(flow.steps['build']!.catch).toEqual([{ errors: ['*'], next: 'bye-2' }]);
    expect(flow.steps['bye']).toMatchObject({ shell: "echo '{{ \"Succeeded\" }}'" });
    expect(flow.steps['bye-2']).toMatchObject({ shell: "echo '{{ \"Failed\" }}'", next: 'workflow-failed' });
    expect(findings.filter((f) => f.code === 'FS229' && f.step === undefined)).toHaveLength(1);
  });
});
