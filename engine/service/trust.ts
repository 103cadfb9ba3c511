/**
 * Workspace trust for flow files (DESIGN.md "Security": imported or downloaded flows run only in
 * simulation until the user trusts them, like editor workspace trust; issue #4). A flow file is
 * untrusted when it was imported (it has `origin`) or lies outside the workspace, unless a person
 * recorded trust for its path in the store (`trusted_flows`). Templates shipped with Flowsmith are
 * trusted. Untrusted flows can always be simulated; RunService refuses to run them for real.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Flow } from '../model/flow.js';
import type { Journal } from '../store/journal.js';
import { loadFlowText } from '../yaml/load.js';
import { templatesDir } from './paths.js';

/** Whether a flow file may run for real, and why, in words for a person. */
export interface TrustVerdict {
  trusted: boolean;
  /** E.g. `imported from AWS Step Functions (order.asl.json) on 2026-11-23`. */
  reason: string;
}

/** What a trust decision needs besides the file. */
export interface TrustContext {
  /**
   * The workspace folder. Files outside it are untrusted. Undefined: there is no workspace, and
   * where a file lies does not matter (only `origin` and the store decide).
   */
  workspaceRoot?: string;
  /** The store holding the trust records (Journal.trustFlow). */
  journal: Journal;
  /** Folders of files shipped with Flowsmith, trusted like the workspace; default: the templates folder. */
  builtinRoots?: readonly string[];
}

/** The designer's and CLI's names for the formats, for reasons. */
const FORMAT_NAMES: Record<string, string> = {
  argo: 'Argo Workflows',
  asl: 'AWS Step Functions',
  'serverless-workflow': 'Serverless Workflow',
};

/**
 * Thrown by RunService.startRun for a real run of an untrusted flow. The message says why and how
 * to go on; the CLI exits 2 with it (engine/cli/errors.ts).
 */
export class UntrustedFlowError extends Error {
  override name = 'UntrustedFlowError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(
      `${path} is not trusted: ${reason}. It can be simulated but not run for real; ` +
        `read it, then trust it with: flowsmith run ${path} --trust (in the designer: "Trust this flow")`,
    );
  }
}

/** True when `path` is `folder` or inside it (both absolute). */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Decides whether the flow file at `path` (made absolute) with the parsed document `flow` may run
 * for real. In order: a trust record in the store → trusted, unless the flow was imported after
 * that (a new import written over a trusted path is another flow); `origin` (imported) →
 * untrusted; a shipped template → trusted; outside `workspaceRoot` → untrusted; else trusted.
 * Never throws.
 */
export function trustOf(path: string, flow: Pick<Flow, 'origin'> | null, ctx: TrustContext): TrustVerdict {
  const abs = resolve(path);
  const origin = flow?.origin;
  const record = ctx.journal.trustRecord(abs);
  const importedAfter = origin !== undefined && record !== undefined && record.trustedAt < Date.parse(origin.importedAt);
  if (record && !importedAfter) {
    return { trusted: true, reason: `trusted by ${record.by} on ${new Date(record.trustedAt).toISOString().slice(0, 10)}` };
  }
  if (origin) {
    const from = FORMAT_NAMES[origin.format] ?? origin.format;
    return { trusted: false, reason: `imported from ${from} (${origin.file}) on ${origin.importedAt.slice(0, 10)}` };
  }
  if ((ctx.builtinRoots ?? [templatesDir]).some((root) => isInside(abs, root))) {
    return { trusted: true, reason: 'a template shipped with Flowsmith' };
  }
  if (ctx.workspaceRoot !== undefined && !isInside(abs, ctx.workspaceRoot)) {
    return { trusted: false, reason: `it is outside the workspace ${resolve(ctx.workspaceRoot)}` };
  }
  return { trusted: true, reason: ctx.workspaceRoot === undefined ? 'not imported' : 'in the workspace' };
}

/**
 * trustOf for a file on disk (cron triggers ask by path alone): reads and parses it for `origin`.
 * A file that cannot be read or parsed is untrusted (it cannot run anyway).
 */
export function trustOfFile(path: string, ctx: TrustContext): TrustVerdict {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { trusted: false, reason: 'the file cannot be read' };
  }
  const { flow } = loadFlowText(text, path);
  if (!flow) return { trusted: false, reason: 'the file is not a valid flow' };
  return trustOf(path, flow, ctx);
}

/**
 * Records that `by` trusts the flow file at `path` (made absolute) from `at` (epoch ms) on, and
 * returns its new verdict.
 */
export function trustFlowFile(path: string, by: string, at: number, ctx: TrustContext): TrustVerdict {
  ctx.journal.trustFlow(resolve(path), by, at);
  return trustOf(path, null, ctx);
}
