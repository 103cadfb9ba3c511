/**
 * Documents that Flowsmith itself exported (engine/export/asl) start with Pass states that only set
 * variables standing for native bindings: `input` and the run variables at the top, `item`/`index`
 * at the start of each map body. They are recognised by their Comment and folded back into the
 * flow's `vars` and into aliases (`$input` stays `$input`), so an export → import round trip gives
 * the same steps back.
 */
import type { Json } from '../../model/flow.js';
import { INIT_COMMENT, MAP_ITEM_COMMENT } from '../../interop/asl/conventions.js';
import { isObject, type Frame, type ImportContext } from './context.js';
import { isBraced, jsonataToNative } from './expressions.js';
import type { ExprEnv } from './jsonpath.js';
import { escapeTemplates } from './text.js';

/** Folds the export's init states at the start of `frame` and of every nested frame. */
export function foldFlowsmithInit(ctx: ImportContext, frame: Frame, owner?: string): void {
  for (;;) {
    const first = frame.states[frame.startAt];
    const comment = first?.['Comment'];
    const expected = frame.kind === 'root' ? INIT_COMMENT : frame.kind === 'map' ? MAP_ITEM_COMMENT : undefined;
    if (!first || expected === undefined || first['Type'] !== 'Pass' || comment !== expected || typeof first['Next'] !== 'string') break;
    const assign = isObject(first['Assign']) ? first['Assign'] : {};
    for (const [name, value] of Object.entries(assign)) {
      if (frame.kind === 'map') ctx.aliases.set(name, /\.index\b/.test(String(value)) ? '$index' : '$item');
      else if (name === 'input' && isBraced(value) && value.includes('$states.input')) ctx.aliases.set(name, '$input');
      else ctx.vars[name] = initialValue(value, ctx);
    }
    const removed = frame.startAt;
    delete frame.states[removed];
    frame.startAt = first['Next'];
    for (const [target, preds] of frame.preds) frame.preds.set(target, preds.filter((p) => p.from !== removed));
    if (frame.kind === 'map' && owner !== undefined) ctx.flowsmithMaps.add(owner);
  }
  for (const [name, children] of frame.children) for (const child of children) foldFlowsmithInit(ctx, child, name);
}

/** A run variable's initial value: JSON as it is, a `{% … %}` value as a `{{ }}` template. */
function initialValue(value: unknown, ctx: ImportContext): Json {
  if (isBraced(value)) {
    const inner = value.trim().slice(2, -2).trim();
    // The export writes awkward literal strings as JSONata string literals: `{% "a\nb" %}`.
    try {
      const parsed: unknown = JSON.parse(inner);
      if (typeof parsed === 'string') return escapeTemplates(parsed);
    } catch {
      // not a plain string literal: an expression
    }
    const env: ExprEnv = { ctx, input: '$input', note: (code, message) => ctx.report(code, undefined, `initial variable value: ${message}`) };
    return `{{ ${jsonataToNative(inner, env)} }}`;
  }
  if (Array.isArray(value)) return value.map((v) => initialValue(v, ctx));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, initialValue(v, ctx)]));
  if (typeof value === 'string') return escapeTemplates(value);
  return (value ?? null) as Json;
}
