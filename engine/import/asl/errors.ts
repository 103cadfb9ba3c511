/**
 * ASL error handling (https://states-language.net/spec.html "Error Handling": Retriers, Catchers,
 * TimeoutSeconds) as native `retry`, `catch` and `timeout` (DESIGN.md "Errors").
 */
import type { CatchClause, RetryPolicy, StepCommon } from '../../model/flow.js';
import { AslImportCode } from './codes.js';
import { isObject } from './context.js';
import { note, targetOf, type StateSite } from './site.js';

/** Native names for ASL's predefined error names; names not listed are kept as they are. */
const ERROR_NAMES: Record<string, { native: string; note?: string }> = {
  'States.ALL': { native: '*' },
  'States.Timeout': { native: 'Timeout' },
  'States.HeartbeatTimeout': { native: 'Timeout', note: 'States.HeartbeatTimeout became Timeout (Flowsmith has no heartbeats)' },
  'States.TaskFailed': { native: '*', note: 'States.TaskFailed (any failure but a timeout) became "*", which also catches Timeout' },
  'States.BranchFailed': { native: '*', note: 'States.BranchFailed became "*"' },
  'States.NoChoiceMatched': { native: 'NoChoice' },
  'States.QueryEvaluationError': { native: 'ExpressionError' },
  'States.IntrinsicFailure': { native: 'ExpressionError' },
  'States.ParameterPathFailure': { native: 'ExpressionError' },
  'States.ResultPathMatchFailure': { native: 'ExpressionError' },
};

/** Native error names for an ErrorEquals list; notes go to `notes`. */
export function nativeErrorNames(names: unknown, notes: Set<string>): string[] {
  const out: string[] = [];
  for (const name of Array.isArray(names) ? names : []) {
    if (typeof name !== 'string') continue;
    const known = ERROR_NAMES[name];
    if (known?.note) notes.add(known.note);
    out.push(known?.native ?? name);
  }
  // "*" catches everything: the other names of the clause add nothing.
  return out.includes('*') ? ['*'] : [...new Set(out)];
}

/**
 * `retry` for a Task's Retriers. Native retry has one policy for every error, so the Retrier for
 * States.ALL (else the first) is kept: MaxAttempts + 1 attempts, IntervalSeconds → delay,
 * BackoffRate → exponential backoff (ASL's default rate is 2.0), MaxDelaySeconds, JitterStrategy FULL.
 */
export function retryField(site: StateSite): Pick<StepCommon, 'retry'> {
  const retriers = (Array.isArray(site.state['Retry']) ? site.state['Retry'] : []).filter(isObject);
  if (retriers.length === 0) return {};
  const chosen = retriers.find((r) => Array.isArray(r['ErrorEquals']) && r['ErrorEquals'].includes('States.ALL')) ?? retriers[0]!;
  const errors = Array.isArray(chosen['ErrorEquals']) ? chosen['ErrorEquals'].join(', ') : '';
  if (retriers.length > 1 || !errors.includes('States.ALL')) {
    note(site, AslImportCode.retry, 'warning', `Retry for ${errors} now applies to every error (a native step has one retry policy${retriers.length > 1 ? `; ${retriers.length - 1} other Retrier(s) left out` : ''})`, 'Retry');
  }
  const attempts = typeof chosen['MaxAttempts'] === 'number' ? chosen['MaxAttempts'] : 3;
  if (attempts <= 0) return {};
  const policy: RetryPolicy = { maxAttempts: attempts + 1, delay: `${typeof chosen['IntervalSeconds'] === 'number' ? chosen['IntervalSeconds'] : 1}s` };
  const rate = typeof chosen['BackoffRate'] === 'number' ? chosen['BackoffRate'] : 2;
  if (rate !== 1) {
    policy.backoff = 'exponential';
    policy.multiplier = rate;
  }
  if (typeof chosen['MaxDelaySeconds'] === 'number') policy.maxDelay = `${chosen['MaxDelaySeconds']}s`;
  if (chosen['JitterStrategy'] === 'FULL') policy.jitter = true;
  return { retry: policy };
}

/** `catch` for the state's Catchers, in order; `skip` filters out Catchers handled otherwise (approval onTimeout). */
export function catchField(site: StateSite, skip: (catcher: Record<string, unknown>) => boolean = () => false): Pick<StepCommon, 'catch'> {
  const catchers = (Array.isArray(site.state['Catch']) ? site.state['Catch'] : []).filter(isObject);
  const notes = new Set<string>();
  const clauses: CatchClause[] = [];
  for (const catcher of catchers) {
    if (skip(catcher) || typeof catcher['Next'] !== 'string') continue;
    const errors = nativeErrorNames(catcher['ErrorEquals'], notes);
    if (errors.length === 0) continue;
    clauses.push({ errors, next: targetOf(site, catcher['Next']) });
    if (catcher['Assign'] !== undefined) notes.add('a Catcher\'s Assign has no native equivalent (native catch clauses set no variables)');
  }
  if (notes.size > 0) note(site, AslImportCode.errorNames, 'info', [...notes].join('; '), 'Catch');
  return clauses.length > 0 ? { catch: clauses } : {};
}

/** `timeout` from TimeoutSeconds; TimeoutSecondsPath, JSONata timeouts and HeartbeatSeconds are reported. */
export function timeoutField(site: StateSite): Pick<StepCommon, 'timeout'> {
  const seconds = site.state['TimeoutSeconds'];
  for (const field of ['TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath']) {
    if (site.state[field] !== undefined) note(site, AslImportCode.timeout, 'warning', `${field} has no native equivalent; left out`, field);
  }
  if (typeof seconds === 'number' && seconds > 0) return { timeout: `${seconds}s` };
  if (seconds !== undefined) note(site, AslImportCode.timeout, 'warning', `TimeoutSeconds ${JSON.stringify(seconds)} is not a number of seconds; left out`, 'TimeoutSeconds');
  return {};
}
