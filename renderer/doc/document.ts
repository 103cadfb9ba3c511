/**
 * The flow document as the designer holds it (issue #8 "One document", DESIGN.md "Designer"): the
 * YAML text is the truth; the `yaml` Document and the plain Flow are derived from it. Canvas and
 * inspector edits are Flow → Flow functions that become Document operations through the engine's
 * own `updateDocument` (engine/yaml/save.ts), so comments and key order survive, and then a text
 * patch. Pure: no React, no store, no host.
 */
import type { Document } from 'yaml';
import type { Finding } from '../../engine/model/finding';
import type { Flow } from '../../engine/model/flow';
import { loadFlowText } from '../../engine/yaml/load';
import { documentToText, updateDocument } from '../../engine/yaml/save';

/** A parse of the document text. */
export interface ParsedText {
  /** The yaml Document; null when the text does not parse as a flow mapping. */
  doc: Document | null;
  /** The plain flow; null when the text does not parse. */
  flow: Flow | null;
  /** Why the text does not parse, with line:col (`3:7 …`); null when it does. */
  error: string | null;
  /** The parse findings (syntax, limits), located. */
  findings: Finding[];
}

/** Parses document text; never throws. O(text length). */
export function parseText(text: string, file?: string): ParsedText {
  const loaded = loadFlowText(text, file);
  if (loaded.flow === null) {
    const first = loaded.findings[0];
    const where = first?.line ? `${first.line}:${first.col ?? 1} ` : '';
    return { doc: null, flow: null, error: `${where}${first?.message ?? 'the text is not a flow document'}`, findings: loaded.findings };
  }
  return { doc: loaded.doc, flow: loaded.flow, error: null, findings: loaded.findings };
}

/**
 * Writes `next` into `doc` (in place, keeping comments, key order and scalar styles of what did not
 * change) and returns the new text. `doc` must hold `prev` (the flow it was last parsed or printed
 * from): subtrees shared by `prev` and `next` are not visited.
 */
export function printEdit(doc: Document, next: Flow, prev: Flow): string {
  updateDocument(doc, next, prev);
  return documentToText(doc);
}

/**
 * `next` with every subtree that deep-equals the same place in `prev` replaced by `prev`'s object,
 * so a re-parse after typing keeps object identity for the steps that did not change and the
 * canvas and inspector re-render only what did. O(size of next).
 */
export function shareUnchanged<T>(prev: T, next: T): T {
  if (prev === next) return prev;
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next;
  if (Array.isArray(prev) !== Array.isArray(next)) return next;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    const out = next.map((item, i) => {
      const shared = i < prev.length ? shareUnchanged(prev[i], item) : item;
      if (shared !== prev[i]) same = false;
      return shared;
    });
    return (same ? prev : out) as T;
  }
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const nKeys = Object.keys(n);
  let same = nKeys.length === Object.keys(p).length;
  const out: Record<string, unknown> = {};
  let i = 0;
  const pKeys = Object.keys(p);
  for (const key of nKeys) {
    // Key order is part of the document (it is what a save writes), so a reordering is a change.
    if (pKeys[i++] !== key) same = false;
    const shared = Object.hasOwn(p, key) ? shareUnchanged(p[key], n[key]) : n[key];
    if (shared !== p[key]) same = false;
    // A step id `__proto__` must stay a key, not become the object's prototype (issue #11 item 11).
    if (key === '__proto__') Object.defineProperty(out, key, { value: shared, enumerable: true, writable: true, configurable: true });
    else out[key] = shared;
  }
  return (same ? prev : out) as T;
}
