/**
 * State shared by the parts of one Serverless Workflow export: the flow, the findings, which step
 * outputs other steps read, and the per-task data settings (output.as, export.as) that are assembled
 * once every expression has been translated (index.ts applyData).
 */
import type { Finding } from '../../model/finding.js';
import { createFindings, type FindingsReporter } from '../../model/findings-reporter.js';
import type { Flow, Json, Step, StepId } from '../../model/flow.js';
import { SwExportCode } from './codes.js';
import type { JqScope } from './jq-print.js';
import type { ValueContext } from './values.js';

/** One SW task as plain data: `{ name: { …task } }` is a task item. */
export type SwTask = Record<string, unknown>;
/** A task item of a task list: one name, one task. */
export type SwTaskItem = Record<string, SwTask>;

/** Where a task list sits: the top `do`, a fork branch (closes at `stop`, the join) or a for body. */
export interface ListPlan {
  kind: 'top' | 'branch' | 'map';
  scope: Readonly<Record<StepId, Step>>;
  stop?: StepId;
  /** Native map alias visible in this list (`$<as>`). */
  itemAlias?: string;
}

/** Data settings of one exported task, turned into output.as and export.as at the end. */
export interface DataPlan {
  step: StepId;
  task: SwTask;
  /** jq that turns the SW result into the native output shape (shell, http), applied first. */
  normalize?: { jq: string; prepare: () => void };
  /** The step's own `output`, translated (with `.` = the normalized output). */
  output?: string;
  /** The step's `set`, translated (with `$out` = the kept output), in order. */
  set: [string, string][];
}

/** Everything the converters of one export share (see createContext). */
export interface ExportContext {
  flow: Flow;
  findings: Finding[];
  /** Steps whose `$steps.<id>.output` some expression reads. */
  readOutputs: Set<StepId>;
  data: DataPlan[];
  /** Native steps that became a task somewhere (a fail step may only be raised inside a catch). */
  emitted: Set<StepId>;
  inputDefaults: Record<string, Json>;
  /** Records a finding (model/findings-reporter.ts); severity defaults to warning (an approximation). */
  report: FindingsReporter<SwExportCode>['report'];
  /** A ValueContext for expressions of `step` in a list of the given plan, with `dot` bound or not. */
  values(step: StepId, plan: ListPlan | undefined, dot?: string): ValueContext;
}

/** Creates the context of one export. */
export function createContext(flow: Flow): ExportContext {
  // The same loss reported twice for one step (or the flow) says nothing new.
  const { findings, report } = createFindings<SwExportCode>({
    isRepeat: (f, earlier) => f.code === earlier.code && f.step === earlier.step && f.message === earlier.message,
  });
  const readOutputs = new Set<StepId>();
  const inputDefaults: Record<string, Json> = {};
  const props = flow.inputs?.['properties'];
  if (props && typeof props === 'object' && !Array.isArray(props)) {
    for (const [name, schema] of Object.entries(props)) {
      if (schema && typeof schema === 'object' && !Array.isArray(schema) && 'default' in schema) {
        inputDefaults[name] = schema['default'] as Json;
      }
    }
  }
  const ctx: ExportContext = {
    flow,
    findings,
    readOutputs,
    data: [],
    emitted: new Set(),
    inputDefaults,
    report,
    values(step, plan, dot) {
      const scope: JqScope = {
        inputDefaults,
        onStepOutput: (id) => readOutputs.add(id),
      };
      if (plan?.itemAlias !== undefined) scope.itemAlias = plan.itemAlias;
      if (dot !== undefined) scope.dot = dot;
      return {
        scope,
        untranslated: (expr, reason) =>
          ctx.report(SwExportCode.expressionNotTranslated, step, `expression \`${expr}\` was not translated to jq (${reason}); it is left as JSONata inside \${ }: rewrite it in jq`),
        note: (expr, note) =>
          ctx.report(SwExportCode.expressionSemantics, step, `expression \`${expr}\`: ${note}; check the jq`, { severity: 'info' }),
      };
    },
  };
  return ctx;
}

/** `{title, description}` of a step as SW task metadata, plus Flowsmith-only fields under `flowsmith`. */
export function taskMetadata(step: Step, flowsmith: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  const meta: Record<string, unknown> = {};
  if (step.title !== undefined) meta['title'] = step.title;
  if (step.description !== undefined) meta['description'] = step.description;
  const own: Record<string, unknown> = { ...flowsmith };
  if (step.mock !== undefined) own['mock'] = step.mock;
  if (step.compensate !== undefined) own['compensate'] = step.compensate;
  for (const [k, v] of Object.entries(own)) if (v === undefined) delete own[k];
  if (Object.keys(own).length > 0) meta['flowsmith'] = own;
  return Object.keys(meta).length > 0 ? meta : undefined;
}
