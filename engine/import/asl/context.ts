/**
 * Shared state of one ASL import: findings with the source's line:col, step ids derived from state
 * names, and the frames (one per ASL state machine: the top level, each Parallel branch, each Map
 * body) that the state converters work in.
 */
import type { Finding } from '../../model/finding.js';
import { createFindings, type FindingsReporter } from '../../model/findings-reporter.js';
import type { Json, Step, StepId } from '../../model/flow.js';
import type { LoadedFlow } from '../../yaml/load.js';
import type { AslImportCode } from './codes.js';

/** An ASL state as parsed JSON. */
export type AslState = Record<string, unknown>;

/** Path of a value in the source document (keys and array indexes). */
export type SourcePath = (string | number)[];

/** How a state is reached: by a Next/Default/Choice rule, or by a Catcher (whose fields shape the input). */
export type Predecessor = { from: string; via: 'next' } | { from: string; via: 'catch'; catcher: AslState };

/** One ASL state machine being imported into a native steps map. */
export interface Frame {
  kind: 'root' | 'branch' | 'map';
  startAt: string;
  states: Record<string, AslState>;
  /** Path of this machine's `States` object in the source. */
  statesPath: SourcePath;
  /** The native steps map the states become steps of (the flow's, or a map step's body). */
  steps: Record<StepId, Step>;
  /** For a branch: the generated join that `End: true` leads to. */
  join?: StepId;
  /** The machine's default query language (a state may override it). */
  queryLanguage: 'JSONPath' | 'JSONata';
  /** Native JSONata for the input of StartAt (a thunk: a branch's depends on its Parallel's input). */
  entryInput: () => string;
  /** The states that lead to each state. */
  preds: Map<string, Predecessor[]>;
  /** State name → step id in this frame (a Succeed in a branch maps to the join). */
  ids: Map<string, StepId>;
  /** Frames nested in a state of this one: the branches of a Parallel, the body of a Map. */
  children: Map<string, Frame[]>;
}

/** Everything the converters share while importing one document. */
export class ImportContext {
  readonly findings: Finding[];
  /** Records a finding (model/findings-reporter.ts) at `at`, a path in the source: line:col when known, and its JSON pointer. */
  readonly report: FindingsReporter<AslImportCode, SourcePath>['report'];
  /** Variables some state assigns (`Assign`): `$name` in an expression reads `$vars.name`. */
  readonly assigned = new Set<string>();
  /** Variables that stand for a native binding instead (`input` of a Flowsmith export → `$input`). */
  readonly aliases = new Map<string, string>();
  /** Native vars with their initial values (from a Flowsmith export's first state). */
  readonly vars: Record<string, Json> = {};
  /** Map states whose body began with a Flowsmith export's item Pass (its ItemSelector is not a selection). */
  readonly flowsmithMaps = new Set<string>();
  /** Step id of the join generated for each Parallel state (key: frame path and state name). */
  readonly joins = new Map<string, StepId>();
  private readonly usedIds = new Set<StepId>();
  private readonly paths = new Map<StepId, SourcePath>();

  constructor(
    readonly file: string | undefined,
    locate: LoadedFlow['locate'] | undefined,
  ) {
    const reporter = createFindings<AslImportCode, SourcePath>({
      file,
      locate: (path) => locate?.(path),
      pointer: (path) => `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`,
    });
    this.findings = reporter.findings;
    this.report = reporter.report;
  }

  /** Records a finding about the state `name` of `frame` (at its place in the source, on its step). */
  reportState(frame: Frame, name: string, code: AslImportCode, severity: Finding['severity'], message: string, field?: string): void {
    const path = [...frame.statesPath, name, ...(field ? [field] : [])];
    this.report(code, frame.ids.get(name), message, { severity, at: path, subject: `state "${name}"` });
  }

  /** A new step id from `name`: lowercase letters, digits and dashes, unique in the whole flow. */
  newId(name: string, path?: SourcePath): StepId {
    const base = slug(name);
    let id = base;
    for (let n = 2; this.usedIds.has(id); n++) id = `${base}-${n}`;
    this.usedIds.add(id);
    if (path) this.paths.set(id, path);
    return id;
  }
}

/** The id of the join generated for Parallel state `name` of `frame`. */
export function joinOf(ctx: ImportContext, frame: Frame, name: string): StepId | undefined {
  return ctx.joins.get(`${frame.statesPath.join('/')}\u0000${name}`);
}

/** `Notify Approver?` → `notify-approver`: lowercase letters, digits and dashes, at most 60 characters. */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s === '' ? 'state' : s;
}

/** True when `value` is a JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The query language of a state: its own QueryLanguage, else its machine's. */
export function queryLanguageOf(frame: Frame, state: AslState): 'JSONPath' | 'JSONata' {
  return state['QueryLanguage'] === 'JSONata' ? 'JSONata' : state['QueryLanguage'] === 'JSONPath' ? 'JSONPath' : frame.queryLanguage;
}
