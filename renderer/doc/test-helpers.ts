/**
 * Test helper (vitest only): the structural checks of engine/validate (schema, graph, parallel
 * blocks, step fields) for renderer tests. validateFlow itself also parses expressions through
 * engine/expr, which needs Node's v8 module and so cannot be typed under the renderer's DOM config.
 */
import type { Flow } from '../../engine/model/flow';
import { checkGraph } from '../../engine/validate/graph';
import { checkParallels } from '../../engine/validate/parallel';
import { checkSchema } from '../../engine/validate/schema';
import { checkSteps } from '../../engine/validate/steps';

/** Error messages of the structural checks for `flow` (empty when it is well-formed). */
export function structuralErrors(flow: Flow): string[] {
  return [...checkSchema(flow), ...checkGraph(flow), ...checkParallels(flow), ...checkSteps(flow)]
    .filter((i) => (i.severity ?? 'error') === 'error')
    .map((i) => `${i.code} ${i.message}`);
}
