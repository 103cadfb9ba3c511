/**
 * Native error names (DESIGN.md "Errors": Timeout, ShellExit, HttpStatus, ScriptError, Rejected, a
 * fail step's `error`, `*`) and Serverless Workflow error types, which are URIs (dsl-reference.md
 * "Error", "Standard Error Types"), in both directions. Native names without a standard SW type get
 * a Flowsmith URI, `https://flowsmith.dev/errors/<Name>`, so they come back unchanged on import.
 */
import { FLOWSMITH_ERROR_BASE, SW_ERROR_BASE } from './conventions.js';

/** SW standard type and status for the native names that have one. */
const STANDARD: Readonly<Record<string, { type: string; status: number }>> = {
  Timeout: { type: `${SW_ERROR_BASE}timeout`, status: 408 },
  HttpStatus: { type: `${SW_ERROR_BASE}communication`, status: 503 },
  // SW has no separate type for a failed process or script: both are runtime errors.
  ShellExit: { type: `${SW_ERROR_BASE}runtime`, status: 500 },
  ScriptError: { type: `${SW_ERROR_BASE}runtime`, status: 500 },
};

/** Names whose SW type is shared with another name, so a catch of one also catches the other. */
export const SHARED_TYPE_NAMES: ReadonlySet<string> = new Set(['ShellExit', 'ScriptError']);

/** The SW error type URI of a native error name (`*` has none: callers catch everything instead). */
export function errorTypeOf(name: string): string {
  return STANDARD[name]?.type ?? `${FLOWSMITH_ERROR_BASE}${encodeURIComponent(name)}`;
}

/** The HTTP-like status SW requires on a raised error: 403 for Rejected, 500 for other fail steps. */
export function errorStatusOf(name: string): number {
  if (name === 'Rejected') return 403;
  return STANDARD[name]?.status ?? 500;
}

/**
 * Native error names for an SW error type: a Flowsmith URI gives its name back, a standard type
 * gives the native names that map to it (`runtime` → ShellExit and ScriptError), anything else
 * (another vendor's URI, an expression) gives undefined: the caller decides, usually `*`.
 */
export function errorNamesOf(type: string): string[] | undefined {
  if (type.startsWith(FLOWSMITH_ERROR_BASE)) return [decodeURIComponent(type.slice(FLOWSMITH_ERROR_BASE.length))];
  // Older documents write the spec version into the URI (…/spec/1.0.0/errors/…); match on the tail.
  const tail = /serverlessworkflow\.io\/spec\/[^/]+\/errors\/([a-z]+)$/.exec(type)?.[1];
  if (tail === undefined) return undefined;
  const names = Object.entries(STANDARD)
    .filter(([, v]) => v.type.endsWith(`/errors/${tail}`))
    .map(([k]) => k);
  return names.length > 0 ? names : undefined;
}
