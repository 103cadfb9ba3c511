/**
 * Finding codes of the Serverless Workflow 1.0 exporter, FS160–FS179 (issue #4). Each names one way a
 * native flow loses meaning in the SW DSL; the finding's message says which step and what was done
 * instead. Written with model/code-table.ts. Add codes at the end of the range; never reuse or renumber one.
 * Source of the target semantics: https://github.com/serverlessworkflow/specification/blob/main/dsl-reference.md
 */
import { defineCodes, type CodeOf } from '../../model/code-table.js';

const table = defineCodes({
  /** @serverlessworkflow/sdk rejected the exported document: a bug in the exporter, reported rather than hidden. */
  invalidDocument: { code: 'FS160', meaning: 'exported Serverless Workflow document rejected by @serverlessworkflow/sdk' },
  /** An expression is outside the translatable JSONata subset; it was left as JSONata inside `${ }`. */
  expressionNotTranslated: { code: 'FS161', meaning: 'expression not translated to jq' },
  /** An approval became emit + listen: approver identity, quorum and the decision event are conventions, not enforced. */
  approvalListen: { code: 'FS162', meaning: 'approval exported as emit + listen; approvers and quorum not enforced' },
  /** A compensation (saga) body has no SW 1.0 equivalent; it was kept in task metadata only. */
  compensationDropped: { code: 'FS163', meaning: 'compensation not exported' },
  /** A join with mode {count: n}: SW fork waits for all branches or, with compete, for the first. */
  joinMode: { code: 'FS164', meaning: 'join count approximated by fork' },
  /** A wait `until` a time: SW 1.0.0 waits only take durations. */
  waitUntil: { code: 'FS165', meaning: 'wait until a time not expressible' },
  /** A retry setting with no SW field (multiplier, maxDelay) or a different meaning (jitter). */
  retryApproximated: { code: 'FS166', meaning: 'retry policy approximated' },
  /** An http detail SW cannot express (expectStatus other than "any 2xx"). */
  httpApproximated: { code: 'FS167', meaning: 'http detail approximated' },
  /** A desktop notification became a CloudEvent (emit), since SW has no notification task. */
  notifyAsEvent: { code: 'FS168', meaning: 'desktop notification exported as an event' },
  /** A shell or script detail SW cannot express (custom shell, script memory limit, return vs stdout). */
  processApproximated: { code: 'FS169', meaning: 'shell or script detail approximated' },
  /** A subflow call became run.workflow: the called flow must be exported and deployed under that name. */
  subflowReference: { code: 'FS170', meaning: 'subflow exported as run.workflow reference' },
  /** A map step became `for`, which runs items one after another. */
  mapSequential: { code: 'FS171', meaning: 'map exported as sequential for' },
  /** A trigger detail SW's single schedule cannot hold (several triggers, a time zone, a fixed input). */
  triggerApproximated: { code: 'FS172', meaning: 'trigger approximated by schedule' },
  /** A catch or continueOnError was mapped to SW error types that are broader or narrower than the native names. */
  errorTypes: { code: 'FS173', meaning: 'error names mapped to SW error types' },
  /** A field that has no SW meaning on this step type (retry on an approval, output on a join…) was not exported. */
  fieldDropped: { code: 'FS174', meaning: 'field not exported' },
  /** A flow-level detail was adjusted to fit SW (name length, input defaults, subflow input shape). */
  documentApproximated: { code: 'FS175', meaning: 'document detail adjusted' },
  /** A flow directive whose SW meaning differs slightly from the native path end (exit inside for). */
  directiveApproximated: { code: 'FS176', meaning: 'flow directive approximated' },
  /** A translated expression may evaluate differently in jq (JSONata treats 0 and "" as false, jq does not). */
  expressionSemantics: { code: 'FS177', meaning: 'translated expression may differ in truthiness' },
  /** A task with callback became the executor + listen: the token is not secret or single-use, an error answer does not fail the step. */
  callbackListen: { code: 'FS178', meaning: 'callback exported as listen; token neither secret nor single-use' },
});

export const SwExportCode = table.codes;
/** One SwExportCode code. */
export type SwExportCode = CodeOf<typeof SwExportCode>;

/** One-line meaning of each code, for the docs and `flowsmith export --json` consumers. */
export const swExportCodeMeanings = table.meanings;
