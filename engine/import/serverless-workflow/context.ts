/**
 * State of one Serverless Workflow import: the steps built so far (top scope and map bodies), step
 * ids, findings with the source line:col of the task they concern, the reusable components under
 * `use`, and the deferred links that fill in `next` fields once every list is built (a `then` may
 * name a task further down, whose first step does not exist yet).
 */
import type { Finding } from '../../model/finding.js';
import { createFindings, type FindingsReporter } from '../../model/findings-reporter.js';
import type { Step, StepId } from '../../model/flow.js';
import { SwImportCode } from './codes.js';

/** A step id to go to, computed once everything is built; undefined means the path ends. */
export type Target = () => StepId | undefined;

/** One scope of step ids: the flow's top-level steps or one map body. */
export interface Scope {
  steps: Record<StepId, Step>;
  /** Steps in creation order (try/catch applies to the ones created inside it). */
  created: StepId[];
  /** The parallel whose branch each step was created in (none at the scope's own level). */
  blockOf?: Map<StepId, StepId | undefined>;
}

/** Where a task sits in the source, for line:col: keys and indexes from the document root. */
export type SourcePath = readonly (string | number)[];

/** Everything the importers of one document share (see createContext). */
export interface ImportContext {
  findings: Finding[];
  file?: string;
  /** True for documents Flowsmith exported (namespace `flowsmith`): its conventions apply. */
  isFlowsmithExport: boolean;
  /** Defaults the flow's inputs declare, by property name (the run applies them natively). */
  inputDefaults: Record<string, unknown>;
  /** Reusable components from `use` (functions, errors, retries), by name. */
  use: { functions: Record<string, unknown>; errors: Record<string, unknown>; retries: Record<string, unknown> };
  /**
   * Records a finding (model/findings-reporter.ts): `at` is the source path that gives line:col,
   * `subject: taskSubject(name)` names the task. Severity defaults to warning.
   */
  report: FindingsReporter<SwImportCode, SourcePath>['report'];
  /** A fresh step id derived from a task name: lowercase letters, digits and dashes, unique in the flow. */
  newId(name: string): StepId;
  /** Adds a step to a scope under `id`, inside the branches of parallel `block` if given. */
  addStep(scope: Scope, id: StepId, step: Step, block?: StepId): void;
  /** Sets something once every list is built: `set(target())`. */
  link(target: Target, set: (id: StepId | undefined) => void): void;
  /** Runs every link (once, at the end). */
  resolveLinks(): void;
}

/** Creates the context; `locate` maps a source path to line:col when the text was YAML. */
export function createContext(
  file: string | undefined,
  locate: (path: SourcePath) => { line: number; col: number } | undefined,
): ImportContext {
  const used = new Set<StepId>();
  const links: [Target, (id: StepId | undefined) => void][] = [];
  const { findings, report } = createFindings<SwImportCode, SourcePath>({
    file,
    locate,
    isRepeat: (f, earlier) => f.code === earlier.code && f.message === earlier.message && f.line === earlier.line,
  });
  const ctx: ImportContext = {
    findings,
    isFlowsmithExport: false,
    inputDefaults: {},
    use: { functions: {}, errors: {}, retries: {} },
    report,
    newId(name) {
      const base = stepIdOf(name);
      let id = base;
      for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
      used.add(id);
      return id;
    },
    addStep(scope, id, step, block) {
      scope.steps[id] = step;
      scope.created.push(id);
      (scope.blockOf ??= new Map()).set(id, block);
    },
    link(target, set) {
      links.push([target, set]);
    },
    resolveLinks() {
      for (const [target, set] of links) set(target());
      links.length = 0;
    },
  };
  if (file !== undefined) ctx.file = file;
  return ctx;
}

/** The subject of a finding about SW task `name` (`task <name>`), or none. */
export function taskSubject(name: string | undefined): string | undefined {
  return name === undefined ? undefined : `task ${name}`;
}

/**
 * A native step id from an SW task name: camelCase and snake_case become kebab-case, anything but
 * letters and digits becomes a dash (`getPetById` → `get-pet-by-id`, `wait30Seconds` → `wait30-seconds`).
 */
export function stepIdOf(name: string): StepId {
  const id = name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id === '' ? 'task' : id;
}

/** Evaluates a Target safely: a chain of empty lists that loops back to itself ends the path. */
export function guarded(target: Target): Target {
  let busy = false;
  return () => {
    if (busy) return undefined;
    busy = true;
    try {
      return target();
    } finally {
      busy = false;
    }
  };
}
