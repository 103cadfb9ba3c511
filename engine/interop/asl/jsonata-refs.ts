/**
 * Finds the variables and context references of a JSONata expression, with their character offsets,
 * so that exporters and importers can rename bindings (`$vars.app` ↔ `$app`, `$states.input` ↔
 * `$steps.build.output`) by editing the text instead of re-printing it: whatever else the
 * expression holds (functions, filters, lambdas) is kept exactly as written.
 *
 * Offsets come from jsonata 2.x's parser (`jsonata(text).ast()`): every token carries `position`,
 * the offset just past its end (https://github.com/jsonata-js/jsonata/blob/master/src/parser.js).
 * The engine/import/asl importer uses this module too; it could move to engine/expr/ later.
 */
import jsonata from 'jsonata';

/** One field name after a variable, e.g. `output` in `$steps.build.output`. */
export interface RefField {
  name: string;
  /** Offset just past the name (past the closing backtick when quoted). */
  end: number;
  /** True when the name carries an index or filter (`list[0]`), which stays after any rewrite. */
  hasStages: boolean;
}

/** A variable at the start of a path (`$vars.app`), or alone (`$input`). */
export interface VariableRef {
  /** Name without `$`: `''` for the context `$`, `'$'` for the root `$$`. */
  name: string;
  /** Offset of the `$`. */
  start: number;
  /** Offset just past the variable token. */
  end: number;
  /** The plain field names that follow, in order, up to the first one that is not a plain name. */
  fields: RefField[];
  /** True when evaluated against the expression's own context (not inside a later path step or filter). */
  isTop: boolean;
  /** True for `$name(…)`: a function call, usually a built-in such as `$string`. */
  isCall: boolean;
}

/** What scanJsonata found, or why the text does not parse. */
export type ScanResult =
  | {
      ok: true;
      refs: VariableRef[];
      /** Offsets where a path starts with a field name at the top context (`stdout` in `{"v": stdout}`). */
      contextFields: number[];
      /** Variables bound inside the expression (`:=`, lambda parameters, `@$x`, `#$i`): never bindings. */
      bound: Set<string>;
    }
  | { ok: false; reason: string };

interface Node {
  type?: string;
  value?: unknown;
  position?: number;
  steps?: Node[];
  [key: string]: unknown;
}

/** Keys of an AST node whose subtrees are evaluated against another context than the node's own. */
const INNER_CONTEXT_KEYS = new Set(['stages', 'predicate', 'group', 'terms']);

/** Scans `text` as JSONata. Never throws: a parse error comes back as `{ok: false, reason}`. */
export function scanJsonata(text: string): ScanResult {
  let ast: Node;
  try {
    ast = jsonata(text).ast() as Node;
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const refs: VariableRef[] = [];
  const contextFields: number[] = [];
  const bound = new Set<string>();
  const visit = (node: unknown, isTop: boolean, isCall = false): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, isTop));
    if (!isNode(node)) return;
    if (node.type === 'path' && Array.isArray(node.steps)) return visitPath(node, isTop);
    if (node.type === 'variable') return addVariable(node, [], isTop, isCall);
    if (node.type === 'bind' && isNode(node['lhs']) && node['lhs'].type === 'variable') bound.add(String(node['lhs'].value));
    if (node.type === 'lambda' && Array.isArray(node['arguments'])) {
      for (const a of node['arguments']) if (isNode(a)) bound.add(String(a.value));
    }
    for (const key of ['focus', 'index', 'tuple']) if (typeof node[key] === 'string') bound.add(String(node[key]));
    for (const [key, child] of Object.entries(node)) {
      if (key === 'procedure' && isNode(child) && child.type === 'variable') visit(child, isTop, true);
      else if (key !== 'lhs' || node.type !== 'bind') visit(child, isTop && !INNER_CONTEXT_KEYS.has(key));
    }
  };
  const visitPath = (node: Node, isTop: boolean): void => {
    const steps = node.steps ?? [];
    const [first] = steps;
    if (first?.type === 'variable') {
      const fields: RefField[] = [];
      for (const step of steps.slice(1)) {
        if (step.type !== 'name' || typeof step.position !== 'number') break;
        const hasStages = Array.isArray(step['stages']) && step['stages'].length > 0;
        fields.push({ name: String(step.value), end: step.position, hasStages });
        if (hasStages || step['predicate'] || step['group']) break;
      }
      addVariable(first, fields, isTop, false);
    } else if (first?.type === 'name' && isTop && typeof first.position === 'number') {
      const quoted = text[first.position - 1] === '`';
      contextFields.push(first.position - String(first.value).length - (quoted ? 2 : 0));
    }
    steps.forEach((step, i) => {
      const stepTop = isTop && i === 0;
      if (step.type === 'variable' && i === 0) {
        visitChildren(step, stepTop);
        return;
      }
      if (step.type === 'name') {
        visitChildren(step, stepTop);
        return;
      }
      visit(step, stepTop);
    });
  };
  const visitChildren = (node: Node, isTop: boolean): void => {
    for (const [key, child] of Object.entries(node)) visit(child, isTop && !INNER_CONTEXT_KEYS.has(key));
    for (const key of ['focus', 'index']) if (typeof node[key] === 'string') bound.add(String(node[key]));
  };
  const addVariable = (node: Node, fields: RefField[], isTop: boolean, isCall: boolean): void => {
    if (typeof node.position !== 'number') return;
    const name = String(node.value);
    refs.push({ name, start: node.position - name.length - 1, end: node.position, fields, isTop, isCall });
  };
  visit(ast, true);
  refs.sort((a, b) => a.start - b.start);
  return { ok: true, refs, contextFields, bound };
}

/** One text replacement: `[start, end)` becomes `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits to `text` (in any order); an edit overlapping an earlier one is skipped. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let last = 0;
  for (const edit of sorted) {
    if (edit.start < last) continue;
    out += text.slice(last, edit.start) + edit.text;
    last = edit.end;
  }
  return out + text.slice(last);
}

/** `name` as a JSONata field step: plain when it is an identifier, else in backticks. */
export function fieldStep(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name}\``;
}

/** True when `text` is one plain path (`$a.b[0].c`), which needs no parentheses before `.field`. */
export function isSimplePath(text: string): boolean {
  return /^\$[A-Za-z0-9_]*((\.[A-Za-z_][A-Za-z0-9_]*)|(\.`[^`]+`)|(\[\d+\]))*$/.test(text.trim());
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
