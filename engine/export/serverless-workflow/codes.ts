/**
 * Finding codes of the Serverless Workflow 1.0 exporter, FS160–FS179 (issue #4). Each names one way a
 * native flow loses meaning in the SW DSL; the finding's message says which step and what was done
 * instead. Leaf module: no imports. Add codes at the end of the range; never reuse or renumber one.
 * Source of the target semantics: https://github.com/serverlessworkflow/specification/blob/main/dsl-reference.md
 */

export const SwExportCode = {
  /** @serverlessworkflow/sdk rejected the exported document: a bug in the exporter, reported rather than hidden. */
  invalidDocument: 'FS160',
  /** An expression is outside the translatable JSONata subset; it was left as JSONata inside `${ }`. */
  expressionNotTranslated: 'FS161',
  /** An approval became emit + listen: approver identity, quorum and the decision event are conventions, not enforced. */
  approvalListen: 'FS162',
  /** A compensation (saga) body has no SW 1.0 equivalent; it was kept in task metadata only. */
  compensationDropped: 'FS163',
  /** A join with mode {count: n}: SW fork waits for all branches or, with compete, for the first. */
  joinMode: 'FS164',
  /** A wait `until` a time: SW 1.0.0 waits only take durations. */
  waitUntil: 'FS165',
  /** A retry setting with no SW field (multiplier, maxDelay) or a different meaning (jitter). */
  retryApproximated: 'FS166',
  /** An http detail SW cannot express (expectStatus other than "any 2xx"). */
  httpApproximated: 'FS167',
  /** A desktop notification became a CloudEvent (emit), since SW has no notification task. */
  notifyAsEvent: 'FS168',
  /** A shell or script detail SW cannot express (custom shell, script memory limit, return vs stdout). */
  processApproximated: 'FS169',
  /** A subflow call became run.workflow: the called flow must be exported and deployed under that name. */
  subflowReference: 'FS170',
  /** A map step became `for`, which runs items one after another. */
  mapSequential: 'FS171',
  /** A trigger detail SW's single schedule cannot hold (several triggers, a time zone, a fixed input). */
  triggerApproximated: 'FS172',
  /** A catch or continueOnError was mapped to SW error types that are broader or narrower than the native names. */
  errorTypes: 'FS173',
  /** A field that has no SW meaning on this step type (retry on an approval, output on a join…) was not exported. */
  fieldDropped: 'FS174',
  /** A flow-level detail was adjusted to fit SW (name length, input defaults, subflow input shape). */
  documentApproximated: 'FS175',
  /** A flow directive whose SW meaning differs slightly from the native path end (exit inside for). */
  directiveApproximated: 'FS176',
  /** A translated expression may evaluate differently in jq (JSONata treats 0 and "" as false, jq does not). */
  expressionSemantics: 'FS177',
  /** A task with callback became the executor + listen: the token is not secret or single-use, an error answer does not fail the step. */
  callbackListen: 'FS178',
} as const;
export type SwExportCode = (typeof SwExportCode)[keyof typeof SwExportCode];

/** One-line meaning of each code, for the docs and `flowsmith export --json` consumers. */
export const swExportCodeMeanings: Readonly<Record<SwExportCode, string>> = {
  FS160: 'exported Serverless Workflow document rejected by @serverlessworkflow/sdk',
  FS161: 'expression not translated to jq',
  FS162: 'approval exported as emit + listen; approvers and quorum not enforced',
  FS163: 'compensation not exported',
  FS164: 'join count approximated by fork',
  FS165: 'wait until a time not expressible',
  FS166: 'retry policy approximated',
  FS167: 'http detail approximated',
  FS168: 'desktop notification exported as an event',
  FS169: 'shell or script detail approximated',
  FS170: 'subflow exported as run.workflow reference',
  FS171: 'map exported as sequential for',
  FS172: 'trigger approximated by schedule',
  FS173: 'error names mapped to SW error types',
  FS174: 'field not exported',
  FS175: 'document detail adjusted',
  FS176: 'flow directive approximated',
  FS177: 'translated expression may differ in truthiness',
  FS178: 'callback exported as listen; token neither secret nor single-use',
};
