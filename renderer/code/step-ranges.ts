/**
 * Where each step sits in the document text, for the code view's two-way selection (issue #8:
 * selecting a node reveals its YAML, moving the cursor into a step selects its node). Works on a
 * yaml Document parsed from that exact text (source ranges); nested map bodies included.
 */
import { isMap, isPair, isScalar, parseDocument, type Document, type YAMLMap } from 'yaml';

/** A step's key and whole entry as UTF-16 offsets into the text. */
export interface StepRange {
  id: string;
  /** Offsets of the step id key. */
  keyStart: number;
  keyEnd: number;
  /** From the key to the end of the step's value. */
  start: number;
  end: number;
  /** Nesting depth: 0 for top-level steps, 1 inside a map, … */
  depth: number;
}

/** Every step's range, outer steps before the steps nested in them. O(size of the steps maps). */
export function stepRanges(doc: Document): StepRange[] {
  const out: StepRange[] = [];
  const visit = (steps: unknown, depth: number) => {
    if (!isMap(steps)) return;
    for (const pair of (steps as YAMLMap).items) {
      if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
      const value = pair.value as { range?: [number, number, number] } | null;
      const [keyStart, keyEnd] = pair.key.range;
      const end = value?.range ? value.range[1] : keyEnd;
      out.push({ id: String(pair.key.value), keyStart, keyEnd, start: keyStart, end, depth });
      if (isMap(pair.value)) visit(pair.value.get('steps', true), depth + 1);
    }
  };
  if (isMap(doc.contents)) visit(doc.contents.get('steps', true), 0);
  return out;
}

/** Ranges of `text`, parsing it (for a Document whose ranges went stale after an edit). */
export function stepRangesOfText(text: string): StepRange[] {
  return stepRanges(parseDocument(text, { uniqueKeys: false, keepSourceTokens: false }));
}

/** The innermost step whose entry contains `offset`, or null outside every step. */
export function stepAtOffset(ranges: readonly StepRange[], offset: number): string | null {
  let best: StepRange | null = null;
  for (const r of ranges) {
    if (offset >= r.start && offset <= r.end && (!best || r.depth >= best.depth)) best = r;
  }
  return best?.id ?? null;
}
