/**
 * ASL Parallel and Map states (https://states-language.net/spec.html "Parallel State", "Map State")
 * as native parallel + join blocks and map steps. Branch states become steps of the same steps map
 * (flows are block-structured: every branch ends at the generated join); a Map's ItemProcessor (or
 * legacy Iterator) becomes the map step's nested steps.
 */
import type { JoinStep, MapStep, ParallelStep, Step, StepId } from '../../model/flow.js';
import { AslImportCode } from './codes.js';
import { isObject, joinOf, type Frame } from './context.js';
import { catchField } from './errors.js';
import { payloadToNative, templateToNative } from './expressions.js';
import { onBase, pathToJsonata } from './jsonpath.js';
import { commonFields, envOf, nextOf, note, outputField, setField, type StateSite } from './site.js';

/** A Parallel as a parallel step plus its join (added to the same steps map); returns the parallel. */
export function parallelStep(site: StateSite): Step {
  const join = joinOf(site.ctx, site.frame, site.name)!;
  const branches = site.frame.children.get(site.name) ?? [];
  if (Array.isArray(site.state['Retry'])) note(site, AslImportCode.retry, 'warning', 'Retry on a Parallel is left out: Flowsmith retries task steps only', 'Retry');
  if (Array.isArray(site.state['Catch'])) {
    note(
      site,
      AslImportCode.parallel,
      'warning',
      'its Catch is kept on the parallel step, but Flowsmith runs it only for the parallel\'s own failure: a failure inside a branch fails the run unless the failing step catches it',
      'Catch',
    );
  }
  const joinStep: JoinStep = { type: 'join', mode: 'all', title: `${site.name} (join)`, ...nextOf(site) };
  // The branches' output array, shaped by ResultSelector/ResultPath/OutputPath, is what the next state reads (dataflow.ts).
  site.frame.steps[join] = joinStep;
  for (const branch of branches) closeBranch(site, branch, join);
  return {
    type: 'parallel',
    ...commonFields(site),
    branches: branches.map((b) => b.ids.get(b.startAt) ?? join),
    join,
    ...setField(site, site.data.parallelResult(site.frame, site.name)),
    ...catchField(site),
  } as ParallelStep;
}

/**
 * A branch that only ends in Fail states never reaches the join, which validate/ rejects (FS016):
 * its fail steps get `next: <join>`, which the runtime never takes (a fail step ends the run) but
 * which keeps the block well-formed. Reported, since the ASL pattern (a Parallel that catches a
 * branch's error to choose a path) has no native equivalent.
 */
function closeBranch(site: StateSite, branch: Frame, join: StepId): void {
  const seen = new Set<StepId>();
  const queue = [branch.ids.get(branch.startAt)].filter((id): id is StepId => id !== undefined);
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id) || id === join) continue;
    seen.add(id);
    const step = branch.steps[id];
    if (!step) continue;
    for (const next of [step.next, ...(step.type === 'branch' ? [...step.cases.map((c) => c.next), step.default] : []), ...(step.catch ?? []).map((c) => c.next)]) {
      if (next !== undefined) queue.push(next);
    }
  }
  if ([...seen].some((id) => reaches(branch.steps[id], join))) return;
  const fails = [...seen].filter((id) => branch.steps[id]?.type === 'fail');
  for (const id of fails) branch.steps[id]!.next = join;
  note(
    site,
    AslImportCode.parallel,
    'warning',
    `branch "${branch.startAt}" never ends successfully (it only ends in Fail states, which the Parallel's Catch turns into routes in ASL); its fail steps got next: ${join} so the block is well-formed, but each still fails the run`,
    'Branches',
  );
}

function reaches(step: Step | undefined, join: StepId): boolean {
  if (!step) return false;
  return step.next === join || (step.type === 'branch' && (step.default === join || step.cases.some((c) => c.next === join))) || (step.catch ?? []).some((c) => c.next === join);
}

/**
 * A Map as a map step: ItemsPath/Items → items, ItemSelector (or legacy Parameters) applied to each
 * item inside `items` (so the body reads the selected value as `$item`), MaxConcurrency →
 * concurrency, the ItemProcessor/Iterator states → nested steps. Distributed-map features are reported.
 */
export function mapStep(site: StateSite): Step {
  const s = site.state;
  const body = site.frame.children.get(site.name)?.[0];
  for (const key of ['ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailureCount', 'ToleratedFailurePercentage', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath', 'MaxConcurrencyPath']) {
    if (s[key] !== undefined) note(site, AslImportCode.mapFeature, 'warning', `${key} has no native equivalent; left out`, key);
  }
  const processor = isObject(s['ItemProcessor']) ? s['ItemProcessor'] : undefined;
  if (isObject(processor?.['ProcessorConfig']) && processor['ProcessorConfig']['Mode'] === 'DISTRIBUTED') {
    note(site, AslImportCode.mapFeature, 'info', 'a distributed Map runs as an inline map (child runs on this machine)', 'ItemProcessor');
  }
  if (Array.isArray(s['Retry'])) note(site, AslImportCode.retry, 'warning', 'Retry on a Map is left out: Flowsmith retries task steps only', 'Retry');
  const step: MapStep = {
    type: 'map',
    ...commonFields(site),
    items: itemsOf(site),
    start: body ? (body.ids.get(body.startAt) ?? '') : '',
    steps: body?.steps ?? {},
  } as MapStep;
  const concurrency = s['MaxConcurrency'];
  if (typeof concurrency === 'number' && concurrency > 0) step.concurrency = concurrency;
  return { ...step, ...outputField(site), ...setField(site, '$'), ...nextOf(site), ...catchField(site) } as Step;
}

/** The items expression: the item list, each item passed through ItemSelector when there is one. */
function itemsOf(site: StateSite): string {
  const s = site.state;
  const input = site.data.effectiveInput(site.frame, site.name);
  const env = envOf(site, 'Items', { input });
  let items: string;
  if (site.language === 'JSONata') items = s['Items'] === undefined ? input : templateToNative(s['Items'], env);
  else items = typeof s['ItemsPath'] === 'string' ? pathToJsonata(s['ItemsPath'], env) : input;
  if (s['ItemReader'] !== undefined) items = '[]';
  const selector = s['ItemSelector'] ?? (site.language === 'JSONPath' ? s['Parameters'] : undefined);
  if (selector === undefined || isFlowsmithItemSelector(site)) return items;
  const selectEnv = envOf(site, 'ItemSelector', { input, mapItem: { value: '$fs_item', index: '$fs_index' } });
  const selected = site.language === 'JSONata' ? templateToNative(selector, selectEnv) : payloadToNative(selector, selectEnv);
  return `$map(${onBase(items, '')}, function($fs_item, $fs_index) { ${selected} })`;
}

/** True when the body starts with a Flowsmith export's map item Pass, which reads ItemSelector itself (flowsmith-export.ts). */
function isFlowsmithItemSelector(site: StateSite): boolean {
  return site.frame.children.get(site.name)?.[0]?.kind === 'map' && site.ctx.flowsmithMaps.has(site.name);
}
