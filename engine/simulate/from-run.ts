/**
 * "Save as scenario" (issue #9 point 7): a finished run written down as a scenario of its flow, so
 * the same path can be simulated again (engine/simulate/README.md). From the journal: the run's
 * input; per task step the outcome of each attempt as a mock (output or error, and how long it
 * took); per approval the answers with their delay from the request; and as expectations the
 * status, the exact path and the error. Runs moved by debugging (vars edited, steps skipped or
 * retried by hand, run from a step) cannot be repeated by a scenario and are refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Document, isMap, isSeq, parseDocument, YAMLSeq } from 'yaml';
import type { Flow, JsonObject, StepId, StepMock } from '../model/flow.js';
import type { RunEvent } from '../runtime/events.js';
import { foldEvents, runStatusOf } from '../runtime/fold.js';
import type { ApprovalAnswer, Scenario } from './scenario.js';

/** Why a run cannot become a scenario, in words for the user. */
export class ScenarioFromRunError extends Error {
  override name = 'ScenarioFromRunError';
}

/** `1500` → `1500ms`, `2000` → `2s`: a duration text the scenario format reads back exactly. */
function durationText(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${Math.max(0, Math.round(ms))}ms`;
}

const BY_DEBUGGING: Partial<Record<RunEvent['type'], string>> = {
  VarsEdited: 'its variables were edited',
  StepSkipped: 'a step was skipped',
  StepRetryRequested: 'a step was retried by hand',
};

/**
 * The scenario `name` for the run whose journal is `events`, of `flow`. Throws
 * ScenarioFromRunError for a run that has not ended as succeeded or failed, or was moved by debugging.
 */
export function scenarioFromRun(flow: Flow, events: readonly RunEvent[], name: string): Scenario {
  const state = foldEvents(events);
  const status = runStatusOf(state);
  if (status !== 'succeeded' && status !== 'failed') {
    throw new ScenarioFromRunError(`run ${state.id} is ${status}: only a run that succeeded or failed can be saved as a scenario`);
  }
  const first = events[0]!;
  if (first.type === 'RunStarted' && first.seedSteps) {
    throw new ScenarioFromRunError(`run ${state.id} was started from a step (run from here): a scenario always starts at ${flow.start}`);
  }
  for (const e of events) {
    const why = BY_DEBUGGING[e.type];
    if (why) throw new ScenarioFromRunError(`run ${state.id} cannot be repeated by a scenario: ${why} while it ran`);
  }

  const attempts = new Map<StepId, { startedAt: number; mock?: StepMock }[]>();
  const requested = new Map<StepId, number>();
  const approvals: Record<StepId, ApprovalAnswer[]> = {};
  const isTask = (id: StepId) => flow.steps[id]?.type === 'task';
  for (const e of events) {
    switch (e.type) {
      case 'StepStarted':
        if (isTask(e.step)) attempts.set(e.step, [...(e.attempt === 1 ? [] : (attempts.get(e.step) ?? [])), { startedAt: e.at }]);
        break;
      case 'StepSucceeded':
      case 'StepFailed':
      case 'StepRetryScheduled': {
        const last = attempts.get(e.step)?.at(-1);
        if (!last || last.mock) break;
        const took = e.at - last.startedAt;
        const outcome: StepMock = e.type === 'StepSucceeded' ? { output: e.output } : { error: { name: e.error.name, message: e.error.message } };
        last.mock = { ...outcome, ...(took > 0 ? { duration: durationText(took) } : {}) };
        break;
      }
      case 'ApprovalRequested':
        requested.set(e.step, e.at);
        break;
      case 'ApprovalGiven': {
        const after = e.at - (requested.get(e.step) ?? e.at);
        (approvals[e.step] ??= []).push({ by: e.by, verdict: e.verdict, ...(after > 0 ? { after: durationText(after) } : {}), ...(e.comment ? { comment: e.comment } : {}) });
        break;
      }
      default:
        break;
    }
  }
  const mocks: Record<StepId, StepMock | StepMock[]> = {};
  for (const [id, list] of attempts) {
    const done = list.map((a) => a.mock).filter((m): m is StepMock => m !== undefined);
    if (done.length === 1) mocks[id] = done[0]!;
    else if (done.length > 1) mocks[id] = done;
  }
  return {
    name,
    description: `Saved from run ${state.id}${first.type === 'RunStarted' && first.mode === 'simulate' ? ' (a simulation)' : ''}`,
    ...(Object.keys(state.input).length ? { input: state.input } : {}),
    ...(Object.keys(mocks).length ? { mocks } : {}),
    ...(Object.keys(approvals).length ? { approvals } : {}),
    expect: {
      status,
      path: state.path,
      ...(status === 'failed' && state.error ? { error: { name: state.error.name } } : { error: null }),
    },
  };
}

/**
 * The text of scenario file `path` with `scenario` appended (comments and key order of an existing
 * file kept); a new file names the flow `flowFile`. Throws ScenarioFromRunError when a scenario of
 * that name exists or the file is not a scenarios file.
 */
export function withScenario(path: string, flowFile: string, scenario: Scenario): string {
  const plain = JSON.parse(JSON.stringify(scenario)) as JsonObject;
  if (!existsSync(path)) {
    return new Document({ flow: basename(flowFile), scenarios: [plain] }).toString({ lineWidth: 0 });
  }
  const doc = parseDocument(readFileSync(path, 'utf8'));
  if (doc.errors.length > 0 || !isMap(doc.contents)) throw new ScenarioFromRunError(`${path} is not a scenarios file that parses; fix it first`);
  let list = doc.get('scenarios', true);
  if (list === undefined || list === null) {
    list = new YAMLSeq();
    doc.set('scenarios', list);
  }
  if (!isSeq(list)) throw new ScenarioFromRunError(`${path}: scenarios must be a list`);
  const names = (doc.toJS() as { scenarios?: { name?: unknown }[] }).scenarios?.map((s) => s?.name) ?? [];
  if (names.includes(scenario.name)) throw new ScenarioFromRunError(`${path} already has a scenario named "${scenario.name}"; choose another name`);
  list.add(doc.createNode(plain));
  return doc.toString({ lineWidth: 0 });
}
