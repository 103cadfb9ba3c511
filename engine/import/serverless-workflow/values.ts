/**
 * Small value builders for the importer: the data of an SW `set` task (dsl-reference.md "Set") as a
 * native output — a JSON literal when nothing in it is an expression, else a JSONata object
 * constructor — and POSIX shell quoting for commands assembled from argument lists.
 */
import { shellWordMin } from '../shell-text.js';
import type { SubsetExpr } from '../../expr/subset.js';
import { printJsonata } from '../../expr/subset.js';
import { SwImportCode } from './codes.js';
import { taskSubject } from './context.js';
import { exprEnv, type TaskEnv } from './common.js';
import { expressionField, parseSwExpression, runtimeExpression } from './expressions.js';

/** The set data as JSONata (`static`: plain JSON, usable as a script literal). */
export function dataOutput(env: TaskEnv, value: unknown): { static: boolean; text: string } {
  if (typeof value === 'string') {
    // DSL 1.0.x allows `set: ${ expr }`, the whole data as one expression.
    const jq = expressionField(value) ?? value;
    const parsed = parseSwExpression(jq, exprEnv(env));
    if (parsed.ok) return { static: false, text: printJsonata(parsed.node as SubsetExpr) };
    report(env, jq, parsed.reason);
    return { static: false, text: 'null' };
  }
  let dynamic = false;
  const build = (v: unknown): string => {
    if (typeof v === 'string') {
      const jq = runtimeExpression(v);
      if (jq === undefined) return JSON.stringify(v);
      const parsed = parseSwExpression(jq, exprEnv(env));
      if (!parsed.ok) {
        report(env, jq, parsed.reason);
        return JSON.stringify(v);
      }
      dynamic = true;
      return printJsonata(parsed.node as SubsetExpr);
    }
    if (Array.isArray(v)) return `[${v.map(build).join(', ')}]`;
    if (v !== null && typeof v === 'object') {
      return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${build(x)}`).join(', ')}}`;
    }
    return JSON.stringify(v ?? null);
  };
  const text = build(value);
  return { static: !dynamic, text };
}

function report(env: TaskEnv, jq: string, reason: string): void {
  env.ctx.report(SwImportCode.expressionNotTranslated, undefined, `\`${jq}\` in set was not translated (${reason}); kept as text`, { subject: taskSubject(env.name), at: env.at });
}

/** Words joined for `sh`, each single-quoted unless it is plainly safe, templates escaped (import/shell-text.ts). */
export function shellWords(words: string[]): string {
  return words.map(shellWordMin).join(' ');
}
