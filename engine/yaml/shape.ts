/**
 * Shape checks that keep a hostile or broken document from hurting whatever walks it next (issue #3
 * item 9 "Bad input"; DESIGN.md "Security"): nesting depth, alias cycles, alias expansion and keys
 * that are collections. Everything here walks with an explicit stack, never by recursion, so depth
 * cannot overflow the JS stack: that is the point of checking it.
 */
import { Lexer, Parser, isAlias, isCollection, isMap, isPair, isScalar } from 'yaml';
import type { CST, Document, Node } from 'yaml';

/** What is wrong with a document's shape, and the node where it first shows (document order). */
export type ShapeProblem =
  /** A collection, or an alias's expansion, reaches more than `limits.levels` levels. */
  | { kind: 'depth'; node: Node }
  /** An alias inside the anchored value it refers to (`&a [*a]`): the plain JS would be cyclic. */
  | { kind: 'cycle'; node: Node }
  /** Expanding the aliases so far adds more than `limits.expansionNodes` values. */
  | { kind: 'expansion'; node: Node }
  /** One anchor is used by more than `limits.usesPerAnchor` aliases (yaml's maxAliasCount, unweighted). */
  | { kind: 'uses'; node: Node }
  /** A mapping key that is a collection (`? [a, b]: c`); JS objects cannot have it, yaml would stringify it. */
  | { kind: 'key'; node: Node }
  /** An alias whose anchor is not defined before it (`*nope`); yaml's toJS would throw. */
  | { kind: 'unknownAnchor'; node: Node; anchor: string };

/** Limits for checkShape, in levels, in values and in aliases. */
export interface ShapeLimits {
  levels: number;
  expansionNodes: number;
  usesPerAnchor: number;
}

/**
 * yaml's CST tokens for `text`, or the offset where collections open more than `levels` deep.
 * Drives yaml's Lexer and Parser by hand (as Parser.parse does) to stop at the first token past
 * the limit: yaml parses deep nesting slowly (a 5 MiB run of `[` takes seconds) and composes it
 * recursively, turning the stack overflow into hundreds of RESOURCE_EXHAUSTION errors instead of
 * one clear finding. The parser's stack holds the document and maybe a scalar besides the open
 * collections, hence the slack of 2; checkShape counts exactly after composing.
 */
export function parseTokens(
  text: string,
  onNewLine: (offset: number) => void,
  levels: number,
): { tokens: CST.Token[] } | { tooDeepAt: number } {
  const parser = new Parser(onNewLine);
  const tokens: CST.Token[] = [];
  onNewLine(0);
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > levels + 2) return { tooDeepAt: Math.min(parser.offset, text.length) };
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

/** One step of the walk: enter a node (a mapping key or not), or leave a collection after its children. */
/** `depth` counts the collections around the node. */
type Visit = { node: Node; depth: number; leave: boolean; isKey?: boolean };
/** Size (values, aliases expanded) and height (levels) of a finished subtree. */
type Measure = { size: number; height: number };

/**
 * The first shape problem of `doc`, in document order, or undefined. Aliases are resolved as yaml
 * resolves them (the last anchor of that name before the alias), and count as their target would if
 * written out: its size toward `expansionNodes`, its height on top of the alias's own depth.
 */
export function checkShape(doc: Document, limits: ShapeLimits): ShapeProblem | undefined {
  const root = doc.contents;
  if (!isCollection(root)) return undefined;
  const anchors = new Map<string, Node>();
  const measured = new Map<Node, Measure>(); // anchored collections only
  const uses = new Map<Node, number>();
  const open = new Set<Node>();
  const totals: Measure[] = []; // one accumulator per open collection
  const stack: Visit[] = [{ node: root, depth: 0, leave: false }];
  let expanded = 0;
  const finish = (m: Measure) => {
    const parent = totals[totals.length - 1];
    if (!parent) return;
    parent.size += m.size;
    parent.height = Math.max(parent.height, m.height);
  };

  while (stack.length > 0) {
    const { node, depth, leave, isKey } = stack.pop()!;
    if (leave) {
      open.delete(node);
      const total = totals.pop()!;
      const m = { size: total.size, height: total.height + 1 };
      if (node.anchor) measured.set(node, m);
      finish(m);
      continue;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      // yaml does not report it while parsing, and its toJS then throws (issue #11 item 13).
      if (target === undefined) return { kind: 'unknownAnchor', node, anchor: node.source };
      if (open.has(target)) return { kind: 'cycle', node };
      if (isKey && !isScalar(target)) return { kind: 'key', node };
      const used = (uses.get(target) ?? 0) + 1;
      if (used > limits.usesPerAnchor) return { kind: 'uses', node };
      uses.set(target, used);
      const m = measured.get(target) ?? { size: 1, height: 0 };
      expanded += m.size;
      if (expanded > limits.expansionNodes) return { kind: 'expansion', node };
      if (depth + m.height > limits.levels) return { kind: 'depth', node };
      finish(m);
      continue;
    }
    if (!isCollection(node)) {
      finish({ size: 1, height: 0 });
      continue;
    }
    if (isKey) return { kind: 'key', node };
    if (depth + 1 > limits.levels) return { kind: 'depth', node };
    open.add(node);
    totals.push({ size: 1, height: 0 });
    stack.push({ node, depth, leave: true });
    const children: Visit[] = [];
    for (const item of node.items) {
      if (!isPair(item)) {
        if (item) children.push({ node: item as Node, depth: depth + 1, leave: false });
        continue;
      }
      // A pair in a sequence (`[a: b]`) is a one-pair mapping of its own in the plain JS.
      const pairDepth = isMap(node) ? depth + 1 : depth + 2;
      if (item.key) children.push({ node: item.key as Node, depth: pairDepth, leave: false, isKey: true });
      if (item.value) children.push({ node: item.value as Node, depth: pairDepth, leave: false });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return undefined;
}
