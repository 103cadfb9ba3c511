/**
 * What every state converter shares: the state being converted (its frame, name, step id and query
 * language), its transitions as step ids, and the fields every native step may carry (title,
 * description, output, set).
 */
import type { StepCommon, StepId } from '../../model/flow.js';
import { escapeTemplates } from './text.js';
import { AslImportCode } from './codes.js';
import { isObject, queryLanguageOf, type AslState, type Frame, type ImportContext } from './context.js';
import type { DataFlow } from './dataflow.js';
import { dynamicValue, isBraced, payloadToNative, templateToNative } from './expressions.js';
import type { ExprEnv } from './jsonpath.js';

/** One state being converted. */
export interface StateSite {
  ctx: ImportContext;
  data: DataFlow;
  frame: Frame;
  name: string;
  state: AslState;
  id: StepId;
  language: 'JSONPath' | 'JSONata';
}

/** Builds the site of state `name` in `frame`. */
export function siteOf(ctx: ImportContext, data: DataFlow, frame: Frame, name: string): StateSite {
  const state = frame.states[name]!;
  return { ctx, data, frame, name, state, id: frame.ids.get(name)!, language: queryLanguageOf(frame, state) };
}

/** An ExprEnv for `field` of the site's state. */
export function envOf(site: StateSite, field: string, extra: Partial<ExprEnv> = {}): ExprEnv {
  return site.data.env(site.frame, site.name, field, extra);
}

/** Reports a finding about the site's state. */
export function note(site: StateSite, code: AslImportCode, severity: 'info' | 'warning', message: string, field?: string): void {
  site.ctx.reportState(site.frame, site.name, code, severity, message, field);
}

/** The step a transition leads to: the state's step, or a fail step standing for a missing state. */
export function targetOf(site: StateSite, to: string): StepId {
  const known = site.frame.ids.get(to);
  if (known !== undefined) return known;
  const id = site.ctx.newId(`missing-${to}`);
  site.frame.ids.set(to, id);
  site.frame.steps[id] = { type: 'fail', error: 'MissingState', message: escapeTemplates(`the ASL definition leads to "${to}", which it does not define`) };
  note(site, AslImportCode.unknown, 'warning', `leads to "${to}", which is not a state here; a fail step stands for it`);
  return id;
}

/** `next` for the state's Next or End: the next step, the branch's join, or nothing (the path ends). */
export function nextOf(site: StateSite): { next?: StepId } {
  const next = site.state['Next'];
  if (typeof next === 'string') return { next: targetOf(site, next) };
  return site.frame.join !== undefined ? { next: site.frame.join } : {};
}

/** title (the state name, when the id had to change it) and description (Comment, then notes). */
export function commonFields(site: StateSite, notes: string[] = []): Pick<StepCommon, 'title' | 'description'> {
  const out: Pick<StepCommon, 'title' | 'description'> = {};
  if (site.name !== site.id) out.title = escapeTemplates(site.name);
  const comment = typeof site.state['Comment'] === 'string' ? site.state['Comment'] : undefined;
  const description = [comment, ...notes].filter((t): t is string => t !== undefined && t !== '').join('\n');
  if (description !== '') out.description = escapeTemplates(description);
  return out;
}

/** The step's `output`: ASL output processing applied to its raw output `$` (DataFlow.shape). */
export function outputField(site: StateSite): Pick<StepCommon, 'output'> {
  const output = site.data.shape(site.frame, site.name, '$');
  return output === '$' ? {} : { output };
}

/**
 * `set` for the state's Assign. Native `set` sees the kept output as `$` and applies in order; ASL
 * Assign sees the raw result (`result`, JSONata text: `$` for a task's own output) and the values
 * from before the state. Without a result (Choice, Wait) a JSONPath `$` is the state's input.
 */
export function setField(site: StateSite, result?: string, assign: unknown = site.state['Assign']): Pick<StepCommon, 'set'> {
  if (!isObject(assign)) return {};
  const set: Record<string, string> = {};
  const env =
    site.language === 'JSONata'
      ? envOf(site, 'Assign', result === undefined ? {} : { result })
      : envOf(site, 'Assign', { input: result ?? site.data.effectiveInput(site.frame, site.name) });
  for (const [key, value] of Object.entries(assign)) {
    if (site.language === 'JSONata') set[key] = templateToNative(value, env);
    else if (key.endsWith('.$')) set[key.slice(0, -2)] = dynamicValue(value, env);
    else set[key] = payloadToNative(value, env);
  }
  if (result === '$' && outputField(site).output !== undefined && Object.entries(assign).some(([k, v]) => k.endsWith('.$') || isBraced(v))) {
    note(site, AslImportCode.variables, 'warning', 'Assign reads the result before output processing; natively `set` reads the shaped output, so check these values', 'Assign');
  }
  return { set };
}
