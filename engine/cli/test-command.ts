/**
 * `flowsmith test FILE… [--json]` (run every scenario of each flow's X.scenarios.yaml and check its
 * expectations) and the `--scenario` form of `flowsmith simulate` (DESIGN.md "Simulation and
 * debugging", "Interfaces"). Exit codes for test: 0 all passed, 1 a scenario failed or a flow is
 * invalid, 2 bad usage or an unreadable or invalid scenario file.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Finding } from '../model/finding.js';
import { formatFinding } from '../model/finding.js';
import type { JsonObject } from '../model/flow.js';
import { FlowInvalidError } from '../service/run-service.js';
import { openJournal } from '../store/journal.js';
import { compareExpectation } from '../simulate/expect.js';
import { formatOutcome, formatSummary } from '../simulate/report.js';
import { runScenario } from '../simulate/runner.js';
import { scenarioPathFor } from '../simulate/scenario-file.js';
import { prepareScenarioFile, runScenarioFile, targetsOf, type FileReport } from '../simulate/suite.js';
import { openService } from './context.js';
import { ExitCode, UsageError, exitCodeOf } from './errors.js';
import { formatRun } from './format.js';

const shown = (path: string) => relative(process.cwd(), path) || path;
const line = (text: string) => process.stdout.write(`${text}\n`);
const located = (findings: Finding[]) => findings.map((f) => formatFinding(f.file ? { ...f, file: shown(f.file) } : f));

/** Registers `test` on `program`; its action sets process.exitCode. */
export function registerTest(program: Command): void {
  program
    .command('test <files...>')
    .description("run each flow's scenarios (X.scenarios.yaml beside X.yaml) in simulation and check their expectations")
    .option('--json', 'print the results as JSON')
    .action(async (files: string[], o: { json?: boolean }) => {
      // An in-memory store: tests are repeatable and never fill the user's run history.
      const journal = openJournal(':memory:');
      const reports: FileReport[] = [];
      const withoutScenarios: string[] = [];
      let exit: number = ExitCode.ok;
      const missing = files.find((f) => !existsSync(f));
      if (missing !== undefined) throw new UsageError(`cannot read ${missing}: no such file; pass flow files (X.yaml) or scenario files (X.scenarios.yaml)`);
      for (const target of targetsOf(files)) {
        if (target.kind === 'noScenarios') {
          withoutScenarios.push(target.flowPath);
          if (!o.json) line(`${shown(target.flowPath)}: no scenarios (write ${shown(scenarioPathFor(target.flowPath))} beside it)`);
          continue;
        }
        if (!o.json) line(shown(target.scenarioPath));
        const report = await runScenarioFile(target.scenarioPath, journal, (r) => o.json || line(formatOutcome(r)));
        reports.push(report);
        if (!o.json) for (const text of located([...report.flowFindings, ...report.findings])) line(`  ${text}`);
        if (report.findings.length > 0) exit = ExitCode.usage;
        else if (exit === ExitCode.ok && (report.flowFindings.length > 0 || report.results.some((r) => !r.passed))) exit = ExitCode.failed;
      }
      const results = reports.flatMap((r) => r.results);
      const passed = results.filter((r) => r.passed).length;
      if (o.json) {
        line(JSON.stringify({ files: reports, withoutScenarios, passed, failed: results.length - passed }));
      } else {
        const invalidFiles = reports.filter((r) => r.findings.length > 0 || r.flowFindings.length > 0).length;
        line(formatSummary({ passed, failed: results.length - passed, invalidFiles, withoutScenarios: withoutScenarios.length }));
      }
      if (results.length === 0 && exit === ExitCode.ok) {
        throw new UsageError('no scenarios to run; write X.scenarios.yaml beside the flow X.yaml (see engine/simulate/README.md)');
      }
      process.exitCode = exit;
    });
}

/**
 * `simulate FLOW --scenario SPEC`: SPEC is `FILE#name`, `FILE` (holding one scenario) or `#name`
 * (in FLOW's X.scenarios.yaml). Runs it like `simulate` does, in the user's store, with the
 * virtual clock starting now; `input` overrides the scenario's input fields. Prints the run record
 * (text or `--json`), in text also whether the expectations hold, and returns the run's exit code
 * (0, 1, or 3 when it waits). Throws UsageError for a bad SPEC or scenario file, FlowInvalidError.
 */
export async function simulateScenario(flowFile: string, spec: string, o: { input: JsonObject; json: boolean; db?: string }): Promise<number> {
  const hash = spec.lastIndexOf('#');
  const filePart = hash === -1 ? spec : spec.slice(0, hash);
  const name = hash === -1 ? undefined : spec.slice(hash + 1);
  const scenarioPath = filePart === '' ? scenarioPathFor(flowFile) : resolve(filePart);
  const { file, flow, flowFindings } = prepareScenarioFile(scenarioPath, flowFile);
  if (flowFindings.length > 0) throw new FlowInvalidError(flowFindings);
  if (file.findings.length > 0 || !flow) throw new UsageError(`${shown(scenarioPath)} is not a valid scenario file:\n${located(file.findings).join('\n')}`);
  const names = file.scenarios.map((s) => s.name);
  const scenario = name === undefined && file.scenarios.length === 1 ? file.scenarios[0] : file.scenarios.find((s) => s.name === name);
  if (!scenario) {
    const what = name === undefined ? `${shown(scenarioPath)} has ${names.length} scenarios; pick one with FILE#name` : `no scenario "${name}" in ${shown(scenarioPath)}`;
    throw new UsageError(`${what}; scenarios: ${names.join(', ')}`);
  }
  const journal = openService(o.db, false).journal;
  const run = await runScenario(file.flowPath, scenario, { journal, input: o.input, startAt: Date.now() });
  if (o.json) line(JSON.stringify(run.record));
  else {
    line(formatRun(run.record));
    const mismatches = compareExpectation(scenario.expect, run.record);
    line(formatOutcome({ name: `expectations of "${scenario.name}"`, passed: mismatches.length === 0, mismatches, notes: run.notes }, ''));
  }
  return exitCodeOf(run.record.status);
}
