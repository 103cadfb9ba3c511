/**
 * Parses flow YAML with the `yaml` package's Document API (DESIGN.md "The flow document"), keeping
 * the Document for comment-preserving saves (save.ts) and source positions for findings.
 * Pure: no file system, so the designer can use it too; files.ts does the I/O.
 * Bad input (issue #3 item 9) stops here with one located finding, before it can cost more than
 * the limits in limits.ts: size before parsing, depth before composing, aliases before toJS.
 */
import { Composer, Document, LineCounter, YAMLParseError, isMap } from 'yaml';
import type { CST, Node, YAMLError } from 'yaml';
import { Code, type Finding } from '../model/finding.js';
import type { Flow } from '../model/flow.js';
import {
  MAX_ALIAS_COUNT,
  MAX_ALIAS_EXPANSION_NODES,
  MAX_FILE_BYTES,
  MAX_NESTING_LEVELS,
  MAX_SYNTAX_FINDINGS,
} from '../model/limits.js';
import { bytesEncodingProblem, encodingProblem } from './encoding.js';
import { locator, type SourcePosition } from './locate.js';
import { checkShape, parseTokens, type ShapeProblem } from './shape.js';

export type { SourcePosition } from './locate.js';

/** The result of parsing a flow's text. */
export interface LoadedFlow {
  /** The yaml Document, kept so save.ts can write changes back with comments intact. */
  doc: Document;
  /** Plain JS of the document when it parsed and is a mapping; not yet validated. Else null. */
  flow: Flow | null;
  /** Parse and limit findings (FS001–FS005, FS024, FS025), every one with line:col. */
  findings: Finding[];
  /**
   * 1-based position of the node at `path` (keys and sequence indexes), or of its nearest existing
   * ancestor when the path runs past what the document has. For a map entry whose value is a
   * collection or empty, this is the key's position (the line users look for); for a scalar, the
   * value's. Undefined only when the document has no content at all.
   */
  locate(path: readonly (string | number)[]): SourcePosition | undefined;
}

type Located = Omit<Finding, 'file'>;

/**
 * Parses `text` into a LoadedFlow. Never throws. Problems become error findings with line:col, and
 * `flow` is null after any of them: syntax errors (FS001, at most MAX_SYNTAX_FINDINGS of them), size
 * over MAX_FILE_BYTES (FS002, at 1:1: checked before parsing, so there is no node to point at), alias
 * expansion over MAX_ALIAS_EXPANSION_NODES or MAX_ALIAS_COUNT (FS003), nesting over
 * MAX_NESTING_LEVELS (FS004), a non-mapping document (FS005), an alias inside its own anchor
 * (FS024) and a collection as a key (FS025). `file` is copied onto each finding.
 * Always the core YAML 1.2 schema, even under `%YAML 1.1`, so the plain JS is JSON (no dates, sets
 * or `<<` merges). Duplicate keys are kept in the Document (uniqueKeys: false) so validate/ can
 * report them with their own code and both positions; in `flow`, the last one wins.
 * `raw`, when given, are the file's raw bytes that `text` was decoded from (as UTF-8): FS029 then
 * names the encoding they really are in (encoding.ts), instead of guessing from the text.
 */
export function loadFlowText(text: string, file?: string, raw?: Uint8Array): LoadedFlow {
  const at = (f: Located): Finding => (file === undefined ? f : { ...f, file });
  const refuse = (finding: Located): LoadedFlow => ({
    doc: new Document(null),
    flow: null,
    findings: [at(finding)],
    locate: () => undefined,
  });
  const bytes = utf8Length(text);
  if (bytes > MAX_FILE_BYTES) return refuse(tooLarge(bytes));
  const encoding = raw === undefined ? encodingProblem(text) : bytesEncodingProblem(raw);
  const notUtf8 = encoding && { severity: encoding.severity, code: Code.notUtf8, message: encoding.message, ...lineColAt(text, encoding.offset) };
  if (notUtf8?.severity === 'error') return refuse(notUtf8);

  const lineCounter = new LineCounter();
  const parsed = parseTokens(text, lineCounter.addNewLine, MAX_NESTING_LEVELS);
  if ('tooDeepAt' in parsed) return refuse({ ...tooDeep(), ...lineCounter.linePos(parsed.tooDeepAt) });

  const doc = composeOne(parsed.tokens, text.length);
  const locate = locator(doc, lineCounter);
  const findings = [...(notUtf8 ? [notUtf8] : []), ...syntaxFindings(doc, lineCounter)].map(at);
  const result = (flow: Flow | null): LoadedFlow => ({ doc, flow, findings, locate });
  if (doc.errors.length > 0) return result(null);

  const problem = checkShape(doc, {
    levels: MAX_NESTING_LEVELS,
    expansionNodes: MAX_ALIAS_EXPANSION_NODES,
    usesPerAnchor: MAX_ALIAS_COUNT,
  });
  if (problem) {
    findings.push(at({ ...describeShape(problem), ...positionOf(problem.node, lineCounter) }));
    return result(null);
  }
  if (!isMap(doc.contents)) {
    const message =
      doc.contents === null
        ? 'the flow is empty; start it with flowsmith: "1.0", name, start and steps'
        : 'a flow must be a mapping of keys (flowsmith, name, start, steps …), not a list or a single value';
    findings.push(at({ severity: 'error', code: Code.notAMapping, message, ...positionOf(doc.contents, lineCounter) }));
    return result(null);
  }
  try {
    // yaml counts the anchor itself as one use, hence the + 1.
    return result(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT + 1 }) as Flow);
  } catch (error) {
    // yaml weighs each use of an anchor by the aliases inside it, so with nested anchors it can
    // refuse what checkShape let through. It says nowhere where, hence 1:1.
    if (!(error instanceof ReferenceError)) throw error;
    const message = `the YAML's anchors (&name) are used more than ${MAX_ALIAS_COUNT} times, counting aliases inside anchors; write some of the values out`;
    findings.push(at({ severity: 'error', code: Code.tooManyAliases, message, line: 1, col: 1 }));
    return result(null);
  }
}

