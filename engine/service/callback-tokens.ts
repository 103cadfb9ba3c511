/**
 * Callback tokens (issue #12 part 1; DESIGN.md "Waiting for an outside system", "Security"): a
 * token is `fscb_` plus 32 random bytes (256 bits, crypto.randomBytes) in base64url, so it needs
 * no escaping in a URL, a shell word or JSON. The store keeps only its SHA-256; the token is
 * handed to the step's executor (`$callback.token`) and redacted from its logs.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Json } from '../model/flow.js';
import type { CallbackTokens } from '../runtime/callbacks.js';
import { RunRequestError } from '../runtime/request-error.js';
import type { CallbackAnswer } from '../runtime/state.js';
import type { Journal } from '../store/journal.js';
import { checkInputBounds, InputError } from './inputs.js';

/** The prefix of every callback token (helps secret scanners and people recognise one). */
export const TOKEN_PREFIX = 'fscb_';
const TOKEN_SHAPE = /^fscb_[A-Za-z0-9_-]{43}$/;

/** A new token: `fscb_` + 256 random bits, base64url (48 characters in all). */
export function newCallbackToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex: the only form in which the store keeps it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The issuer a RunService gives its drivers (DriverDeps.callbacks): records each token's hash first. */
export function storeTokens(journal: Journal): CallbackTokens {
  return {
    issue({ run, step, attempt, now }) {
      const token = newCallbackToken();
      journal.callbacks.record(tokenHash(token), { run, step, attempt }, now);
      return token;
    },
  };
}

/**
 * A token that answers nothing: never issued (`code` UNKNOWN_TOKEN) or already used (USED_TOKEN).
 * A RunRequestError, so the CLI exits 2; `flowsmith serve` answers 404. The message never
 * contains the token.
 */
export class CallbackTokenError extends RunRequestError {
  override name = 'CallbackTokenError';
  constructor(
    message: string,
    readonly code: 'UNKNOWN_TOKEN' | 'USED_TOKEN',
  ) {
    super(message);
  }
}

/** What answers a callback: an output (the step's raw output), or an error name with a message. */
export type CallbackReply = { output?: Json } | { error: string; message?: string };

/** An error name retry and catch can match on. */
const ERROR_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/;

/**
 * The reply as the runtime's CallbackAnswer. Throws RunRequestError for an error name that is not
 * a plain word (retry and catch match on it) or an output deeper or larger than a run input may be.
 */
export function toCallbackAnswer(reply: CallbackReply): CallbackAnswer {
  if ('error' in reply) {
    if (typeof reply.error !== 'string' || !ERROR_NAME.test(reply.error)) {
      throw new RunRequestError(`the error name of a callback answer must be a word like BuildFailed (letters, digits, _ . : -), got ${JSON.stringify(reply.error)?.slice(0, 40)}`);
    }
    const message = typeof reply.message === 'string' ? reply.message.slice(0, 10_000) : `answered with ${reply.error}`;
    return { error: { name: reply.error, message } };
  }
  const output = reply.output ?? null;
  try {
    checkInputBounds('a callback', output);
  } catch (err) {
    if (err instanceof InputError) throw new RunRequestError(err.message.replace('the run input of a callback', 'the callback output'));
    throw err;
  }
  return { output };
}

/** Whether `token` has the shape of a callback token (a cheap refusal before any lookup). */
export function isTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}
