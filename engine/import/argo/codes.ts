/**
 * Finding codes of the Argo Workflows importer (issue #4): FS220–FS239, one per kind of meaning
 * that Flowsmith cannot keep or has to guess. Written with model/code-table.ts. Never renumber a code.
 * Semantics of the source: https://argo-workflows.readthedocs.io/ (Workflow concepts, Steps, DAG,
 * Enhanced Depends Logic, Loops, Conditionals, Retries, Suspending, Exit handlers, Cron Workflows).
 */
import { defineCodes, type CodeOf } from '../../model/code-table.js';

const table = defineCodes({
  /** The text is not YAML, or holds no Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow. */
  unreadable: { code: 'FS220', meaning: 'not an Argo workflow document' },
  /** The file holds more documents than the one imported. */
  extraDocuments: { code: 'FS221', meaning: 'further documents in the file not imported' },
  /** A container or script template ran in a container image; it is imported as a local shell command. */
  container: { code: 'FS222', meaning: 'container step imported as a local shell command' },
  /** A suspend template became an approval: its approvers are placeholders to fill in. */
  approval: { code: 'FS223', meaning: 'suspend imported as an approval with placeholder approvers' },
  /** A `when` condition could not be translated exactly; the branch uses a best-effort condition. */
  condition: { code: 'FS224', meaning: 'when condition translated approximately' },
  /** An Argo variable has no Flowsmith binding; a placeholder text is used. */
  variable: { code: 'FS225', meaning: 'Argo variable without Flowsmith binding' },
  /** A DAG is not nested parallel blocks; its tasks were put in one sequence. */
  notBlockStructured: { code: 'FS226', meaning: 'DAG flattened into a sequence' },
  /** A template kind Flowsmith cannot run (resource, data, plugin, containerSet) became a placeholder. */
  unsupportedTemplate: { code: 'FS227', meaning: 'template kind not supported; placeholder step' },
  /** Part of a retryStrategy has no Flowsmith equivalent. */
  retry: { code: 'FS228', meaning: 'retry option without Flowsmith equivalent' },
  /** An exit handler (appended for success and, caught into, for failure) or a lifecycle hook (not imported). */
  exitHandler: { code: 'FS229', meaning: 'exit handler or lifecycle hook approximated' },
  /** A template calls itself (recursion); the inner call became a subflow call placeholder. */
  recursion: { code: 'FS230', meaning: 'recursive template call imported as a subflow call' },
  /** A template is not reached from the entrypoint and was not imported. */
  unusedTemplate: { code: 'FS231', meaning: 'template not reached from the entrypoint' },
  /** Artifacts, output parameters or supplied values are not imported. */
  artifacts: { code: 'FS232', meaning: 'artifacts or output parameters not imported' },
  /** CronWorkflow options other than the schedule and timezone are not imported. */
  cron: { code: 'FS233', meaning: 'CronWorkflow option not imported' },
  /** A loop option (withSequence format, non-list withParam) is not kept exactly. */
  loop: { code: 'FS234', meaning: 'loop option not kept exactly' },
  /** A depends expression on task results became a status branch, or an approximation of it. */
  depends: { code: 'FS235', meaning: 'depends on task results approximated' },
  /** A templateRef (a template in another WorkflowTemplate) became a subflow call placeholder. */
  templateRef: { code: 'FS236', meaning: 'templateRef imported as a subflow call' },
  /** Fields with no Flowsmith meaning (pod settings, memoize, metrics, synchronization…) were ignored. */
  ignoredField: { code: 'FS237', meaning: 'Argo field without Flowsmith meaning ignored' },
  /** The imported flow did not pass validation (an importer bug, reported). */
  invalidResult: { code: 'FS238', meaning: 'imported flow does not validate' },
  /** A timeout that is not a fixed duration (a parameter or expression) was left out. */
  timeout: { code: 'FS239', meaning: 'timeout that is not a fixed duration left out' },
});

/** The Argo import codes by name. */
export const ArgoImportCode = table.codes;
/** One Argo import code. */
export type ArgoImportCode = CodeOf<typeof ArgoImportCode>;

/** One-line meaning of each code, for `--json` consumers and the docs. */
export const argoImportCodeMeanings = table.meanings;
