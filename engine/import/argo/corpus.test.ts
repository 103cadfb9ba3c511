import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { exportArgo } from '../../export/argo/index.js';
import { argoValidator, corpusDir, corpusSkipReason, describeErrors } from '../../export/argo/test-support.js';
import type { Step, StepId } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { importArgo } from './index.js';
import { WORKFLOW_KINDS } from './source.js';

const folder = corpusDir === undefined ? undefined : path.join(corpusDir, 'argo');
const files = folder === undefined ? [] : readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();

/** Every step of a flow, map bodies included. */
function allSteps(steps: Record<StepId, Step>): Step[] {
  return Object.values(steps).flatMap((s) => [s, ...(s.type === 'map' ? allSteps(s.steps) : [])]);
}

/** The template names and the step/task names of the first workflow document of `text`. */
function argoNames(text: string): string[] {
  const doc = parseAllDocuments(text)
    .map((d) => d.toJS() as { kind?: string; spec?: Record<string, unknown> })
    .find((d) => WORKFLOW_KINDS.includes(d?.kind as (typeof WORKFLOW_KINDS)[number]));
  const spec = (doc?.kind === 'CronWorkflow' ? doc.spec?.['workflowSpec'] : doc?.spec) as { templates?: Record<string, unknown>[] } | undefined;
  const names: string[] = [];
  for (const t of spec?.templates ?? []) {
    names.push(String(t['name']));
    const calls = [...((t['steps'] as unknown[][] | undefined) ?? []).flat(), ...(((t['dag'] as { tasks?: unknown[] })?.tasks as unknown[]) ?? [])];
    for (const c of calls) names.push(String((c as { name: string }).name));
  }
  return [...new Set(names)];
}

function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_-])${escaped}($|[^A-Za-z0-9_-])`).test(text);
}

describe.skipIf(!folder)(`import of every Argo file in the corpus (skipped when ${corpusSkipReason})`, () => {
  it('finds the corpus files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('imports %s into a valid flow that accounts for every template and task', (file) => {
    const text = readFileSync(path.join(folder!, file), 'utf8');
    const { flow, findings } = importArgo(text, file);
    expect(validateFlow(flow).filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.every((f) => f.file === file && /^FS2[23]\d$/.test(f.code))).toBe(true);
    const said = [
      flow.description ?? '',
      ...allSteps(flow.steps).flatMap((s) => [s.title ?? '', s.description ?? '']),
      ...Object.keys(flow.steps),
      ...findings.map((f) => f.message),
    ];
    const missing = argoNames(text).filter((name) => !said.some((t) => mentions(t, name)));
    expect(missing, `not imported and not reported: ${missing.join(', ')}`).toEqual([]);
  });

  it.each(files)('exports the import of %s as a schema-valid WorkflowTemplate', (file) => {
    const { flow } = importArgo(readFileSync(path.join(folder!, file), 'utf8'), file);
    const result = exportArgo(flow);
    const validate = argoValidator('io.argoproj.workflow.v1alpha1.WorkflowTemplate', true);
    expect(validate(result.document), describeErrors(validate.errors).join('\n')).toBe(true);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
