/**
 * The one findings reporter of the exporters and importers (issue #10: six contexts each had
 * their own `report`/`add` with six argument orders). Each target says once, when it creates its
 * reporter, how a place in its source becomes line:col and a JSON pointer; every call site then
 * reads the same: `report(code, step, message, { severity, at })`.
 */
import type { Finding } from './finding.js';
import type { StepId } from './flow.js';

/** Where and how bad, for one finding. */
export interface ReportOptions<At> {
  /** Defaults to `warning`: most findings are approximations (STYLE.md §8). */
  severity?: Finding['severity'] | undefined;
  /** A place in the source document, in the target's own terms (a template name, a source path). */
  at?: At | undefined;
  /**
   * What the finding is about when that is not a native step (an SW task, an ASL state): the
   * message becomes `<subject>: <message>`.
   */
  subject?: string | undefined;
}

/** Records findings into `findings`, in the order reported. */
export interface FindingsReporter<C extends string = string, At = never> {
  readonly findings: Finding[];
  /**
   * Records a finding with `code` about step `step` (a native step id; undefined for the whole
   * flow or document): `message` says what was lost or guessed and what to do.
   */
  report(code: C, step: StepId | undefined, message: string, options?: ReportOptions<At>): void;
}

/** How a target turns its places into positions; every field is optional. */
export interface ReporterSettings<At> {
  /** Set as `file` on every finding (importers: the source file as given). */
  file?: string;
  /** 1-based line:col of a place in the source, when known. */
  locate?: (at: At) => { line: number; col: number } | undefined;
  /** JSON pointer of a place, set as `path`. */
  pointer?: (at: At) => string | undefined;
  /** The place of a step, used when a finding names a step but no `at` (exporters: the step in the native flow). */
  placeOf?: (step: StepId) => At | undefined;
  /** True when `finding` says nothing new after `earlier`: it is then dropped. */
  isRepeat?: (finding: Finding, earlier: Finding) => boolean;
}

/**
 * A reporter whose findings carry `severity, code, message`, then `file`, `line`/`col`, `path` and
 * `step` where known. Never throws.
 */
export function createFindings<C extends string, At = never>(settings: ReporterSettings<At> = {}): FindingsReporter<C, At> {
  const findings: Finding[] = [];
  const { file, locate, pointer, placeOf, isRepeat } = settings;
  return {
    findings,
    report(code, step, message, options = {}) {
      const text = options.subject === undefined ? message : `${options.subject}: ${message}`;
      const finding: Finding = { severity: options.severity ?? 'warning', code, message: text };
      if (file !== undefined) finding.file = file;
      const at = options.at ?? (step === undefined ? undefined : placeOf?.(step));
      if (at !== undefined) {
        const position = locate?.(at);
        if (position) {
          finding.line = position.line;
          finding.col = position.col;
        }
        const path = pointer?.(at);
        if (path !== undefined) finding.path = path;
      }
      if (step !== undefined) finding.step = step;
      if (isRepeat && findings.some((earlier) => isRepeat(finding, earlier))) return;
      findings.push(finding);
    },
  };
}
