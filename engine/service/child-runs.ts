/**
 * Child runs over the store (engine/runtime/children.ts): map items and `call` tasks become runs
 * of their own in the same journal, linked to their parent by RunStarted.parent. The parent's
 * driver drives them on its own clock (a simulation's children share its virtual time).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { StepFailure } from '../executors/index.js';
import type { Flow } from '../model/flow.js';
import type { ChildRunSpec, ChildRuns } from '../runtime/children.js';
import type { RunDriver } from '../runtime/driver.js';
import type { RunEvent, RunId } from '../runtime/events.js';
import { SEMANTICS } from '../runtime/events.js';
import type { RunState } from '../runtime/state.js';
import type { Journal } from '../store/journal.js';
import type { SimulationHooks } from './run-service-options.js';
import { FlowInvalidError, loadValidFlow } from './flow-files.js';
import { InputError, prepareInput } from './inputs.js';

/** What the child runner needs from the RunService that owns it. */
export interface ChildRunHost {
  journal(): Journal;
  /** The driver of a stored run, built with the parent's clock and mocks when not held yet. */
  open(id: RunId, hooks: SimulationHooks): RunDriver;
  /** Forgets a finished child's driver. */
  release(id: RunId): void;
  /** Whether a called flow file may run for real (RunServiceOptions.trust); absent: always. */
  trust?(path: string, flow: Flow): { trusted: boolean; reason: string };
}

export class HostChildRuns implements ChildRuns {
  constructor(private readonly host: ChildRunHost) {}

  ensure(parent: RunState, spec: ChildRunSpec): void {
    const journal = this.host.journal();
    if (journal.run(spec.id)) return; // re-executed after a crash: the child exists already
    let input = spec.input;
    if (spec.flowText !== undefined) {
      try {
        input = prepareInput(spec.flow, spec.input);
      } catch (err) {
        if (err instanceof InputError) throw new StepFailure('CallError', `input for ${spec.flow.name}: ${err.message}`);
        throw err;
      }
    }
    const hash =
      spec.flowText !== undefined
        ? journal.publishFlow(spec.flow.name, spec.flowText, spec.at)
        : journal.run(parent.id)!.flowHash;
    const started: RunEvent = {
      type: 'RunStarted',
      at: spec.at,
      run: spec.id,
      flow: spec.flow.name,
      flowPath: spec.flowPath,
      input,
      vars: spec.vars,
      mode: parent.mode,
      semantics: SEMANTICS,
      workdir: parent.workdir,
      start: spec.flow.start,
      parent: { run: parent.id, step: spec.step, index: spec.index },
      startedBy: { kind: 'parent', run: parent.id, step: spec.step },
      ...(spec.subflow ? { subflow: spec.subflow } : {}),
      ...(spec.item !== undefined ? { item: spec.item, index: spec.index } : {}),
    };
    journal.createRun(started, hash);
  }

  async drive(id: RunId, p: Parameters<ChildRuns['drive']>[1]): Promise<RunState> {
    const driver = this.host.open(id, { clock: p.clock, ...(p.mockFor ? { mockFor: p.mockFor } : {}) });
    const cancel = () => driver.cancel(`parent step cancelled`);
    if (p.signal.aborted) cancel();
    p.signal.addEventListener('abort', cancel, { once: true });
    try {
      return await driver.drive({ stopWhenWaiting: false });
    } finally {
      p.signal.removeEventListener('abort', cancel);
      if (driver.state.status !== 'running' && driver.state.status !== 'paused') this.host.release(id);
    }
  }

  resolveCall(ref: string, caller: RunState): { flow: Flow; flowPath: string; flowText: string } {
    const dir = dirname(caller.flowPath);
    const candidates = /\.ya?ml$/i.test(ref) || ref.includes('/') ? [isAbsolute(ref) ? ref : resolve(dir, ref)] : [resolve(dir, `${ref}.yaml`), resolve(dir, `${ref}.yml`)];
    const path = candidates.find((c) => existsSync(c));
    if (!path) throw new StepFailure('CallError', `cannot find the called flow ${ref} (looked for ${candidates.join(', ')})`);
    let loaded: ReturnType<typeof loadValidFlow>;
    try {
      loaded = loadValidFlow(path);
    } catch (err) {
      const why = err instanceof FlowInvalidError ? `it is invalid:\n${err.message}` : (err as Error).message;
      throw new StepFailure('CallError', `cannot call ${path}: ${why}`);
    }
    // A trusted flow must not run an untrusted one for real through `call` (DESIGN.md "Security").
    const verdict = caller.mode === 'run' ? this.host.trust?.(path, loaded.flow) : undefined;
    if (verdict && !verdict.trusted) {
      throw new StepFailure('CallError', `cannot call ${path} for real: ${verdict.reason}; trust it first (flowsmith run ${path} --trust, or Trust this flow in the designer)`);
    }
    return { flow: loaded.flow, flowPath: path, flowText: loaded.text };
  }
}
