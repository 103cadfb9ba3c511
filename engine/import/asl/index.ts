/**
 * AWS Step Functions import (DESIGN.md "Export and import", issue #4): an Amazon States Language
 * definition (JSON or YAML; JSONPath or JSONata query language; https://states-language.net/spec.html)
 * as a native flow. State names become step ids; Parallel branches become parallel/join blocks and
 * Map bodies nested steps; ASL's implicit data passing becomes `$steps.<id>.output` references
 * (dataflow.ts). What cannot be kept exactly is a finding (codes.ts, FS240–FS259); the flow is then
 * checked with engine/validate and its findings are returned too. No layout: the caller adds it.
 */
import type { Finding } from '../../model/finding.js';
import type { Flow, Step, StepId } from '../../model/flow.js';
import { validateFlow } from '../../validate/index.js';
import { loadFlowText } from '../../yaml/load.js';
import type { Importer, ImportResult } from '../../interop/types.js';
import { AslImportCode } from './codes.js';
import { ImportContext, isObject, slug } from './context.js';
import { DataFlow } from './dataflow.js';
import { foldFlowsmithInit } from './flowsmith-export.js';
import { buildFrame } from './frames.js';
import { convertFrame, entryInputOf } from './machine.js';
import { escapeTemplates } from './text.js';

export { AslImportCode, aslImportCodeMeanings } from './codes.js';

/**
 * Imports ASL `text`; `file` labels findings and names the flow. Never throws: unreadable input
 * gives an error finding and a one-step flow that fails with ImportError.
 */
export const importAsl: Importer = (text, file): ImportResult => {
  const loaded = loadFlowText(text, file);
  const name = flowName(file);
  const doc: unknown = loaded.flow;
  if (!isObject(doc) || typeof doc['StartAt'] !== 'string' || !isObject(doc['States'])) {
    const message = 'this is not an ASL state machine definition (it needs StartAt and States); nothing was imported';
    const finding: Finding = { severity: 'error', code: AslImportCode.unreadable, message, ...(file !== undefined ? { file } : {}) };
    return { flow: unreadableFlow(name), findings: [...loaded.findings, finding] };
  }
  const ctx = new ImportContext(file, loaded.locate);
  collectAssigned(doc, ctx);
  const data = new DataFlow(ctx);
  const steps: Record<StepId, Step> = {};
  const root = buildFrame(
    ctx,
    { kind: 'root', machine: doc, path: [], steps, queryLanguage: doc['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath', entryInput: () => '$input' },
    (owner, state, kind) => entryInputOf(data, owner, state, kind),
  );
  foldFlowsmithInit(ctx, root);
  convertFrame(ctx, data, root);
  const flow: Flow = { flowsmith: '1.0', name, start: root.ids.get(root.startAt) ?? '', steps };
  if (typeof doc['Comment'] === 'string' && doc['Comment'] !== '') flow.description = escapeTemplates(doc['Comment']);
  if (Object.keys(ctx.vars).length > 0) flow.vars = ctx.vars;
  reportDocument(doc, ctx, text);
  if (!steps[flow.start]) {
    ctx.report(AslImportCode.unreadable, undefined, `StartAt "${String(doc['StartAt'])}" is not a state of the definition`, { severity: 'error', at: ['StartAt'] });
  }
  const validation = validateFlow(flow).map((f) => (file === undefined ? f : { ...f, file }));
  return { flow, findings: dedupe([...loaded.findings, ...ctx.findings, ...validation]) };
};

/** A finding reached twice (a field read by two converters) is kept once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.path ?? ''}\u0000${f.step ?? ''}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The flow name from the file name (`orders.asl.json` → `orders`), else `imported-asl`. */
function flowName(file: string | undefined): string {
  const base = file?.split(/[\\/]/).pop()?.replace(/(\.asl)?\.(json|ya?ml)$/i, '');
  return base ? slug(base) : 'imported-asl';
}

function unreadableFlow(name: string): Flow {
  return { flowsmith: '1.0', name, start: 'unreadable', steps: { unreadable: { type: 'fail', error: 'ImportError', message: 'the ASL definition could not be read' } } };
}

/** Every variable some state assigns (Assign keys, also on Choice rules and Catchers), in all machines. */
function collectAssigned(value: unknown, ctx: ImportContext): void {
  if (Array.isArray(value)) return value.forEach((v) => collectAssigned(v, ctx));
  if (!isObject(value)) return;
  if (isObject(value['Assign'])) for (const key of Object.keys(value['Assign'])) ctx.assigned.add(key.replace(/\.\$$/, ''));
  for (const child of Object.values(value)) collectAssigned(child, ctx);
}

/** Findings about the whole document: its own timeout, and deploy-time placeholders kept as text. */
function reportDocument(doc: Record<string, unknown>, ctx: ImportContext, text: string): void {
  if (doc['TimeoutSeconds'] !== undefined) {
    ctx.report(
      AslImportCode.timeout,
      undefined,
      `the state machine's TimeoutSeconds (${String(doc['TimeoutSeconds'])}) has no native equivalent (Flowsmith times steps, not runs); left out`,
      { at: ['TimeoutSeconds'] },
    );
  }
  const placeholders = [...new Set(text.match(/\$\{[A-Za-z0-9_:.-]+\}/g) ?? [])];
  if (placeholders.length > 0) {
    const shown = placeholders.slice(0, 8).join(', ') + (placeholders.length > 8 ? ` and ${placeholders.length - 8} more` : '');
    ctx.report(AslImportCode.deployPlaceholder, undefined, `deploy-time placeholders ${shown} are kept as text; substitute real values before running the flow`, { severity: 'info' });
  }
}
