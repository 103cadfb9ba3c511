/**
 * Finding codes of the AWS Step Functions (ASL) exporter, FS140–FS159 (issue #4). Each names one way
 * a native flow loses meaning in ASL; the finding's message says which step and what was done instead.
 * Written with model/code-table.ts. Add codes at the end; never reuse or renumber one.
 */
import { defineCodes, type CodeOf } from '../../model/code-table.js';

const table = defineCodes({
  /** asl-validator rejected the exported document: a bug in the exporter, reported rather than hidden. */
  invalidDocument: { code: 'FS140', meaning: 'exported ASL rejected by asl-validator' },
  /** A shell or script task runs in a placeholder Lambda function that must be deployed. */
  placeholderRunner: { code: 'FS141', meaning: 'shell/script task runs in a placeholder Lambda' },
  /** An http task became an HTTP Task, which needs an EventBridge connection and differs in details. */
  httpTask: { code: 'FS142', meaning: 'http task exported as an HTTP Task' },
  /** A notify or call task became a placeholder service integration (SNS, webhook, nested execution). */
  placeholderIntegration: { code: 'FS143', meaning: 'notify/call task exported as a placeholder integration' },
  /** An approval became a callback task (waitForTaskToken); approvers and quorum are not enforced by AWS. */
  approvalCallback: { code: 'FS144', meaning: 'approval exported as a callback task' },
  /** A compensation (saga) body has no ASL equivalent and was not exported. */
  compensationDropped: { code: 'FS145', meaning: 'compensation not exported' },
  /** A join with mode any or count: an ASL Parallel always waits for every branch. */
  joinMode: { code: 'FS146', meaning: 'join mode any/count not expressible' },
  /** Error names in catch clauses were mapped to ASL names whose meaning differs. */
  errorNames: { code: 'FS147', meaning: 'error names mapped with a change of meaning' },
  /** continueOnError became a Catch of States.ALL to the next state. */
  continueOnError: { code: 'FS148', meaning: 'continueOnError exported as a Catch' },
  /** A duration was rounded up to whole seconds (ASL counts seconds). */
  durationRounded: { code: 'FS149', meaning: 'duration rounded to whole seconds' },
  /** A field that this ASL state type does not have (timeout, retry, catch, next…) was not exported. */
  unsupportedField: { code: 'FS150', meaning: 'field not available on this ASL state type' },
  /** An expression binding with no ASL equivalent ($steps.x.status, $run.workdir, an output out of scope). */
  unmappedBinding: { code: 'FS151', meaning: 'expression binding without ASL equivalent' },
  /** A step inside a parallel leads outside it; the branch ends with an error the Parallel catches. */
  leavesParallel: { code: 'FS152', meaning: 'parallel branch leads outside its block' },
  /** A step reached from several branches was copied into each branch's state machine. */
  copiedStep: { code: 'FS153', meaning: 'step copied into several branches' },
  /** Flow-level settings with no ASL equivalent (triggers, the input schema). */
  flowSettings: { code: 'FS154', meaning: 'flow setting without ASL equivalent' },
  /** A step's mock is for simulation only and was not exported. */
  mockDropped: { code: 'FS155', meaning: 'mock not exported' },
  /** `set` inside a parallel or map stays local to that branch or iteration in ASL. */
  variableScope: { code: 'FS156', meaning: 'variable set inside a branch or map stays local' },
  /** A parallel's catch: in ASL it also catches failures of the branches. */
  parallelCatch: { code: 'FS157', meaning: 'parallel catch also catches branch failures' },
  /** A state name was shortened to ASL's 80 characters. */
  longName: { code: 'FS158', meaning: 'state name shortened' },
  /** Another approximation, described in the message. */
  approximated: { code: 'FS159', meaning: 'other approximation' },
});

/** Finding codes of the ASL export, by what went wrong. */
export const AslExportCode = table.codes;
/** One AslExportCode code. */
export type AslExportCode = CodeOf<typeof AslExportCode>;

/** One-line meaning of each code, for `--json` consumers and the docs. */
export const aslExportCodeMeanings = table.meanings;
