/**
 * Finding codes of the Argo Workflows importer (issue #4): FS220–FS239, one per kind of meaning
 * that Flowsmith cannot keep or has to guess. Leaf module with no imports. Never renumber a code.
 * Semantics of the source: https://argo-workflows.readthedocs.io/ (Workflow concepts, Steps, DAG,
 * Enhanced Depends Logic, Loops, Conditionals, Retries, Suspending, Exit handlers, Cron Workflows).
 */

/** The Argo import codes by name. */
export const ArgoImportCode = {
  /** The text is not YAML, or holds no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow. */
  unreadable: 'FS220',
  /** The file holds more documents than the one imported. */
  extraDocuments: 'FS221',
  /** A container or script template ran in a container image; it is imported as a local shell command. */
  container: 'FS222',
  /** A suspend template became an approval: its approvers are placeholders to fill in. */
  approval: 'FS223',
  /** A `when` condition could not be translated exactly; the branch uses a best-effort condition. */
  condition: 'FS224',
  /** An Argo variable has no Flowsmith binding; a placeholder text is used. */
  variable: 'FS225',
  /** A DAG is not nested parallel blocks; its tasks were put in one sequence. */
  notBlockStructured: 'FS226',
  /** A template kind Flowsmith cannot run (resource, data, plugin, containerSet) became a placeholder. */
  unsupportedTemplate: 'FS227',
  /** Part of a retryStrategy has no Flowsmith equivalent. */
  retry: 'FS228',
  /** An exit handler (appended for success and, caught into, for failure) or a lifecycle hook (not imported). */
  exitHandler: 'FS229',
  /** A template calls itself (recursion); the inner call became a subflow call placeholder. */
  recursion: 'FS230',
  /** A template is not reached from the entrypoint and was not imported. */
  unusedTemplate: 'FS231',
  /** Artifacts, output parameters or supplied values are not imported. */
  artifacts: 'FS232',
  /** CronWorkflow options other than the schedule and timezone are not imported. */
  cron: 'FS233',
  /** A loop option (withSequence format, non-list withParam) is not kept exactly. */
  loop: 'FS234',
  /** A depends expression on task results became a status branch, or an approximation of it. */
  depends: 'FS235',
  /** A templateRef (a template in another WorkflowTemplate) became a subflow call placeholder. */
  templateRef: 'FS236',
  /** Fields with no Flowsmith meaning (pod settings, memoize, metrics, synchronization…) were ignored. */
  ignoredField: 'FS237',
  /** The imported flow did not pass validation (an importer bug, reported). */
  invalidResult: 'FS238',
  /** A timeout that is not a fixed duration (a parameter or expression) was left out. */
  timeout: 'FS239',
} as const;
/** One Argo import code. */
export type ArgoImportCode = (typeof ArgoImportCode)[keyof typeof ArgoImportCode];

/** One-line meaning of each code, for `--json` consumers and the docs. */
export const argoImportCodeMeanings: Readonly<Record<ArgoImportCode, string>> = {
  FS220: 'not an Argo workflow document',
  FS221: 'further documents in the file not imported',
  FS222: 'container step imported as a local shell command',
  FS223: 'suspend imported as an approval with placeholder approvers',
  FS224: 'when condition translated approximately',
  FS225: 'Argo variable without Flowsmith binding',
  FS226: 'DAG flattened into a sequence',
  FS227: 'template kind not supported; placeholder step',
  FS228: 'retry option without Flowsmith equivalent',
  FS229: 'exit handler or lifecycle hook approximated',
  FS230: 'recursive template call imported as a subflow call',
  FS231: 'template not reached from the entrypoint',
  FS232: 'artifacts or output parameters not imported',
  FS233: 'CronWorkflow option not imported',
  FS234: 'loop option not kept exactly',
  FS235: 'depends on task results approximated',
  FS236: 'templateRef imported as a subflow call',
  FS237: 'Argo field without Flowsmith meaning ignored',
  FS238: 'imported flow does not validate',
  FS239: 'timeout that is not a fixed duration left out',
};
