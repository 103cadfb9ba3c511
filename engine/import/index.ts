/**
 * Import of a production engine's document into a native flow (DESIGN.md "Export and import",
 * issue #4): detects or takes the format, runs its importer, lays the steps out with elkjs and
 * writes the native YAML. The flow records where it came from (`origin`), which makes it
 * untrusted until a person trusts it (DESIGN.md "Security").
 */
import { parse } from 'yaml';
import type { Finding } from '../model/finding.js';
import type { Flow } from '../model/flow.js';
import { guardFlowShellCode } from './guard-shell-code.js';
import { flowToText } from '../yaml/save.js';
import { encodingProblem } from '../yaml/encoding.js';
import { capPerCode } from '../validate/cap.js';
import { importArgo } from './argo/index.js';
import { importAsl } from './asl/index.js';
import { importServerlessWorkflow } from './serverless-workflow/index.js';
import type { ImportResult, Importer } from '../interop/types.js';
import type { ImportFormat } from '../interop/types.js';
import { layoutFlow } from './layout.js';

/** Formats `import --from` accepts: the export targets. */
export type { ImportFormat } from '../interop/types.js';

const importers: Record<ImportFormat, Importer> = {
  argo: importArgo,
  asl: importAsl,
  'serverless-workflow': importServerlessWorkflow,
};

/** Type guard for a format name given by a user. */
export function isImportFormat(name: string): name is ImportFormat {
  return name in importers;
}

/**
 * Guesses the format of a source document: ASL has `StartAt` and `States`, Argo an
 * `apiVersion: argoproj.io/…`, Serverless Workflow a `document.dsl`. Returns undefined when unsure.
 */
export function detectFormat(text: string): ImportFormat | undefined {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
  if (!doc || typeof doc !== 'object') return undefined;
  const d = doc as Record<string, unknown>;
  if ('StartAt' in d && 'States' in d) return 'asl';
  if (typeof d.apiVersion === 'string' && d.apiVersion.startsWith('argoproj.io/')) return 'argo';
  if (d.document && typeof d.document === 'object' && 'dsl' in (d.document as object)) return 'serverless-workflow';
  return undefined;
}

/** An imported flow with its native YAML text. */
export interface ImportedFlow extends ImportResult {
  format: ImportFormat;
  text: string;
}

/**
 * Imports `text` (the file `file`, used for findings and `origin`) as `format` (detected when
 * omitted). The flow gets `origin: {format, file, importedAt}` (`now` as ISO 8601), which keeps it
 * untrusted until a person trusts it (engine/service/trust.ts). Throws Error when the text is not
 * UTF-8 (yaml/encoding.ts) or the format cannot be detected; content problems are findings.
 */
export async function importFlow(text: string, file: string, format?: ImportFormat, now: Date = new Date()): Promise<ImportedFlow> {
  const encoding = encodingProblem(text);
  if (encoding?.severity === 'error') throw new Error(`${file}: ${encoding.message}`);
  const from = format ?? detectFormat(text);
  if (!from) throw new Error(`${file}: cannot tell which format this is; pass --from asl, argo or serverless-workflow`);
  const imported = importers[from](text, file);
  const { flow, findings: guardFindings } = guardFlowShellCode(imported.flow, file);
  const findings = [...imported.findings, ...guardFindings];
  const layout = await layoutFlow(flow);
  const withLayout: Flow = { ...flow, layout, origin: { format: from, file, importedAt: now.toISOString() } };
  return { format: from, flow: withLayout, findings: capPerCode(findings.map(located)), text: flowToText(withLayout) };
}

/**
 * A finding with a place: those about the document as a whole (workflow-level fields, deploy-time
 * placeholders, the imported flow failing validation) had none and printed as 0:0 (issue #11 item
 * 13); they point at the start of the document.
 */
function located(f: Finding): Finding {
  return f.line === undefined ? { ...f, line: 1, col: 1 } : f;
}
