/**
 * Finding codes (STYLE.md §8): stable `FS` + three digits, so docs and tests can name a problem.
 * In engine/model with the limits they name (issue #10: one findings vocabulary, which engine/yaml,
 * engine/validate and the importers read without importing each other); model/finding.ts
 * re-exports them. Add new codes at the end; never reuse or renumber one.
 */
import {
  EXPRESSION_CHECK_BUDGET_MS,
  MAX_EXPRESSION_CHARS,
  MAX_FILE_BYTES,
  MAX_NESTING_LEVELS,
  MAX_STEP_COUNT,
} from './limits.js';

const mib = MAX_FILE_BYTES / 1024 / 1024;

export const Code = {
  /** The text is not valid YAML (or holds several documents). */
  yamlSyntax: 'FS001',
  /** The text is larger than MAX_FILE_BYTES (5 MiB); checked before parsing, reported at 1:1. */
  tooLarge: 'FS002',
  /** The YAML's aliases expand too far (a "billion laughs" document), or one anchor is used too often. */
  tooManyAliases: 'FS003',
  /** Collections nest deeper than MAX_NESTING_LEVELS (64), aliases expanded. */
  tooDeep: 'FS004',
  /** The document is not a mapping (a flow is `key: value` pairs at the top). */
  notAMapping: 'FS005',
  /** The same key appears twice in one mapping (outside `steps`, which gets FS013). */
  duplicateKey: 'FS006',
  /** The document does not match the flow JSON Schema (resources/schema/flow.schema.json). */
  schema: 'FS010',
  /** A step id is referenced (start, next, cases, default, branches, join, onReject, onTimeout, catch) but not defined. */
  unknownStep: 'FS011',
  /** An approval step lists no approvers. */
  noApprovers: 'FS012',
  /** Two steps share an id (duplicate key in a `steps` map, or the same id in a map body and outside it). */
  duplicateStep: 'FS013',
  /** No path from `start` reaches the step (warning). */
  unreachable: 'FS014',
  /** A loop with no step leading out of it and no end inside it. */
  endlessLoop: 'FS015',
  /** A parallel branch that does not reach the parallel's join. */
  branchMissesJoin: 'FS016',
  /** A join reached from a step outside its parallel, or not owned by any parallel. */
  joinFromOutside: 'FS017',
  /** A parallel's `join` is not a join step, or a join is shared by two parallels. */
  badJoin: 'FS018',
  /** A JSONata expression (bare or inside `{{ }}`) does not parse. */
  badExpression: 'FS019',
  /** A branch step with no cases. */
  noCases: 'FS020',
  /** A duration that is not `500ms`/`30s`/`5m`/`2h`/`1d`/`1h30m` or ISO 8601. */
  badDuration: 'FS021',
  /** More steps than MAX_STEP_COUNT (20,000), map bodies included; the other checks are skipped. */
  tooManySteps: 'FS022',
  /** An expression (bare or inside `{{ }}`) longer than MAX_EXPRESSION_CHARS (4,096). */
  expressionTooLong: 'FS023',
  /** An alias inside the very value its anchor marks (`&a [*a]`): it would repeat forever. */
  aliasCycle: 'FS024',
  /** A mapping key that is a list or a mapping (`? [a, b]: c`); keys must be single values. */
  complexKey: 'FS025',
  /** Parsing the flow's expressions took longer than EXPRESSION_CHECK_BUDGET_MS; the rest were not checked. */
  expressionsUnchecked: 'FS026',
  /** A `{{ }}` in a shell command where bash evaluates the value as code: arithmetic, `[[ ]]`, `let`, subscripts. */
  templateInShellCode: 'FS027',
  /** A `{{ }}` in `vars` that cannot be evaluated when the run starts (expr/vars.ts). */
  varsNotAtStart: 'FS028',
  /** The text is not UTF-8: NUL characters (UTF-16) or undecodable bytes (Latin-1). */
  notUtf8: 'FS029',
  /** An expression reads `$input.x` not declared in `inputs.properties`, or `$steps.y` for no step of the flow. */
  unknownReference: 'FS030',
  /** A webhook trigger with `timezone` or `input`, or a webhook name used twice in one flow (validate/triggers.ts). */
  badTrigger: 'FS031',
  /** `callback` on a task whose executor cannot send a token (a `call`). Issue #12 part 1. */
  callbackExecutor: 'FS040',
  /** `$callback` outside the executor fields of a task with `callback`. */
  callbackOutside: 'FS041',
  /** A shell step's `env:` sets a variable named like a secret (TOKEN, SECRET, PASSWORD, KEY, CREDENTIAL) to literal text. */
  secretInEnv: 'FS032',
} as const;
export type Code = (typeof Code)[keyof typeof Code];

/** One-line meaning of each code, for `flowsmith validate --json` consumers and the docs. */
export const codeMeanings: Readonly<Record<Code, string>> = {
  FS001: 'YAML syntax error',
  FS002: `flow file larger than ${mib} MiB`,
  FS003: 'too many YAML aliases',
  FS004: `nesting deeper than ${MAX_NESTING_LEVELS} levels`,
  FS005: 'document is not a mapping',
  FS006: 'duplicate key',
  FS010: 'does not match the flow schema',
  FS011: 'reference to an unknown step',
  FS012: 'approval without approvers',
  FS013: 'duplicate step id',
  FS014: 'unreachable step',
  FS015: 'loop with no exit',
  FS016: 'parallel branch does not reach its join',
  FS017: 'join reached from outside its parallel',
  FS018: 'parallel join is not a join step',
  FS019: 'expression does not parse',
  FS020: 'branch without cases',
  FS021: 'duration does not parse',
  FS022: `more than ${MAX_STEP_COUNT.toLocaleString('en')} steps`,
  FS023: `expression longer than ${MAX_EXPRESSION_CHARS.toLocaleString('en')} characters`,
  FS024: 'alias inside its own anchor',
  FS025: 'key that is a list or mapping',
  FS026: `expressions not checked: checking took over ${EXPRESSION_CHECK_BUDGET_MS / 1000} s`,
  FS027: 'template where bash evaluates a value as code (arithmetic, [[ ]], let, array subscript)',
  FS028: 'vars template that cannot be evaluated when the run starts',
  FS029: 'file is not UTF-8',
  FS030: 'expression refers to an undeclared input or an unknown step',
  FS031: 'trigger field that does not apply to a webhook, or a webhook name used twice',
  FS040: 'callback on a task that cannot send a token (call)',
  FS041: '$callback used outside the executor of a task with callback',
  FS032: 'secret written as literal text in a shell step env',
};
