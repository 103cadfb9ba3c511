/**
 * Second pass of the import: converts every state of a frame (frames.ts) into a native step, by
 * state type, nested frames first so that a Parallel can check its branches and a Map owns its body.
 */
import type { Step } from '../../model/flow.js';
import { AslImportCode } from './codes.js';
import { queryLanguageOf, type Frame, type ImportContext } from './context.js';
import { mapStep, parallelStep } from './containers.js';
import type { DataFlow } from './dataflow.js';
import { payloadToNative, templateToNative } from './expressions.js';
import { siteOf, note, type StateSite } from './site.js';
import { branchStep, failStep, passStep, succeedStep, waitStep } from './states.js';
import { taskStep } from './tasks.js';

/** Converts the states of `frame` (and of its nested frames) into steps of their steps maps. */
export function convertFrame(ctx: ImportContext, data: DataFlow, frame: Frame): void {
  for (const name of Object.keys(frame.states)) {
    for (const child of frame.children.get(name) ?? []) convertFrame(ctx, data, child);
    const site = siteOf(ctx, data, frame, name);
    if (site.state['Type'] === 'Succeed' && frame.join !== undefined) {
      note(site, AslImportCode.branchSucceed, 'info', 'a Succeed inside a Parallel branch ends the branch; natively the branch leads to its join instead');
      continue;
    }
    frame.steps[site.id] = convertState(site);
  }
}

function convertState(site: StateSite): Step {
  switch (site.state['Type']) {
    case 'Task':
      return taskStep(site);
    case 'Choice':
      return branchStep(site);
    case 'Wait':
      return waitStep(site);
    case 'Pass':
      return passStep(site);
    case 'Succeed':
      return succeedStep(site);
    case 'Fail':
      return failStep(site);
    case 'Parallel':
      return parallelStep(site);
    case 'Map':
      return mapStep(site);
    default:
      note(site, AslImportCode.unknown, 'warning', `the state type ${JSON.stringify(site.state['Type'])} is not an ASL state type; a fail step stands for it`, 'Type');
      return { type: 'fail', error: 'UnknownState', message: `unknown ASL state type ${String(site.state['Type'])}` };
  }
}

/**
 * The input of a nested frame's first state: for a branch, the Parallel's input after InputPath and
 * Parameters (JSONata: Arguments); for a map body, the item (`$item`; ItemSelector is applied in
 * the map's `items`, containers.ts).
 */
export function entryInputOf(data: DataFlow, owner: Frame, name: string, kind: 'branch' | 'map'): string {
  if (kind === 'map') return '$item';
  const state = owner.states[name];
  if (!state) return 'null';
  if (queryLanguageOf(owner, state) === 'JSONata') {
    const input = data.inputOf(owner, name);
    return state['Arguments'] === undefined ? input : templateToNative(state['Arguments'], data.env(owner, name, 'Arguments', { input }));
  }
  const input = data.effectiveInput(owner, name);
  return state['Parameters'] === undefined ? input : payloadToNative(state['Parameters'], data.env(owner, name, 'Parameters', { input }));
}
