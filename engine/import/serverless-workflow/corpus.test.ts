import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Flow, Step } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { exportServerlessWorkflow } from '../../export/serverless-workflow/index.js';
import { checkWithSdk } from '../../export/serverless-workflow/sdk-check.js';
import { checkWithSpecSchema, corpusFiles, corpusMissing } from '../../export/serverless-workflow/test-helpers.js';
import { importServerlessWorkflow, stepIdOf } from './index.js';

type Obj = Record<string, unknown>;

/** Names of every task in an SW document: do lists, try/catch, fork branches, for bodies, foreach. */
function taskNames(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) {
      if (item === null || typeof item !== 'object') continue;
      for (const [name, task] of Object.entries(item as Obj)) {
        if (task === null || typeof task !== 'object') continue;
        out.push(name);
        taskNames(task, out);
      }
    }
    return out;
  }
  if (node === null || typeof node !== 'object') return out;
  const task = node as Obj;
  for (const list of [task['do'], task['try'], (task['catch'] as Obj | undefined)?.['do'], (task['fork'] as Obj | undefined)?.['branches'], (task['foreach'] as Obj | undefined)?.['do']]) {
    if (Array.isArray(list)) taskNames(list, out);
  }
  // An asyncapi subscription's foreach.do sits inside the call's arguments.
  const foreach = ((((task['with'] as Obj | undefined)?.['subscription'] as Obj | undefined)?.['foreach']) as Obj | undefined)?.['do'];
  if (Array.isArray(foreach)) taskNames(foreach, out);
  return out;
}

/** Every step of a flow, map bodies included. */
function allSteps(steps: Record<string, Step>): [string, Step][] {
  return Object.entries(steps).flatMap(([id, s]) => [[id, s] as [string, Step], ...(s.type === 'map' ? allSteps(s.steps) : [])]);
}

// Skipped, with the reason in its name, where ../shared/corpus is absent (it is not shipped).
describe.skipIf(corpusMissing !== undefined)(`importing every Serverless Workflow file of the shared corpus${corpusMissing ? ` — skipped: ${corpusMissing}` : ''}`, () => {
  const files = corpusFiles();

  it('finds the corpus files', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)('%s imports to a valid flow', (name, text) => {
    const { flow, findings } = importServerlessWorkflow(text, name);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
    for (const f of findings) expect(f.code).toMatch(/^FS2[67]\d$/);
  });

  it.each(files)('%s: every task appears as a step or in a finding', (name, text) => {
    const { flow, findings } = importServerlessWorkflow(text, name);
    const steps = allSteps(flow.steps);
    const missing = taskNames((parse(text) as Obj)['do']).filter((task) => {
      const id = stepIdOf(task);
      const asStep = steps.some(([sid]) => sid === id || new RegExp(`^${id}-\\d+$`).test(sid));
      const inFinding = findings.some((f) => f.message.includes(`task ${task}:`) || f.message.includes(`step ${id} `));
      // A placeholder step carries its original task, nested tasks included.
      const inPlaceholder = steps.some(([, s]) => s.type === 'task' && typeof s.script === 'string' && s.script.includes(`"${task}"`));
      return !asStep && !inFinding && !inPlaceholder;
    });
    expect(missing).toEqual([]);
  });

  it.each(files)('%s imported and exported again passes @serverlessworkflow/sdk and the 1.0.3 schema', (name, text) => {
    const flow: Flow = importServerlessWorkflow(text, name).flow;
    const exported = exportServerlessWorkflow(flow);
    expect(exported.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(checkWithSdk(exported.document)).toEqual([]);
    expect(checkWithSpecSchema(exported.document)).toEqual([]);
  });
});
