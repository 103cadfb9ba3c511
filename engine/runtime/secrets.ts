/**
 * Secrets (issue #3 item 2): a flow reads environment variables as `$env.NAME`; their values
 * must never reach the journal in clear. The host reads the referenced variables once per run
 * (secretNames + its environment); the driver redacts every event and log chunk before it is
 * committed, replacing each secret value with `***NAME***`. What is journaled is also what the
 * run's state holds, so a resumed run sees exactly what a live one saw.
 */
import type { Flow } from '../model/flow.js';
import type { RunEvent } from './events.js';

/** Values shorter than this are not redacted: replacing "1" or "no" everywhere would garble the journal. */
export const MIN_SECRET_CHARS = 4;

const ENV_REF = /\$env\.([A-Za-z_][A-Za-z0-9_]*)/g;

/** Names of the environment variables `flow` references as `$env.NAME`, anywhere in its steps. */
export function secretNames(flow: Flow): string[] {
  const names = new Set<string>();
  for (const m of JSON.stringify(flow.steps).matchAll(ENV_REF)) names.add(m[1]!);
  return [...names].sort();
}

/** Replaces secret values in text and JSON data. */
export interface Redactor {
  readonly isEmpty: boolean;
  text(value: string): string;
  events(events: RunEvent[]): RunEvent[];
}

/** The redactor of a run without secrets: changes nothing. */
const NO_SECRETS: Redactor = Object.freeze({ isEmpty: true, text: (value: string) => value, events: (events: RunEvent[]) => events });

/** A redactor for `secrets` (name → value); values under MIN_SECRET_CHARS are left alone. */
export function redactorOf(secrets: Record<string, string>): Redactor {
  // Longest first, so a secret that contains another is replaced whole.
  const pairs = Object.entries(secrets)
    .filter(([, v]) => v.length >= MIN_SECRET_CHARS)
    .sort((a, b) => b[1].length - a[1].length);
  if (pairs.length === 0) return NO_SECRETS; // most runs: one shared redactor, nothing kept per run
  const text = (value: string): string => {
    let out = value;
    for (const [name, secret] of pairs) if (out.includes(secret)) out = out.split(secret).join(`***${name}***`);
    return out;
  };
  return {
    isEmpty: pairs.length === 0,
    text,
    events(events) {
      if (pairs.length === 0) return events;
      return events.map((e) => {
        const json = JSON.stringify(e);
        const clean = text(json);
        // A secret with quotes or backslashes is escaped inside JSON; redact that form too.
        const cleaner = pairs.reduce((acc, [name, v]) => acc.split(JSON.stringify(v).slice(1, -1)).join(`***${name}***`), clean);
        return cleaner === json ? e : (JSON.parse(cleaner) as RunEvent);
      });
    },
  };
}
