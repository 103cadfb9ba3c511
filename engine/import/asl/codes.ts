/**
 * Finding codes of the AWS Step Functions (ASL) importer, FS240–FS259 (issue #4). Each names one
 * way an ASL definition loses meaning as a native flow; the message says which state and what was
 * done instead. Leaf module: no imports. Add codes at the end; never reuse or renumber one.
 */

/** Finding codes of the ASL import, by what went wrong. */
export const AslImportCode = {
  /** The text is not an ASL definition (no StartAt/States, or not a mapping). */
  unreadable: 'FS240',
  /** A Task's service integration became a placeholder task (AWS CLI command or http call). */
  placeholderTask: 'FS241',
  /** A callback task (.waitForTaskToken) became an approval whose approvers must be filled in. */
  callbackApproval: 'FS242',
  /** A Choice rule was not translated exactly into a JSONata condition. */
  choiceRule: 'FS243',
  /** A JSONPath field (InputPath, Parameters, ResultSelector, ResultPath, OutputPath, a path) was approximated. */
  jsonPath: 'FS244',
  /** An intrinsic function (States.*) has no exact JSONata equivalent. */
  intrinsic: 'FS245',
  /** A context object field or $states value has no native binding. */
  contextObject: 'FS246',
  /** A Pass state became a script task or a succeed step. */
  passState: 'FS247',
  /** A Succeed state inside a Parallel branch: the branch now leads to the join instead. */
  branchSucceed: 'FS248',
  /** Retriers were merged into one native retry policy, or dropped where Flowsmith does not retry. */
  retry: 'FS249',
  /** ASL error names were mapped to native ones with a change of meaning. */
  errorNames: 'FS250',
  /** A Map feature with no native equivalent (ItemReader, ItemBatcher, ResultWriter, tolerated failures, distributed mode). */
  mapFeature: 'FS251',
  /** Parallel semantics that differ (its Catch, branches that end only in Fail states). */
  parallel: 'FS252',
  /** A timeout or heartbeat that was not translated (TimeoutSecondsPath, HeartbeatSeconds, state machine TimeoutSeconds). */
  timeout: 'FS253',
  /** A Wait whose duration comes from a path, an expression or a deploy-time placeholder. */
  waitTime: 'FS254',
  /** A Fail whose error or cause comes from a path or an expression. */
  failPath: 'FS255',
  /** A state whose input comes from several states: one of them was chosen. */
  mergedInput: 'FS256',
  /** Variables (Assign) that could not be kept exactly. */
  variables: 'FS257',
  /** A state or field the importer does not know, kept as a placeholder or left out. */
  unknown: 'FS258',
  /** Deploy-time placeholders (`${Name}`) that were kept as text. */
  deployPlaceholder: 'FS259',
} as const;
export type AslImportCode = (typeof AslImportCode)[keyof typeof AslImportCode];

/** One-line meaning of each code, for `--json` consumers and the docs. */
export const aslImportCodeMeanings: Readonly<Record<AslImportCode, string>> = {
  FS240: 'not an ASL definition',
  FS241: 'Task integration imported as a placeholder',
  FS242: 'callback task imported as an approval',
  FS243: 'Choice rule approximated',
  FS244: 'JSONPath field approximated',
  FS245: 'intrinsic function approximated',
  FS246: 'context object field without native binding',
  FS247: 'Pass state converted',
  FS248: 'Succeed inside a Parallel branch leads to the join',
  FS249: 'Retry approximated',
  FS250: 'error names mapped',
  FS251: 'Map feature without native equivalent',
  FS252: 'Parallel semantics differ',
  FS253: 'timeout or heartbeat not translated',
  FS254: 'Wait time approximated',
  FS255: 'Fail error or cause approximated',
  FS256: 'state input from several states',
  FS257: 'variables approximated',
  FS258: 'unknown state or field',
  FS259: 'deploy-time placeholder kept as text',
};
