/**
 * Finding codes of the Serverless Workflow 1.0 importer, FS260–FS279 (issue #4). Each names one way an
 * SW document loses meaning as a native flow; the message says which task and what was done instead.
 * Leaf module: no imports. Add codes at the end of the range; never reuse or renumber one.
 * Source of the SW semantics: https://github.com/serverlessworkflow/specification/blob/main/dsl-reference.md
 */

export const SwImportCode = {
  /** The text is not YAML/JSON, or not a mapping: nothing could be imported. */
  unreadable: 'FS260',
  /** The document is not DSL 1.0.x (0.8-style `states`, or another version). */
  unsupportedVersion: 'FS261',
  /** A runtime expression is outside the translatable jq subset; a best-effort value was used. */
  expressionNotTranslated: 'FS262',
  /** A call other than http (openapi, grpc, asyncapi, mcp, a2a, custom) became a placeholder script. */
  placeholderCall: 'FS263',
  /** A run container became a `docker run` shell command, or a run process detail was dropped. */
  processApproximated: 'FS264',
  /** A listen became an approval: approvers must be filled in; event filters are kept in the message only. */
  listenAsApproval: 'FS265',
  /** An emit became a notification: no event is published. */
  emitAsNotify: 'FS266',
  /** An error filter, catch `when` or retry setting has no native equivalent. */
  errorHandling: 'FS267',
  /** A flow directive or task structure could not be kept exactly (then to an unknown task, end inside a fork…). */
  directive: 'FS268',
  /** A data setting (input.from, output.as, export.as) could not be kept. */
  dataFlow: 'FS269',
  /** A schedule or document field has no native equivalent (every, after, on events, timeout, use). */
  documentField: 'FS270',
  /** A composite task (do, try) has no step of its own: its tasks were imported in place. */
  compositeInlined: 'FS271',
  /** An http detail (authentication, query expressions, output format, redirect) was approximated. */
  httpApproximated: 'FS272',
  /** A task field with no native meaning (if on a composite, timeout on a group, metadata…) was dropped. */
  fieldDropped: 'FS273',
  /** `.` (the task input) was read as the previous step's output, which is what it is in a plain sequence. */
  dataInput: 'FS274',
  /** The imported flow does not pass native validation: a bug in the importer, reported rather than hidden. */
  invalidFlow: 'FS275',
} as const;
export type SwImportCode = (typeof SwImportCode)[keyof typeof SwImportCode];

/** One-line meaning of each code, for the docs and `flowsmith import --json` consumers. */
export const swImportCodeMeanings: Readonly<Record<SwImportCode, string>> = {
  FS260: 'Serverless Workflow text unreadable',
  FS261: 'Serverless Workflow version not supported (only 1.0.x)',
  FS262: 'jq expression not translated to JSONata',
  FS263: 'call imported as a placeholder script',
  FS264: 'run process approximated',
  FS265: 'listen imported as an approval',
  FS266: 'emit imported as a notification',
  FS267: 'error handling approximated',
  FS268: 'flow directive or structure approximated',
  FS269: 'data setting not kept',
  FS270: 'document field not kept',
  FS271: 'composite task imported in place',
  FS272: 'http call approximated',
  FS273: 'task field dropped',
  FS274: 'task input read as the previous step output',
  FS275: 'imported flow fails native validation',
};
