/**
 * Every limit on what a flow may hold and what an expression may cost, in one place (issue #3,
 * item 9 "Bad input"; DESIGN.md "Security": "YAML parsing limits aliases and size").
 * In engine/model with no imports, so engine/yaml, engine/validate and engine/expr all read it
 * without importing each other (issue #10). Each limit that a flow can pass has a finding code (model/finding.ts Code)
 * whose message names the limit and says what to do; engine/README.md "Limits" lists them.
 */

/**
 * Largest flow text, in bytes of UTF-8: 5 MiB, checked before parsing (FS002). Room for 20,000
 * steps (MAX_STEP_COUNT) of about 250 bytes each; a flow past it is better split into subflows.
 */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * yaml's `maxAliasCount` for toJS (FS003): how often one anchor may be used, weighted by the aliases
 * inside it. Generous, because MAX_ALIAS_EXPANSION_NODES is the real bound on what aliases cost.
 */
export const MAX_ALIAS_COUNT = 1_000;

/**
 * Most values (scalars and collections) that alias expansion may add to the document, counted as
 * if every `*alias` were written out (FS003). Guards the checks and the runtime, which walk the
 * flow as a tree, against a "billion laughs" document and its quadratic cousin (one big anchor
 * used many times), both of which parse to a small, shared structure.
 */
export const MAX_ALIAS_EXPANSION_NODES = 100_000;

/** Deepest nesting of collections, aliases expanded, in levels (FS004); real flows stay under 20. */
export const MAX_NESTING_LEVELS = 64;

/**
 * Findings of one code reported one by one (validate); past this, one finding at the next one says
 * how many more there are. 200,000 unknown keys gave 200,000 findings, whose spread into a call
 * overflowed the stack (issue #11 item 13); nobody reads past the first hundred of one kind.
 */
export const MAX_FINDINGS_PER_CODE = 100;

/**
 * Longest duration a flow may write (timeout, wait, retry delay, mock duration), in ms: 365 days
 * (FS021). A run waiting longer belongs on a schedule; past it, numbers like
 * `99999999999999999999999d` parse and then no timer honours them (issue #11 item 13).
 */
export const MAX_DURATION_MS = 365 * 86_400_000;

/** YAML syntax errors reported one by one; past this, one finding says how many more there are. */
export const MAX_SYNTAX_FINDINGS = 20;

/**
 * Most steps in a flow, map bodies included (FS022). Twice the 10,000-step benchmark flow
 * (bench/workloads/w1-chain.ts); every check stays near-linear up to here.
 */
export const MAX_STEP_COUNT = 20_000;

/**
 * Longest expression, bare or inside `{{ }}`, in characters (FS023). JSONata parses long paths in
 * quadratic time, and a longer computation belongs in a `script` step.
 */
export const MAX_EXPRESSION_CHARS = 4_096;

/**
 * Wall-clock time validation may spend parsing a flow's expressions, in ms (FS023): past it, the
 * rest are not checked and one finding says so. Only a crafted flow gets near it (thousands of
 * expressions at MAX_EXPRESSION_CHARS), so it keeps `validate` from hanging without making
 * ordinary results depend on the machine's speed.
 */
export const EXPRESSION_CHECK_BUDGET_MS = 10_000;

/**
 * Default longest evaluation of one expression, in wall-clock ms; evaluateExpression takes a
 * per-call `timeoutMs`. JSONata checks it each time it enters a sub-expression.
 */
export const EXPRESSION_TIMEOUT_MS = 5_000;

/**
 * Default deepest nesting of one evaluation (sub-expressions and non-tail function calls), in
 * levels; evaluateExpression takes a per-call `maxDepth`. Real expressions stay under 50.
 */
export const EXPRESSION_MAX_DEPTH = 500;

/** Most items in one sequence an expression builds (`[1..n]`, a path over a list), in items. */
export const EXPRESSION_MAX_SEQUENCE_ITEMS = 1_000_000;

/**
 * Widest string `$pad` may build, in characters. JSONata's own `$pad` builds its padding natively,
 * out of reach of the time limit: `$pad("x", 100000000)` takes seconds to tens of seconds.
 */
export const EXPRESSION_MAX_PAD_CHARS = 1_000_000;
