/**
 * Imports a Serverless Workflow 1.0 document (YAML or JSON; DSL 1.0.x, reference:
 * https://github.com/serverlessworkflow/specification/blob/main/dsl-reference.md) as a native flow
 * (issue #4, DESIGN.md "Export and import"). No layout: the caller adds it with elkjs.
 * Every task becomes a step or is named in a finding; the flow is checked with engine/validate, and
 * an error there is reported as FS275 (a bug here, not in the document).
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { Flow, JsonObject, Step } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import type { Importer, ImportResult } from '../../interop/types.js';
import { SwImportCode } from './codes.js';
import { createContext, taskSubject, type ImportContext, type Scope, type SourcePath } from './context.js';
import { flowHead, flowNameOf, unsupportedVersion } from './document.js';
import { listImporter } from './lists.js';
import { escapeEndlessLoops, joinFailingBranches } from './loops.js';
import { pruneUnreachable } from './prune.js';
import { nativeValue } from './tasks.js';

export { SwImportCode, swImportCodeMeanings } from './codes.js';

/** Largest document read, in characters; flows have the same 5 MiB limit (DESIGN.md "Security"). */
const MAX_FLOW_BYTES = 5 * 1024 * 1024;
/** yaml's `maxAliasCount` for toJS: caps alias expansion ("billion laughs"; DESIGN.md "Security"). */
const MAX_ALIAS_COUNT = 1_000;
export { stepIdOf } from './context.js';

/** Imports `text`. Unreadable or non-1.0 documents give an error finding and a one-step flow. Never throws. */
export const importServerlessWorkflow: Importer = (text: string, file?: string): ImportResult => {
  const lineCounter = new LineCounter();
  const doc = text.length > MAX_FLOW_BYTES ? undefined : parseDocument(text, { lineCounter, uniqueKeys: false });
  const ctx = createContext(file, (path) => locate(doc, lineCounter, path));
  if (doc === undefined || doc.errors.length > 0 || !isMap(doc.contents)) {
    const why = doc === undefined ? `it is larger than ${MAX_FLOW_BYTES} bytes` : doc.errors[0]?.message.split('\n')[0] ?? 'it is not a mapping';
    ctx.report(SwImportCode.unreadable, undefined, `not a Serverless Workflow document: ${why}`, { at: [], severity: 'error' });
    return { flow: emptyFlow('imported'), findings: ctx.findings };
  }
  let value: Record<string, unknown>;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch {
    ctx.report(SwImportCode.unreadable, undefined, `the YAML expands aliases more than ${MAX_ALIAS_COUNT} times`, { at: [], severity: 'error' });
    return { flow: emptyFlow('imported'), findings: ctx.findings };
  }
  const version = unsupportedVersion(value);
  if (version !== undefined) {
    const message = `${version}: only Serverless Workflow DSL 1.0.x is supported; convert the document to 1.0 first`;
    ctx.report(SwImportCode.unsupportedVersion, undefined, message, { at: ['document'], severity: 'error' });
    const name = (value['document'] as Record<string, unknown> | undefined)?.['name'] ?? value['id'] ?? value['name'];
    return { flow: emptyFlow(flowNameOf(name)), findings: ctx.findings };
  }
  return { flow: buildFlow(value, ctx), findings: ctx.findings };
};

function buildFlow(value: Record<string, unknown>, ctx: ImportContext): Flow {
  const head = flowHead(value, ctx);
  const top: Scope = { steps: {}, created: [] };
  let dotReads = 0;
  const importList = listImporter(ctx, {
    onDot: () => void dotReads++,
    onVars: (task, env) => {
      const vars = nativeValue(env, task['set'], 'set');
      if (vars !== null && typeof vars === 'object' && !Array.isArray(vars)) head.vars = vars as JsonObject;
    },
  });
  // The first task reads the workflow input as `.`; the top list's end and exit end the run.
  const entry = importList(value['do'], {
    scope: top,
    exit: () => undefined,
    end: () => undefined,
    at: ['do'],
    dot: { kind: 'path', root: 'input', segments: [] },
  });
  ctx.resolveLinks();
  let start = entry();
  if (start === undefined) {
    start = ctx.newId('end');
    top.steps[start] = { type: 'succeed', title: 'Empty workflow' };
  }
  // Keep the first step first in the file, as a reader expects.
  const steps: Record<string, Step> = { [start]: top.steps[start]!, ...top.steps };
  if (dotReads > 0) {
    const message =
      `the task input \`.\` was read ${dotReads} time(s) as the output of the step before it ` +
      '(the workflow input for the first); check expressions after jumps and branches';
    ctx.report(SwImportCode.dataInput, undefined, message, { severity: 'info' });
  }
  const flow: Flow = { ...head, start, steps };
  pruneUnreachable(flow, ctx);
  escapeEndlessLoops(flow, ctx);
  joinFailingBranches(flow, ctx);
  for (const f of validateFlow(flow)) {
    if (f.severity !== 'error') continue;
    const message = `the imported flow fails validation (${f.code} ${f.message}): please report this importer bug`;
    ctx.report(SwImportCode.invalidFlow, undefined, message, { subject: taskSubject(f.step), severity: 'error' });
  }
  return flow;
}

/** A valid one-step flow for documents that could not be imported. */
function emptyFlow(name: string): Flow {
  const message = 'the Serverless Workflow document could not be imported; see the findings';
  return { flowsmith: '1.0', name, start: 'not-imported', steps: { 'not-imported': { type: 'fail', error: 'NotImported', message } } };
}

/**
 * 1-based line and column of the node at `path` in the source, or of its nearest ancestor: a map
 * entry points at its key (the line users look for), a sequence item at the item.
 */
function locate(doc: Document | undefined, lc: LineCounter, path: SourcePath): { line: number; col: number } | undefined {
  if (doc === undefined) return undefined;
  let node: unknown = doc.contents;
  let offset = isNode(node) ? node.range?.[0] : undefined;
  for (const key of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      if (pair === undefined) break;
      offset = isNode(pair.key) ? (pair.key.range?.[0] ?? offset) : offset;
      next = pair.value;
    } else if (isSeq(node)) {
      next = node.items[Number(key)];
      if (next === undefined) break;
      offset = isNode(next) ? (next.range?.[0] ?? offset) : offset;
    } else break;
    node = next;
  }
  return offset === undefined ? undefined : lc.linePos(offset);
}
