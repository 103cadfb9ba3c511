/**
 * What every imported task shares (dsl-reference.md "Task"): its environment in the list being
 * built, and the task fields that map onto any native step — metadata (title, description and the
 * Flowsmith fields an export kept), timeout, output.as → output, export.as → set, input.from.
 */
import type { SubsetExpr } from '../../expr/subset.js';
import { printJsonata } from '../../expr/subset.js';
import type { Finding } from '../../model/finding.js';
import type { DurationText, Step, StepId } from '../../model/flow.js';
import { META_KEY } from '../../interop/serverless-workflow/conventions.js';
import { HTTP_OUTPUT, SHELL_OUTPUT } from '../../interop/serverless-workflow/conventions.js';
import { inlineDurationMs, shortDuration } from '../../interop/serverless-workflow/iso-duration.js';
import { SwImportCode } from './codes.js';
import { taskSubject, type ImportContext, type Scope, type SourcePath, type Target } from './context.js';
import { expressionField, jqToJsonata, parseSwExpression, runtimeExpression, type ExprEnv } from './expressions.js';

/** A path expression (what `.` stands for), with renames of the first segment read after it. */
export type PathExpr = SubsetExpr & { kind: 'path'; rename?: Record<string, string> };

/** Where a list's tasks go and where its transitions lead. */
export interface ListEnv {
  scope: Scope;
  /** After the last task, and `then: exit`. */
  exit: Target;
  /** `then: end`; `endNote` is reported when it only approximates ending the workflow. */
  end: Target;
  endNote?: string;
  loop?: { each: string; at: string };
  /** What `.` is for the first task of the list. */
  dot?: PathExpr;
  at: SourcePath;
  /** A fork branch or for body: `then` cannot name tasks of the lists around it. */
  isolated?: boolean;
  /** The parallel step whose branch this list is, if any (steps inside cannot lead out of it). */
  block?: StepId;
}

/** One task being imported. */
export interface TaskEnv {
  ctx: ImportContext;
  list: ListEnv;
  name: string;
  task: Record<string, unknown>;
  at: SourcePath;
  /** Where the task's `then` leads. */
  after: Target;
  /** The task below this one (or what follows the list): where a skipped task (`if` false) goes. */
  below: Target;
  /** What `.` (the task input) is. */
  dot?: PathExpr;
  /** A directive of this list (`continue`, `exit`, `end`, a task name) as a target. */
  thenOf(directive: unknown): Target;
  /** The task `k` places below this one, to fold generated tasks; `consume` skips it. */
  peek(k: number): [string, Record<string, unknown>] | undefined;
  consume(k: number): void;
  /** Counts a read of `.` (reported once per flow). */
  onDot(): void;
}

/** What importing a task gave: its entry step, the last step it made (for `.` of the next task). */
export interface TaskResult {
  entry: Target;
  last?: StepId;
  /** Where the SW output sits inside the native output (`['body']` for http). */
  shape?: (string | number)[];
  /** First-segment renames from the SW output to the native one (http `output: response`). */
  rename?: Record<string, string>;
}

/** Adds a finding about the task being imported, at its place in the source. Severity defaults to warning. */
export function report(env: TaskEnv, code: SwImportCode, message: string, severity?: Finding['severity']): void {
  env.ctx.report(code, undefined, message, { subject: taskSubject(env.name), at: env.at, severity });
}

/**
 * The expression environment of a task. By default `.` is the task input (approximated as the
 * previous step's output, and counted); given `dot`, it is that exact path (a task's own output).
 */
export function exprEnv(env: TaskEnv, dot?: PathExpr): ExprEnv {
  const out: ExprEnv = { inputDefaults: env.ctx.inputDefaults, stepsInContext: env.ctx.isFlowsmithExport };
  if (dot !== undefined) out.dot = dot;
  else if (env.dot !== undefined) {
    out.dot = env.dot;
    // The first task of the workflow reads the workflow input exactly; only later ones approximate.
    if (env.dot.root !== 'input') out.onDot = env.onDot;
  }
  if (env.list.loop !== undefined) out.loop = env.list.loop;
  return out;
}

/** A duration (ISO 8601 string or inline object) as native text; undefined for expressions and junk. */
export function durationOf(value: unknown): DurationText | undefined {
  if (typeof value === 'string' && /^P/.test(value.trim())) return value.trim();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return shortDuration(inlineDurationMs(value as Record<string, unknown>));
  return undefined;
}

/** `metadata.flowsmith` of a task, or an empty object. */
export function flowsmithMeta(task: Record<string, unknown>): Record<string, unknown> {
  const meta = task['metadata'];
  const own = meta !== null && typeof meta === 'object' ? (meta as Record<string, unknown>)[META_KEY] : undefined;
  return own !== null && typeof own === 'object' ? (own as Record<string, unknown>) : {};
}

/** Creates `step` under a fresh id from the task name, links `next` to the task's `then` unless told not to. */
export function addSimpleStep(
  env: TaskEnv,
  step: Step,
  opts: { shape?: (string | number)[]; rename?: Record<string, string>; linkNext?: boolean } = {},
): TaskResult {
  const id = env.ctx.newId(env.name);
  applyCommon(env, step, opts.shape ?? [], opts.rename);
  env.ctx.addStep(env.list.scope, id, step, env.list.block);
  if (opts.linkNext !== false) env.ctx.link(env.after, (next) => { if (next !== undefined) step.next = next; });
  const result: TaskResult = { entry: () => id, last: id };
  if (opts.shape !== undefined) result.shape = opts.shape;
  if (opts.rename !== undefined) result.rename = opts.rename;
  return result;
}

