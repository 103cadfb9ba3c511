/**
 * The conventions Flowsmith uses when it writes Serverless Workflow 1.0 documents, shared by the
 * exporter and the importer (engine/import/serverless-workflow) so a flow survives a round trip:
 * the DSL version, namespace, error types, approval events, context layout and task metadata.
 * Leaf module: no imports. Source: https://github.com/serverlessworkflow/specification/blob/main/dsl-reference.md
 */

/**
 * DSL version written in `document.dsl`: 1.0.3, the current release (DESIGN.md "Export and import"),
 * which @serverlessworkflow/sdk 1.0.3-alpha1 validates (its pre-validation hook refuses other values).
 */
export const SW_DSL_VERSION = '1.0.3';
/** `document.namespace` of exported flows and of the subflows they run. */
export const SW_NAMESPACE = 'flowsmith';
/** `document.version` of exported flows (native flows carry no version; SW requires a semver). */
export const SW_FLOW_VERSION = '1.0.0';

/** Error type URIs of native error names that are not SW standard errors: `${base}DeployFailed`. */
export const FLOWSMITH_ERROR_BASE = 'https://flowsmith.dev/errors/';
/** Standard SW error types (dsl-reference.md "Standard Error Types"). */
// Kept at 1.0.0 for DSL 1.0.3 too: the 1.0.x dsl-reference ("Standard Error Types") and the 1.0.3
// examples in the corpus still write …/spec/1.0.0/errors/… (checked for issue #11 item 16).
export const SW_ERROR_BASE = 'https://serverlessworkflow.io/spec/1.0.0/errors/';

/** CloudEvent source of the events Flowsmith emits. */
export const EVENT_SOURCE = 'https://flowsmith.dev';
/** Event type of an approval decision; data `{decision: 'approve' | 'reject', by?, comment?}`. */
export const APPROVAL_EVENT = 'dev.flowsmith.approval';
/** Event type of an approval request; data `{flow, step, message, approvers, quorum}`. */
export const APPROVAL_REQUEST_EVENT = 'dev.flowsmith.approval.requested';
/** Event type of a desktop notification, which SW cannot show. */
export const NOTIFY_EVENT = 'dev.flowsmith.notification';

/** `$context` key under which step outputs that other steps read are exported: `$context.steps["id"]`. */
export const STEPS_CONTEXT_KEY = 'steps';
/** Key of the marker a catch handler leaves in the task output so the route switch after it can branch. */
export const CAUGHT_KEY = 'flowsmith-caught';
/** Environment variable prefix of `{{ }}` values passed to shell commands (as engine/expr/shell.ts). */
export const SHELL_ARG_PREFIX = 'FLOWSMITH_ARG_';

/** Key inside a task's `metadata` that holds what only Flowsmith reads back. */
export const META_KEY = 'flowsmith';

/** The role of a task the exporter generated, recorded in `metadata.flowsmith.role`. */
export const TaskRole = {
  /** The first task, which exports the flow's `vars` into `$context`. */
  vars: 'vars',
  /** A switch after a try that routes caught errors to the native catch targets. */
  catchRoute: 'catch-route',
  /** The task inside catch.do that marks which clause caught the error. */
  caught: 'caught',
  /** The emit + listen sequence of an approval. */
  approval: 'approval',
  /** The switch after an approval that routes approve / reject / timeout. */
  approvalRoute: 'approval-route',
  /** A raise generated for an approval without onReject (the run fails with Rejected). */
  rejected: 'rejected',
  /** A no-op wait that stands for a native succeed step. */
  succeed: 'succeed',
  /** The raise inside catch.do that re-raises the error once a retry-only policy is exhausted. */
  rethrow: 'rethrow',
} as const;
export type TaskRole = (typeof TaskRole)[keyof typeof TaskRole];

/** What `metadata.flowsmith` may hold; every field is optional. */
export interface FlowsmithMeta {
  role?: TaskRole;
  /** The native step id when the task name differs from it, or the step a generated task belongs to. */
  step?: string;
  approvers?: string[];
  quorum?: number;
  /** Native catch clauses of the step a catch-route switch belongs to. */
  catch?: { errors: string[]; next: string }[];
  compensate?: unknown;
  mock?: unknown;
  /** A wait step's `until` expression (JSONata), which SW 1.0.0 cannot express. */
  until?: string;
  /** A join's id and mode, kept on the fork. */
  join?: string;
  joinMode?: unknown;
  /** A map's concurrency and item alias. */
  concurrency?: number;
  as?: string;
}

/** Native shell output: parsed stdout when it is JSON, else {exitCode, stdout, stderr} (DESIGN.md "Executors"). */
export const SHELL_OUTPUT =
  '. as $r | try ($r.stdout | fromjson) catch {exitCode: $r.code, stdout: $r.stdout, stderr: $r.stderr}';
/** Native http output {status, headers, body} from SW's `output: response` shape. */
export const HTTP_OUTPUT = '{status: .statusCode, headers: .headers, body: .content}';
