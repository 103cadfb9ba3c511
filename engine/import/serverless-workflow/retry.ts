/**
 * A Serverless Workflow retry policy (dsl-reference.md "Retry": delay, backoff constant/linear/
 * exponential, limit.attempt.count, jitter) as a native RetryPolicy (DESIGN.md "Errors"):
 * maxAttempts counts the first attempt too, so it is the SW retry count + 1.
 */
import { isDurationText, parseDurationMs } from '../../model/duration.js';
import type { RetryPolicy } from '../../model/flow.js';
import { SwImportCode } from './codes.js';
import { durationOf, report, type TaskEnv } from './common.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** An SW retry, inline or a `use.retries` name, as a native policy; undefined when there is none. */
export function retryOf(env: TaskEnv, value: unknown): RetryPolicy | undefined {
  if (value === undefined) return undefined;
  const r = obj(typeof value === 'string' ? env.ctx.use.retries[value] : value);
  const limit = obj(r['limit']);
  const count = obj(limit['attempt'])['count'];
  const policy: RetryPolicy = { maxAttempts: typeof count === 'number' ? count + 1 : 3 };
  if (typeof count !== 'number') {
    report(env, SwImportCode.errorHandling, 'the retry has no limit.attempt.count: Flowsmith needs one and uses 3 attempts');
  }
  const delay = durationOf(r['delay']);
  if (delay !== undefined) policy.delay = delay;
  const backoff = obj(r['backoff']);
  if (backoff['exponential'] !== undefined) policy.backoff = 'exponential';
  else if (backoff['constant'] !== undefined) policy.backoff = 'fixed';
  else if (backoff['linear'] !== undefined) {
    policy.backoff = 'fixed';
    report(env, SwImportCode.errorHandling, 'linear backoff has no native equivalent: the delay is fixed');
  }
  if (r['jitter'] !== undefined) {
    policy.jitter = true;
    // The exporter writes native jitter as the range 0…delay; any other range is approximated.
    const j = obj(r['jitter']);
    if (!(millis(j['from']) === 0 && millis(j['to']) === millis(r['delay']))) {
      report(env, SwImportCode.errorHandling, 'the jitter range became native jitter (a delay drawn from 0…delay)', 'info');
    }
  }
  const dropped = ['when', 'exceptWhen'].filter((k) => r[k] !== undefined);
  if (limit['duration'] !== undefined || obj(limit['attempt'])['duration'] !== undefined) dropped.push('limit.duration');
  if (dropped.length > 0) report(env, SwImportCode.errorHandling, `retry ${dropped.join(', ')} has no native equivalent; dropped`);
  return policy;
}

function millis(value: unknown): number | undefined {
  const d = durationOf(value);
  return d !== undefined && isDurationText(d) ? parseDurationMs(d) : undefined;
}
