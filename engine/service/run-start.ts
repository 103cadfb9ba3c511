/**
 * What a new run starts from (RunService.startRun): its id, its flow file checked (valid, trusted
 * for a real run, the `from` step known), its input, its work folder and its RunStarted event.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Flow, JsonObject, StepId } from '../model/flow.js';
import { initialVars } from '../expr/vars.js';
import { RunRequestError } from '../runtime/driver.js';
import type { RunEvent, RunId, RunMode } from '../runtime/events.js';
import { SEMANTICS } from '../runtime/events.js';
import type { RunState } from '../runtime/state.js';
import { idMap } from '../runtime/state.js';
import { loadValidFlow } from './flow-files.js';
import { prepareInput } from './inputs.js';
import type { RunServiceOptions, StartRunParams } from './run-service-options.js';
import { osUserName, startedByOf } from './started-by.js';
import { UntrustedFlowError } from './trust.js';

type RunStarted = Extract<RunEvent, { type: 'RunStarted' }>;

/** A new run id: time-sortable base36 milliseconds plus 6 random hex digits, e.g. `mhx2k1a0-3f9a1c`. */
export function newRunId(nowMs: number): RunId {
  return `${nowMs.toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A run about to start: its flow (as loaded from `path`, absolute) and checked input. */
export interface StartPlan {
  path: string;
  flow: Flow;
  /** The file's text: the flow version the run starts with. */
  text: string;
  input: JsonObject;
}

/**
 * Loads and checks what `p` starts (`source`: the earlier run of `p.from`). Throws
 * FlowInvalidError, InputError, UntrustedFlowError (a real run of a flow `trust` refuses),
 * RunRequestError (a `from` step the flow lacks), or Error for an unreadable file.
 */
export function planStart(p: StartRunParams, mode: RunMode, source: RunState | undefined, trust: RunServiceOptions['trust']): StartPlan {
  const path = resolve(p.path ?? source?.flowPath ?? '');
  const { flow, text } = loadValidFlow(path);
  const verdict = mode === 'run' ? trust?.(path, flow) : undefined;
  if (verdict && !verdict.trusted) throw new UntrustedFlowError(path, verdict.reason);
  if (p.from && !flow.steps[p.from.step]) {
    throw new RunRequestError(`${p.from.step} is not a step of ${flow.name}; steps: ${Object.keys(flow.steps).join(', ')}`);
  }
  return { path, flow, text, input: prepareInput(flow, p.input ?? source?.input ?? {}) };
}

/** The work folder of run `id`: under `workRoot`, else FLOWSMITH_WORK_ROOT, else `<tmpdir>/flowsmith-runs`. */
export function workdirOf(id: RunId, workRoot: string | undefined): string {
  return join(workRoot ?? process.env.FLOWSMITH_WORK_ROOT ?? join(tmpdir(), 'flowsmith-runs'), id);
}

/** The RunStarted event of run `id`, started at `at` (epoch ms) with `plan`; `source` as for planStart. */
export function runStartedEvent(
  p: StartRunParams,
  plan: StartPlan,
  started: { id: RunId; at: number; mode: RunMode; workdir: string; source: RunState | undefined },
  who: Pick<RunServiceOptions, 'user' | 'via'>,
): RunStarted {
  const { id, at, mode, workdir, source } = started;
  const { flow, input } = plan;
  return {
    type: 'RunStarted',
    at,
    run: id,
    flow: flow.name,
    flowPath: plan.path,
    input,
    vars: (source?.vars ?? initialVars((flow.vars ?? {}) as JsonObject, { input, run: { id, flow: flow.name, workdir } })) as JsonObject,
    mode,
    semantics: SEMANTICS,
    workdir,
    start: p.from?.step ?? flow.start,
    ...(p.trigger ? { trigger: p.trigger } : {}),
    ...(p.breakpoints?.length ? { breakpoints: p.breakpoints } : {}),
    ...(source ? { seedSteps: seedOf(source, p.from!.step) } : {}),
    startedBy: startedByOf(p.startedBy, p.trigger, who.user ?? osUserName(), who.via ?? 'cli'),
  };
}

/** The outputs of an earlier run's finished steps, except the step a new run starts from. */
function seedOf(source: RunState, start: StepId): NonNullable<RunStarted['seedSteps']> {
  const seed: NonNullable<RunStarted['seedSteps']> = idMap();
  for (const [id, s] of Object.entries(source.steps)) {
    if (id !== start && (s.status === 'succeeded' || s.status === 'skipped')) seed[id] = { output: s.output, status: s.status };
  }
  return seed;
}
