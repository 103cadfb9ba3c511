/**
 * Splits a block-structured native flow into the nested state machines of ASL (issue #4): the top
 * machine, one per parallel branch (the steps between the parallel and its join, DESIGN.md
 * "Flows are block-structured") and one per map body (ASL ItemProcessor).
 * ASL states may only transition inside their own machine (https://states-language.net/spec.html,
 * "Parallel State": "states … in a branch … MUST NOT have a transition to a state outside it"), so a
 * step that a branch leads to but that already belongs to an enclosing machine stays there; the
 * builder reaches it through an error the Parallel catches (see machine.ts).
 */
import type { MapStep, ParallelStep, Step, StepId } from '../../model/flow.js';
import { successors } from '../../model/flow.js';

/** Who owns a nested machine: branch `branch` of a parallel, or the body of a map. */
export type MachineOwner = { kind: 'parallel'; step: StepId; branch: number } | { kind: 'map'; step: StepId };

/** One ASL state machine to build: its entry, its steps and where it sits. */
export interface MachinePlan {
  /** Unique key: `root`, `<parallel>#<branch>` or `<map>`. */
  key: string;
  entry: StepId;
  /** The join that ends a parallel branch: reaching it ends the branch (End: true). */
  stopAt?: StepId;
  /** The steps map the ids refer to (the flow's, or the map step's body). */
  scope: Record<StepId, Step>;
  parent?: MachinePlan;
  owner?: MachineOwner;
  /** Steps whose states live in this machine, in the order they were reached. */
  members: StepId[];
  /** How many map steps enclose this machine (0 at the top). */
  mapDepth: number;
}

/** All machines of a flow, with lookups the builder and the expression translator need. */
export interface ExportPlan {
  root: MachinePlan;
  /** Branch machines of each parallel step, body machine of each map step (one entry). */
  children: Map<StepId, MachinePlan[]>;
  /** The first machine that holds each step (its "home"; later machines hold copies). */
  home: Map<StepId, MachinePlan>;
}

/** Plans the machines of a flow whose top level starts at `start` over `steps`. Pure; never throws. */
export function planMachines(start: StepId, steps: Record<StepId, Step>): ExportPlan {
  const plan: ExportPlan = {
    root: { key: 'root', entry: start, scope: steps, members: [], mapDepth: 0 },
    children: new Map(),
    home: new Map(),
  };
  const pending: MachinePlan[] = [plan.root];
  // Breadth first: a machine's members are complete before its branches are walked, so a branch
  // can tell which steps already belong to an enclosing machine.
  while (pending.length > 0) {
    const machine = pending.shift()!;
    for (const id of walkMembers(machine)) {
      if (!plan.home.has(id)) plan.home.set(id, machine);
      const step = machine.scope[id];
      if (step?.type === 'parallel') pending.push(...branchMachines(plan, machine, id, step));
      if (step?.type === 'map') pending.push(bodyMachine(plan, machine, id, step));
    }
  }
  return plan;
}

/** True when `id` is a member of a machine that encloses `machine` in the same steps map. */
export function ownedAbove(machine: MachinePlan, id: StepId): boolean {
  for (let m = machine.parent; m && m.scope === machine.scope; m = m.parent) {
    if (m.members.includes(id)) return true;
  }
  return false;
}

/** True when `outer` is `inner` or encloses it (so `inner`'s states can read `outer`'s variables). */
export function encloses(outer: MachinePlan, inner: MachinePlan): boolean {
  for (let m: MachinePlan | undefined = inner; m; m = m.parent) if (m === outer) return true;
  return false;
}

/** The map step whose body `machine` is in (nearest first), with the machine of that body. */
export function enclosingMaps(machine: MachinePlan): { step: StepId; body: MachinePlan }[] {
  const out: { step: StepId; body: MachinePlan }[] = [];
  for (let m: MachinePlan | undefined = machine; m; m = m.parent) {
    if (m.owner?.kind === 'map') out.push({ step: m.owner.step, body: m });
  }
  return out;
}

function walkMembers(machine: MachinePlan): StepId[] {
  const queue = [machine.entry];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (id === machine.stopAt || machine.members.includes(id) || ownedAbove(machine, id)) continue;
    const step = machine.scope[id];
    if (!step) continue;
    machine.members.push(id);
    queue.push(...exitsOf(step, machine.scope));
  }
  return machine.members;
}

/** Where the path goes on after a step, seen from its own machine: a parallel continues after its join. */
function exitsOf(step: Step, scope: Record<StepId, Step>): StepId[] {
  if (step.type !== 'parallel') return successors(step);
  const join = scope[step.join];
  const own = (step.catch ?? []).map((c) => c.next);
  return [...own, ...(join ? successors(join) : [])];
}

function branchMachines(plan: ExportPlan, parent: MachinePlan, id: StepId, step: ParallelStep): MachinePlan[] {
  const machines = step.branches.map(
    (entry, branch): MachinePlan => ({
      key: `${id}#${branch}`,
      entry,
      stopAt: step.join,
      scope: parent.scope,
      parent,
      owner: { kind: 'parallel', step: id, branch },
      members: [],
      mapDepth: parent.mapDepth,
    }),
  );
  plan.children.set(id, machines);
  return machines;
}

function bodyMachine(plan: ExportPlan, parent: MachinePlan, id: StepId, step: MapStep): MachinePlan {
  const machine: MachinePlan = {
    key: id,
    entry: step.start,
    scope: step.steps,
    parent,
    owner: { kind: 'map', step: id },
    members: [],
    mapDepth: parent.mapDepth + 1,
  };
  plan.children.set(id, [machine]);
  return machine;
}
