/**
 * AWS Step Functions export (DESIGN.md "Export and import", issue #4): a native flow as an Amazon
 * States Language definition in the JSONata query language (https://states-language.net/spec.html;
 * AWS "Transforming data with JSONata in Step Functions"). Every loss of meaning is a finding
 * (codes.ts, FS140–FS159); the result is checked with asl-validator and its complaints are FS140
 * errors. README.md lists the placeholders a deployment must fill in.
 */
import type { Finding } from '../../model/finding.js';
import type { Exporter, ExportResult } from '../../interop/types.js';
import { ExportContext } from './context.js';
import { addInitStates, assignOutputVariables, reportFlowLevel } from './flow-level.js';
import { MachineBuilder } from './machine.js';
import { planMachines } from './plan.js';
import { aslValidationFindings } from './validate.js';

export { AslExportCode, aslExportCodeMeanings } from './codes.js';
export { aslValidationErrors } from './validate.js';
export { Placeholder } from './task-resources.js';

/**
 * Exports a flow (validated: validate/ reports nothing at error level) to ASL JSON. Pure and
 * synchronous; never throws for a valid flow. `document` is the definition object, `text` the same
 * as indented JSON; findings carry the native step id where the loss belongs to one step.
 */
export const exportAsl: Exporter = (flow): ExportResult => {
  const plan = planMachines(flow.start, flow.steps);
  const ctx = new ExportContext(flow, plan);
  const root = new MachineBuilder(plan.root, ctx).build();
  const startAt = addInitStates(flow, ctx, root);
  assignOutputVariables(ctx);
  reportFlowLevel(flow, ctx);
  const comment = [flow.title ?? flow.name, flow.description].filter(Boolean).join(': ');
  const document = {
    Comment: `${comment} (exported from Flowsmith flow ${flow.name})`,
    QueryLanguage: 'JSONata',
    StartAt: startAt,
    States: root.States,
  };
  const findings = dedupe([...ctx.findings, ...aslValidationFindings(document)]);
  return { target: 'asl', document, text: `${JSON.stringify(document, null, 2)}\n`, format: 'json', findings };
};

/** The same finding reported twice (one binding read in several fields) is kept once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}\u0000${f.step ?? ''}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
