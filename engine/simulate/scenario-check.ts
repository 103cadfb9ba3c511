/**
 * Checks a scenario file against its flow before anything runs: every step a scenario names exists
 * and has the right type (mocks for tasks, answers for approvals), every answer comes from a listed
 * approver (the runtime refuses others, DESIGN.md "Security"), and every input passes the flow's
 * `inputs` schema. A typo in `pathExcludes` would otherwise pass silently.
 */
import type { Finding } from '../model/finding.js';
import type { Flow, Step, StepId } from '../model/flow.js';
import { InputError, prepareInput } from '../service/inputs.js';
import { didYouMean, type DocPath } from '../validate/issue.js';
import type { ResolvedScenario, ScenarioFile } from './scenario.js';
import { ScenarioCode } from './scenario.js';

/** Findings (all errors, with file:line:col) for what the scenarios of `file` say about `flow`. */
export function checkAgainstFlow(file: ScenarioFile, flow: Flow): Finding[] {
  const steps = allSteps(flow.steps);
  const findings: Finding[] = [];
  const report = (code: string, message: string, path: DocPath, step?: string) => {
    const pos = file.locate(path);
    findings.push({ severity: 'error', code, message, file: file.path, ...(pos ? { line: pos.line, col: pos.col } : {}), ...(step ? { step } : {}) });
  };
  for (const scenario of file.scenarios) {
    const at = (...rest: (string | number)[]): DocPath => ['scenarios', scenario.index, ...rest];
    const unknown = (id: StepId, where: DocPath) =>
      report(ScenarioCode.unknownStep, `no step "${id}" in ${flow.name}${didYouMean(id, steps.keys())}`, where, id);
    const { mocks = {}, approvals = {}, callbacks = {}, expect } = scenario.source;

    for (const id of Object.keys(mocks)) {
      const step = steps.get(id);
      if (!step) unknown(id, at('mocks', id));
      else if (step.type !== 'task') {
        const hint = step.type === 'approval' ? '; answer it under approvals:' : '';
        report(ScenarioCode.unknownStep, `${id} is ${article(step.type)} step; only task steps take mocks${hint}`, at('mocks', id), id);
      }
    }
    for (const [id, answers] of Object.entries(approvals)) {
      const step = steps.get(id);
      if (!step) unknown(id, at('approvals', id));
      else if (step.type !== 'approval') report(ScenarioCode.unknownStep, `${id} is ${article(step.type)} step, not an approval`, at('approvals', id), id);
      else {
        answers.forEach((a, n) => {
          if (step.approvers.includes(a.by)) return;
          const message = `${a.by} is not an approver of ${id}; approvers: ${step.approvers.join(', ')}${didYouMean(a.by, step.approvers)}`;
          report(ScenarioCode.notApprover, message, at('approvals', id, n, 'by'), id);
        });
      }
    }
    for (const id of Object.keys(callbacks)) {
      const step = steps.get(id);
      if (!step) unknown(id, at('callbacks', id));
      else if (step.type !== 'task' || !step.callback) {
        report(ScenarioCode.unknownStep, `${id} is ${step.type === 'task' ? 'a task without callback' : `${article(step.type)} step`}; only tasks with callback: {timeout} wait for an answer`, at('callbacks', id), id);
      }
    }
    for (const key of ['path', 'pathIncludes', 'pathExcludes'] as const) {
      (expect[key] ?? []).forEach((id, n) => steps.has(id) || unknown(id, at('expect', key, n)));
    }
    for (const id of Object.keys(expect.steps ?? {})) if (!steps.has(id)) unknown(id, at('expect', 'steps', id));
    checkInput(flow, scenario, (message) => report(ScenarioCode.badInput, message, scenario.source.input ? at('input') : at('name')));
  }
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

function article(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

/** The merged input (after `extend`) must pass the flow's `inputs` schema, as startRun will check it. */
function checkInput(flow: Flow, scenario: ResolvedScenario, report: (message: string) => void): void {
  try {
    prepareInput(flow, scenario.input);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    report(`scenario "${scenario.name}": ${err.message}`);
  }
}

/** Every step id of the flow, map bodies included (they run in the same run). */
function allSteps(steps: Record<StepId, Step>, into = new Map<StepId, Step>()): Map<StepId, Step> {
  for (const [id, step] of Object.entries(steps)) {
    into.set(id, step);
    if (step.type === 'map') allSteps(step.steps, into);
  }
  return into;
}
