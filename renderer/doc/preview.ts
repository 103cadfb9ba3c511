/**
 * A first look at a big flow before its whole text is parsed (issue #8 point 6: "draw the viewport
 * around the start first"). A flow file lists its steps in flow order (the designer saves them so),
 * so the header, the first steps and `layout` are what the opening view, at the start, shows.
 * Parsing that much is a few milliseconds; the whole 1,000-step text takes 100–300 ms in the
 * browser, and the store parses it right after the preview is painted (doc-slice `finishLoad`).
 *
 * The preview is a picture only: never edited, never saved, never validated. Anything unusual (no
 * block `steps:` mapping at the top level, a start step that is not among the first steps, a cut
 * that does not parse) gives no preview, and the flow simply opens when it is parsed.
 */
import type { Flow } from '../../engine/model/flow';
import { loadFlowText } from '../../engine/yaml/load';

/** Texts shorter than this are parsed whole at once (a preview would gain nothing). */
export const PREVIEW_ABOVE_CHARS = 16_000;

/** How many steps the preview holds: more than a 1440 × 900 view shows at zoom 1 (about 15). */
export const PREVIEW_STEPS = 40;

/**
 * The YAML text of a preview of `text`: `head` is everything before `steps:` and the first
 * `maxSteps` entries of the block mapping under it; `layout` the top-level `layout:` entry after
 * it, when there is one. Null when `text` has no
 * block `steps:` mapping at the top level or holds no more than `maxSteps` steps (nothing to cut).
 * Reads only as far as the cut, plus the layout: O(preview), not O(text).
 */
export function previewText(text: string, maxSteps = PREVIEW_STEPS): { head: string; layout: string | null } | null {
  const steps = /^steps[ \t]*:[ \t]*(#.*)?\r?$/m.exec(text);
  if (!steps) return null;
  let at = text.indexOf('\n', steps.index);
  let indent = -1;
  let count = 0;
  let cut = -1;
  while (at >= 0 && at < text.length - 1) {
    const from = at + 1;
    at = text.indexOf('\n', from);
    const line = text.slice(from, at < 0 ? text.length : at);
    const own = line.search(/\S/);
    if (own < 0 || line[own] === '#') continue;
    if (own === 0) return null; // the steps ended before the cut: nothing to cut
    if (indent < 0) indent = own;
    if (own !== indent) continue;
    if (line[own] === '-' || line[own] === '}' || line[own] === ']') return null; // not a block mapping of steps
    if (++count > maxSteps) {
      cut = from;
      break;
    }
  }
  if (cut < 0) return null;
  const layoutRe = /^layout[ \t]*:/gm;
  layoutRe.lastIndex = cut;
  const layout = layoutRe.exec(text);
  if (!layout) return { head: text.slice(0, cut), layout: null };
  const afterKey = text.indexOf('\n', layout.index);
  const nextKey = afterKey < 0 ? -1 : text.slice(afterKey + 1).search(/^[^\s#]/m);
  const layoutEnd = afterKey < 0 ? text.length : nextKey < 0 ? text.length : afterKey + 1 + nextKey;
  return { head: text.slice(0, cut), layout: text.slice(layout.index, layoutEnd) };
}

/**
 * The `layout:` text with only the entries of steps in `ids` (an entry: its key line and the lines
 * indented under it). A saved 5,000-step flow has 5,000 positions; the preview needs its own.
 */
function layoutOf(layout: string, ids: ReadonlySet<string>): string {
  const lines = layout.split('\n');
  const out = [lines[0] as string];
  let indent = -1;
  let keep = false;
  for (const line of lines.slice(1)) {
    const own = line.search(/\S/);
    if (own < 0 || line[own] === '#') continue;
    if (indent < 0) indent = own;
    if (own === indent) {
      const key = /^\s*(?:"([^"]*)"|'([^']*)'|([^:#]+?))[ \t]*:/.exec(line);
      keep = key !== null && ids.has(key[1] ?? key[2] ?? key[3] ?? '');
    }
    if (keep) out.push(line);
  }
  return out.join('\n');
}

/** The preview flow of `text` (see the module comment), or null when there is none. Never throws. */
export function parsePreview(text: string, maxSteps = PREVIEW_STEPS): Flow | null {
  if (text.length < PREVIEW_ABOVE_CHARS) return null;
  const cut = previewText(text, maxSteps);
  if (cut === null) return null;
  const { flow } = loadFlowText(cut.head);
  const isFlow = flow !== null && typeof flow === 'object' && typeof flow.steps === 'object' && flow.steps !== null;
  if (!isFlow || typeof flow.start !== 'string' || !Object.hasOwn(flow.steps, flow.start)) return null;
  if (cut.layout === null) return flow;
  const layout = (loadFlowText(layoutOf(cut.layout, new Set(Object.keys(flow.steps)))).flow as { layout?: unknown } | null)?.layout;
  return typeof layout === 'object' && layout !== null ? { ...flow, layout: layout as Flow['layout'] } : flow;
}
