/**
 * Export of a native flow to a production engine's format (DESIGN.md "Export and import",
 * issue #4): one entry point over the three exporters.
 */
import type { Finding } from '../model/finding.js';
import type { Flow } from '../model/flow.js';
import { exportArgo } from './argo/index.js';
import { exportAsl } from './asl/index.js';
import { exportServerlessWorkflow } from './serverless-workflow/index.js';
import type { ExportResult, Exporter } from '../interop/types.js';
import { ExportTarget } from '../interop/types.js';

export type { ExportResult } from '../interop/types.js';
export { ExportTarget } from '../interop/types.js';

const exporters: Record<ExportTarget, Exporter> = {
  argo: exportArgo,
  asl: exportAsl,
  'serverless-workflow': exportServerlessWorkflow,
};

/** The export targets, for `--to` and the Export dialog. */
export const exportTargets = Object.values(ExportTarget);

/** Type guard for a target name given by a user. */
export function isExportTarget(name: string): name is ExportTarget {
  return (exportTargets as string[]).includes(name);
}

/**
 * Exports a valid flow to `target`: the document, its text and the findings (losses of meaning),
 * the same loss on several steps grouped into one finding (groupFindings).
 */
export function exportFlow(flow: Flow, target: ExportTarget): ExportResult {
  const result = exporters[target](flow);
  return { ...result, findings: groupFindings(result.findings) };
}

/**
 * Findings with the same code, severity and message (they differ only in their step) as one, at the
 * first of them, listing every step: web-app-deploy's ASL export said "shell command runs in the
 * placeholder Lambda …" seven times (issue #11 item 17). Order is kept; single findings are as they were.
 */
export function groupFindings(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, { first: Finding; steps: string[] }>();
  const order: (Finding | string)[] = [];
  for (const f of findings) {
    if (f.step === undefined) {
      order.push(f);
      continue;
    }
    const key = `${f.code}\u0000${f.severity}\u0000${f.message}`;
    const group = groups.get(key);
    if (group) {
      if (!group.steps.includes(f.step)) group.steps.push(f.step);
      continue;
    }
    groups.set(key, { first: f, steps: [f.step] });
    order.push(key);
  }
  return order.map((item) => {
    if (typeof item !== 'string') return item;
    const { first, steps } = groups.get(item)!;
    return steps.length === 1 ? first : { ...first, message: `${first.message} (${steps.length} steps: ${steps.join(', ')})` };
  });
}
