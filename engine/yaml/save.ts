/**
 * Writes a changed flow model back into its yaml Document so that comments, key order and scalar
 * styles of everything the user did not change survive (DESIGN.md: "comments preserved on round
 * trip"). Edits are minimal: a node is replaced only when its value changed and cannot be updated
 * in place. Whitespace inside a line (e.g. aligned values) is not kept: yaml re-prints each node.
 */
import { Document, isAlias, isCollection, isMap, isNode, isPair, isScalar, isSeq, Pair } from 'yaml';
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import type { Flow, Json } from '../model/flow.js';

/** Top-level key order of a new document, and where a new top-level key goes in an existing one. */
export const FLOW_KEY_ORDER = [
  'flowsmith', 'name', 'title', 'description', 'inputs', 'vars', 'triggers', 'defaults', 'start', 'steps', 'layout',
] as const;

/**
 * Options for Document.toString. lineWidth 0: never fold long strings (a shell command keeps its
 * line, so diffs stay small); no padding inside flow collections, as DESIGN.md writes `{x: 0, y: 0}`.
 */
export const STRINGIFY_OPTIONS = { lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

/** Node creation: never turn shared JS objects into anchors and aliases. */
const CREATE_OPTIONS = { aliasDuplicateObjects: false } as const;

type Path = readonly string[];

/**
 * Applies `flow` onto `doc` in place. Maps: changed keys are updated keeping the key node and its
 * comments, removed keys are deleted, new keys are inserted after the key that precedes them in
 * `flow` (at the top level, in FLOW_KEY_ORDER), so a step added after another is written after it.
 * A comment line above a deleted key moves to the next key (section comments are not lost), except
 * in a `steps` map, where the comment above a step belongs to that step and goes with it.
 * Sequences are updated by index. A scalar is touched only when its value changed, keeping its
 * comments and, when the type is unchanged, its style. `undefined` values count as absent.
 * `prev`, when given, is the value `doc` held before (the designer's last printed flow): subtrees
 * that are the same object in `prev` and `flow` are skipped, so an edit of one step costs
 * O(size of that step) here, not O(size of the flow). Never throws for JSON-like input.
 */
export function updateDocument(doc: Document, flow: Flow, prev?: Flow): void {
  const value = flow as unknown as Record<string, Json>;
  // An empty or non-mapping document has nothing to keep: write the flow in FLOW_KEY_ORDER.
  if (!isMap(doc.contents)) doc.contents = create(doc, orderTopLevel(value), []);
  else updateMap(doc, doc.contents, value, [], prev as unknown as Record<string, Json> | undefined);
}

/** Prints a brand-new document for `flow`: keys in FLOW_KEY_ORDER, layout entries as `{x: 0, y: 0}`. */
export function flowToText(flow: Flow): string {
  const doc = new Document();
  doc.contents = create(doc, orderTopLevel(flow as unknown as Record<string, Json>), []);
  return documentToText(doc);
}

/** Prints a Document with Flowsmith's STRINGIFY_OPTIONS. */
export function documentToText(doc: Document): string {
  return doc.toString(STRINGIFY_OPTIONS);
}

function update(doc: Document, node: unknown, value: Json, path: Path, prev?: Json): unknown {
  if (isAlias(node)) {
    // Keep `*anchor` when it still means the same value; otherwise write the value out.
    const resolved = node.resolve(doc);
    if (resolved && sameJson(resolved.toJS(doc) as Json, value)) return node;
    return replace(doc, node, value, path);
  }
  if (isMap(node) && isObject(value)) {
    updateMap(doc, node, value, path, isObject(prev) ? prev : undefined);
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    updateSeq(doc, node, value, path);
    return node;
  }
  if (isScalar(node) && !isCollectionValue(value)) {
    if (node.value === value) return node;
    if (typeof node.value !== typeof value) {
      // A quoted string turned number (or the reverse) must not keep a style that changes its type.
      node.type = undefined;
      delete node.format;
    }
    node.value = value;
    return node;
  }
  return replace(doc, node, value, path);
}

function updateMap(doc: Document, map: YAMLMap, value: Record<string, Json>, path: Path, prev?: Record<string, Json>): void {
  const order = Object.keys(value).filter((k) => value[k] !== undefined);
  const wanted = new Set(order);
  const lastIndex = new Map<string, number>();
  map.items.forEach((pair, i) => {
    const key = keyOf(pair);
    if (key !== undefined) lastIndex.set(key, i);
  });
  // A step's own comment goes with the step: it would mislead above an unrelated one (issue #8).
  const isStepsMap = path.at(-1) === 'steps';
  const kept: Pair[] = [];
  let orphanComment: string | undefined;
  map.items.forEach((pair, i) => {
    const key = keyOf(pair);
    // Drop removed keys, and earlier duplicates of a key (the plain model saw only the last one).
    if (key !== undefined && wanted.has(key) && lastIndex.get(key) === i) {
      if (orphanComment !== undefined) prependComment(pair.key, orphanComment);
      orphanComment = undefined;
      kept.push(pair as Pair);
    } else if (isNode(pair.key) && pair.key.commentBefore && !isStepsMap) {
      orphanComment = joinComments(orphanComment, pair.key.commentBefore);
    }
  });
  if (orphanComment !== undefined) map.comment = joinComments(map.comment ?? undefined, orphanComment);
  map.items = kept;

  const pairOf = new Map<string, Pair>();
  for (const pair of kept) pairOf.set(keyOf(pair) as string, pair);
  let before: Pair | undefined;
  for (const key of order) {
    const childPath = [...path, key];
    const pair = pairOf.get(key);
    if (pair) {
      // Same object as when the document was last written from it: nothing below changed.
      if (prev === undefined || !Object.hasOwn(prev, key) || prev[key] !== value[key]) {
        pair.value = update(doc, pair.value, value[key] as Json, childPath, prev?.[key]);
      }
      before = pair;
      continue;
    }
    const added = new Pair(doc.createNode(key), create(doc, value[key] as Json, childPath));
    const at = path.length === 0 ? topLevelIndex(map, key) : before ? map.items.indexOf(before) + 1 : map.items.length;
    map.items.splice(at, 0, added);
    before = added;
  }
}

function updateSeq(doc: Document, seq: YAMLSeq, value: Json[], path: Path): void {
  seq.items.length = Math.min(seq.items.length, value.length);
  value.forEach((item, i) => {
    const childPath = [...path, String(i)];
    seq.items[i] = i < seq.items.length ? update(doc, seq.items[i], item, childPath) : create(doc, item, childPath);
  });
}

/** A new node for `value`, carrying over the comments of the node it replaces. */
function replace(doc: Document, old: unknown, value: Json, path: Path): Node {
  const node = create(doc, value, path);
  if (isNode(old)) {
    if (old.commentBefore) node.commentBefore = old.commentBefore;
    if (old.comment) node.comment = old.comment;
    if (old.spaceBefore) node.spaceBefore = true;
  }
  return node;
}

/**
 * A fresh node for `value`, styled like DESIGN.md's example: canvas positions and lists of plain
 * values (approvers, branches, errors) in flow style, everything else in block style.
 */
function create(doc: Document, value: Json, path: Path): Node {
  const node = doc.createNode(value, CREATE_OPTIONS) as Node;
  styleNew(node, path);
  return node;
}

function styleNew(node: unknown, path: Path): void {
  if (isPair(node)) return;
  const isLayoutEntry = path.length === 2 && path[0] === 'layout';
  if (isMap(node)) {
    if (isLayoutEntry) node.flow = true;
    for (const pair of node.items) styleNew(pair.value, [...path, String(keyOf(pair))]);
  } else if (isSeq(node)) {
    if (node.items.length > 0 && node.items.every((item) => isScalar(item))) node.flow = true;
    node.items.forEach((item, i) => styleNew(item, [...path, String(i)]));
  }
}

function topLevelIndex(map: YAMLMap, key: string): number {
  const rank = (k: string | undefined) => {
    const i = (FLOW_KEY_ORDER as readonly string[]).indexOf(k ?? '');
    return i === -1 ? FLOW_KEY_ORDER.length : i;
  };
  const later = map.items.findIndex((pair) => rank(keyOf(pair)) > rank(key));
  return later === -1 || rank(key) === FLOW_KEY_ORDER.length ? map.items.length : later;
}

function orderTopLevel(flow: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const key of FLOW_KEY_ORDER) if (flow[key] !== undefined) out[key] = flow[key];
  for (const [key, v] of Object.entries(flow)) if (v !== undefined && !(key in out)) out[key] = v;
  return out;
}

function keyOf(pair: { key: unknown }): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function prependComment(key: unknown, comment: string): void {
  if (isScalar(key) || isCollection(key)) key.commentBefore = joinComments(comment, key.commentBefore ?? undefined);
}

function joinComments(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : `${a}\n${b}`;
}

function isObject(value: Json | undefined): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCollectionValue(value: Json): boolean {
  return typeof value === 'object' && value !== null;
}

function sameJson(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
