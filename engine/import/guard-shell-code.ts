/**
 * Imported scripts that do arithmetic on a parameter (an Argo `$(( {{item}} % 2 ))`) would give a
 * flow that validation refuses (FS027: bash evaluates the inserted value as code, issue #11 item 4).
 * The import keeps the script and wraps each such template's expression in `$number( )`, which
 * gives digits only or fails the step, and says so in a finding at the step.
 */
import type { Finding } from '../model/finding.js';
import { createFindings } from '../model/findings-reporter.js';
import type { Flow, Step } from '../model/flow.js';
import { quoteStepIds } from '../expr/evaluate.js';
import { isNumericExpression } from '../expr/numeric.js';
import { shellSites } from '../expr/shell.js';
import { findTemplates } from '../expr/templates.js';

/** Default code of the finding for a converted template (importers pass their own where they have one). */
export const NUMBER_GUARD_CODE = 'FS290';

/** `command` with templates in bash code contexts made numeric; `converted` lists the originals. */
export function guardShellCode(command: string): { command: string; converted: string[] } {
  const templates = findTemplates(command);
  if (templates.length === 0) return { command, converted: [] };
  const sites = shellSites(command, templates);
  const converted: string[] = [];
  let out = '';
  let last = 0;
  templates.forEach((t, n) => {
    if (sites[n]?.evaluatedAs === undefined || isNumericExpression(quoteStepIds(t.expr))) return;
    out += command.slice(last, t.start) + `{{ $number(${t.expr.trim()}) }}`;
    last = t.end;
    converted.push(command.slice(t.start, t.end));
  });
  return { command: out + command.slice(last), converted };
}

/**
 * Applies guardShellCode to every shell command of `flow` (map bodies and compensations included),
 * with a warning per converted step under `code` (the importer's own code for scripts, else FS290).
 */
export function guardFlowShellCode(flow: Flow, file: string, code: string = NUMBER_GUARD_CODE): { flow: Flow; findings: Finding[] } {
  const { findings, report } = createFindings({ file });
  const guardStep = (id: string, step: Step): Step => {
    let out = step as Step & Record<string, unknown>;
    const guardBody = (body: Record<string, unknown>): Record<string, unknown> => {
      const shell = body['shell'];
      const command = typeof shell === 'string' ? shell : typeof shell === 'object' && shell !== null ? (shell as { command?: unknown }).command : undefined;
      if (typeof command !== 'string') return body;
      const guarded = guardShellCode(command);
      if (guarded.converted.length === 0) return body;
      report(code, id, `${guarded.converted.join(', ')} stood inside shell arithmetic, where bash runs a value as code; imported as $number(…), so a value that is not a number fails the step`);
      return { ...body, shell: typeof shell === 'string' ? guarded.command : { ...(shell as object), command: guarded.command } };
    };
    out = guardBody(out) as typeof out;
    if (typeof out['compensate'] === 'object' && out['compensate'] !== null) out = { ...out, compensate: guardBody(out['compensate'] as Record<string, unknown>) };
    if (out.type === 'map' && typeof out['steps'] === 'object' && out['steps'] !== null) {
      const steps = out['steps'] as Record<string, Step>;
      out = { ...out, steps: Object.fromEntries(Object.entries(steps).map(([k, s]) => [k, guardStep(k, s)])) };
    }
    return out;
  };
  const steps = Object.fromEntries(Object.entries(flow.steps).map(([id, s]) => [id, guardStep(id, s)]));
  return { flow: { ...flow, steps }, findings };
}
