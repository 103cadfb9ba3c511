/**
 * Finding codes of the Serverless Workflow 1.0 importer, FS260–FS279 (issue #4). Each names one way an
 * SW document loses meaning as a native flow; the message says which task and what was done instead.
 * Written with model/code-table.ts. Add codes at the end of the range; never reuse or renumber one.
 * Source of the SW semantics: https://github.com/serverlessworkflow/specification/blob/main/dsl-reference.md
 */
import { defineCodes, type CodeOf } from '../../model/code-table.js';

const table = defineCodes({
  /** The text is not YAML/JSON, or not a mapping: nothing could be imported. */
  unreadable: { code: 'FS260', meaning: 'Serverless Workflow text unreadable' },
  /** The document is not DSL 1.0.x (0.8-style `states`, or another version). */
  unsupportedVersion: { code: 'FS261', meaning: 'Serverless Workflow version not supported (only 1.0.x)' },
  /** A runtime expression is outside the translatable jq subset; a best-effort value was used. */
  expressionNotTranslated: { code: 'FS262', meaning: 'jq expression not translated to JSONata' },
  /** A call other than http (openapi, grpc, asyncapi, mcp, a2a, custom) became a placeholder script. */
  placeholderCall: { code: 'FS263', meaning: 'call imported as a placeholder script' },
  /** A run container became a `docker run` shell command, or a run process detail was dropped. */
  processApproximated: { code: 'FS264', meaning: 'run process approximated' },
  /** A listen became an approval: approvers must be filled in; event filters are kept in the message only. */
  listenAsApproval: { code: 'FS265', meaning: 'listen imported as an approval' },
  /** An emit became a notification: no event is published. */
  emitAsNotify: { code: 'FS266', meaning: 'emit imported as a notification' },
  /** An error filter, catch `when` or retry setting has no native equivalent. */
  errorHandling: { code: 'FS267', meaning: 'error handling approximated' },
  /** A flow directive or task structure could not be kept exactly (then to an unknown task, end inside a fork…). */
  directive: { code: 'FS268', meaning: 'flow directive or structure approximated' },
  /** A data setting (input.from, output.as, export.as) could not be kept. */
  dataFlow: { code: 'FS269', meaning: 'data setting not kept' },
  /** A schedule or document field has no native equivalent (every, after, on events, timeout, use). */
  documentField: { code: 'FS270', meaning: 'document field not kept' },
  /** A composite task (do, try) has no step of its own: its tasks were imported in place. */
  compositeInlined: { code: 'FS271', meaning: 'composite task imported in place' },
  /** An http detail (authentication, query expressions, output format, redirect) was approximated. */
  httpApproximated: { code: 'FS272', meaning: 'http call approximated' },
  /** A task field with no native meaning (if on a composite, timeout on a group, metadata…) was dropped. */
  fieldDropped: { code: 'FS273', meaning: 'task field dropped' },
  /** `.` (the task input) was read as the previous step's output, which is what it is in a plain sequence. */
  dataInput: { code: 'FS274', meaning: 'task input read as the previous step output' },
  /** The imported flow does not pass native validation: a bug in the importer, reported rather than hidden. */
  invalidFlow: { code: 'FS275', meaning: 'imported flow fails native validation' },
});

export const SwImportCode = table.codes;
/** One SwImportCode code. */
export type SwImportCode = CodeOf<typeof SwImportCode>;

/** One-line meaning of each code, for the docs and `flowsmith import --json` consumers. */
export const swImportCodeMeanings = table.meanings;
