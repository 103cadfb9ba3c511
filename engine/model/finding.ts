/**
 * The findings vocabulary (STYLE.md §8, issue #10): what a finding is, and the table of its codes
 * (codes.ts, re-exported here), shared by engine/yaml (parse codes), engine/validate (checks) and
 * the importers, so none of them imports another for it.
 */
export { Code, codeMeanings } from './codes.js';

/**
 * A problem in what the user wrote (STYLE.md §8 kind 1): data, never thrown.
 * Printed as `file:line:col step: message` by the CLI (DESIGN.md "Interfaces").
 */
export interface Finding {
  severity: 'error' | 'warning' | 'info';
  /** Stable code, `FS` + three digits; `Code` (model/codes.ts) lists them. */
  code: string;
  /** What is wrong and what to do, in one sentence. */
  message: string;
  file?: string;
  /** 1-based line and column of the offending node in the source, when known. */
  line?: number;
  col?: number;
  step?: string;
  /** JSON path inside the document, e.g. `/steps/deploy/retry/maxAttempts`. */
  path?: string;
}

/** Formats a finding as `file:line:col step: message` (missing parts left out). */
export function formatFinding(f: Finding): string {
  const where = [f.file ?? '<flow>', f.line ?? 0, f.col ?? 0].join(':');
  const step = f.step ? ` ${f.step}` : '';
  return `${where}${step}: ${f.severity === 'error' ? '' : f.severity + ': '}${f.message}`;
}

