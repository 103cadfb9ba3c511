/**
 * Reads scenario files (`X.scenarios.yaml` beside the flow `X.yaml`): parses them with the same
 * yaml Document API and limits as flows (engine/yaml/load.ts, so problems carry line:col), checks
 * them against resources/schema/scenario.schema.json, and applies `extend`.
 * Checks that need the flow (step ids, approvers, input) are in scenario-check.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Finding } from '../model/finding.js';
import type { JsonObject } from '../model/flow.js';
import { Code } from '../model/finding.js';
import { checkDuplicateKeys } from '../validate/duplicates.js';
import { didYouMean, type DocPath } from '../validate/issue.js';
import { loadFlowText } from '../yaml/load.js';
import { checkScenarioSchema } from './schema-check.js';
import type { ResolvedScenario, Scenario, ScenarioFile } from './scenario.js';
import { ScenarioCode } from './scenario.js';

const SCENARIO_SUFFIX = /\.scenarios\.ya?ml$/;

/** True for a scenario file name (`*.scenarios.yaml` or `*.scenarios.yml`). */
export function isScenarioPath(path: string): boolean {
  return SCENARIO_SUFFIX.test(path);
}

/** The scenario file of a flow: `X.scenarios.yaml` (or an existing `X.scenarios.yml`) beside `X.yaml`. */
export function scenarioPathFor(flowPath: string): string {
  const base = resolve(flowPath).replace(/\.ya?ml$/, '');
  return existsSync(`${base}.scenarios.yml`) && !existsSync(`${base}.scenarios.yaml`) ? `${base}.scenarios.yml` : `${base}.scenarios.yaml`;
}

/** The flow a scenario file is for when it has no `flow:` key: `X.yaml` (or an existing `X.yml`). */
export function defaultFlowPathFor(scenarioPath: string): string {
  const base = resolve(scenarioPath).replace(SCENARIO_SUFFIX, '');
  return existsSync(`${base}.yml`) && !existsSync(`${base}.yaml`) ? `${base}.yml` : `${base}.yaml`;
}

/** Reads and checks a scenario file. Never throws: an unreadable file comes back as a finding. */
export function readScenarioFile(path: string): ScenarioFile {
  const abs = resolve(path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    const finding: Finding = { severity: 'error', code: ScenarioCode.flowMissing, message: `cannot read the scenario file: ${why}`, file: abs };
    return { path: abs, flowPath: defaultFlowPathFor(abs), scenarios: [], findings: [finding], locate: () => undefined };
  }
  return loadScenarioText(text, abs);
}

/**
 * Parses and checks scenario text from the file at `path` (used to name the file in findings and
 * to find the flow). Findings are sorted by position; `scenarios` is empty when any is an error.
 */
export function loadScenarioText(text: string, path: string): ScenarioFile {
  const loaded = loadFlowText(text, path);
  const file: ScenarioFile = { path, flowPath: defaultFlowPathFor(path), scenarios: [], findings: [], locate: loaded.locate };
  const at = (code: string, message: string, where: DocPath, step?: string): Finding => {
    const pos = loaded.locate(where);
    return { severity: 'error', code, message, file: path, ...(pos ? { line: pos.line, col: pos.col } : {}), ...(step ? { step } : {}) };
  };
  // load.ts words its limits for flows; say the same for scenario files.
  file.findings = loaded.findings.map((f) => (f.code === Code.notAMapping ? { ...f, message: NOT_A_MAPPING } : f));
  if (loaded.flow === null) return file;
  const data = loaded.flow as unknown;

  for (const dup of checkDuplicateKeys(loaded.doc, (offset) => positionAt(text, offset).line)) {
    const pos = dup.offset === undefined ? {} : positionAt(text, dup.offset);
    file.findings.push({ severity: 'error', code: dup.code, message: dup.message, file: path, ...pos });
  }
  file.findings.push(...checkScenarioSchema(data).map((i) => at(ScenarioCode.schema, i.message, i.path)));
  if (file.findings.some((f) => f.severity === 'error')) return sorted(file);

  const doc = data as { flow?: string; scenarios: Scenario[] };
  if (doc.flow !== undefined) file.flowPath = resolve(dirname(path), doc.flow);
  const names = new Map<string, number>();
  doc.scenarios.forEach((s, i) => {
    const first = names.get(s.name);
    if (first === undefined) names.set(s.name, i);
    else file.findings.push(at(ScenarioCode.duplicateName, `scenario name "${s.name}" is used twice (also scenarios[${first}]); rename one`, ['scenarios', i, 'name']));
  });
  const resolved = doc.scenarios.map((s, i) => resolveScenario(doc.scenarios, names, i, (m) => file.findings.push(at(ScenarioCode.badExtend, m, ['scenarios', i, 'extend']))));
  if (!file.findings.some((f) => f.severity === 'error')) file.scenarios = resolved;
  return sorted(file);
}

const NOT_A_MAPPING = 'a scenario file is a mapping whose `scenarios:` key lists the scenarios (each with name, input, mocks, approvals, expect)';

/**
 * Applies `extend` (recursively): input, mocks, approvals and callbacks start from the named scenario's and
 * this scenario's own entries win per key; `expect` is never inherited (each scenario states its outcome).
 */
function resolveScenario(all: Scenario[], names: Map<string, number>, i: number, report: (message: string) => void): ResolvedScenario {
  const own = all[i]!;
  const { extend, ...rest } = own;
  const plain: ResolvedScenario = { ...rest, index: i, source: own, input: own.input ?? {}, mocks: own.mocks ?? {}, approvals: own.approvals ?? {}, callbacks: own.callbacks ?? {} };
  if (extend === undefined) return plain;
  const baseIndex = names.get(extend);
  if (baseIndex === undefined) {
    report(`extend: no scenario named "${extend}" in this file${didYouMean(extend, names.keys())}`);
    return plain;
  }
  const circle = circleFrom(all, names, i);
  if (circle) {
    report(`extend goes round in a circle (${circle.join(' → ')}); let one of them extend nothing`);
    return plain;
  }
  const base = resolveScenario(all, names, baseIndex, () => undefined);
  return {
    ...plain,
    input: { ...base.input, ...(own.input ?? {}) } as JsonObject,
    mocks: { ...base.mocks, ...(own.mocks ?? {}) },
    approvals: { ...base.approvals, ...(own.approvals ?? {}) },
    callbacks: { ...base.callbacks, ...(own.callbacks ?? {}) },
  };
}

/** The names along `extend` from scenario `i` when they come back to one already seen, else undefined. */
function circleFrom(all: Scenario[], names: Map<string, number>, i: number): string[] | undefined {
  const seen = [i];
  for (let next = names.get(all[i]!.extend ?? ''); next !== undefined; next = names.get(all[next]!.extend ?? '')) {
    if (seen.includes(next)) return [...seen, next].map((n) => all[n]!.name);
    seen.push(next);
  }
  return undefined;
}

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

function sorted(file: ScenarioFile): ScenarioFile {
  file.findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  return file;
}
