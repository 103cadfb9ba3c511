/**
 * Webhook bodies for the notify executor, one per `format`, and how each service says a message
 * was refused. Kept apart from notify.ts so each shape sits next to the document it follows.
 */
import type { Json, JsonObject } from '../model/flow.js';

/** The webhook formats a notify step can use (model/flow.ts NotifySpec `format`). */
export const NotifyFormat = { generic: 'generic', slack: 'slack', dingtalk: 'dingtalk' } as const;
export type NotifyFormat = (typeof NotifyFormat)[keyof typeof NotifyFormat];

/** What a notification says and where it comes from; `flow` is absent when unknown. */
export interface NotificationText {
  title: string;
  message: string;
  run: string;
  step: string;
  flow?: string;
}

/**
 * The JSON body to POST for `format`:
 * - `generic`: `{ title, message, run, step, flow? }`, Flowsmith's own shape for any receiver.
 * - `slack`: `{ text }` with the title in bold on the first line, as Slack mrkdwn: the message is
 *   sent as written, so `<https://…|links>` work (and `&`, `<`, `>` meant literally must be written
 *   `&amp;`, `&lt;`, `&gt;`). Source: Slack "Sending messages using incoming webhooks"
 *   (https://api.slack.com/messaging/webhooks) and "Formatting text" (…/reference/surfaces/formatting).
 * - `dingtalk`: `{ msgtype: 'text', text: { content } }` with the title on the first line of the
 *   content. Source: DingTalk custom robot, text message type
 *   (https://open.dingtalk.com/document/orgapp/custom-bot-send-message-type). A robot with the
 *   "keywords" security setting refuses content without one of its keywords; put it in the title
 *   or message. The "signature" setting (timestamp + sign query parameters) is not supported.
 */
export function webhookBody(format: NotifyFormat, n: NotificationText): JsonObject {
  switch (format) {
    case 'generic': {
      const body: JsonObject = { title: n.title, message: n.message, run: n.run, step: n.step };
      if (n.flow !== undefined) body.flow = n.flow;
      return body;
    }
    case 'slack':
      return { text: n.title === '' ? n.message : `*${n.title}*\n${n.message}` };
    case 'dingtalk':
      return { msgtype: 'text', text: { content: n.title === '' ? n.message : `${n.title}\n${n.message}` } };
  }
}

/**
 * Why a 2xx answer still means the message was refused, or undefined when it was accepted.
 * Only DingTalk answers 200 for refusals: its body is `{ errcode, errmsg }` and anything but
 * `errcode: 0` is a failure (DingTalk custom robot docs, "error codes"), so a missing errcode
 * counts as a refusal too: the URL is then not a DingTalk robot. Slack answers refusals with 4xx
 * statuses and a short text (`invalid_payload`, `no_service`), which HttpStatus already covers.
 */
export function refusal(format: NotifyFormat, body: Json | undefined): { message: string; details: JsonObject } | undefined {
  if (format !== 'dingtalk') return undefined;
  const answer = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {};
  const errcode = answer['errcode'];
  const errmsg = typeof answer['errmsg'] === 'string' ? answer['errmsg'] : '';
  if (errcode === 0) return undefined;
  if (typeof errcode !== 'number') {
    return { message: 'DingTalk robot answered without an errcode; check that webhook is a DingTalk robot URL', details: {} };
  }
  return {
    message: `DingTalk robot refused the message: errcode ${errcode}${errmsg ? ` (${errmsg})` : ''}`,
    details: { errcode, errmsg },
  };
}
