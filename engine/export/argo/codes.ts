/**
 * Finding codes of the Argo Workflows exporter (issue #4): FS120–FS139, one per kind of loss of
 * meaning, so docs and tests can name it. Written with model/code-table.ts. Never renumber a code.
 * Semantics of the target: https://argo-workflows.readthedocs.io/ (Workflow concepts, DAG, Enhanced
 * Depends Logic, Suspend, Retries, Exit handlers, Variables, Conditionals, HTTP template).
 */
import { defineCodes, type CodeOf } from '../../model/code-table.js';

const table = defineCodes({
  /** The exported document failed a structural self-check (a bug in the exporter, reported). */
  selfCheck: { code: 'FS120', meaning: 'Argo export failed its own structural check' },
  /** An expression or binding has no Argo equivalent; a placeholder or approximation is written. */
  expression: { code: 'FS121', meaning: 'expression or binding not translatable to Argo' },
  /** A loop or an unreachable step cannot be part of a DAG; the back edge or step is left out. */
  graphShape: { code: 'FS122', meaning: 'loop or unreachable step left out of the Argo DAG' },
  /** Argo's suspend has no approver identity or quorum check; approvers are kept as annotations. */
  approvalIdentity: { code: 'FS123', meaning: 'approvers and quorum not enforced by Argo suspend' },
  /** An approval's timeout or decision works differently in Argo (suspend duration, supplied parameter). */
  approvalDecision: { code: 'FS124', meaning: 'approval decision or timeout works differently in Argo' },
  /** Part of a retry policy has no Argo equivalent (jitter, fractional factor). */
  retry: { code: 'FS125', meaning: 'retry option without Argo equivalent' },
  /** Argo routes failures by status, not by error name: a catch clause catches every failure. */
  catchErrors: { code: 'FS126', meaning: 'catch clause catches every failure in Argo' },
  /** A failure the flow handles (catch, continueOnError) still marks the Argo workflow Failed. */
  handledFailure: { code: 'FS127', meaning: 'handled failure still fails the Argo workflow' },
  /** Compensations run from an onExit handler: all of them, in reverse flow order. */
  compensation: { code: 'FS128', meaning: 'compensations run from an onExit handler' },
  /** A shell or script step runs in a container whose image is a placeholder to review. */
  placeholderImage: { code: 'FS129', meaning: 'container image is a placeholder' },
  /** A desktop notification has no Argo equivalent; the step only logs the message. */
  notify: { code: 'FS130', meaning: 'desktop notification not available in Argo' },
  /** A subflow call becomes a templateRef to a WorkflowTemplate that must be exported too. */
  subflow: { code: 'FS131', meaning: 'subflow call exported as a templateRef placeholder' },
  /** A wait `until` a computed time cannot be expressed; the workflow suspends until resumed. */
  waitUntil: { code: 'FS132', meaning: 'wait until a computed time not available in Argo' },
  /** A join that needs any or n branches waits in Argo for every branch to finish first. */
  joinMode: { code: 'FS133', meaning: 'join any/count waits for every branch in Argo' },
  /** Run variables (`set`, `vars`), output shaping (`output`) or typed inputs have no Argo equivalent. */
  runData: { code: 'FS134', meaning: 'run variables, output shaping or input types not kept' },
  /** Cron triggers need a CronWorkflow that runs this WorkflowTemplate. */
  trigger: { code: 'FS135', meaning: 'cron trigger needs a CronWorkflow' },
  /** A step id was renamed to a valid Argo task name (a DNS-1123 label). */
  rename: { code: 'FS136', meaning: 'step id renamed for Argo' },
  /** Part of a map step has no Argo equivalent ($index, concurrency of nested iterations, retry). */
  map: { code: 'FS137', meaning: 'map feature without Argo equivalent' },
  /** A fail step's error name is not visible in Argo, which only sees a failed pod. */
  failStep: { code: 'FS138', meaning: 'fail step error name not visible in Argo' },
  /** A conditional edge into a step reached by several paths goes through an extra no-op route task. */
  routeTask: { code: 'FS139', meaning: 'extra route task for a conditional edge' },
});

/** The Argo export codes by name. */
export const ArgoExportCode = table.codes;
/** One Argo export code. */
export type ArgoExportCode = CodeOf<typeof ArgoExportCode>;

/** One-line meaning of each code, for `--json` consumers and the docs. */
export const argoExportCodeMeanings = table.meanings;
