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

/** How many steps the preview holds: more than a 1440 × 900 view shows at zoom 1. */
export const PREVIEW_STEPS = 80;

/** The top-level key starting at `line` (`steps` for `steps:`), or null when the line starts none. */
function topKey(line: string): string | null {
  const m = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/.exec(line);
  return m ? (m[1] as string) : null;
}

/**
 * The YAML text of a preview of `text`: everything before `steps:`, the first `maxSteps` entries of
 * the block mapping under it, and the top-level `layout:` entry. Null when `text` has no block
 * `steps:` mapping at the top level or holds no more than `maxSteps` steps (nothing to cut).
 */
export function previewText(text: string, maxSteps = PREVIEW_STEPS): string | null {
  const lines = text.split('\n');
  const stepsAt = lines.findIndex((l) => topKey(l) === 'steps');
  if (stepsAt < 0 || !/^steps[ \t]*:[ \t]*(#.*)?\r?$/.test(lines[stepsAt] as string)) return null;
  let indent = -1;
  let count = 0;
  let cut = -1;
  let end = lines.length;
  for (let i = stepsAt + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const own = line.search(/\S/);
    if (own < 0 || line[own] === '#') continue;
    if (own === 0) {
      end = i;
      break;
    }
    if (indent < 0) indent = own;
    if (own !== indent) continue;
    if (line[own] === '-' || line[own] === '}' || line[own] === ']') return null; // not a block mapping of steps
    if (++count > maxSteps && cut < 0) cut = i;
  }
  if (cut < 0) return null;
  const layoutAt = lines.findIndex((l, i) => i >= end && topKey(l) === 'layout');
  let layoutEnd = lines.length;
  if (layoutAt >= 0) {
    for (let i = layoutAt + 1; i < lines.length; i++) {
      const line = lines[i] as string;
      if (/^\S/.test(line) && line[0] !== '#') {
        layoutEnd = i;
        break;
      }
    }
  }
  const layout = layoutAt >= 0 ? lines.slice(layoutAt, layoutEnd) : [];
  return [...lines.slice(0, cut), ...layout].join('\n');
}

/** The preview flow of `text` (see the module comment), or null when there is none. Never throws. */
export function parsePreview(text: string, maxSteps = PREVIEW_STEPS): Flow | null {
  if (text.length < PREVIEW_ABOVE_CHARS) return null;
  const cut = previewText(text, maxSteps);
  if (cut === null) return null;
  const { flow } = loadFlowText(cut);
  const isFlow = flow !== null && typeof flow === 'object' && typeof flow.steps === 'object' && flow.steps !== null;
  return isFlow && typeof flow.start === 'string' && Object.hasOwn(flow.steps, flow.start) ? flow : null;
}
