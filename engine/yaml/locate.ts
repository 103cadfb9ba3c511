/**
 * Source positions for paths into a parsed flow, for the line:col of findings. Indexed on first
 * use, so a flow with thousands of findings (20,000 steps, one problem each) is located in linear
 * time rather than by scanning every mapping once per finding.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';

/** A 1-based line and column in the flow text. */
export interface SourcePosition {
  line: number;
  col: number;
}

/**
 * A `locate` function for `doc` (see LoadedFlow.locate): the position of the node at `path`, or of
 * its nearest existing ancestor. Aliases on the way are followed to their anchors.
 */
export function locator(
  doc: Document,
  lineCounter: LineCounter,
): (path: readonly (string | number)[]) => SourcePosition | undefined {
  const keys = new WeakMap<YAMLMap, Map<string, Pair>>();
  let aliases: Map<Node, Node> | undefined;
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = keys.get(map);
    if (!index) {
      index = new Map();
      // Last one wins: with duplicate keys, the plain JS (and so every check) sees the last one.
      for (const pair of map.items) if (isScalar(pair.key)) index.set(String(pair.key.value), pair);
      keys.set(map, index);
    }
    return index.get(key);
  };
  const resolve = (alias: Node): unknown => (aliases ??= aliasTargets(doc)).get(alias);

  return (path) => {
    let node: unknown = doc.contents;
    if (!isCollection(node) && !isScalar(node)) return undefined;
    let offset = (node as Node).range?.[0] ?? 0;
    for (const segment of path) {
      if (isAlias(node)) node = resolve(node);
      let next: unknown;
      if (isMap(node)) {
        const pair = pairOf(node, String(segment));
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        next = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) break;
        offset = (item as Node).range?.[0] ?? offset;
        next = item;
      } else {
        break;
      }
      node = next;
      // A scalar value points at itself; a collection or empty value keeps its key's position.
      if (isScalar(node) && node.value !== null && node.range) offset = node.range[0];
    }
    return lineCounter.linePos(offset);
  };
}

/**
 * The anchored node each alias refers to, as yaml resolves it (the last anchor of that name before
 * the alias, in document order), found in one walk instead of one walk per alias.
 */
function aliasTargets(doc: Document): Map<Node, Node> {
  const targets = new Map<Node, Node>();
  const anchors = new Map<string, Node>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      continue;
    }
    if (!isCollection(node) && !isScalar(node)) continue;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isCollection(node)) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return targets;
}
