/**
 * ASL Choice rules (https://states-language.net/spec.html "Choice State": data-test expressions
 * with Variable, the comparison operators, And/Or/Not; or a JSONata `Condition`) as native JSONata
 * `when` conditions. Comparisons keep ASL's typing: a StringEquals never matches a number, and a
 * numeric comparison of a non-number is false rather than an error (JSONata would raise one).
 */
import type { BranchCase } from '../../model/flow.js';
import { AslImportCode } from './codes.js';
import { isObject } from './context.js';
import { isBraced, jsonataToNative, paren } from './expressions.js';
import { pathToJsonata, type ExprEnv } from './jsonpath.js';

type Rule = Record<string, unknown>;

const COMPARE: Record<string, { type: 'string' | 'number' | 'boolean' | 'timestamp'; op: string }> = {};
for (const [prefix, type] of [['String', 'string'], ['Numeric', 'number'], ['Boolean', 'boolean'], ['Timestamp', 'timestamp']] as const) {
  for (const [suffix, op] of [['Equals', '='], ['LessThan', '<'], ['GreaterThan', '>'], ['LessThanEquals', '<='], ['GreaterThanEquals', '>=']] as const) {
    if (type === 'boolean' && suffix !== 'Equals') continue;
    COMPARE[`${prefix}${suffix}`] = { type, op };
  }
}

const TYPE_TESTS: Record<string, (v: string) => string> = {
  IsNull: (v) => `(${v} = null)`,
  IsPresent: (v) => `$exists(${v})`,
  IsNumeric: (v) => `($type(${v}) = "number")`,
  IsString: (v) => `($type(${v}) = "string")`,
  IsBoolean: (v) => `($type(${v}) = "boolean")`,
  IsTimestamp: (v) => `($type(${v}) = "string" and $contains(${v}, /^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}/))`,
};

/** The cases of a Choice state; `next` resolves a rule's Next to a step id. */
export function choiceCases(rules: unknown[], env: ExprEnv, next: (name: string) => string): BranchCase[] {
  const cases: BranchCase[] = [];
  rules.forEach((rule, i) => {
    if (!isObject(rule) || typeof rule['Next'] !== 'string') return;
    const when = isBraced(rule['Condition']) ? jsonataToNative(String(rule['Condition']).trim().slice(2, -2), env) : ruleToJsonata(rule, env, `Choices[${i}]`);
    if (rule['Assign'] !== undefined) env.note(AslImportCode.variables, `Choices[${i}] has an Assign, which a native case cannot have; left out`);
    cases.push({ when, next: next(rule['Next']) });
  });
  return cases;
}

/** One JSONPath Choice rule (a boolean expression or a data test) as a JSONata condition. */
export function ruleToJsonata(rule: Rule, env: ExprEnv, where: string): string {
  if (Array.isArray(rule['And'])) return combine(rule['And'], 'and', env, where);
  if (Array.isArray(rule['Or'])) return combine(rule['Or'], 'or', env, where);
  if (isObject(rule['Not'])) return `$not(${ruleToJsonata(rule['Not'], env, `${where}.Not`)})`;
  if (typeof rule['Variable'] !== 'string') {
    env.note(AslImportCode.choiceRule, `${where} has no Variable and no And/Or/Not; read as false`);
    return 'false';
  }
  const variable = pathToJsonata(rule['Variable'], env);
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment' || key === 'Assign') continue;
    const test = TYPE_TESTS[key];
    if (test) return value === false ? `$not(${test(variable)})` : test(variable);
    const isPath = key.endsWith('Path');
    const compare = COMPARE[isPath ? key.slice(0, -4) : key];
    if (compare) {
      const operand = isPath ? pathToJsonata(String(value), env) : JSON.stringify(value);
      return comparison(variable, compare.type, compare.op, operand);
    }
    if (key === 'StringMatches' && typeof value === 'string') return `($type(${variable}) = "string" and $contains(${variable}, ${globRegex(value)}))`;
    env.note(AslImportCode.choiceRule, `${where}: the comparison ${key} is not translated; read as false`);
    return 'false';
  }
  env.note(AslImportCode.choiceRule, `${where} has no comparison; read as false`);
  return 'false';
}

function combine(rules: unknown[], op: 'and' | 'or', env: ExprEnv, where: string): string {
  const parts = rules.map((r, i) => (isObject(r) ? ruleToJsonata(r, env, `${where}.${op === 'and' ? 'And' : 'Or'}[${i}]`) : 'false'));
  if (parts.length === 1) return parts[0]!;
  return `(${parts.map(paren).join(` ${op} `)})`;
}

/** `v op operand`, true only when `v` has the compared type (ASL's rule), never a type error. */
function comparison(v: string, type: 'string' | 'number' | 'boolean' | 'timestamp', op: string, operand: string): string {
  if (type === 'timestamp') {
    return `($type(${v}) = "string" and $toMillis(${v}) ${op} $toMillis(${operand}))`;
  }
  if (op === '=' && !operand.startsWith('$') && !operand.startsWith('(')) return `(${v} = ${operand})`;
  return `($type(${v}) = "${type}" and ${paren(v)} ${op} ${paren(operand)})`;
}

/** An ASL StringMatches pattern (`*` any text, `\*` a star) as a JSONata regex literal. */
function globRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i]!);
    else if (ch === '*') out += '.*';
    else out += escapeRegex(ch);
  }
  return `/^${out}$/`;
}

function escapeRegex(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}
