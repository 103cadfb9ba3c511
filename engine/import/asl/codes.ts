/**
 * Finding codes of the AWS Step Functions (ASL) importer, FS240–FS259 (issue #4). Each names one
 * way an ASL definition loses meaning as a native flow; the message says which state and what was
 * done instead. Written with model/code-table.ts. Add codes at the end; never reuse or renumber one.
 */
import { defineCodes, type CodeOf } from '../../model/code-table.js';

const table = defineCodes({
  /** The text is not an ASL definition (no StartAt/States, or not a mapping). */
  unreadable: { code: 'FS240', meaning: 'not an ASL definition' },
  /** A Task's service integration became a placeholder task (AWS CLI command or http call). */
  placeholderTask: { code: 'FS241', meaning: 'Task integration imported as a placeholder' },
  /** A callback task (.waitForTaskToken) became an approval whose approvers must be filled in. */
  callbackApproval: { code: 'FS242', meaning: 'callback task imported as an approval' },
  /** A Choice rule was not translated exactly into a JSONata condition. */
  choiceRule: { code: 'FS243', meaning: 'Choice rule approximated' },
  /** A JSONPath field (InputPath, Parameters, ResultSelector, ResultPath, OutputPath, a path) was approximated. */
  jsonPath: { code: 'FS244', meaning: 'JSONPath field approximated' },
  /** An intrinsic function (States.*) has no exact JSONata equivalent. */
  intrinsic: { code: 'FS245', meaning: 'intrinsic function approximated' },
  /** A context object field or $states value has no native binding. */
  contextObject: { code: 'FS246', meaning: 'context object field without native binding' },
  /** A Pass state became a script task or a succeed step. */
  passState: { code: 'FS247', meaning: 'Pass state converted' },
  /** A Succeed state inside a Parallel branch: the branch now leads to the join instead. */
  branchSucceed: { code: 'FS248', meaning: 'Succeed inside a Parallel branch leads to the join' },
  /** Retriers were merged into one native retry policy, or dropped where Flowsmith does not retry. */
  retry: { code: 'FS249', meaning: 'Retry approximated' },
  /** ASL error names were mapped to native ones with a change of meaning. */
  errorNames: { code: 'FS250', meaning: 'error names mapped' },
  /** A Map feature with no native equivalent (ItemReader, ItemBatcher, ResultWriter, tolerated failures, distributed mode). */
  mapFeature: { code: 'FS251', meaning: 'Map feature without native equivalent' },
  /** Parallel semantics that differ (its Catch, branches that end only in Fail states). */
  parallel: { code: 'FS252', meaning: 'Parallel semantics differ' },
  /** A timeout or heartbeat that was not translated (TimeoutSecondsPath, HeartbeatSeconds, state machine TimeoutSeconds). */
  timeout: { code: 'FS253', meaning: 'timeout or heartbeat not translated' },
  /** A Wait whose duration comes from a path, an expression or a deploy-time placeholder. */
  waitTime: { code: 'FS254', meaning: 'Wait time approximated' },
  /** A Fail whose error or cause comes from a path or an expression. */
  failPath: { code: 'FS255', meaning: 'Fail error or cause approximated' },
  /** A state whose input comes from several states: one of them was chosen. */
  mergedInput: { code: 'FS256', meaning: 'state input from several states' },
  /** Variables (Assign) that could not be kept exactly. */
  variables: { code: 'FS257', meaning: 'variables approximated' },
  /** A state or field the importer does not know, kept as a placeholder or left out. */
  unknown: { code: 'FS258', meaning: 'unknown state or field' },
  /** Deploy-time placeholders (`${Name}`) that were kept as text. */
  deployPlaceholder: { code: 'FS259', meaning: 'deploy-time placeholder kept as text' },
});

/** Finding codes of the ASL import, by what went wrong. */
export const AslImportCode = table.codes;
/** One AslImportCode code. */
export type AslImportCode = CodeOf<typeof AslImportCode>;

/** One-line meaning of each code, for `--json` consumers and the docs. */
export const aslImportCodeMeanings = table.meanings;
