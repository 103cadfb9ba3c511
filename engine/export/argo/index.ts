/**
 * Export of a native flow to an Argo Workflows `WorkflowTemplate` (DESIGN.md "Export and import",
 * issue #4): the flow becomes the `main` DAG template; each step a task with enhanced `depends`,
 * `when` for branch cases and approval decisions; approvals and waits `suspend` templates; retry a
 * retryStrategy; compensation an onExit handler; inputs spec.arguments.parameters. Every loss of
 * meaning is a finding (codes.ts, FS120–FS139). Source: https://argo-workflows.readthedocs.io/
 * (Workflow Templates, DAG, Enhanced Depends Logic, Suspending, Retries, Exit Handlers, Variables).
 * The document matches the Argo JSON schema's io.argoproj.workflow.v1alpha1.WorkflowTemplate
 * (checked in tests); the exporter itself runs only the cheap checks of check.ts.
 */
import { Document } from 'yaml';
import type { Flow } from '../../model/flow.js';
import { isCronTrigger } from '../../model/flow.js';
import type { Exporter, ExportResult } from '../../interop/types.js';
import { selfCheck } from './check.js';
import { ArgoExportCode } from './codes.js';
import { compensationHandler } from './compensation.js';
import { SharedTemplate } from '../../interop/argo/conventions.js';
import { ExportContext, type ArgoTemplate, type Scope } from './context.js';
import { workflowParameters } from './inputs.js';
import { buildScope } from './scope.js';

export { ArgoExportCode, argoExportCodeMeanings } from './codes.js';

/** The Argo API version and kind written (https://argo-workflows.readthedocs.io/en/latest/workflow-templates/). */
export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

/**
 * Exports `flow` (already validated) as a WorkflowTemplate named after the flow: document, YAML
 * text and findings. Pure and synchronous; never throws for a valid flow.
 */
export const exportArgo: Exporter = (flow: Flow): ExportResult => {
  const ctx = new ExportContext(flow);
  const scope: Scope = { steps: flow.steps, start: flow.start, taskNames: new Map() };
  const main = buildScope(ctx, scope);
  const mainTemplate: ArgoTemplate = {
    name: SharedTemplate.main,
    dag: { tasks: main.tasks, ...(main.failFast === false ? { failFast: false } : {}) },
  };
  const onExit = compensationHandler(ctx, scope, main.order);
  const parameters = workflowParameters(ctx);
  reportTriggers(ctx);

  const templates = [mainTemplate, ...ctx.templates];
  const spec = {
    entrypoint: SharedTemplate.main,
    ...(parameters.length ? { arguments: { parameters } } : {}),
    ...(onExit === undefined ? {} : { onExit }),
    templates,
  };
  const annotations: Record<string, string> = { 'flowsmith.io/flow': flow.name };
  if (flow.title !== undefined) annotations['workflows.argoproj.io/title'] = flow.title;
  if (flow.description !== undefined) annotations['workflows.argoproj.io/description'] = flow.description;
  const document = {
    apiVersion: ARGO_API_VERSION,
    kind: 'WorkflowTemplate',
    metadata: { name: flow.name, annotations },
    spec,
  };
  ctx.findings.push(...selfCheck(spec));

  const doc = new Document(document);
  doc.commentBefore = ` Exported by Flowsmith from flow ${flow.name}; read the export findings for what Argo does differently.`;
  return { target: 'argo', document, text: doc.toString({ lineWidth: 0 }), format: 'yaml', findings: ctx.findings };
};

/** WorkflowTemplates have no schedule: each cron trigger needs a CronWorkflow (FS135). */
function reportTriggers(ctx: ExportContext): void {
  for (const trigger of ctx.flow.triggers ?? []) {
    if (!isCronTrigger(trigger)) {
      // Issue #12: webhooks are served by `flowsmith serve`; Argo's counterpart is Argo Events.
      ctx.report(
        ArgoExportCode.trigger,
        undefined,
        `the webhook trigger "${trigger.webhook.name}" is not part of a WorkflowTemplate; an Argo Events webhook EventSource and a Sensor can submit ${ctx.flow.name} with the body as arguments`,
      );
      continue;
    }
    const zone = trigger.timezone === undefined ? '' : ` and timezone: ${trigger.timezone}`;
    const input = trigger.input === undefined ? '' : `, passing ${JSON.stringify(trigger.input)} as arguments`;
    ctx.report(
      ArgoExportCode.trigger,
      undefined,
      `the cron trigger "${trigger.cron}" needs a CronWorkflow with schedule: "${trigger.cron}"${zone} and workflowSpec.workflowTemplateRef.name: ${ctx.flow.name}${input}`,
    );
  }
}
