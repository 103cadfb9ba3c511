/**
 * Cheap structural self-checks of an exported WorkflowTemplate, the kind `argo lint` would catch
 * first: the entrypoint and onExit exist, template and task names are unique DNS-1123 labels, every
 * task runs a template that exists, and every name in `depends` is a task of the same DAG.
 * A failure is an exporter bug, reported as an FS120 error rather than hidden (engine/export/types.ts).
 * The full Argo JSON schema is checked in tests, not here: it is large and lives outside the repo.
 */
import type { Finding } from '../../model/finding.js';
import { ArgoExportCode } from './codes.js';
import type { ArgoTemplate } from './context.js';
import { isDnsLabel } from '../../interop/argo/names.js';

/** Phases and aggregates a depends expression may name (Enhanced Depends Logic). */
const DEPENDS_TERM = /([A-Za-z0-9][-A-Za-z0-9]*)(?:\.(Succeeded|Failed|Errored|Skipped|Omitted|Daemoned|AnySucceeded|AllFailed))?/g;

/** FS120 errors for `spec` (entrypoint, onExit, templates); [] when it is consistent. */
export function selfCheck(spec: { entrypoint: string; onExit?: string; templates: ArgoTemplate[] }): Finding[] {
  const problems: string[] = [];
  const templates = new Set<string>();
  for (const t of spec.templates) {
    if (templates.has(t.name)) problems.push(`template name ${t.name} is used twice`);
    if (!isDnsLabel(t.name)) problems.push(`template name ${t.name} is not a DNS-1123 label`);
    templates.add(t.name);
  }
  if (!templates.has(spec.entrypoint)) problems.push(`entrypoint ${spec.entrypoint} is not a template`);
  if (spec.onExit !== undefined && !templates.has(spec.onExit)) problems.push(`onExit ${spec.onExit} is not a template`);
  for (const t of spec.templates) {
    const tasks = t.dag?.tasks ?? [];
    const names = new Set<string>();
    for (const task of tasks) {
      if (names.has(task.name)) problems.push(`task ${task.name} appears twice in template ${t.name}`);
      if (!isDnsLabel(task.name)) problems.push(`task name ${task.name} in template ${t.name} is not a DNS-1123 label`);
      names.add(task.name);
      if (task.template !== undefined && !templates.has(task.template)) {
        problems.push(`task ${task.name} in template ${t.name} runs template ${task.template}, which does not exist`);
      }
      if (task.template === undefined && task.templateRef === undefined) problems.push(`task ${task.name} in template ${t.name} runs nothing`);
    }
    for (const task of tasks) {
      for (const [, name] of (task.depends ?? '').matchAll(DEPENDS_TERM)) {
        if (name !== undefined && !names.has(name)) problems.push(`task ${task.name} in template ${t.name} depends on ${name}, which is not a task there`);
      }
    }
  }
  return problems.map((p) => ({ severity: 'error', code: ArgoExportCode.selfCheck, message: `exported Argo document is inconsistent: ${p} (a Flowsmith bug; please report it)` }));
}
