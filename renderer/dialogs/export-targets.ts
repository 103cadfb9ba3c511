/**
 * The Export dialog's targets (issue #4): the native YAML plus the three production engines of
 * DESIGN.md "Export and import", with the names their users know and a file name suffix for each.
 */
import type { ExportTarget } from '../../engine/export/types';

/** What the Export dialog can show: the document as is, or exported to one engine. */
export type ExportChoice = 'native' | ExportTarget;

/** The choices in the order the dialog lists them. */
export const exportChoices: readonly { to: ExportChoice; label: string; suffix: string }[] = [
  { to: 'native', label: 'Native YAML', suffix: '.copy.yaml' },
  { to: 'argo', label: 'Argo Workflows', suffix: '.argo.yaml' },
  { to: 'asl', label: 'AWS Step Functions', suffix: '.asl.json' },
  { to: 'serverless-workflow', label: 'Serverless Workflow', suffix: '.sw.yaml' },
];

/**
 * Where "Save as…" offers to write an export of the flow file `flowPath`: beside it when it lies in
 * the workspace `root`, else in the workspace itself (the host writes nowhere else). Returns a path
 * relative to `root`, e.g. `deploys/web-app-deploy.asl.json`. Handles `/` and `\\` separators.
 */
export function defaultExportPath(flowPath: string, root: string, to: ExportChoice): string {
  const suffix = exportChoices.find((c) => c.to === to)?.suffix ?? '.export';
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const file = norm(flowPath);
  const base = (file.split('/').pop() ?? 'flow').replace(/\.ya?ml$/i, '');
  const folder = file.slice(0, file.lastIndexOf('/'));
  const top = norm(root);
  if (folder === top) return `${base}${suffix}`;
  if (folder.startsWith(`${top}/`)) return `${folder.slice(top.length + 1)}/${base}${suffix}`;
  return `${base}${suffix}`;
}
