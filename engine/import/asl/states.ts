/**
 * ASL Choice, Wait, Pass, Succeed and Fail states (https://states-language.net/spec.html) as native
 * branch, wait, task (script), succeed and fail steps.
 */
import type { Step } from '../../model/flow.js';
import { AslImportCode } from './codes.js';
import { isObject } from './context.js';
import { choiceCases } from './choice.js';
import { dynamicValue, isBraced, jsonataToNative, payloadToNative, templateToNative } from './expressions.js';
import { pathToJsonata } from './jsonpath.js';
import { commonFields, envOf, nextOf, note, outputField, setField, targetOf, type StateSite } from './site.js';
import { escapeTemplates } from './text.js';

/** A Choice as a branch: each rule a case, Default the default (no Default: NoChoice, as States.NoChoiceMatched). */
export function branchStep(site: StateSite): Step {
  const env = envOf(site, 'Choices', { input: site.data.effectiveInput(site.frame, site.name) });
  const rules = Array.isArray(site.state['Choices']) ? site.state['Choices'] : [];
  const cases = choiceCases(rules, env, (to) => targetOf(site, to));
  const step: Step = { type: 'branch', ...commonFields(site), cases, ...setField(site) };
  if (typeof site.state['Default'] === 'string') step.default = targetOf(site, site.state['Default']);
  if (cases.length === 0) {
    // validate/ requires a case (FS020); a case that never matches keeps the Default route.
    note(site, AslImportCode.choiceRule, 'warning', 'the Choice has no rules the importer could read; a case that never matches was added');
    step.cases = [{ when: 'false', next: step.default ?? site.frame.join ?? targetOf(site, `${site.name} (no rule matched)`) }];
  }
  return step;
}

/**
 * A Wait: Seconds → duration; SecondsPath, JSONata Seconds and Timestamp(Path) → `until`, an
 * expression giving the ISO time (`$millis()` is the run's clock, virtual in simulation).
 */
export function waitStep(site: StateSite): Step {
  const s = site.state;
  const env = envOf(site, 'Wait', { input: site.data.effectiveInput(site.frame, site.name) });
  const timing = (): { duration: string } | { until: string } => {
    if (typeof s['Seconds'] === 'number') return { duration: `${s['Seconds']}s` };
    if (isBraced(s['Seconds'])) return { until: `$fromMillis($millis() + 1000 * ${templateToNative(s['Seconds'], env)})` };
    if (typeof s['SecondsPath'] === 'string') return { until: `$fromMillis($millis() + 1000 * ${pathToJsonata(s['SecondsPath'], env)})` };
    if (isBraced(s['Timestamp'])) return { until: templateToNative(s['Timestamp'], env) };
    if (typeof s['Timestamp'] === 'string') return { until: JSON.stringify(s['Timestamp']) };
    if (typeof s['TimestampPath'] === 'string') return { until: pathToJsonata(s['TimestampPath'], env) };
    note(site, AslImportCode.waitTime, 'warning', `the wait time ${JSON.stringify(s['Seconds'] ?? null)} is not a number (a deploy-time placeholder?); imported as 0s, set the real duration`);
    return { duration: '0s' };
  };
  return { type: 'wait', ...commonFields(site), ...timing(), ...setField(site), ...nextOf(site) } as Step;
}

/**
 * A Pass as a script task that returns its Result (or null: the output is then computed from the
 * input by the `output` expression); a Pass that only ends the path becomes a succeed step.
 */
export function passStep(site: StateSite): Step {
  const s = site.state;
  const isPlainEnd =
    s['End'] === true && site.frame.join === undefined && ['Result', 'Parameters', 'ResultPath', 'OutputPath', 'InputPath', 'Output', 'Assign'].every((k) => s[k] === undefined);
  if (isPlainEnd) {
    note(site, AslImportCode.passState, 'info', 'a Pass that ends the path is imported as a succeed step');
    return { type: 'succeed', ...commonFields(site) };
  }
  const result = s['Result'];
  const code = `// ASL Pass state "${site.name}"\nreturn ${JSON.stringify(result ?? null, null, 2)};`;
  note(site, AslImportCode.passState, 'info', 'a Pass is imported as a script task that returns its Result; its output expression does the rest');
  // JSONPath Pass: Parameters, else Result, else the (InputPath-filtered) input is the result.
  let raw = '$';
  if (site.language === 'JSONPath' && result === undefined) {
    const input = site.data.effectiveInput(site.frame, site.name);
    raw = s['Parameters'] === undefined ? input : payloadToNative(s['Parameters'], envOf(site, 'Parameters', { input }));
  } else if (site.language === 'JSONata' && result === undefined && s['Output'] === undefined) {
    raw = site.data.inputOf(site.frame, site.name);
  }
  const output = raw === '$' ? outputField(site) : { output: site.data.shape(site.frame, site.name, raw) };
  return { type: 'task', ...commonFields(site), script: code, ...output, ...setField(site, raw), ...nextOf(site) } as Step;
}

/** A Succeed (outside a branch: inside one it leads to the join, frames.ts). */
export function succeedStep(site: StateSite): Step {
  return { type: 'succeed', ...commonFields(site) };
}

/** A Fail: Error → error, Cause → message; ErrorPath/CausePath and JSONata values become `{{ }}` templates. */
export function failStep(site: StateSite): Step {
  const s = site.state;
  const env = envOf(site, 'Fail', { input: site.data.effectiveInput(site.frame, site.name) });
  const step: Step = { type: 'fail', ...commonFields(site) };
  const error = s['Error'];
  if (typeof error === 'string' && !isBraced(error)) step.error = escapeTemplates(error);
  else if (error !== undefined || s['ErrorPath'] !== undefined) {
    note(site, AslImportCode.failPath, 'warning', 'an error name computed at run time has no native equivalent (a fail step names its error); imported as "Failed"');
    step.error = 'Failed';
  }
  const cause = s['Cause'];
  if (typeof cause === 'string' && !isBraced(cause)) step.message = escapeTemplates(cause);
  else if (isBraced(cause)) step.message = `{{ ${jsonataToNative(cause.trim().slice(2, -2), env)} }}`;
  else if (typeof s['CausePath'] === 'string') step.message = `{{ ${dynamicValue(s['CausePath'], env)} }}`;
  if (isObject(s['Assign'])) note(site, AslImportCode.variables, 'warning', 'Assign on a Fail state is ignored');
  return step;
}
