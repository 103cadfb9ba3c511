/**
 * Reads Argo YAML: picks the first Workflow, WorkflowTemplate, ClusterWorkflowTemplate or
 * CronWorkflow document of the file (a file may hold several, separated by `---`), reports the rest,
 * and keeps the line:col of each template for findings. A CronWorkflow's workflow spec is under
 * `spec.workflowSpec` (https://argo-workflows.readthedocs.io/en/latest/cron-workflows/).
 * Parsing follows DESIGN.md "Security": size and alias limits as for flows.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { Finding } from '../../model/finding.js';
import { createFindings } from '../../model/findings-reporter.js';
import { ArgoImportCode } from './codes.js';

/** Largest Argo file accepted, in bytes of UTF-8: as for flows (DESIGN.md "Security": parsing limits size). */
export const MAX_ARGO_BYTES = 5 * 1024 * 1024;
/** yaml's maxAliasCount for toJS: caps alias expansion (DESIGN.md "Security": limits aliases). */
export const MAX_ALIAS_COUNT = 100;

/** A loosely typed Argo object: input is checked field by field, never trusted. */
export type Obj = Record<string, unknown>;

/** The kinds that hold a workflow spec. */
export const WORKFLOW_KINDS = ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'] as const;

/** The imported document. */
export interface ArgoSource {
  kind: (typeof WORKFLOW_KINDS)[number];
  metadata: Obj;
  /** The workflow spec (for a CronWorkflow, its `workflowSpec`). */
  spec: Obj;
  /** A CronWorkflow's own spec (schedule, timezone, concurrencyPolicy…). */
  cron?: Obj;
  /** 1-based position of a template by name, when known. */
  locate(template: string): { line: number; col: number } | undefined;
}

/** `value` when it is a plain object, else undefined. */
export function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

/** `value` when it is an array, else []. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `value` as text when it is a string or a number (Argo writes many numbers as strings), else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** The first workflow-kind document of `text`, or findings saying why there is none. Never throws. */
export function readArgo(text: string): { source?: ArgoSource; findings: Finding[] } {
  const { findings, report } = createFindings<ArgoImportCode, { line: number; col: number }>({ locate: (at) => at });
  const fail = (message: string, line = 1, col = 1) => {
    report(ArgoImportCode.unreadable, undefined, message, { severity: 'error', at: { line, col } });
    return { findings };
  };
  if (Buffer.byteLength(text, 'utf8') > MAX_ARGO_BYTES) return fail(`the file is larger than ${MAX_ARGO_BYTES / 1024 / 1024} MiB`);
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  if (!Array.isArray(docs)) return fail('the file holds no YAML document');
  let source: ArgoSource | undefined;
  for (const [index, doc] of docs.entries()) {
    const error = doc.errors[0];
    if (error) {
      const pos = lineCounter.linePos(error.pos[0]);
      return fail(`YAML syntax error in document ${index + 1}: ${error.message.split('\n')[0]}`, pos.line, pos.col);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      return fail(`document ${index + 1} cannot be read: ${(err as Error).message}`);
    }
    const o = obj(value);
    const kind = str(o?.['kind']);
    const start = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
    if (source || !o || !WORKFLOW_KINDS.includes(kind as ArgoSource['kind'])) {
      const what = o ? `${kind ?? 'a document without kind'} ${str(obj(o['metadata'])?.['name']) ?? ''}`.trim() : 'not a mapping';
      if (value !== null && value !== undefined) {
        const message = `document ${index + 1} (${what}) was not imported: only the first workflow document of a file is; import it from a file of its own`;
        report(ArgoImportCode.extraDocuments, undefined, message, { severity: 'info', at: start });
      }
      continue;
    }
    const spec = obj(o['spec']) ?? {};
    const isCron = kind === 'CronWorkflow';
    const workflowSpec = isCron ? (obj(spec['workflowSpec']) ?? {}) : spec;
    const templatesNode = nodeAt(doc.contents, isCron ? ['spec', 'workflowSpec', 'templates'] : ['spec', 'templates']);
    const positions = new Map<string, { line: number; col: number }>();
    if (isSeq(templatesNode)) {
      for (const item of templatesNode.items) {
        const name = isMap(item) ? item.get('name') : undefined;
        if (typeof name === 'string' && item && (item as Node).range) positions.set(name, lineCounter.linePos((item as Node).range![0]));
      }
    }
    source = {
      kind: kind as ArgoSource['kind'],
      metadata: obj(o['metadata']) ?? {},
      spec: workflowSpec,
      ...(isCron ? { cron: spec } : {}),
      locate: (template) => positions.get(template),
    };
  }
  if (!source) return fail('the file holds no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow document');
  return { source, findings };
}

function nodeAt(node: unknown, path: string[]): unknown {
  let current = node;
  for (const key of path) current = isMap(current) ? current.get(key, true) : undefined;
  return current;
}
