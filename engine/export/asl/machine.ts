/**
 * Builds one ASL state machine (`{StartAt, States}`) from a MachinePlan: the top level, a Parallel
 * branch or a Map ItemProcessor (https://states-language.net/spec.html "Top-level fields",
 * "Parallel State", "Map State"). Native step ids are the state names; states the export adds have
 * names with spaces or parentheses, which step ids cannot contain, so they never clash.
 */
import type { StepId } from '../../model/flow.js';
import { AslExportCode } from './codes.js';
import type { AslState, ExportContext } from './context.js';
import type { MachinePlan } from './plan.js';
import { convertStep, type Builder } from './steps.js';

/** An ASL (sub)state machine as plain JSON. */
export interface AslMachine {
  StartAt: string;
  States: Record<string, AslState>;
}

/** Prefix of the error a branch raises to leave its Parallel for a step outside it (machine.ts `target`). */
export const GOTO_ERROR_PREFIX = 'Flowsmith.Goto.';

/** One machine under construction. */
export class MachineBuilder implements Builder {
  readonly states: Record<string, AslState> = {};
  /** Steps outside this branch that it leads to: target id → error name its Parallel must catch. */
  readonly escapes = new Map<StepId, string>();
  private readonly names = new Map<StepId, string>();
  private branchEnd: string | undefined;

  constructor(
    readonly plan: MachinePlan,
    readonly ctx: ExportContext,
  ) {
    for (const id of plan.members) {
      const isCopy = ctx.plan.home.get(id) !== plan;
      this.names.set(id, ctx.stateName(isCopy ? `${id} (copy)` : id, id));
      if (isCopy) {
        ctx.report(AslExportCode.copiedStep, id, `step is reached from several branches of a parallel; ASL branches cannot share states, so it is copied into each (as "${this.names.get(id)}")`);
      }
    }
  }

  /** Converts every member step and returns the machine. */
  build(): AslMachine {
    for (const id of this.plan.members) {
      const step = this.plan.scope[id];
      if (!step) continue;
      const state = convertStep(id, step, this);
      this.states[this.names.get(id)!] = state;
      this.ctx.addStateOf(id, state);
    }
    const startAt = this.plan.entry === this.plan.stopAt ? this.emptyBranch() : this.target(this.plan.entry);
    return { StartAt: startAt, States: this.states };
  }

  /** `Next` for a step's own `next`, or `End: true` where the path ends (no next, or the branch's join). */
  transition(to: StepId | undefined): { Next: string } | { End: true } {
    if (to === undefined || to === this.plan.stopAt) return { End: true };
    return { Next: this.target(to) };
  }

  /**
   * The state to go to for `to` from a Choice rule, a Default or a Catcher: its own state; a Pass
   * that ends the branch when `to` is the join; or, when `to` belongs to an enclosing machine, a Fail
   * with error `Flowsmith.Goto.<to>` that the Parallel catches and routes to `to`.
   */
  target(to: StepId): string {
    const own = this.names.get(to);
    if (own !== undefined) return own;
    if (to === this.plan.stopAt) {
      this.branchEnd ??= this.addHelper(`${to} (end of branch ${this.plan.entry})`, { Type: 'Pass', End: true });
      return this.branchEnd;
    }
    const owner = this.plan.owner;
    if (owner?.kind !== 'parallel') return to; // unknown id: validate/ reports it before export
    const error = `${GOTO_ERROR_PREFIX}${to}`;
    const name = this.addHelper(`${to} (leave ${owner.step})`, {
      Type: 'Fail',
      Error: error,
      Cause: `leaves parallel ${owner.step} for ${to}`,
    });
    this.names.set(to, name);
    this.escapes.set(to, error);
    this.ctx.report(
      AslExportCode.leavesParallel,
      owner.step,
      `a step in branch "${this.plan.entry}" of parallel "${owner.step}" leads to "${to}" outside it; ASL branches cannot leave their Parallel, so the branch fails with ${error}, the Parallel catches it and goes to "${to}" (the other branches are stopped)`,
    );
    return name;
  }

  /** Builds a nested machine (a branch or a map body) with the same context. */
  buildChild(plan: MachinePlan): { machine: AslMachine; escapes: Map<StepId, string> } {
    const child = new MachineBuilder(plan, this.ctx);
    return { machine: child.build(), escapes: child.escapes };
  }

  /** Adds a state the export needs (not a native step) under a unique name; returns the name. */
  addHelper(preferred: string, state: AslState): string {
    const name = this.ctx.stateName(preferred);
    this.states[name] = state;
    return name;
  }

  private emptyBranch(): string {
    return this.addHelper(`${this.plan.entry} (empty branch)`, { Type: 'Pass', End: true });
  }
}
