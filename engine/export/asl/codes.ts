/**
 * Finding codes of the AWS Step Functions (ASL) exporter, FS140–FS159 (issue #4). Each names one way
 * a native flow loses meaning in ASL; the finding's message says which step and what was done instead.
 * Leaf module: no imports. Add codes at the end; never reuse or renumber one.
 */

/** Finding codes of the ASL export, by what went wrong. */
export const AslExportCode = {
  /** asl-validator rejected the exported document: a bug in the exporter, reported rather than hidden. */
  invalidDocument: 'FS140',
  /** A shell or script task runs in a placeholder Lambda function that must be deployed. */
  placeholderRunner: 'FS141',
  /** An http task became an HTTP Task, which needs an EventBridge connection and differs in details. */
  httpTask: 'FS142',
  /** A notify or call task became a placeholder service integration (SNS, webhook, nested execution). */
  placeholderIntegration: 'FS143',
  /** An approval became a callback task (waitForTaskToken); approvers and quorum are not enforced by AWS. */
  approvalCallback: 'FS144',
  /** A compensation (saga) body has no ASL equivalent and was not exported. */
  compensationDropped: 'FS145',
  /** A join with mode any or count: an ASL Parallel always waits for every branch. */
  joinMode: 'FS146',
  /** Error names in catch clauses were mapped to ASL names whose meaning differs. */
  errorNames: 'FS147',
  /** continueOnError became a Catch of States.ALL to the next state. */
  continueOnError: 'FS148',
  /** A duration was rounded up to whole seconds (ASL counts seconds). */
  durationRounded: 'FS149',
  /** A field that this ASL state type does not have (timeout, retry, catch, next…) was not exported. */
  unsupportedField: 'FS150',
  /** An expression binding with no ASL equivalent ($steps.x.status, $run.workdir, an output out of scope). */
  unmappedBinding: 'FS151',
  /** A step inside a parallel leads outside it; the branch ends with an error the Parallel catches. */
  leavesParallel: 'FS152',
  /** A step reached from several branches was copied into each branch's state machine. */
  copiedStep: 'FS153',
  /** Flow-level settings with no ASL equivalent (triggers, the input schema). */
  flowSettings: 'FS154',
  /** A step's mock is for simulation only and was not exported. */
  mockDropped: 'FS155',
  /** `set` inside a parallel or map stays local to that branch or iteration in ASL. */
  variableScope: 'FS156',
  /** A parallel's catch: in ASL it also catches failures of the branches. */
  parallelCatch: 'FS157',
  /** A state name was shortened to ASL's 80 characters. */
  longName: 'FS158',
  /** Another approximation, described in the message. */
  approximated: 'FS159',
} as const;
export type AslExportCode = (typeof AslExportCode)[keyof typeof AslExportCode];

/** One-line meaning of each code, for `--json` consumers and the docs. */
export const aslExportCodeMeanings: Readonly<Record<AslExportCode, string>> = {
  FS140: 'exported ASL rejected by asl-validator',
  FS141: 'shell/script task runs in a placeholder Lambda',
  FS142: 'http task exported as an HTTP Task',
  FS143: 'notify/call task exported as a placeholder integration',
  FS144: 'approval exported as a callback task',
  FS145: 'compensation not exported',
  FS146: 'join mode any/count not expressible',
  FS147: 'error names mapped with a change of meaning',
  FS148: 'continueOnError exported as a Catch',
  FS149: 'duration rounded to whole seconds',
  FS150: 'field not available on this ASL state type',
  FS151: 'expression binding without ASL equivalent',
  FS152: 'parallel branch leads outside its block',
  FS153: 'step copied into several branches',
  FS154: 'flow setting without ASL equivalent',
  FS155: 'mock not exported',
  FS156: 'variable set inside a branch or map stays local',
  FS157: 'parallel catch also catches branch failures',
  FS158: 'state name shortened',
  FS159: 'other approximation',
};
