/**
 * Finding codes (STYLE.md §8): stable `FS` + three digits, so docs and tests can name a problem.
 * Leaf module with no imports: engine/yaml uses the parse codes without importing the checks.
 * Add new codes at the end of their group; never reuse or renumber one.
 */

export const Code = {
  /** The text is not valid YAML (or holds several documents). */
  yamlSyntax: 'FS001',
  /** The text is larger than the 5 MiB a flow may be. */
  tooLarge: 'FS002',
  /** The YAML expands too many aliases (a "billion laughs" document). */
  tooManyAliases: 'FS003',
  /** Collections nest deeper than 64 levels. */
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
} as const;
export type Code = (typeof Code)[keyof typeof Code];

/** One-line meaning of each code, for `flowsmith validate --json` consumers and the docs. */
export const codeMeanings: Readonly<Record<Code, string>> = {
  FS001: 'YAML syntax error',
  FS002: 'flow file larger than 5 MiB',
  FS003: 'too many YAML aliases',
  FS004: 'nesting deeper than 64 levels',
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
};