/** Applies metadata, timeout, output.as, export.as and input.from of the task to its native step. */
export function applyCommon(env: TaskEnv, step: Step, shape: (string | number)[], rename?: Record<string, string>): void {
  const { task, ctx, name, at } = env;
  const meta = task['metadata'];
  if (meta !== null && typeof meta === 'object') {
    const m = meta as Record<string, unknown>;
    if (typeof m['title'] === 'string') step.title = m['title'];
    if (typeof m['description'] === 'string') step.description = m['description'];
  }
  const own = flowsmithMeta(task);
  if (own['mock'] !== undefined) step.mock = own['mock'] as Step['mock'];
  if (own['compensate'] !== undefined) step.compensate = own['compensate'] as Step['compensate'];
  const timeout = task['timeout'];
  if (timeout !== undefined) {
    const after = typeof timeout === 'object' && timeout !== null ? durationOf((timeout as Record<string, unknown>)['after']) : undefined;
    if (after !== undefined && (step.type === 'task' || step.type === 'approval')) step.timeout = after;
    else {
      const why = 'only tasks and approvals time out natively, after a fixed duration';
      ctx.report(SwImportCode.fieldDropped, undefined, `this timeout has no native equivalent (${why}); dropped`, { subject: taskSubject(name), at: [...at, 'timeout'] });
    }
  }
  if (task['input'] !== undefined) {
    const why = 'expressions read $steps and $input directly';
    ctx.report(SwImportCode.dataFlow, undefined, `input.from/schema has no native equivalent (${why}); dropped`, { subject: taskSubject(name), at: [...at, 'input'] });
  }
  const rawDot: PathExpr = { kind: 'path', root: '', segments: shape, ...(rename === undefined ? {} : { rename }) };
  const output = (task['output'] as Record<string, unknown> | undefined)?.['as'];
  if (output !== undefined) {
    const text = outputAs(output, exprEnv(env, rawDot));
    if (text.ok) {
      if (text.text !== undefined) step.output = text.text;
    } else {
      ctx.report(SwImportCode.dataFlow, undefined, `output.as was not translated (${text.reason}); the step keeps its whole output`, { subject: taskSubject(name), at: [...at, 'output'] });
    }
  }
  const exported = (task['export'] as Record<string, unknown> | undefined)?.['as'];
  if (exported !== undefined) {
    const set = exportAs(exported, exprEnv(env, rawDot), (reason) =>
      ctx.report(SwImportCode.dataFlow, undefined, `export.as: ${reason}`, { subject: taskSubject(name), at: [...at, 'export'] }),
    );
    if (Object.keys(set).length > 0) step.set = { ...(step.set ?? {}), ...set };
  }
}

/** output.as as JSONata; the exporter's reshaping of shell/http results is recognized and dropped. */
function outputAs(value: unknown, env: ExprEnv): { ok: true; text?: string } | { ok: false; reason: string } {
  const jq = expressionField(value);
  if (jq === undefined) return { ok: false, reason: 'only an expression string is translatable' };
  for (const norm of [SHELL_OUTPUT, HTTP_OUTPUT]) {
    if (jq === norm) return { ok: true };
    if (jq.startsWith(`(${norm}) | (`) && jq.endsWith(')')) return outputAs(`\${ ${jq.slice(norm.length + 6, -1)} }`, env);
  }
  const t = jqToJsonata(jq, env);
  return t.ok ? { ok: true, text: t.text } : t;
}

/**
 * export.as as native `set` assignments: the exporter's `. as $out | $context | .x = (…)`, an
 * object `{x: …}`, or `$context + {x: …}`. Other forms replace the whole context and are reported.
 */
function exportAs(value: unknown, env: ExprEnv, report: (reason: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, jq: string) => {
    const t = jqToJsonata(jq, env);
    if (t.ok) out[key] = t.text;
    else report(`the value of ${key} was not translated (${t.reason}) and is not set`);
  };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) put(k, runtimeExpression(v) ?? JSON.stringify(v));
    report('an object replaces the whole context in SW; here it only sets these vars and keeps the others');
    return out;
  }
  const jq = expressionField(value) ?? '';
  const generated = /^\. as \$out \| \$context \| (.*)$/s.exec(jq);
  if (generated) {
    for (const update of splitTopLevel(generated[1]!, '|')) {
      const m = /^\.(?:([A-Za-z_][A-Za-z0-9_]*)|\[("(?:[^"\\]|\\.)*")\])(\.steps.*)?\s*=\s*(.*)$/s.exec(update.trim());
      if (!m || m[1] === 'steps') continue; // `.steps["id"] = $out` is how the exporter shares outputs
      const key = m[1] ?? (JSON.parse(m[2]!) as string);
      put(key, m[4]!.replace(/\$out\b(?=[.[])/g, '').replace(/\$out\b/g, '.'));
    }
    return out;
  }
  const parsed = parseSwExpression(jq, env, true);
  if (parsed.ok && parsed.node.kind === 'object') {
    for (const [k, v] of parsed.node.entries) {
      if (v.kind === 'object') report(`the value of ${k} is an object, which is not translated`);
      else out[k] = printJsonata(v);
    }
    return out;
  }
  report(`\`${jq}\` replaces the whole context, which has no native equivalent (vars are set by name); it was dropped`);
  return out;
}

/** Splits `text` at `sep` outside parentheses, brackets, braces and strings. */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
