/**
 * The contract every exporter and importer follows (DESIGN.md "Export and import", issue #4).
 * An exporter turns a validated native Flow into one production engine's document and reports,
 * as findings, every place where meaning could not be kept exactly; nothing is dropped silently.
 * An importer does the reverse into a native Flow (layout computed later by elkjs).
 */
import type { Finding } from '../model/finding.js';
import type { Flow } from '../model/flow.js';

/** The production engines' formats Flowsmith writes and reads: Argo Workflows, AWS Step Functions (ASL), Serverless Workflow. */
export const EngineFormat = {
  argo: 'argo',
  asl: 'asl',
  serverlessWorkflow: 'serverless-workflow',
} as const;
export type EngineFormat = (typeof EngineFormat)[keyof typeof EngineFormat];

/** A format as an export's target (every engine format can be exported to). */
export const ExportTarget = EngineFormat;
export type ExportTarget = EngineFormat;

/** A format as an import's source (every engine format can be imported from). */
export type ImportFormat = EngineFormat;

/**
 * What an exporter returns: the target document as data and as text (YAML for Argo and Serverless
 * Workflow, JSON for ASL), and the findings. A finding has `step` (the native step id) whenever the
 * loss belongs to one step, severity `warning` for an approximation, `error` when the target's own
 * checker rejects the document (which is a bug in the exporter, reported rather than hidden).
 */
export interface ExportResult {
  target: ExportTarget;
  document: unknown;
  text: string;
  /** `yaml` or `json`: how `text` is written and which file extension to suggest. */
  format: 'yaml' | 'json';
  findings: Finding[];
}

/** What an importer returns: the native flow, and findings with the source file's line:col where known. */
export interface ImportResult {
  flow: Flow;
  findings: Finding[];
}

/** One exporter: pure, synchronous, no I/O. */
export type Exporter = (flow: Flow) => ExportResult;

/**
 * One importer: parses `text` (the whole source file; `file` only labels findings) and builds a flow.
 * Throws nothing for bad content: unreadable input becomes an error finding and a minimal flow.
 */
export type Importer = (text: string, file?: string) => ImportResult;
