/**
 * Validation of flows (DESIGN.md "Validation"): every finding has a code (codes.ts), a message that
 * says what is wrong and what to do, the JSON pointer of the node, its line:col when the source is
 * known, and the step id when it concerns a step.
 */
import type { Finding } from '../model/finding.js';
import { blockTree } from '../model/blocks.js';
import { createFindings } from '../model/findings-reporter.js';
import { loadFlowText, type LoadedFlow } from '../yaml/load.js';
import { checkBounds } from './bounds.js';
import { capPerCode } from './cap.js';
import { checkDuplicateKeys } from './duplicates.js';
import { checkExpressions } from './expressions.js';
import { checkGraph } from './graph.js';
import { jsonPointer, stepOfPath, type DocPath, type Issue } from './issue.js';
import { checkParallels } from './parallel.js';
import { checkReferences } from './references.js';
import { checkTriggers } from './triggers.js';
import { checkSchema } from './schema.js';
import { checkShellEnv } from './shell-env.js';
import { checkSteps } from './steps.js';
import { checkCallbacks } from './callbacks.js';

export { Code, codeMeanings } from '../model/finding.js';
export { flowSchema } from './schema.js';

/** Where a flow came from, to put file and line:col on findings. */
export interface FlowSource {
  file?: string;
  locate?: LoadedFlow['locate'];
}

/**
 * Findings for a parsed flow (any JSON value): schema (FS010), unknown ids (FS011), approvers
 * (FS012), ids across map bodies (FS013), unreachable steps (FS014, warning), loops with no exit
 * (FS015), parallel blocks (FS016–FS018), expressions (FS019), branch cases (FS020), durations
 * (FS021), expression limits (FS023, FS026), references in expressions (FS030), webhook triggers (FS031),
 * literal secrets in a shell step's env (FS032, warning), callbacks (FS040, FS041). Graph checks run even when the schema fails, on
 * whatever parts are well-formed. A flow nested deeper than MAX_NESTING_LEVELS (FS004) or over
 * MAX_STEP_COUNT steps (FS022) gets that finding alone: the other checks are skipped.
 * Sorted by position when `source.locate` is given. Never throws.
 */
export function validateFlow(flow: unknown, source?: FlowSource): Finding[] {
  return capPerCode(allFindings(flow, source));
}

function allFindings(flow: unknown, source?: FlowSource): Finding[] {
  const outOfBounds = checkBounds(flow);
  if (outOfBounds.length > 0) return toFindings(outOfBounds, source);
  // The block tree (and its scopes) is built once here, not once per check.
  const tree = blockTree(flow);
  const scopes = tree.scopes;
  const issues = [
    ...checkSchema(flow),
    ...checkGraph(flow, scopes),
    ...checkParallels(flow, tree),
    ...checkSteps(flow, scopes),
    ...checkExpressions(flow, scopes),
    ...checkReferences(flow, scopes),
    ...checkTriggers(flow),
    ...checkCallbacks(flow, scopes),
    ...checkShellEnv(flow, scopes),
  ];
  return sortByPosition(toFindings(issues, source));
}

/**
 * Parses and validates flow text: parse and limit findings (FS001–FS005, FS024, FS025) when it does
 * not load; FS022 alone when it has too many steps; otherwise duplicate keys (FS006, FS013, found
 * in the Document) plus validateFlow's findings, sorted by line. `file` is set on every finding,
 * and line:col on every one (the limits in engine/model/limits.ts keep this fast). `bytes`: the
 * file's raw bytes, for FS029 to name their real encoding (loadFlowText). Never throws.
 */
export function validateText(text: string, file?: string, bytes?: Uint8Array): { loaded: LoadedFlow; findings: Finding[] } {
  const loaded = loadFlowText(text, file, bytes);
  if (loaded.flow === null) return { loaded, findings: loaded.findings };
  const source: FlowSource = { locate: loaded.locate, ...(file === undefined ? {} : { file }) };
  const outOfBounds = checkBounds(loaded.flow);
  if (outOfBounds.length > 0) return { loaded, findings: toFindings(outOfBounds, source) };
  const lineStarts = lineStartsOf(text);
  const duplicateIssues = checkDuplicateKeys(loaded.doc, (offset) => positionAt(lineStarts, offset).line);
  const duplicates = toFindings(duplicateIssues, source).map((finding, i) => {
    const offset = duplicateIssues[i]!.offset;
    return offset === undefined ? finding : { ...finding, ...positionAt(lineStarts, offset) };
  });
  const findings = [...loaded.findings, ...duplicates, ...allFindings(loaded.flow, source)];
  return { loaded, findings: capPerCode(sortByPosition(findings)) };
}

/** Issues as findings (model/findings-reporter.ts): each with its JSON pointer, line:col when known, its step. */
function toFindings(issues: readonly Issue[], source: FlowSource | undefined): Finding[] {
  const { findings, report } = createFindings<Issue['code'], DocPath>({
    file: source?.file,
    locate: (path) => source?.locate?.(path),
    pointer: jsonPointer,
  });
  for (const issue of issues) {
    report(issue.code, issue.step ?? stepOfPath(issue.path), issue.message, { severity: issue.severity ?? 'error', at: issue.path });
  }
  return findings;
}

/** Stable sort by line then column; findings without a position keep their place at the top. */
function sortByPosition(findings: Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.line ?? 0) - (b.f.line ?? 0) || (a.f.col ?? 0) - (b.f.col ?? 0) || a.i - b.i)
    .map(({ f }) => f);
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a character offset. */
function positionAt(lineStarts: number[], offset: number): { line: number; col: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (lineStarts[lo] ?? 0) + 1 };
}
