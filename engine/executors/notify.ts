/**
 * The notify executor (DESIGN.md "Executors": "desktop notification or webhook"). A notify step
 * POSTs to its webhook, shows a desktop notification, or both; the body shapes are in
 * notify-formats.ts. Webhook URLs are credentials (Slack's secret is in the path, DingTalk's
 * access_token in the query), so logs and messages show only their origin.
 */
import type { Json, JsonObject, NotifySpec } from '../model/flow.js';
import type { ExecContext } from './context.js';
import { StepFailure, abortFailure, parseJsonDocument, tail } from './context.js';
import { refusal, webhookBody, type NotifyFormat } from './notify-formats.js';

/** Response bytes read from a webhook: enough for any error text, and DingTalk's `{errcode, errmsg}`. */
const MAX_ANSWER_CHARS = 16 * 1024;

/** A notify step after `{{ }}` interpolation, plus the flow's name (from `$run.flow`) for titles and bodies. */
export interface NotifyRequest extends NotifySpec {
  flow?: string;
}

/**
 * Delivers the notification and resolves with `{ delivered, status?, skipped? }`: `delivered` lists
 * `'webhook'` and/or `'desktop'`, `status` is the webhook's HTTP status, and `skipped: ['desktop']`
 * says a desktop notification was asked for where there is none.
 *
 * - title: `spec.title`, else the flow's name, else `Flowsmith`.
 * - webhook (when set): POST of webhookBody(format) as `application/json; charset=utf-8` with the
 *   step's signal; it goes first, so a failing webhook that is retried shows no duplicate popups.
 * - desktop (default: true without a webhook, false with one): `ctx.notifyDesktop(title, message)`;
 *   without it (CLI, web host) one line `[flowsmith] no desktop to notify on; …` with the text goes
 *   to the step's stdout log and the step still succeeds: a run is not failed for lack of a screen.
 *
 * Rejects with StepFailure `HttpStatus` (non-2xx; details `{ status, body }`), `NotifyError`
 * (webhook not an http(s) URL, network failure, DingTalk errcode ≠ 0, desktop notification failed,
 * nothing to deliver), or the abort reason (`Timeout`/`Cancelled`) when `ctx.signal` aborts.
 */
export async function runNotify(spec: NotifyRequest, ctx: ExecContext): Promise<Json> {
  if (ctx.signal.aborted) throw abortFailure(ctx.signal);
  const title = spec.title ?? spec.flow ?? 'Flowsmith';
  const wantsDesktop = spec.desktop ?? spec.webhook === undefined;
  if (spec.webhook === undefined && !wantsDesktop) {
    throw new StepFailure('NotifyError', 'notify has nothing to deliver: set webhook, or remove desktop: false');
  }
  const output: { delivered: string[]; status?: number; skipped?: string[] } = { delivered: [] };

  if (spec.webhook !== undefined) {
    const text = { title, message: spec.message, run: ctx.runId, step: ctx.step, ...(spec.flow !== undefined ? { flow: spec.flow } : {}) };
    output.status = await postWebhook(spec.webhook, spec.format ?? 'generic', webhookBody(spec.format ?? 'generic', text), ctx);
    output.delivered.push('webhook');
  }
  if (wantsDesktop) {
    if (ctx.notifyDesktop) {
      await showDesktop(ctx.notifyDesktop, title, spec.message, ctx);
      output.delivered.push('desktop');
    } else {
      ctx.log('stdout', `[flowsmith] no desktop to notify on; the notification was not shown: ${title}: ${spec.message}\n`);
      output.skipped = ['desktop'];
    }
  }
  return output as JsonObject;
}

/** POSTs `body` to `webhook`; resolves with the status, or rejects as runNotify says. */
async function postWebhook(webhook: string, format: NotifyFormat, body: JsonObject, ctx: ExecContext): Promise<number> {
  const url = parseWebhook(webhook);
  const shown = `POST ${url.origin}/… (${format})`;
  let response: Response;
  let answer: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: ctx.signal,
    });
    answer = (await response.text()).slice(0, MAX_ANSWER_CHARS);
  } catch (err) {
    if (ctx.signal.aborted) throw abortFailure(ctx.signal);
    const why = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    ctx.log('stdout', `${shown} → failed: ${why}\n`);
    throw new StepFailure('NotifyError', `webhook ${shown} failed: ${why}`);
  }
  ctx.log('stdout', `${shown} → ${response.status} ${response.statusText}\n`);
  if (response.status < 200 || response.status > 299) {
    throw new StepFailure('HttpStatus', `webhook ${shown} returned ${response.status} ${response.statusText}`, {
      status: response.status,
      body: tail(answer, 1000),
    });
  }
  const refused = refusal(format, parseJsonDocument(answer));
  if (refused) throw new StepFailure('NotifyError', refused.message, { status: response.status, ...refused.details });
  return response.status;
}

/** The webhook as a URL; rejects anything but http(s) without echoing it (it may hold a key). */
function parseWebhook(webhook: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(webhook);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new StepFailure('NotifyError', 'notify webhook is not an http(s) URL; check the webhook field and the values its {{ }} use');
  }
  return url;
}

async function showDesktop(show: NonNullable<ExecContext['notifyDesktop']>, title: string, message: string, ctx: ExecContext): Promise<void> {
  try {
    await show(title, message);
  } catch (err) {
    if (ctx.signal.aborted) throw abortFailure(ctx.signal);
    throw new StepFailure('NotifyError', `desktop notification failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  ctx.log('stdout', `desktop notification shown: ${title}\n`);
}
