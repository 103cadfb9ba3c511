/**
 * State shared by the parts of one Argo export: the flow, the findings, the templates written so
 * far and the template namespace; plus the shapes of the Argo objects we write (a subset of
 * https://argo-workflows.readthedocs.io/en/latest/fields/ — Template, DAGTask, Parameter).
 */
import { createFindings } from '../../model/findings-reporter.js';
import type { Flow, Step, StepId } from '../../model/flow.js';
import type { ArgoExportCode } from './codes.js';
import { NameAllocator } from '../../interop/argo/names.js';
import { Annotation, SharedTemplate } from '../../interop/argo/conventions.js';

/** An Argo parameter (`name` plus optional value/default/enum/description; values are text). */
export interface ArgoParameter {
  name: string;
  value?: string;
  default?: string;
  enum?: string[];
  description?: string;
  valueFrom?: { supplied?: Record<string, never>; default?: string; parameter?: string };
}

/** A DAG task as we write it: always `depends` (never `dependencies`, which Argo forbids mixing). */
export interface ArgoTask {
  name: string;
  template?: string;
  templateRef?: { name: string; template: string };
  depends?: string;
  when?: string;
  arguments?: { parameters: ArgoParameter[] };
  withParam?: string;
  withItems?: unknown[];
  /** Numbers from start to end, both included, counting down when end < start (IntOrString as text). */
  withSequence?: { start: string; end: string };
}

/** An Argo template: one of dag, script, http, suspend, plus the options we set. */
export interface ArgoTemplate {
  name: string;
  metadata?: { annotations: Record<string, string> };
  inputs?: { parameters: ArgoParameter[] };
  outputs?: { parameters: ArgoParameter[] };
  dag?: { tasks: ArgoTask[]; failFast?: boolean };
  script?: Record<string, unknown>;
  http?: Record<string, unknown>;
  suspend?: { duration?: string };
  retryStrategy?: Record<string, unknown>;
  activeDeadlineSeconds?: string;
  timeout?: string;
  parallelism?: number;
}

/** One DAG being built: the steps of the flow or of a map body, and their Argo task names. */
export interface Scope {
  steps: Record<StepId, Step>;
  start: StepId;
  taskNames: Map<StepId, string>;
  /** Inside a map body: the names `$item` goes by (`item` and the map's `as`). */
  itemNames?: string[];
  /** Map body scopes name the map step, for messages. */
  mapStep?: StepId;
}

/** The DAG of a scope: its tasks, whether failFast must be off, and its steps in topological order. */
export interface ScopeDag {
  tasks: ArgoTask[];
  failFast?: false;
  order: StepId[];
}

/** The export in progress. */
export class ExportContext {
  private readonly reporter = createFindings<ArgoExportCode>();
  readonly findings = this.reporter.findings;
  /** Records a finding (model/findings-reporter.ts); `step` is the native step id it belongs to. */
  readonly report = this.reporter.report;
  readonly templates: ArgoTemplate[] = [];
  readonly templateNames = new NameAllocator(Object.values(SharedTemplate));
  private readonly sharedUsed = new Set<string>();

  constructor(readonly flow: Flow) {}

  /** Adds a step template and returns its name. */
  addTemplate(template: ArgoTemplate): string {
    this.templates.push(template);
    return template.name;
  }

  /**
   * The shared no-op template for `type` (branch, parallel, join, succeed, route): a suspend that
   * resumes at once, which Argo runs without a pod.
   */
  noop(name: (typeof SharedTemplate)[keyof typeof SharedTemplate], type: string): string {
    if (!this.sharedUsed.has(name)) {
      this.sharedUsed.add(name);
      this.templates.push({ name, metadata: { annotations: { [Annotation.type]: type } }, suspend: { duration: '0' } });
    }
    return name;
  }
}
