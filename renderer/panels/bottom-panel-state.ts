/**
 * When the bottom panel opens or closes by itself (issue #8: an empty bottom panel must not take
 * a third of the window). It starts collapsed to its tab strip when there is neither a run nor a
 * finding, opens when a document with findings is opened and when a run starts, and otherwise
 * stays as the user left it (the toggle button, a click on a tab, dragging its edge).
 */

/** What the decision looks at. */
export interface BottomPanelFacts {
  /** The open document's path (null before the first open). */
  path: string | null;
  /** The run on display (null when none). */
  runId: string | null;
  hasFindings: boolean;
}

/** `expand`, `collapse`, or null to leave the panel as it is, going from `prev` (null at start) to `next`. */
export function bottomPanelMove(prev: BottomPanelFacts | null, next: BottomPanelFacts): 'expand' | 'collapse' | null {
  const hasContent = next.runId !== null || next.hasFindings;
  if (prev === null || prev.path !== next.path) return hasContent ? 'expand' : 'collapse';
  if (next.runId !== null && next.runId !== prev.runId) return 'expand';
  return null;
}
