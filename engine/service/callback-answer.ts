/**
 * Answering a callback token (DESIGN.md "Waiting for an outside system"; RunService.answerCallback):
 * the reply is checked, then the token is used up in one transaction, whatever happens next, and
 * becomes the request for the step attempt it was issued to.
 */
import type { RunId } from '../runtime/events.js';
import type { PersonRequest } from '../runtime/transition.js';
import type { Journal } from '../store/journal.js';
import { CallbackTokenError, isTokenShaped, toCallbackAnswer, tokenHash } from './callback-tokens.js';
import type { CallbackReply } from './callback-tokens.js';

/**
 * Uses up `token` (at wall-clock `nowMs`) and returns the run it answers and the callback request
 * for it. Throws RunRequestError for a bad reply (before the token is used), CallbackTokenError
 * (UNKNOWN_TOKEN, USED_TOKEN). Messages never contain the token.
 */
export function claimCallback(journal: Journal, token: string, reply: CallbackReply, nowMs: number): { run: RunId; request: PersonRequest } {
  const answer = toCallbackAnswer(reply);
  if (!isTokenShaped(token)) throw new CallbackTokenError('this is not a callback token (they look like fscb_ followed by 43 letters, digits, - or _); check that it was copied whole', 'UNKNOWN_TOKEN');
  const claim = journal.callbacks.claim(tokenHash(token), nowMs);
  if (claim.status === 'unknown') throw new CallbackTokenError('no callback waits for this token in this store (unknown token); check the token and --db', 'UNKNOWN_TOKEN');
  if (claim.status === 'used') {
    throw new CallbackTokenError(`this callback token was already used at ${new Date(claim.usedAt).toISOString()} (step ${claim.step} of run ${claim.run}); a token answers once`, 'USED_TOKEN');
  }
  return { run: claim.run, request: { kind: 'callback', step: claim.step, attempt: claim.attempt, answer } };
}
