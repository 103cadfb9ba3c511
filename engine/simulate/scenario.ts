/**
 * The scenario vocabulary (DESIGN.md "Simulation and debugging"): a flow `X.yaml` keeps its
 * scenarios in `X.scenarios.yaml` beside it. Each scenario gives the run input, mocked step results
 * per attempt, the approvals people give and when (virtual time), and what the run must end with.
 * The format is published as resources/schema/scenario.schema.json; engine/simulate/README.md explains it.
 */
import type { Finding } from '../model/finding.js';
import type { DurationText, Json, JsonObject, StepId, StepMock } from '../model/flow.js';
import type { SourcePosition } from '../yaml/load.js';

/** One person's answer to an approval step, given `after` (virtual time) from when it was requested. */
export interface ApprovalAnswer {
  by: string;
  verdict: 'approve' | 'reject';
  /** Default 0: the answer comes the moment the approval is requested. */
  after?: DurationText;
  comment?: string;
}

/**
 * The answer to a task's callback token in a scenario, given `after` (virtual time) the step began
 * to wait, each time it waits: `output`, or `error` (retry and catch apply).
 */
export interface CallbackMock {
  output?: Json;
  error?: { name: string; message?: string };
  /** Default 0: the answer comes the moment the step waits. */
  after?: DurationText;
}

/** Expected fields of one step in the run record; only the fields given are compared. */
export interface StepExpectation {
  status?: string;
  /** Mappings match as a subset (keys not listed are ignored); lists and values match exactly. */
  output?: Json;
  attempts?: number;
  error?: { name: string; message?: string } | null;
}

/** What the run must end with; only the fields given are checked. */
export interface Expectation {
  status: 'succeeded' | 'failed' | 'cancelled' | 'waiting';
  /** Step ids in the order they started: exactly this list. */
  path?: StepId[];
  /** Each of these steps started at least once (in any order). */
  pathIncludes?: StepId[];
  /** None of these steps started. */
  pathExcludes?: StepId[];
  /** Run variables at the end, as a subset. */
  vars?: JsonObject;
  steps?: Record<StepId, StepExpectation>;
  /** The run's error (`null`: none); `message`, when given, must occur in the actual message. */
  error?: { name: string; message?: string } | null;
  /** Virtual time from start to end, exactly (e.g. `2h` for an approval that timed out). */
  duration?: DurationText;
}

/** A scenario as written in the file. */
export interface Scenario {
  name: string;
  description?: string;
  /** Name of another scenario in the same file whose input, mocks and approvals this one starts from. */
  extend?: string;
  input?: JsonObject;
  /** Per step id: one mock for every attempt, or a list for attempts 1, 2, … (the last repeats). */
  mocks?: Record<StepId, StepMock | StepMock[]>;
  /** Per approval step id: the answers given each time that step asks. */
  approvals?: Record<StepId, ApprovalAnswer[]>;
  /** Per task step with `callback`: the answer to its token (a callback not listed times out). */
  callbacks?: Record<StepId, CallbackMock>;
  expect: Expectation;
}

/** A scenario with `extend` applied: what the runner uses. `index` is its place in the file. */
export interface ResolvedScenario extends Omit<Scenario, 'extend'> {
  index: number;
  /** The scenario as written, before `extend`: checks point at what the user wrote, once. */
  source: Scenario;
  input: JsonObject;
  mocks: Record<StepId, StepMock | StepMock[]>;
  approvals: Record<StepId, ApprovalAnswer[]>;
}

/** A loaded scenario file: its scenarios when it is valid, and every problem found, with line:col. */
export interface ScenarioFile {
  /** Absolute path of the scenario file. */
  path: string;
  /** Absolute path of the flow the scenarios are for (`flow:` in the file, else X.yaml beside X.scenarios.yaml). */
  flowPath: string;
  scenarios: ResolvedScenario[];
  /** Errors make the file invalid (the CLI exits 2); nothing runs from an invalid file. */
  findings: Finding[];
  /** 1-based position of the node at `path` in the file (see engine/yaml/load.ts). */
  locate(path: readonly (string | number)[]): SourcePosition | undefined;
}

/**
 * Finding codes for scenario files. They extend engine/model/codes.ts's list (FS0xx are flow
 * problems) in their own range so the two cannot collide; parse problems keep FS001–FS006.
 */
export const ScenarioCode = {
  /** The file does not match resources/schema/scenario.schema.json, or a duration is not one. */
  schema: 'FS101',
  /** A mock, approval or expectation names a step the flow does not have (or of the wrong type). */
  unknownStep: 'FS102',
  /** An approval answer comes from someone who is not one of the step's approvers. */
  notApprover: 'FS103',
  /** The scenario's input does not match the flow's `inputs` schema. */
  badInput: 'FS104',
  /** `extend` names no scenario of the file, or scenarios extend each other in a circle. */
  badExtend: 'FS105',
  /** Two scenarios share a name. */
  duplicateName: 'FS106',
  /** The flow the scenarios are for cannot be found or read. */
  flowMissing: 'FS107',
} as const;
