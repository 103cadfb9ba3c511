/**
 * Debugging from the CLI (issue #3 item 7; DESIGN.md "Simulation and debugging"): `continue`,
 * `skip`, `retry`, `set-vars` and `run-from`. `run`/`simulate --break STEPS` start a run with
 * breakpoints; a run paused at one exits 3, like one waiting for a person. Each command records
 * its request in the run's journal (or hands it to the process that drives the run), then drives
 * or follows the run on until it ends, pauses or waits.
 */
import type { Command } from 'commander';
import type { Json, JsonObject } from '../model/flow.js';
import type { DebugRequest, PersonRequest } from '../runtime/transition.js';
import type { RunDriver } from '../runtime/driver.js';
import type { RunService } from '../service/run-service.js';
import { defaultIdentity, openService } from './context.js';
import { UsageError } from './errors.js';
import { finish } from './finish.js';

type Global = { db?: string };

/** A debugging request as transition input (service.request hands it to the run's owner when another process drives it). */
const debug = (request: DebugRequest): PersonRequest => ({ kind: 'debug', request });

/** Parses `--break a,b c` into step ids. */
export function parseBreakpoints(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const steps = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  return steps.length ? steps : undefined;
}

/** Parses `name=value` pairs; a value that is valid JSON is used as JSON, else as a string. Throws UsageError. */
export function parseAssignments(pairs: string[]): JsonObject {
  const vars: JsonObject = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`expected name=value, got "${pair}" (e.g. retries=3 or region=eu-west-1)`);
    const raw = pair.slice(eq + 1);
    let value: Json;
    try {
      value = JSON.parse(raw) as Json;
    } catch {
      value = raw;
    }
    vars[pair.slice(0, eq)] = value;
  }
  return vars;
}

/** Registers the debugging commands on `program`; each action sets process.exitCode. */
export function registerDebugCommands(program: Command, global: () => Global): void {
  const onward = async (service: RunService, driver: RunDriver, json: boolean) => {
    const state = await service.drive(driver, { stopWhenWaiting: true });
    process.exitCode = finish(state, json, service.journal.run(driver.id)?.version ?? null);
  };

  program
    .command('continue <run>')
    .description('continue a paused run (at a breakpoint or after pause); --step pauses again before the next step')
    .option('--step', 'run one step, then pause')
    .option('--json', 'print the run record as JSON')
    .action(async (run: string, o: { step?: boolean; json?: boolean }) => {
      const service = openService(global().db, !o.json);
      const driver = service.request(run, debug({ kind: 'continue', stepping: o.step === true, by: defaultIdentity() }));
      await onward(service, driver, o.json === true);
    });

  program
    .command('skip <run> <step>')
    .description('skip a step the run is paused before (or one running or waiting); the path goes on to its next')
    .option('--json', 'print the run record as JSON')
    .action(async (run: string, step: string, o: { json?: boolean }) => {
      const service = openService(global().db, !o.json);
      const driver = service.request(run, debug({ kind: 'skip', step }));
      if (driver.state.status === 'paused') service.request(run, debug({ kind: 'continue', stepping: false, by: defaultIdentity() }));
      await onward(service, driver, o.json === true);
    });

  program
    .command('retry <run> <step>')
    .description('run a failed step again; a failed run goes on from it')
    .option('--json', 'print the run record as JSON')
    .action(async (run: string, step: string, o: { json?: boolean }) => {
      const service = openService(global().db, !o.json);
      const driver = service.request(run, debug({ kind: 'retry', step, by: defaultIdentity() }));
      if (driver.state.status === 'paused') service.request(run, debug({ kind: 'continue', stepping: false, by: defaultIdentity() }));
      await onward(service, driver, o.json === true);
    });

  program
    .command('set-vars <run> <assignments...>')
    .description('change variables of a paused run: name=value (JSON or text); the run stays paused')
    .option('--json', 'print the run record as JSON')
    .action((run: string, assignments: string[], o: { json?: boolean }) => {
      const service = openService(global().db, false);
      const driver = service.request(run, debug({ kind: 'editVars', vars: parseAssignments(assignments), by: defaultIdentity() }));
      process.exitCode = finish(driver.state, o.json === true, service.journal.run(run)?.version ?? null);
    });

  program
    .command('run-from <run> <step>')
    .description("start a new run at STEP with an earlier run's input, vars and step outputs")
    .option('--simulate', 'as a simulation (virtual clock, mocked steps)')
    .option('--break <steps...>', 'pause before these steps (comma-separated or repeated)')
    .option('--json', 'print the run record as JSON')
    .action(async (run: string, step: string, o: { simulate?: boolean; break?: string[]; json?: boolean }) => {
      const service = openService(global().db, !o.json);
      const breakpoints = parseBreakpoints(o.break);
      const driver = service.startRun({ from: { run, step }, mode: o.simulate ? 'simulate' : 'run', ...(breakpoints ? { breakpoints } : {}) });
      await onward(service, driver, o.json === true);
    });
}
