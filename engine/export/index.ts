/**
 * Export of a native flow to a production engine's format (DESIGN.md "Export and import",
 * issue #4): one entry point over the three exporters.
 */
import type { Flow } from '../model/flow.js';
import { exportArgo } from './argo/index.js';
import { exportAsl } from './asl/index.js';
import { exportServerlessWorkflow } from './serverless-workflow/index.js';
import type { ExportResult, Exporter } from './types.js';
import { ExportTarget } from './types.js';

export type { ExportResult } from './types.js';
export { ExportTarget } from './types.js';

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

/** Exports a valid flow to `target`: the document, its text and the findings (losses of meaning). */
export function exportFlow(flow: Flow, target: ExportTarget): ExportResult {
  return exporters[target](flow);
}
