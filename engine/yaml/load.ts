/**
 * Parses flow YAML with the `yaml` package's Document API (DESIGN.md "The flow document"), keeping
 * the Document for comment-preserving saves (save.ts) and source positions for findings.
 * Pure: no file system, so the designer can use it too; files.ts does the I/O.
 */
import { Document, LineCounter, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node, YAMLError } from 'yaml';
import type { Finding } from '../model/finding.js';
import type { Flow } from '../model/flow.js';
import { Code } from '../validate/codes.js';

/** Largest flow text accepted, in bytes of UTF-8 (DESIGN.md "Security": parsing limits size). */
export const MAX_FLOW_BYTES = 5 * 1024 * 1024;
/** yaml's `maxAliasCount` for toJS: caps alias expansion (DESIGN.md "Security": limits aliases). */
export const MAX_ALIAS_COUNT = 100;
/** Deepest collection nesting accepted; real flows stay well under 20. */
export const MAX_DEPTH = 64;

/** A 1-based line and column in the flow text. */
export interface SourcePosition {
  line: number;
  col: number;
}

/** The result of parsing a flow's text. */
export interface LoadedFlow {
  /** The yaml Document, kept so save.ts can write changes back with comments intact. */
  doc: Document;
  /** Plain JS of the document when it parsed and is a mapping; not yet validated. Else null. */
  flow: Flow | null;
  /** Parse and limit findings (FS001–FS005). */
  findings: Finding[];
  /**
   * 1-based position of the node at `path` (keys and sequence indexes), or of its nearest existing
   * ancestor when the path runs past what the document has. For a map entry whose value is a
   * collection or empty, this is the key's position (the line users look for); for a scalar, the
   * value's. Undefined only when the document has no content at all.
   */
  locate(path: readonly (string | number)[]): SourcePosition | undefined;
}

/**
 * Parses `text` into a LoadedFlow. Never throws: syntax errors (FS001), size over MAX_FLOW_BYTES
 * (FS002), alias expansion over MAX_ALIAS_COUNT (FS003), nesting over MAX_DEPTH (FS004) and a
 * non-mapping document (FS005) become findings with line:col; `file` is copied onto each finding.
 * Duplicate keys are kept in the Document (uniqueKeys: false) so validate/ can report them with
 * their own code and both positions; in `flow`, the last one wins.
 */
export function loadFlowText(text: string, file?: string): LoadedFlow {
  const at = (f: Omit<Finding, 'file'>): Finding => (file === undefined ? f : { ...f, file });
  if (utf8Length(text) > MAX_FLOW_BYTES) {
    const finding = at({
      severity: 'error',
      code: Code.tooLarge,
      message: `flow text is larger than ${MAX_FLOW_BYTES / 1024 / 1024} MiB; split it into subflows (call:)`,
      line: 1,
      col: 1,
    });
    return { doc: new Document(null), flow: null, findings: [finding], locate: () => undefined };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
  const locate = (path: readonly (string | number)[]) => locateIn(doc, lineCounter, path);
  const findings: Finding[] = [
    ...doc.errors.map((e) => at(fromYamlError(e, 'error'))),
    ...doc.warnings.map((e) => at(fromYamlError(e, 'warning'))),
  ];
  const result = (flow: Flow | null): LoadedFlow => ({ doc, flow, findings, locate });
  if (doc.errors.length > 0) return result(null);

  const deep = firstNodeDeeperThan(doc.contents, MAX_DEPTH);
  if (deep) {
    const pos = deep.range ? lineCounter.linePos(deep.range[0]) : undefined;
    const message = `collections nest deeper than ${MAX_DEPTH} levels; flatten the document`;
    findings.push(at({ severity: 'error', code: Code.tooDeep, message, ...pos }));
    return result(null);
  }
  if (!isMap(doc.contents)) {
    const pos = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
    const message =
      doc.contents === null
        ? 'the flow is empty; start it with flowsmith: "1.0", name, start and steps'
        : 'a flow must be a mapping of keys (flowsmith, name, start, steps …), not a list or a single value';
    findings.push(at({ severity: 'error', code: Code.notAMapping, message, ...pos }));
    return result(null);
  }
  try {
    return result(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Flow);
  } catch (error) {
    // yaml throws a ReferenceError when alias expansion passes maxAliasCount (billion laughs).
    if (!(error instanceof ReferenceError)) throw error;
    const message = `the YAML expands aliases (*name) more than ${MAX_ALIAS_COUNT} times; write the values out`;
    findings.push(at({ severity: 'error', code: Code.tooManyAliases, message, line: 1, col: 1 }));
    return result(null);
  }
}

/** Turns a yaml parse error into a finding; drops the pretty-printed source excerpt from the message. */
function fromYamlError(error: YAMLError, severity: 'error' | 'warning'): Omit<Finding, 'file'> {
  const first = error.message.split('\n')[0] ?? error.message;
  const reason = first.replace(/ at line \d+, column \d+:?$/, '');
  const pos = error.linePos?.[0];
  return {
    severity,
    code: Code.yamlSyntax,
    message: `not valid YAML: ${reason}`,
    ...(pos ? { line: pos.line, col: pos.col } : {}),
  };
}

function utf8Length(text: string): number {
  // Each UTF-16 unit encodes to at most 3 UTF-8 bytes, so short texts need no encoding pass.
  if (text.length * 3 <= MAX_FLOW_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}

/** The first collection nested deeper than `limit`, walking iteratively so depth cannot overflow the stack. */
function firstNodeDeeperThan(root: unknown, limit: number): Node | undefined {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth + 1 > limit) return node;
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push([item.key, depth + 1], [item.value, depth + 1]);
      } else {
        stack.push([item, depth + 1]);
      }
    }
  }
  return undefined;
}

function locateIn(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
): SourcePosition | undefined {
  let node: unknown = doc.contents;
  if (!isCollection(node) && !isScalar(node)) return undefined;
  let offset = (node as Node).range?.[0] ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    if (isMap(node)) {
      // Last match: with duplicate keys, the plain JS (and so every check) sees the last one.
      const pair = node.items.findLast((p) => isScalar(p.key) && String(p.key.value) === String(segment));
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
}
