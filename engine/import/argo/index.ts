/**
 * Import of Argo Workflows documents (Workflow, WorkflowTemplate, ClusterWorkflowTemplate,
 * CronWorkflow; https://argo-workflows.readthedocs.io/) into a native flow (DESIGN.md "Export and
 * import", issue #4). Steps and dag templates are inlined into nested sequence, parallel, branch and
 * map blocks; container and script templates become shell tasks; suspend templates approvals or
 * waits; `when` and `depends` branch steps; loops map steps; retryStrategy retry. Documents written
 * by Flowsmith's own exporter are read back step for step (flowsmith.ts). Every guess or loss is a
 * finding (codes.ts, FS220–FS239). The flow has no layout: the caller computes it with elkjs.
 */
import { toDnsLabel } from '../../interop/argo/names.js';
import type { Finding } from '../../model/finding.js';
import type { Flow } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import type { Importer, ImportResult } from '../../interop/types.js';
import { ArgoImportCode } from './codes.js';
import { ImportContext } from './context.js';
import { importFlowsmith, isFlowsmithExport } from './flowsmith.js';
import { readArgo } from './source.js';
import { literalText } from './text.js';
import { cronTriggers, flowIdentity, importSpec } from './workflow.js';
import { guardFlowShellCode } from '../guard-shell-code.js';

export { ArgoImportCode, argoImportCodeMeanings } from './codes.js';

/**
 * Reads `text` (the whole file; `file` labels the findings) into a flow. Never throws: unreadable
 * input gives an FS220 error and a minimal flow of one succeed step.
 */
export const importArgo: Importer = (text: string, file?: string): ImportResult => {
  const read = readArgo(text);
  const label = (f: Finding): Finding => (file === undefined ? f : { ...f, file });
  if (!read.source) {
    const flow: Flow = { flowsmith: '1.0', name: 'imported-workflow', start: 'done', steps: { done: { type: 'succeed' } } };
    return { flow, findings: read.findings.map(label) };
  }
  const identity = flowIdentity(read.source.metadata);
  const name = toDnsLabel(identity.name, 'imported-workflow');
  const ctx = new ImportContext(read.source, name, file);
  ctx.findings.push(...read.findings.map(label));
  const body = isFlowsmithExport(read.source) ? importFlowsmith(ctx) : importSpec(ctx);
  const triggers = cronTriggers(ctx);
  const origin = `Imported from Argo ${read.source.kind} ${identity.name}${'entry' in body && body.entry !== undefined ? `, entrypoint template ${body.entry}` : ''}.`;
  const description = identity.description === undefined ? origin : `${identity.description}\n\n${origin}`;
  const built: Flow = {
    flowsmith: '1.0',
    name,
    title: identity.title,
    description: literalText(description),
    ...(body.inputs === undefined ? {} : { inputs: body.inputs }),
    ...(triggers.length ? { triggers } : {}),
    start: body.start,
    steps: body.steps,
  };
  // Scripts doing arithmetic on parameters get $number( ) guards (import/guard-shell-code.ts).
  // FS222: the container's script, now a local shell command, with its arithmetic guarded.
  const { flow, findings: guarded } = guardFlowShellCode(built, file ?? '', ArgoImportCode.container);
  ctx.findings.push(...guarded);
  for (const problem of validateFlow(flow)) {
    if (problem.severity !== 'error') continue;
    ctx.report(ArgoImportCode.invalidResult, problem.step, `the imported flow does not validate: ${problem.message} (a Flowsmith importer bug; please report it)`, { severity: 'error' });
  }
  return { flow, findings: ctx.findings };
};
