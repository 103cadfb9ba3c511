/**
 * `flowsmith test` without the printing: turns the files given (flows or scenario files) into
 * scenario files to run, checks each against its flow, runs its scenarios one after another and
 * compares their expectations. Nothing here writes to the user's store: the caller passes the
 * journal (the CLI uses an in-memory one).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../model/finding.js';
import type { Flow } from '../model/flow.js';
import { FlowInvalidError, loadValidFlow } from '../service/run-service.js';
import type { RunRecord } from '../runtime/record.js';
import type { Journal } from '../store/journal.js';
import { compareExpectation } from './expect.js';
import type { ScenarioOutcome } from './report.js';
import { runScenario } from './runner.js';
import { checkAgainstFlow } from './scenario-check.js';
import { isScenarioPath, readScenarioFile, scenarioPathFor } from './scenario-file.js';
import { ScenarioCode, type ResolvedScenario, type ScenarioFile } from './scenario.js';

/** What one argument of `flowsmith test` stands for: a scenario file, or a flow that has none. */
export type SuiteTarget = { kind: 'scenarios'; scenarioPath: string } | { kind: 'noScenarios'; flowPath: string };

/** One scenario's outcome with the run record it was judged on (null when the simulation threw). */
export interface ScenarioResult extends ScenarioOutcome {
  record: RunRecord | null;
}

/** Everything about one scenario file: its problems (the file is then not run) and its results. */
export interface FileReport {
  scenarioPath: string;
  flowPath: string;
  /** Problems in the scenario file, or a missing flow: the CLI exits 2. */
  findings: Finding[];
  /** Error findings of the flow itself (the flow is invalid: exit 1). */
  flowFindings: Finding[];
  results: ScenarioResult[];
}

/**
 * The targets for `files`, in order: `X.scenarios.yaml` as given, a flow `X.yaml` as its
 * `X.scenarios.yaml` when that exists. A scenario file reached twice (directly and through its
 * flow, as `templates/*.yaml` does) is run once.
 */
export function targetsOf(files: readonly string[]): SuiteTarget[] {
  const seen = new Set<string>();
  const out: SuiteTarget[] = [];
  for (const file of files) {
    const abs = resolve(file);
    const scenarioPath = isScenarioPath(abs) ? abs : scenarioPathFor(abs);
    if (!isScenarioPath(abs) && !existsSync(scenarioPath)) {
      out.push({ kind: 'noScenarios', flowPath: abs });
      continue;
    }
    if (seen.has(scenarioPath)) continue;
    seen.add(scenarioPath);
    out.push({ kind: 'scenarios', scenarioPath });
  }
  return out;
}

/**
 * Loads a scenario file and its flow (`flowPath` when given, as `simulate FILE --scenario` does,
 * else the file's own); returns the file with every finding about it (its own and those against
 * the flow) and the flow when it is valid. Never throws for bad files.
 */
export function prepareScenarioFile(scenarioPath: string, flowPath?: string): { file: ScenarioFile; flow?: Flow; flowFindings: Finding[] } {
  const file = readScenarioFile(scenarioPath);
  if (flowPath !== undefined) file.flowPath = resolve(flowPath);
  if (file.findings.some((f) => f.severity === 'error')) return { file, flowFindings: [] };
  if (!existsSync(file.flowPath)) {
    const pos = file.locate(['flow']);
    const message = `no flow file ${file.flowPath} for these scenarios; put them beside X.yaml as X.scenarios.yaml, or add flow: PATH`;
    file.findings.push({ severity: 'error', code: ScenarioCode.flowMissing, message, file: file.path, ...(pos ? { line: pos.line, col: pos.col } : {}) });
    return { file, flowFindings: [] };
  }
  try {
    const { flow } = loadValidFlow(file.flowPath);
    file.findings.push(...checkAgainstFlow(file, flow));
    return { file, flow, flowFindings: [] };
  } catch (err) {
    if (err instanceof FlowInvalidError) return { file, flowFindings: err.findings.filter((f) => f.severity === 'error') };
    file.findings.push({ severity: 'error', code: ScenarioCode.flowMissing, message: (err as Error).message, file: file.path });
    return { file, flowFindings: [] };
  }
}

/**
 * Runs one scenario and judges it. A simulation that throws (a runtime bug, say) fails this
 * scenario with the error as a note, so the other scenarios still run and report.
 */
export async function judgeScenario(flowPath: string, scenario: ResolvedScenario, journal: Journal): Promise<ScenarioResult> {
  let run: Awaited<ReturnType<typeof runScenario>>;
  try {
    run = await runScenario(flowPath, scenario, { journal });
  } catch (err) {
    const note = `the simulation stopped with an error: ${(err as Error).message ?? String(err)}`;
    return { name: scenario.name, passed: false, mismatches: [], notes: [note], record: null };
  }
  const mismatches = compareExpectation(scenario.expect, run.record);
  return { name: scenario.name, passed: mismatches.length === 0, mismatches, notes: run.notes, record: run.record };
}

/**
 * Checks and runs every scenario of one scenario file (or only the one named `only`), calling
 * `onResult` as each one finishes. An invalid file or flow runs nothing.
 */
export async function runScenarioFile(
  scenarioPath: string,
  journal: Journal,
  onResult?: (r: ScenarioResult) => void,
  only?: string,
): Promise<FileReport> {
  const { file, flow, flowFindings } = prepareScenarioFile(scenarioPath);
  const report: FileReport = { scenarioPath: file.path, flowPath: file.flowPath, findings: file.findings, flowFindings, results: [] };
  if (!flow || file.findings.some((f) => f.severity === 'error')) return report;
  // `only`: one scenario by name (the designer's "Run scenario <name>"); an unknown name is a finding.
  const chosen = only === undefined ? file.scenarios : file.scenarios.filter((s) => s.name === only);
  if (only !== undefined && chosen.length === 0) {
    const names = file.scenarios.map((s) => s.name).join(', ');
    report.findings = [...report.findings, { severity: 'error', code: 'FS101', message: `no scenario named "${only}"; ${file.path} has: ${names}`, file: file.path }];
    return report;
  }
  for (const scenario of chosen) {
    const result = await judgeScenario(file.flowPath, scenario, journal);
    report.results.push(result);
    onResult?.(result);
  }
  return report;
}
