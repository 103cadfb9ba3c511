/**
 * Exports a native flow as a Serverless Workflow 1.0 document (DSL 1.0.0 as written by
 * @serverlessworkflow/sdk 1.0.1; reference: https://github.com/serverlessworkflow/specification/blob/main/dsl-reference.md).
 * Issue #4, DESIGN.md "Export and import". Conventions shared with the importer: conventions.ts.
 *
 * Data model of the exported workflow: expressions never read the task input `.`; they read
 * `$workflow.input` (the run input), `$context` (vars, exported by the first task and by `set`) and
 * `$context.steps["<id>"]` (outputs of the steps that others read, exported by those steps).
 */
import type { Exporter, ExportResult } from '../../interop/types.js';
import { ExportTarget } from '../../interop/types.js';
import { stringify } from 'yaml';
import type { Flow } from '../../model/flow.js';
import { SwExportCode } from './codes.js';
import { createContext, type ExportContext } from './context.js';
import { STEPS_CONTEXT_KEY, SW_DSL_VERSION } from '../../interop/serverless-workflow/conventions.js';
import { documentHead, varsTask } from './document.js';
import { setField } from './goto.js';
import { appendSegments } from './jq-print.js';
import { buildList } from './lists.js';
import { checkWithSdk } from './sdk-check.js';
import { stepConverter } from './steps.js';

export { SwExportCode, swExportCodeMeanings } from './codes.js';

/**
 * Exports `flow` (validated; see engine/validate) to SW YAML. Findings: every approximation as a
 * warning or info with the step id (codes FS161–FS177), and FS160 errors when the SDK rejects the
 * result, which would be a bug here. Pure and synchronous; never throws for a valid flow.
 */
export const exportServerlessWorkflow: Exporter = (flow: Flow): ExportResult => {
  const ctx = createContext(flow);
  const head = documentHead(ctx);
  const tasks = buildList(flow.start, { kind: 'top', scope: flow.steps }, ctx, stepConverter(ctx));
  const init = varsTask(ctx, new Set(Object.keys(flow.steps)));
  applyData(ctx);
  for (const id of Object.keys(flow.steps)) {
    if (!ctx.emitted.has(id)) ctx.report(SwExportCode.fieldDropped, id, 'the step is never reached from start and was not exported', { severity: 'info' });
  }
  const document = { ...head, do: init === undefined ? tasks : [init, ...tasks] };
  for (const p of checkWithSdk(document)) {
    ctx.report(SwExportCode.invalidDocument, undefined, `@serverlessworkflow/sdk rejects the export at ${p.path}: ${p.message}`, { severity: 'error' });
  }
  const header = `# Serverless Workflow ${SW_DSL_VERSION} exported by Flowsmith from flow ${flow.name}\n`;
  const text = header + stringify(document, { lineWidth: 0, aliasDuplicateObjects: false });
  return { target: ExportTarget.serverlessWorkflow, document, text, format: 'yaml', findings: ctx.findings };
};

/**
 * Writes output.as and export.as now that every expression is translated and the set of step
 * outputs read elsewhere is known (dsl-reference.md "Output", "Export": output.as shapes the task
 * output from its raw result, export.as replaces `$context` with its value).
 */
function applyData(ctx: ExportContext): void {
  for (const d of ctx.data) {
    const isRead = ctx.readOutputs.has(d.step);
    const parts: string[] = [];
    if (d.normalize !== undefined && (isRead || d.output !== undefined || d.set.length > 0)) {
      d.normalize.prepare();
      parts.push(d.normalize.jq);
    }
    if (d.output !== undefined) parts.push(d.output);
    if (parts.length > 0) {
      const jq = parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' | ');
      setField(d.task, 'output', { as: `\${ ${jq} }` });
    }
    const updates: string[] = [];
    if (isRead) updates.push(`${appendSegments(`.${STEPS_CONTEXT_KEY}`, [d.step])} = $out`);
    for (const [name, jq] of d.set) updates.push(`${appendSegments('.', [name])} = (${jq})`);
    if (updates.length > 0) setField(d.task, 'export', { as: `\${ . as $out | $context | ${updates.join(' | ')} }` });
  }
}
