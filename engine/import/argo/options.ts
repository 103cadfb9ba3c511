/**
 * Template options with a Flowsmith meaning: retryStrategy → retry (limit + 1 attempts, backoff
 * duration/factor/cap → delay/multiplier/maxDelay), activeDeadlineSeconds and timeout → timeout;
 * and the fields without one, reported once per template (FS237). Retry semantics differ: Argo's
 * default retryPolicy retries failed pods only, Flowsmith retries every error (DESIGN.md "Errors").
 * Source: https://argo-workflows.readthedocs.io/en/latest/retries/ and …/fields/#template.
 */
import { fromArgoDuration } from '../../interop/argo/duration.js';
import type { RetryPolicy, Step, StepId } from '../../model/flow.js';
import { ArgoImportCode } from './codes.js';
import type { ImportContext } from './context.js';
import { obj, str, type Obj } from './source.js';

/** Template fields the importer reads; any other field is reported as ignored. */
const KNOWN = new Set([
  'name', 'container', 'script', 'resource', 'suspend', 'http', 'steps', 'dag', 'inputs', 'outputs',
  'retryStrategy', 'activeDeadlineSeconds', 'timeout', 'metadata', 'data', 'plugin', 'containerSet',
]);

const reported = new WeakSet<Obj>();

/** Reports, once per template, the fields Flowsmith ignores and the outputs it does not collect. */
export function reportIgnored(ctx: ImportContext, tmpl: Obj, step?: StepId): void {
  if (reported.has(tmpl)) return;
  reported.add(tmpl);
  const name = str(tmpl['name']) ?? '?';
  const ignored = Object.keys(tmpl).filter((k) => !KNOWN.has(k));
  if (ignored.length) {
    ctx.report(
      ArgoImportCode.ignoredField,
      step || undefined,
      `template ${name}: ${ignored.join(', ')} ${ignored.length === 1 ? 'has' : 'have'} no Flowsmith meaning and ${ignored.length === 1 ? 'was' : 'were'} ignored`,
      { severity: 'info', at: name },
    );
  }
  const outputs = obj(tmpl['outputs']);
  const inputs = obj(tmpl['inputs']);
  const kept = [
    // A suspend's supplied output parameters are reported with the approval (suspend-http.ts).
    ...(Array.isArray(outputs?.['parameters']) && tmpl['suspend'] === undefined ? ['output parameters'] : []),
    ...(Array.isArray(outputs?.['artifacts']) ? ['output artifacts'] : []),
    ...(Array.isArray(inputs?.['artifacts']) ? ['input artifacts'] : []),
  ];
  if (kept.length) {
    ctx.report(ArgoImportCode.artifacts, step || undefined, `template ${name}: ${kept.join(' and ')} are not imported; Flowsmith steps pass data as their stdout/JSON output`, { at: name });
  }
}

/** Sets the step's timeout and retry from the template's activeDeadlineSeconds/timeout and retryStrategy. */
export function applyOptions(ctx: ImportContext, tmpl: Obj, step: Step, id: StepId): void {
  const name = str(tmpl['name']) ?? '?';
  const where = { template: name, step: id };
  for (const field of ['activeDeadlineSeconds', 'timeout'] as const) {
    const raw = tmpl[field];
    if (raw === undefined) continue;
    const timeout = fromArgoDuration(raw);
    if (timeout !== undefined) step.timeout = timeout;
    else ctx.report(ArgoImportCode.timeout, where.step, `template ${name}: ${field} ${JSON.stringify(raw)} is not a fixed duration and was left out`, { at: where.template });
  }
  const strategy = obj(tmpl['retryStrategy']);
  if (strategy) {
    const retry = retryPolicy(ctx, strategy, name, id);
    if (step.type === 'task') step.retry = retry;
    else ctx.report(ArgoImportCode.retry, where.step, `template ${name}: Flowsmith retries only task steps; the retryStrategy was left out`, { at: where.template });
  }
}

function retryPolicy(ctx: ImportContext, strategy: Obj, name: string, id: StepId): RetryPolicy {
  const where = { template: name, step: id };
  const note = (what: string) => ctx.report(ArgoImportCode.retry, where.step, `template ${name}: ${what}`, { at: where.template });
  const limitText = str(strategy['limit']);
  const limit = limitText !== undefined && /^\d+$/.test(limitText.trim()) ? Number(limitText) : undefined;
  if (limitText !== undefined && limit === undefined) note(`retry limit ${limitText} is not a number; 1 retry was assumed`);
  // Argo without a limit retries for ever; Flowsmith needs a number (10 is generous for a step).
  if (limitText === undefined) note('retryStrategy has no limit (Argo retries without end); 10 retries were assumed');
  const policy: RetryPolicy = { maxAttempts: (limit ?? (limitText === undefined ? 10 : 1)) + 1 };
  const backoff = obj(strategy['backoff']);
  if (backoff) {
    const delay = fromArgoDuration(backoff['duration']);
    if (delay !== undefined) policy.delay = delay;
    const factor = Number(str(backoff['factor']));
    if (Number.isFinite(factor) && factor > 1) {
      policy.backoff = 'exponential';
      policy.multiplier = factor;
    }
    const cap = fromArgoDuration(backoff['cap']);
    if (cap !== undefined) policy.maxDelay = cap;
    if (backoff['maxDuration'] !== undefined) note(`backoff.maxDuration ${String(backoff['maxDuration'])} (a bound on the whole retrying) has no Flowsmith equivalent`);
  }
  const retryOn = str(strategy['retryPolicy']);
  if (retryOn !== undefined && retryOn !== 'Always') note(`retryPolicy ${retryOn}: Flowsmith retries after every error, not only on ${retryOn.replace(/^On/, '').toLowerCase()}`);
  if (strategy['expression'] !== undefined) note('the retry expression (when to retry) has no Flowsmith equivalent; every failure is retried');
  if (strategy['affinity'] !== undefined) note('retry affinity (which node to retry on) has no Flowsmith meaning');
  return policy;
}
