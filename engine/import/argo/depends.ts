/**
 * A DAG task's `depends` (Enhanced Depends Logic, https://argo-workflows.readthedocs.io/en/latest/enhanced-depends-logic/)
 * or `dependencies` as what the importer needs: the tasks it waits for, and — when it asks for
 * more than "these succeeded" — a JSONata condition on their statuses, checked by a branch before
 * the task (FS235). Tasks it asks about as Failed/Errored must let the flow go on after a failure,
 * so they are listed in `onFailure` (the importer sets continueOnError on them).
 * A bare `a` means `a.Succeeded || a.Skipped || a.Daemoned`; a skipped Flowsmith step has not run.
 */
import { printJExpr, type JExpr } from './jexpr.js';
import { arr, str, type Obj } from './source.js';

/** What a task waits for. */
export interface Dependency {
  /** Argo names of the tasks it waits for. */
  on: string[];
  /** A condition on their statuses, when the plain "all succeeded" does not say it. */
  condition?: string;
  /** True when the depends only needs one of several tasks (`a || b`): imported as waiting for all. */
  anyOf?: boolean;
  /** Tasks named with .Failed or .Errored. */
  onFailure: string[];
}

type Node = { op: 'and' | 'or'; left: Node; right: Node } | { op: 'not'; operand: Node } | { op: 'task'; name: string; phase?: string };

/**
 * The dependency of `task`; `idOf` gives the step id of a task name (for the condition).
 * Unreadable depends text yields its names with a plain meaning.
 */
export function dependencyOf(task: Obj, idOf: (name: string) => string): Dependency {
  const list = arr(task['dependencies']).map(str).filter((n): n is string => n !== undefined);
  const text = str(task['depends']);
  if (text === undefined || text.trim() === '') return { on: list, onFailure: [] };
  let tree: Node;
  try {
    tree = new DependsParser(text).parse();
  } catch {
    return { on: [...new Set(text.match(/[A-Za-z0-9][-A-Za-z0-9_]*/g) ?? [])], onFailure: [] };
  }
  const on = [...new Set(names(tree))];
  if (isPlainAll(tree)) return { on, onFailure: [] };
  if (isPlainAny(tree)) return { on, anyOf: true, onFailure: [] };
  const onFailure = [...new Set(failures(tree))];
  return { on, condition: printJExpr(condition(tree, idOf)), onFailure };
}

/** The status condition for a task name; `$steps.<id>.status` of the step it became. */
export function statusTest(id: string, phase: string | undefined): JExpr {
  const status: JExpr = { kind: 'path', root: 'steps', segments: [id, 'status'] };
  const is = (word: string): JExpr => ({ kind: 'binary', op: '=', left: status, right: { kind: 'literal', value: word } });
  const isNot = (word: string): JExpr => ({ kind: 'binary', op: '!=', left: status, right: { kind: 'literal', value: word } });
  switch (phase) {
    case 'Succeeded':
    case 'Daemoned':
    case 'AnySucceeded':
      return is('succeeded');
    case 'Failed':
    case 'Errored':
    case 'AllFailed':
      return is('failed');
    case 'Skipped':
    case 'Omitted':
      return { kind: 'binary', op: 'and', left: isNot('succeeded'), right: isNot('failed') };
    default:
      return isNot('failed');
  }
}

function condition(node: Node, idOf: (name: string) => string): JExpr {
  switch (node.op) {
    case 'task':
      return statusTest(idOf(node.name), node.phase);
    case 'not':
      return { kind: 'not', operand: condition(node.operand, idOf) };
    default:
      return { kind: 'binary', op: node.op, left: condition(node.left, idOf), right: condition(node.right, idOf) };
  }
}

function names(node: Node): string[] {
  if (node.op === 'task') return [node.name];
  if (node.op === 'not') return names(node.operand);
  return [...names(node.left), ...names(node.right)];
}

function failures(node: Node): string[] {
  if (node.op === 'task') return node.phase === 'Failed' || node.phase === 'Errored' || node.phase === 'AllFailed' ? [node.name] : [];
  if (node.op === 'not') return failures(node.operand);
  return [...failures(node.left), ...failures(node.right)];
}

const plain = (node: Node) => node.op === 'task' && (node.phase === undefined || node.phase === 'Succeeded');

function isPlainAll(node: Node): boolean {
  return plain(node) || (node.op === 'and' && isPlainAll(node.left) && isPlainAll(node.right));
}

function isPlainAny(node: Node): boolean {
  return plain(node) || (node.op === 'or' && isPlainAny(node.left) && isPlainAny(node.right));
}

class DependsParser {
  private readonly tokens: string[];
  private i = 0;

  constructor(text: string) {
    this.tokens = text.match(/&&|\|\||!|\(|\)|[A-Za-z0-9][-A-Za-z0-9_]*(?:\.[A-Za-z]+)?|\S/g) ?? [];
  }

  parse(): Node {
    const node = this.or();
    if (this.i !== this.tokens.length) throw new Error('trailing tokens');
    return node;
  }

  private or(): Node {
    let left = this.and();
    while (this.tokens[this.i] === '||') {
      this.i++;
      left = { op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.tokens[this.i] === '&&') {
      this.i++;
      left = { op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    const tok = this.tokens[this.i++];
    if (tok === '!') return { op: 'not', operand: this.unary() };
    if (tok === '(') {
      const node = this.or();
      if (this.tokens[this.i++] !== ')') throw new Error('unclosed (');
      return node;
    }
    if (tok === undefined || !/^[A-Za-z0-9]/.test(tok)) throw new Error('expected a task');
    const [name, phase] = tok.split('.');
    return phase === undefined ? { op: 'task', name: name! } : { op: 'task', name: name!, phase };
  }
}
