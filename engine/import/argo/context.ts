/**
 * State of one Argo import: the document's templates, the findings (with the template's line:col
 * when known), the step ids handed out, and the frame of the template being inlined (its
 * parameters, sibling step names and the chain of templates above it, to spot recursion).
 */
import { NameAllocator } from '../../interop/argo/names.js';
import type { Finding } from '../../model/finding.js';
import { createFindings, type FindingsReporter } from '../../model/findings-reporter.js';
import type { StepId } from '../../model/flow.js';
import type { ArgoImportCode } from './codes.js';
import { obj, str, type ArgoSource, type Obj } from './source.js';
import type { ExitStatus, NamedStep, VarScope } from './vars.js';

/** The template being inlined and what its variables refer to. */
export interface Frame {
  template: string;
  /** Native text of each input parameter (as passed by the caller, or its default). */
  params: Map<string, string>;
  /** Templates being inlined, outermost first, this one last. */
  stack: string[];
  /** Its steps or tasks by Argo name, filled before their bodies are read. */
  names: Map<string, NamedStep>;
  /**
   * Inside a copy of the exit handler: the `workflow.status` that copy runs with (FS229;
   * workflow.ts appends one after success and one on the failure path), else false.
   */
  exitHandler: ExitStatus | false;
  /** The calls that led here from the entrypoint (`A (template nested-diamond)`), for descriptions. */
  via: string[];
}

/** The VarScope of a frame, for vars.ts and conditions.ts. */
export function scopeOf(frame: Frame): VarScope {
  return { param: (n) => frame.params.get(n), step: (n) => frame.names.get(n), exitHandler: frame.exitHandler };
}

/** The import in progress. */
export class ImportContext {
  readonly findings: Finding[];
  /** Records a finding (model/findings-reporter.ts); `at` is the template whose position it gets. */
  readonly report: FindingsReporter<ArgoImportCode, string>['report'];
  /** Step ids: lowercase letters, digits and dashes, unique in the whole flow (map bodies too). */
  readonly ids = new NameAllocator();
  readonly templates = new Map<string, Obj>();
  /** Templates inlined at least once (the rest are reported as unused). */
  readonly used = new Set<string>();
  /** True for documents Flowsmith exported: their scripts were native shell steps, not containers. */
  nativeExport = false;

  constructor(
    readonly source: ArgoSource,
    readonly flowName: string,
    file?: string,
  ) {
    const reporter = createFindings<ArgoImportCode, string>({ file, locate: (template) => source.locate(template) });
    this.findings = reporter.findings;
    this.report = reporter.report;
    for (const t of Array.isArray(source.spec['templates']) ? source.spec['templates'] : []) {
      const name = str(obj(t)?.['name']);
      if (name !== undefined && !this.templates.has(name)) this.templates.set(name, obj(t)!);
    }
  }
}
