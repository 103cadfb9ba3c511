/**
 * Finding codes of the Argo Workflows exporter (issue #4): FS120–FS139, one per kind of loss of
 * meaning, so docs and tests can name it. Leaf module with no imports. Never renumber a code.
 * Semantics of the target: https://argo-workflows.readthedocs.io/ (Workflow concepts, DAG, Enhanced
 * Depends Logic, Suspend, Retries, Exit handlers, Variables, Conditionals, HTTP template).
 */

/** The Argo export codes by name. */
export const ArgoExportCode = {
  /** The exported document failed a structural self-check (a bug in the exporter, reported). */
  selfCheck: 'FS120',
  /** An expression or binding has no Argo equivalent; a placeholder or approximation is written. */
  expression: 'FS121',
  /** A loop or an unreachable step cannot be part of a DAG; the back edge or step is left out. */
  graphShape: 'FS122',
  /** Argo's suspend has no approver identity or quorum check; approvers are kept as annotations. */
  approvalIdentity: 'FS123',
  /** An approval's timeout or decision works differently in Argo (suspend duration, supplied parameter). */
  approvalDecision: 'FS124',
  /** Part of a retry policy has no Argo equivalent (jitter, fractional factor). */
  retry: 'FS125',
  /** Argo routes failures by status, not by error name: a catch clause catches every failure. */
  catchErrors: 'FS126',
  /** A failure the flow handles (catch, continueOnError) still marks the Argo workflow Failed. */
  handledFailure: 'FS127',
  /** Compensations run from an onExit handler: all of them, in reverse flow order. */
  compensation: 'FS128',
  /** A shell or script step runs in a container whose image is a placeholder to review. */
  placeholderImage: 'FS129',
  /** A desktop notification has no Argo equivalent; the step only logs the message. */
  notify: 'FS130',
  /** A subflow call becomes a templateRef to a WorkflowTemplate that must be exported too. */
  subflow: 'FS131',
  /** A wait `until` a computed time cannot be expressed; the workflow suspends until resumed. */
  waitUntil: 'FS132',
  /** A join that needs any or n branches waits in Argo for every branch to finish first. */
  joinMode: 'FS133',
  /** Run variables (`set`, `vars`), output shaping (`output`) or typed inputs have no Argo equivalent. */
  runData: 'FS134',
  /** Cron triggers need a CronWorkflow that runs this WorkflowTemplate. */
  trigger: 'FS135',
  /** A step id was renamed to a valid Argo task name (a DNS-1123 label). */
  rename: 'FS136',
  /** Part of a map step has no Argo equivalent ($index, concurrency of nested iterations, retry). */
  map: 'FS137',
  /** A fail step's error name is not visible in Argo, which only sees a failed pod. */
  failStep: 'FS138',
  /** A conditional edge into a step reached by several paths goes through an extra no-op route task. */
  routeTask: 'FS139',
} as const;
/** One Argo export code. */
export type ArgoExportCode = (typeof ArgoExportCode)[keyof typeof ArgoExportCode];

/** One-line meaning of each code, for `--json` consumers and the docs. */
export const argoExportCodeMeanings: Readonly<Record<ArgoExportCode, string>> = {
  FS120: 'Argo export failed its own structural check',
  FS121: 'expression or binding not translatable to Argo',
  FS122: 'loop or unreachable step left out of the Argo DAG',
  FS123: 'approvers and quorum not enforced by Argo suspend',
  FS124: 'approval decision or timeout works differently in Argo',
  FS125: 'retry option without Argo equivalent',
  FS126: 'catch clause catches every failure in Argo',
  FS127: 'handled failure still fails the Argo workflow',
  FS128: 'compensations run from an onExit handler',
  FS129: 'container image is a placeholder',
  FS130: 'desktop notification not available in Argo',
  FS131: 'subflow call exported as a templateRef placeholder',
  FS132: 'wait until a computed time not available in Argo',
  FS133: 'join any/count waits for every branch in Argo',
  FS134: 'run variables, output shaping or input types not kept',
  FS135: 'cron trigger needs a CronWorkflow',
  FS136: 'step id renamed for Argo',
  FS137: 'map feature without Argo equivalent',
  FS138: 'fail step error name not visible in Argo',
  FS139: 'extra route task for a conditional edge',
};
