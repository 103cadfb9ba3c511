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
import { defineCodes, type CodeOf } from './code-table.js';

const mib = MAX_FILE_BYTES / 1024 / 1024;

const table = defineCodes({
  /** The text is not valid YAML (or holds several documents). */
  yamlSyntax: { code: 'FS001', meaning: 'YAML syntax error' },
  /** The text is larger than MAX_FILE_BYTES (5 MiB); checked before parsing, reported at 1:1. */
  tooLarge: { code: 'FS002', meaning: `flow file larger than ${mib} MiB` },
  /** The YAML's aliases expand too far (a "billion laughs" document), or one anchor is used too often. */
  tooManyAliases: { code: 'FS003', meaning: 'too many YAML aliases' },
  /** Collections nest deeper than MAX_NESTING_LEVELS (64), aliases expanded. */
  tooDeep: { code: 'FS004', meaning: `nesting deeper than ${MAX_NESTING_LEVELS} levels` },
  /** The document is not a mapping (a flow is `key: value` pairs at the top). */
  notAMapping: { code: 'FS005', meaning: 'document is not a mapping' },
  /** The same key appears twice in one mapping (outside `steps`, which gets FS013). */
  duplicateKey: { code: 'FS006', meaning: 'duplicate key' },
  /** The document does not match the flow JSON Schema (resources/schema/flow.schema.json). */
  schema: { code: 'FS010', meaning: 'does not match the flow schema' },
  /** A step id is referenced (start, next, cases, default, branches, join, onReject, onTimeout, catch) but not defined. */
  unknownStep: { code: 'FS011', meaning: 'reference to an unknown step' },
  /** An approval step lists no approvers. */
  noApprovers: { code: 'FS012', meaning: 'approval without approvers' },
  /** Two steps share an id (duplicate key in a `steps` map, or the same id in a map body and outside it). */
  duplicateStep: { code: 'FS013', meaning: 'duplicate step id' },
  /** No path from `start` reaches the step (warning). */
  unreachable: { code: 'FS014', meaning: 'unreachable step' },
  /** A loop with no step leading out of it and no end inside it. */
  endlessLoop: { code: 'FS015', meaning: 'loop with no exit' },
  /** A parallel branch that does not reach the parallel's join. */
  branchMissesJoin: { code: 'FS016', meaning: 'parallel branch does not reach its join' },
  /** A join reached from a step outside its parallel, or not owned by any parallel. */
  joinFromOutside: { code: 'FS017', meaning: 'join reached from outside its parallel' },
  /** A parallel's `join` is not a join step, or a join is shared by two parallels. */
  badJoin: { code: 'FS018', meaning: 'parallel join is not a join step' },
  /** A JSONata expression (bare or inside `{{ }}`) does not parse. */
  badExpression: { code: 'FS019', meaning: 'expression does not parse' },
  /** A branch step with no cases. */
  noCases: { code: 'FS020', meaning: 'branch without cases' },
  /** A duration that is not `500ms`/`30s`/`5m`/`2h`/`1d`/`1h30m` or ISO 8601. */
  badDuration: { code: 'FS021', meaning: 'duration does not parse' },
  /** More steps than MAX_STEP_COUNT (20,000), map bodies included; the other checks are skipped. */
  tooManySteps: { code: 'FS022', meaning: `more than ${MAX_STEP_COUNT.toLocaleString('en')} steps` },
  /** An expression (bare or inside `{{ }}`) longer than MAX_EXPRESSION_CHARS (4,096). */
  expressionTooLong: { code: 'FS023', meaning: `expression longer than ${MAX_EXPRESSION_CHARS.toLocaleString('en')} characters` },
  /** An alias inside the very value its anchor marks (`&a [*a]`): it would repeat forever. */
  aliasCycle: { code: 'FS024', meaning: 'alias inside its own anchor' },
  /** A mapping key that is a list or a mapping (`? [a, b]: c`); keys must be single values. */
  complexKey: { code: 'FS025', meaning: 'key that is a list or mapping' },
  /** Parsing the flow's expressions took longer than EXPRESSION_CHECK_BUDGET_MS; the rest were not checked. */
  expressionsUnchecked: { code: 'FS026', meaning: `expressions not checked: checking took over ${EXPRESSION_CHECK_BUDGET_MS / 1000} s` },
  /** A `{{ }}` in a shell command where bash evaluates the value as code: arithmetic, `[[ ]]`, `let`, subscripts. */
  templateInShellCode: { code: 'FS027', meaning: 'template where bash evaluates a value as code (arithmetic, [[ ]], let, array subscript)' },
  /** A `{{ }}` in `vars` that cannot be evaluated when the run starts (expr/vars.ts). */
  varsNotAtStart: { code: 'FS028', meaning: 'vars template that cannot be evaluated when the run starts' },
  /** The text is not UTF-8: NUL characters (UTF-16) or undecodable bytes (Latin-1). */
  notUtf8: { code: 'FS029', meaning: 'file is not UTF-8' },
  /** An expression reads `$input.x` not declared in `inputs.properties`, or `$steps.y` for no step of the flow. */
  unknownReference: { code: 'FS030', meaning: 'expression refers to an undeclared input or an unknown step' },
  /** A webhook trigger with `timezone` or `input`, or a webhook name used twice in one flow (validate/triggers.ts). */
  badTrigger: { code: 'FS031', meaning: 'trigger field that does not apply to a webhook, or a webhook name used twice' },
  /** `callback` on a task whose executor cannot send a token (a `call`). Issue #12 part 1. */
  callbackExecutor: { code: 'FS040', meaning: 'callback on a task that cannot send a token (call)' },
  /** `$callback` outside the executor fields of a task with `callback`. */
  callbackOutside: { code: 'FS041', meaning: '$callback used outside the executor of a task with callback' },
  /** A shell step's `env:` sets a variable named like a secret (TOKEN, SECRET, PASSWORD, KEY, CREDENTIAL) to literal text. */
  secretInEnv: { code: 'FS032', meaning: 'secret written as literal text in a shell step env' },
});

export const Code = table.codes;
/** One finding code. */
export type Code = CodeOf<typeof Code>;

/** One-line meaning of each code, for `flowsmith validate --json` consumers and the docs. */
export const codeMeanings = table.meanings;
