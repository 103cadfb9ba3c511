/**
 * Native error handling (DESIGN.md "Errors": timeout per attempt, retry, catch by error name,
 * continueOnError) as ASL fields (https://states-language.net/spec.html "Error Handling", AWS
 * "Handling errors in Step Functions workflows"): TimeoutSeconds, Retry, Catch.
 */
import { parseDurationMs } from '../../model/duration.js';
import type { CatchClause, DurationText, RetryPolicy, StepId } from '../../model/flow.js';
import { AslExportCode } from './codes.js';
import type { ExportContext } from './context.js';

/** Which kind of work a state does: decides how native error names map to ASL ones. */
export type WorkKind = 'lambda' | 'http' | 'approval' | 'integration' | 'container';

/** One ASL Catcher (spec "Catchers"); `Assign` of `$error` is added at the end if anything reads it. */
export interface AslCatcher {
  ErrorEquals: string[];
  Next: string;
  Assign?: Record<string, string>;
}

/** Native error names the placeholder functions must raise under these names (README.md). */
const EXECUTOR_ERRORS = new Set(['ShellExit', 'ScriptError', 'HttpStatus', 'Rejected']);

/**
 * Whole seconds for a native duration, rounded up (ASL counts seconds: TimeoutSeconds, Seconds,
 * IntervalSeconds, MaxDelaySeconds), at least `min`. Reports FS149 when the value had to change.
 * Returns undefined (with a finding) for a duration that does not parse; validate/ rejects those first.
 */
export function wholeSeconds(text: DurationText, step: StepId, field: string, ctx: ExportContext, min = 1): number | undefined {
  let ms: number;
  try {
    ms = parseDurationMs(text);
  } catch (error) {
    ctx.report(AslExportCode.approximated, step, `${field}: ${(error as Error).message}; not exported`);
    return undefined;
  }
  const seconds = Math.max(min, Math.ceil(ms / 1000));
  if (seconds * 1000 !== ms) {
    ctx.report(AslExportCode.durationRounded, step, `${field}: ${text} is exported as ${seconds} s (ASL counts whole seconds${min > 0 ? `, at least ${min}` : ''})`);
  }
  return seconds;
}

/** ASL Retry for a native retry policy: one Retrier on States.ALL, as the native policy retries every error. */
export function retryField(policy: RetryPolicy | undefined, step: StepId, ctx: ExportContext): { Retry?: unknown[] } {
  if (!policy || policy.maxAttempts <= 1) return {};
  const retrier: Record<string, unknown> = {
    ErrorEquals: ['States.ALL'],
    // Native maxAttempts counts the first try; ASL MaxAttempts counts retries only.
    MaxAttempts: policy.maxAttempts - 1,
    // Native default is 1 s fixed; ASL's default BackoffRate is 2.0, so it is always written.
    IntervalSeconds: policy.delay === undefined ? 1 : (wholeSeconds(policy.delay, step, 'retry.delay', ctx) ?? 1),
    BackoffRate: policy.backoff === 'exponential' ? (policy.multiplier ?? 2) : 1,
  };
  if (policy.maxDelay !== undefined) {
    const max = wholeSeconds(policy.maxDelay, step, 'retry.maxDelay', ctx);
    if (max !== undefined) retrier['MaxDelaySeconds'] = max;
  }
  if (policy.jitter) retrier['JitterStrategy'] = 'FULL';
  return { Retry: [retrier] };
}

/**
 * ASL names for native error names: `*` → States.ALL, Timeout → States.Timeout, NoChoice →
 * States.NoChoiceMatched, ExpressionError → States.QueryEvaluationError; HttpStatus of an HTTP Task →
 * States.TaskFailed (the HTTP Task fails with States.Http.StatusCode.<code>, which no single name
 * matches). Other names are kept: the placeholder functions raise them (README.md), and a fail
 * step's error name travels unchanged.
 */
export function aslErrorNames(names: string[], kind: WorkKind, step: StepId, ctx: ExportContext): string[] {
  const out: string[] = [];
  const notes: string[] = [];
  for (const name of names) {
    if (name === '*') out.push('States.ALL');
    else if (name === 'Timeout') out.push('States.Timeout');
    else if (name === 'NoChoice') out.push('States.NoChoiceMatched');
    else if (name === 'ExpressionError') out.push('States.QueryEvaluationError');
    else if (name === 'HttpStatus' && kind === 'http') {
      out.push('States.TaskFailed');
      notes.push('HttpStatus became States.TaskFailed, which also catches the HTTP Task\'s other failures');
    } else {
      out.push(name);
      if (EXECUTOR_ERRORS.has(name) && kind !== 'approval') notes.push(`${name} only matches if the placeholder function fails with that error name`);
    }
  }
  if (notes.length > 0) ctx.report(AslExportCode.errorNames, step, `catch: ${[...new Set(notes)].join('; ')}`, { severity: 'info' });
  return [...new Set(out)];
}

/**
 * ASL Catchers, in native routing order (runtime/routing.ts): `first` (approval outcomes), the catch
 * clauses, then continueOnError. States.ALL must stand alone in the last Catcher (spec "Error
 * Handling"); clauses after a `*` could never match and are reported and left out.
 */
export function catchField(
  clauses: CatchClause[],
  kind: WorkKind,
  step: StepId,
  ctx: ExportContext,
  target: (to: StepId) => string,
  extra: { first?: AslCatcher[]; continueTo?: () => string } = {},
): { Catch?: AslCatcher[] } {
  const catchers: AslCatcher[] = [...(extra.first ?? [])];
  let catchesAll = false;
  for (const clause of clauses) {
    if (catchesAll) {
      ctx.report(AslExportCode.unsupportedField, step, `catch clause for ${clause.errors.join(', ')} comes after one for "*" and can never match; not exported`);
      continue;
    }
    const names = aslErrorNames(clause.errors, kind, step, ctx);
    catchesAll = names.includes('States.ALL');
    catchers.push({ ErrorEquals: catchesAll ? ['States.ALL'] : names, Next: target(clause.next) });
  }
  if (extra.continueTo && !catchesAll) {
    ctx.report(AslExportCode.continueOnError, step, 'continueOnError is exported as a Catch of States.ALL to the next state, which receives the error output instead of a step output');
    catchers.push({ ErrorEquals: ['States.ALL'], Next: extra.continueTo() });
  }
  ctx.catchers.push(...catchers);
  return catchers.length > 0 ? { Catch: catchers } : {};
}
