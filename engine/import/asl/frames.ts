/**
 * First pass of the import: one Frame per ASL state machine (the document, each Parallel branch,
 * each Map ItemProcessor/Iterator), with a step id for every state and the predecessors of each
 * state (Next, Default, Choice rules, Catchers; spec "Transitions"), before any state is converted,
 * so that converters can look ahead (a branch's output, a state's input).
 */
import type { Step, StepId } from '../../model/flow.js';
import { AslImportCode } from './codes.js';
import { isObject, type AslState, type Frame, type ImportContext, type Predecessor, type SourcePath } from './context.js';

/** Step id generated for the join of each Parallel state, by state name. */
export type Joins = Map<string, StepId>;

/** Options of a nested frame. */
interface FrameSetup {
  kind: Frame['kind'];
  machine: Record<string, unknown>;
  path: SourcePath;
  steps: Record<StepId, Step>;
  queryLanguage: Frame['queryLanguage'];
  entryInput: () => string;
  join?: StepId;
}

/**
 * Builds the frame of `machine` and, recursively, of its branches and map bodies. `entryOf`
 * gives a nested frame's entry input, once the data flow can compute it.
 */
export function buildFrame(ctx: ImportContext, setup: FrameSetup, entryOf: (owner: Frame, state: string, kind: 'branch' | 'map') => string): Frame {
  const rawStates = isObject(setup.machine['States']) ? setup.machine['States'] : {};
  const states: Record<string, AslState> = {};
  const frame: Frame = {
    kind: setup.kind,
    startAt: typeof setup.machine['StartAt'] === 'string' ? setup.machine['StartAt'] : '',
    states,
    statesPath: [...setup.path, 'States'],
    steps: setup.steps,
    queryLanguage: setup.queryLanguage,
    entryInput: setup.entryInput,
    preds: new Map(),
    ids: new Map(),
    children: new Map(),
    ...(setup.join !== undefined ? { join: setup.join } : {}),
  };
  for (const [name, state] of Object.entries(rawStates)) {
    const path = [...frame.statesPath, name];
    if (!isObject(state) || typeof state['Type'] !== 'string') {
      ctx.report(AslImportCode.unknown, undefined, `"${name}" in States is not a state (no Type); left out`, { at: path });
      continue;
    }
    states[name] = state;
    // A Succeed ends a branch; natively the branch must reach its join, so it leads there instead.
    if (state['Type'] === 'Succeed' && frame.join !== undefined) frame.ids.set(name, frame.join);
    else frame.ids.set(name, ctx.newId(name, path));
  }
  for (const [name, state] of Object.entries(states)) {
    for (const pred of transitionsOf(name, state)) {
      const list = frame.preds.get(pred.to) ?? [];
      list.push(pred.pred);
      frame.preds.set(pred.to, list);
    }
    if (state['Type'] === 'Parallel') frame.children.set(name, branchFrames(ctx, frame, name, state, entryOf));
    if (state['Type'] === 'Map') {
      const body = mapBodyFrame(ctx, frame, name, state, entryOf);
      if (body) frame.children.set(name, [body]);
    }
  }
  return frame;
}

/** The states a state leads to, each with how (Next and Choice rules, or a Catcher). */
export function transitionsOf(name: string, state: AslState): { to: string; pred: Predecessor }[] {
  const out: { to: string; pred: Predecessor }[] = [];
  const next = (to: unknown) => {
    if (typeof to === 'string') out.push({ to, pred: { from: name, via: 'next' } });
  };
  next(state['Next']);
  next(state['Default']);
  if (Array.isArray(state['Choices'])) for (const rule of state['Choices']) if (isObject(rule)) next(rule['Next']);
  if (Array.isArray(state['Catch'])) {
    for (const catcher of state['Catch']) {
      if (isObject(catcher) && typeof catcher['Next'] === 'string') out.push({ to: catcher['Next'], pred: { from: name, via: 'catch', catcher } });
    }
  }
  return out;
}

function branchFrames(ctx: ImportContext, owner: Frame, name: string, state: AslState, entryOf: Parameters<typeof buildFrame>[2]): Frame[] {
  const join = ctx.newId(`${owner.ids.get(name) ?? name}-join`);
  ctx.joins.set(`${owner.statesPath.join('/')}\u0000${name}`, join);
  const branches = Array.isArray(state['Branches']) ? state['Branches'] : [];
  return branches.map((branch: unknown, i) =>
    buildFrame(
      ctx,
      {
        kind: 'branch',
        machine: isObject(branch) ? branch : {},
        path: [...owner.statesPath, name, 'Branches', i],
        steps: owner.steps,
        queryLanguage: languageOf(branch, state, owner),
        entryInput: () => entryOf(owner, name, 'branch'),
        join,
      },
      entryOf,
    ),
  );
}

function mapBodyFrame(ctx: ImportContext, owner: Frame, name: string, state: AslState, entryOf: Parameters<typeof buildFrame>[2]): Frame | undefined {
  const key = isObject(state['ItemProcessor']) ? 'ItemProcessor' : isObject(state['Iterator']) ? 'Iterator' : undefined;
  if (!key) {
    ctx.reportState(owner, name, AslImportCode.unknown, 'warning', 'Map has no ItemProcessor or Iterator; its body is empty');
    return undefined;
  }
  const machine = state[key] as Record<string, unknown>;
  return buildFrame(
    ctx,
    {
      kind: 'map',
      machine,
      path: [...owner.statesPath, name, key],
      steps: {},
      queryLanguage: languageOf(machine, state, owner),
      entryInput: () => entryOf(owner, name, 'map'),
    },
    entryOf,
  );
}

/** A nested machine's default query language: its own, else its owner state's, else the enclosing one. */
function languageOf(machine: unknown, owner: AslState, frame: Frame): Frame['queryLanguage'] {
  const own = isObject(machine) ? machine['QueryLanguage'] : undefined;
  const value = own ?? owner['QueryLanguage'] ?? frame.queryLanguage;
  return value === 'JSONata' ? 'JSONata' : 'JSONPath';
}
