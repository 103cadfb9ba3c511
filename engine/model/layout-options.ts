/**
 * How flows are laid out on the canvas when the document has no `layout` (elkjs layered, top to
 * bottom): shared by the designer (renderer/doc/layout.ts) and import (engine/import/layout.ts),
 * so an imported flow looks the same as one the designer lays out. Sizes in canvas pixels.
 */
export const NODE_WIDTH = 232;
export const NODE_HEIGHT = 68;

/** elkjs options (https://eclipse.dev/elk/reference/algorithms/org-eclipse-elk-layered.html). */
export const ELK_LAYOUT_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '56',
  'elk.spacing.nodeNode': '48',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};