/** The first document of `tokens`, with an error for any further one (as yaml's parseDocument does). */
function composeOne(tokens: CST.Token[], length: number): Document.Parsed {
  // Core schema whatever `%YAML` says, and no `!!binary`/`!!timestamp`/`!!set`/`!!omap` either
  // (resolveKnownTags): they would put Uint8Array, Date, Set and Map into the flow, and a tagged key
  // would print a warning as yaml stringifies it. Such tags stay strings, with a warning finding.
  const composer = new Composer({ uniqueKeys: false, schema: 'core', resolveKnownTags: false });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (!doc) {
      doc = next;
      continue;
    }
    const message = 'the text holds several YAML documents (---); a flow file holds one';
    doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', message));
    break;
  }
  // compose(…, forceDoc = true) always yields a document, even for empty text.
  return doc!;
}

/** yaml's errors and warnings as findings, errors capped at MAX_SYNTAX_FINDINGS plus one summary. */
function syntaxFindings(doc: Document.Parsed, lineCounter: LineCounter): Located[] {
  const errors = doc.errors.slice(0, MAX_SYNTAX_FINDINGS).map((e) => fromYamlError(e, 'error', lineCounter));
  const rest = doc.errors.length - MAX_SYNTAX_FINDINGS;
  const first = doc.errors[MAX_SYNTAX_FINDINGS];
  if (rest > 0 && first) {
    const message = `${rest} more YAML syntax error${rest === 1 ? '' : 's'} after these; fix the first ones and check again`;
    errors.push({ severity: 'error', code: Code.yamlSyntax, message, ...lineCounter.linePos(first.pos[0]) });
  }
  return [...errors, ...doc.warnings.map((e) => fromYamlError(e, 'warning', lineCounter))];
}

/** Turns a yaml parse error into a finding at the error's start. */
function fromYamlError(error: YAMLError, severity: 'error' | 'warning', lineCounter: LineCounter): Located {
  const first = error.message.split('\n')[0] ?? error.message;
  const reason = first.replace(/ at line \d+, column \d+:?$/, '');
  return { severity, code: Code.yamlSyntax, message: `not valid YAML: ${reason}`, ...lineCounter.linePos(error.pos[0]) };
}

function tooLarge(bytes: number): Located {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
  return {
    severity: 'error',
    code: Code.tooLarge,
    message: `the flow is ${mib(bytes)}, over the ${mib(MAX_FILE_BYTES)} limit; split it into subflows (call:)`,
    line: 1,
    col: 1,
  };
}

function tooDeep(): Omit<Located, 'line' | 'col'> {
  const message = `collections nest deeper than ${MAX_NESTING_LEVELS} levels here; flatten the document`;
  return { severity: 'error', code: Code.tooDeep, message };
}

function describeShape(problem: ShapeProblem): Omit<Located, 'line' | 'col'> {
  switch (problem.kind) {
    case 'depth':
      return tooDeep();
    case 'expansion': {
      const message = `the YAML aliases (*name) expand to more than ${MAX_ALIAS_EXPANSION_NODES.toLocaleString('en')} values by here; write the values out or use fewer aliases`;
      return { severity: 'error', code: Code.tooManyAliases, message };
    }
    case 'uses': {
      const message = `this anchor (&name) is used more than ${MAX_ALIAS_COUNT.toLocaleString('en')} times by here; write some of the values out`;
      return { severity: 'error', code: Code.tooManyAliases, message };
    }
    case 'cycle': {
      const message = 'this alias (*name) is inside the value its anchor (&name) marks, so it would repeat forever; remove it';
      return { severity: 'error', code: Code.aliasCycle, message };
    }
    case 'key': {
      const message = 'a key must be a single value, not a list or mapping; write it as a plain word';
      return { severity: 'error', code: Code.complexKey, message };
    }
    case 'unknownAnchor': {
      const message = `the alias *${problem.anchor} names no anchor: define &${problem.anchor} on a value above it, or write the value out`;
      return { severity: 'error', code: Code.yamlSyntax, message };
    }
  }
}

/** 1-based line and column of a character offset in `text`. */
function lineColAt(text: string, offset: number): SourcePosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - lineStart + 1 };
}

/** Position of `node`, or 1:1 for a node without a source range (an empty document). */
function positionOf(node: Node | null, lineCounter: LineCounter): SourcePosition {
  return node?.range ? lineCounter.linePos(node.range[0]) : { line: 1, col: 1 };
}

function utf8Length(text: string): number {
  // Each UTF-16 unit encodes to at most 3 UTF-8 bytes, so short texts need no encoding pass.
  if (text.length * 3 <= MAX_FILE_BYTES) return text.length;
  return new TextEncoder().encode(text).length;
}
