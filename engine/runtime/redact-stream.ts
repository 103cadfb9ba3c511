/**
 * Secret redaction on a stream of log chunks (issue #11 item 5). A command's output reaches the
 * driver in chunks cut wherever the pipe happened to be read, so a secret printed across two chunks
 * escaped a per-chunk redactor: each half was stored in clear in `step_logs`. This redactor keeps
 * an overlap window: the end of a chunk that could be the start of a secret is held back and
 * redacted together with the next chunk. Only as much is held as could still become a secret (at
 * most the longest secret's length), and `flush` releases it when the attempt ends.
 *
 * Also here: which inherited environment variables count as secrets (`sensitiveEnv`). A step's
 * shell inherits the engine's environment, so a token it prints must be redacted even when the
 * flow never names it as `$env.NAME`.
 *
 * Pure: no clock, no I/O; the caller passes the environment in.
 */
import { MIN_SECRET_CHARS } from './secrets.js';

/** Redacts one stream (one step attempt's stdout or stderr). */
export interface StreamRedactor {
  /** The redacted text that can be stored now; may be '' while a possible secret start is held. */
  push(chunk: string): string;
  /** Releases what is held, redacted. Later chunks are redacted whole, nothing held. */
  flush(): string;
}

/** Whether any value is long enough to redact (a loop: no array made for the usual empty record). */
function anyRedactable(secrets: Readonly<Record<string, string>>): boolean {
  for (const name in secrets) if (Object.hasOwn(secrets, name) && secrets[name]!.length >= MIN_SECRET_CHARS) return true;
  return false;
}

/** The stream redactor when there are no secrets (most attempts): gives every chunk back as it came. */
const PASS_THROUGH: StreamRedactor = Object.freeze({ push: (chunk: string) => chunk, flush: () => '' });

/**
 * A stream redactor for `secrets` (name → value): every value becomes `***NAME***`, scanning left
 * to right and taking the longest value that matches at each place; values under MIN_SECRET_CHARS
 * are left alone. Invariant: what push and flush return, joined, is the whole stream redacted at
 * once, however it was cut into chunks. What is held is the raw end of the text from the first
 * place where a secret could still be starting, and never less than a whole match.
 */
export function streamRedactor(secrets: Readonly<Record<string, string>>): StreamRedactor {
  if (!anyRedactable(secrets)) return PASS_THROUGH;
  const pairs = Object.entries(secrets)
    .filter(([, v]) => v.length >= MIN_SECRET_CHARS)
    .sort((a, b) => b[1].length - a[1].length);
  let held = '';
  let isFlushed = false;
  return {
    push(chunk) {
      if (pairs.length === 0) return chunk;
      const text = held + chunk;
      const matches = matchesIn(text, pairs);
      let cut = isFlushed ? text.length : heldFrom(text, pairs);
      // A cut inside a complete match moves to its start: the match is held whole.
      for (const m of matches) if (m.start < cut && cut < m.end) cut = m.start;
      held = text.slice(cut);
      return redacted(text, matches, cut);
    },
    flush() {
      isFlushed = true;
      const text = held;
      held = '';
      return redacted(text, matchesIn(text, pairs), text.length);
    },
  };
}

interface Match {
  start: number;
  end: number;
  name: string;
}

/** Leftmost-longest occurrences of the secrets in `text`, not overlapping, in order. */
function matchesIn(text: string, pairs: readonly (readonly [string, string])[]): Match[] {
  const out: Match[] = [];
  for (let i = 0; i < text.length; ) {
    const hit = pairs.find(([, secret]) => text.startsWith(secret, i));
    if (hit) {
      out.push({ start: i, end: i + hit[1].length, name: hit[0] });
      i += hit[1].length;
    } else i++;
  }
  return out;
}

/** `text` up to `cut` with the matches that end by then replaced. */
function redacted(text: string, matches: readonly Match[], cut: number): string {
  let out = '';
  let at = 0;
  for (const m of matches) {
    if (m.end > cut) break;
    out += `${text.slice(at, m.start)}***${m.name}***`;
    at = m.end;
  }
  return out + text.slice(at, cut);
}

/** Where a secret could still be starting: the first place whose rest of `text` begins a secret. */
function heldFrom(text: string, pairs: readonly (readonly [string, string])[]): number {
  let from = text.length;
  for (const [, secret] of pairs) {
    // Candidates start where the secret's first character occurs in the last (length − 1) characters.
    for (let at = text.indexOf(secret[0]!, Math.max(0, text.length - secret.length + 1)); at !== -1 && at < from; at = text.indexOf(secret[0]!, at + 1)) {
      if (secret.startsWith(text.slice(at))) {
        from = at;
        break;
      }
    }
  }
  return from;
}

/** Words in an environment variable's name that mark its value as a secret (issue #11 item 5). */
const SENSITIVE_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|KEY|CREDENTIAL/i;
/**
 * Shortest inherited value redacted, in characters: longer than MIN_SECRET_CHARS because these are
 * redacted without the flow asking, and a `USE_KEYRING=true` must not turn every "true" in a log
 * into `***USE_KEYRING***`. Real tokens and passwords are longer.
 */
export const MIN_INHERITED_SECRET_CHARS = 8;

/**
 * The variables of `env` whose names contain TOKEN, SECRET, PASSWORD (or PASSWD), KEY or
 * CREDENTIAL (any case), with values of at least MIN_INHERITED_SECRET_CHARS: the secrets a step
 * inherits with the engine's environment. Merge them under the flow's own `$env` secrets.
 */
export function sensitiveEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= MIN_INHERITED_SECRET_CHARS && SENSITIVE_NAME.test(name)) out[name] = value;
  }
  return out;
}
