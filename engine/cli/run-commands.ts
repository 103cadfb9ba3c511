/**
 * `run`, `approve`, `reject`, `runs` and `show` (DESIGN.md "Interfaces").
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadValidFlow } from '../service/run-service.js';
import { trustFlowFile } from '../service/trust.js';
import { toRunRecord } from '../runtime/record.js';
import { defaultIdentity, openService, parseInput } from './context.js';
import { finish } from './finish.js';
import { UsageError } from './errors.js';
import { RunRequestError } from '../runtime/driver.js';
import { parseBreakpoints } from './debug-commands.js';
import { formatRun } from './format.js';
import { registerRuns } from './runs-command.js';
import { simulateScenario } from './test-command.js';

type Global = { db?: string };


/** Registers the run commands on `program`; each action sets process.exitCode. */
export function registerRunCommands(program: Command, global: () => Global): void {
  program
    .command('run <file>')
    .description('start a run and drive it until it ends or waits for an approval (exit 3)')
    .option('--input <json>', 'run input: a JSON object or @file.json')
    .option('--auto-approve [user]', 'approve every approval as USER (default: its first approver)')
    .option('--break <steps...>', 'pause before these steps (comma-separated or repeated); a paused run exits 3')
    .option('--json', 'print the run record as JSON')
    .option('--trust', 'trust this flow (recorded in the store) and run it: imported flows and flows outside the workspace need it once')
    .option('--workspace <dir>', 'the workspace folder; flows outside it need --trust (default: $FLOWSMITH_WORKSPACE, else none)')
    .action(async (file: string, o: { input?: string; autoApprove?: string | true; break?: string[]; json?: boolean; trust?: boolean; workspace?: string }) => {
      const service = openService(global().db, !o.json, o.workspace);
      if (o.trust) {
        // Trust only what can run: an invalid flow is refused (exit 1) before anything is recorded.
        loadValidFlow(resolve(file));
        trustFlowFile(file, defaultIdentity(), Date.now(), { journal: service.journal });
      }
      const breakpoints = parseBreakpoints(o.break);
      const driver = service.startRun({ path: file, input: parseInput(o.input), ...(breakpoints ? { breakpoints } : {}) });
      const state = await service.drive(driver, { stopWhenWaiting: true, autoApprove: o.autoApprove });
      process.exitCode = finish(state, o.json === true, service.journal.run(driver.id)?.version ?? null);
    });

  program
    .command('simulate <file>')
    .description('run the flow on a virtual clock with mocked steps (per-step mock); never runs shell or http')
    .option('--input <json>', 'run input: a JSON object or @file.json')
    .option('--scenario <file#name>', "simulate a scenario (its input, mocks per attempt, approvals): FILE#name, FILE, or #name in the flow's X.scenarios.yaml")
    .option('--break <steps...>', 'pause before these steps (comma-separated or repeated); a paused run exits 3')
    .option('--json', 'print the run record as JSON (times are virtual)')
    .action(async (file: string, o: { input?: string; scenario?: string; break?: string[]; json?: boolean }) => {
      if (o.scenario !== undefined) {
        process.exitCode = await simulateScenario(file, o.scenario, { input: parseInput(o.input), json: o.json === true, db: global().db });
        return;
      }
      const service = openService(global().db, !o.json);
      const breakpoints = parseBreakpoints(o.break);
      const driver = service.startRun({ path: file, input: parseInput(o.input), mode: 'simulate', ...(breakpoints ? { breakpoints } : {}) });
      // Unanswered approvals wait until their deadline in virtual time, as if nobody answered.
      const state = await service.drive(driver, { stopWhenWaiting: false });
      process.exitCode = finish(state, o.json === true, service.journal.run(driver.id)?.version ?? null);
    });

  for (const verdict of ['approve', 'reject'] as const) {
    program
      .command(`${verdict} <run> <step>`)
      .description(`${verdict} a waiting approval, then drive the run onward like run`)
      .option('--as <user>', 'who decides (must be a listed approver); default: your user name')
      .option('--comment <text>', 'a comment kept with the decision')
      .option('--json', 'print the run record as JSON')
      .action(async (run: string, step: string, o: { as?: string; comment?: string; json?: boolean }) => {
        const service = openService(global().db, !o.json);
        const driver = service.answerApproval({ run, step, verdict, as: o.as ?? defaultIdentity(), comment: o.comment });
        const state = await service.drive(driver, { stopWhenWaiting: true });
        process.exitCode = finish(state, o.json === true);
      });
  }

  program
    .command('extend <run> <step>')
    .description("move a waiting approval's deadline later (audited), then drive the run onward like run")
    .requiredOption('--by <duration>', 'how much later: 30m, 2h, PT1H (added to the current deadline, or to now)')
    .option('--as <user>', 'who extends (must be a listed approver); default: your user name')
    .option('--comment <text>', 'why, kept with the extension')
    .option('--json', 'print the run record as JSON')
    .action(async (run: string, step: string, o: { by: string; as?: string; comment?: string; json?: boolean }) => {
      const service = openService(global().db, !o.json);
      let extended;
      try {
        extended = service.extendApproval({ run, step, by: o.by, as: o.as ?? defaultIdentity(), comment: o.comment });
      } catch (err) {
        if (err instanceof Error && /duration/i.test(err.message) && !(err instanceof RunRequestError)) throw new UsageError(err.message);
        throw err;
      }
      const state = await service.drive(extended.driver, { stopWhenWaiting: true });
      process.exitCode = finish(state, o.json === true);
    });

  const onward = [
    ['resume', 'drive an interrupted run onward (after a crash or kill); started steps run again'],
    ['cancel', 'cancel a run: compensations of completed steps run in reverse order'],
  ] as const;
  for (const [name, description] of onward) {
    program
      .command(`${name} <run>`)
      .description(description)
      .option('--json', 'print the run record as JSON')
      .action(async (run: string, o: { json?: boolean }) => {
        const service = openService(global().db, !o.json);
        // A cancel reaches the process that drives the run (its lease), which stops its steps.
        const driver = name === 'cancel' ? service.request(run, { kind: 'cancel', reason: 'cancelled by user' }) : service.open(run);
        const state = await service.drive(driver, { stopWhenWaiting: true });
        process.exitCode = finish(state, o.json === true);
      });
  }

  registerRuns(program, global);

  program
    .command('show <run>')
    .description("show a run's record")
    .option('--json', 'print the run record as JSON')
    .action((run: string, o: { json?: boolean }) => {
      const service = openService(global().db, false, undefined, { readonly: true });
      // The published version it ran (issue #12), null when its text was none.
      const record = { ...toRunRecord(service.state(run)), version: service.journal.run(run)?.version ?? null };
      process.stdout.write(o.json ? `${JSON.stringify(record)}\n` : `${formatRun(record)}\n`);
    });
}
