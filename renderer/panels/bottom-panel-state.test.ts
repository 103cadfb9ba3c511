import { describe, expect, it } from 'vitest';
import { bottomPanelMove, type BottomPanelFacts } from './bottom-panel-state';

const empty: BottomPanelFacts = { path: null, runId: null, hasFindings: false };

describe('bottomPanelMove', () => {
  it('starts collapsed with nothing to show, open with a run or findings', () => {
    expect(bottomPanelMove(null, empty)).toBe('collapse');
    expect(bottomPanelMove(null, { ...empty, hasFindings: true })).toBe('expand');
    expect(bottomPanelMove(null, { ...empty, runId: 'r1' })).toBe('expand');
  });

  it('decides again when another document opens', () => {
    const open = { path: '/w/a.yaml', runId: null, hasFindings: false };
    expect(bottomPanelMove(empty, open)).toBe('collapse');
    expect(bottomPanelMove(open, { ...open, path: '/w/b.yaml', hasFindings: true })).toBe('expand');
  });

  it('opens when a run starts, and leaves the user alone otherwise', () => {
    const open = { path: '/w/a.yaml', runId: null, hasFindings: false };
    expect(bottomPanelMove(open, { ...open, runId: 'r1' })).toBe('expand');
    expect(bottomPanelMove({ ...open, runId: 'r1' }, { ...open, runId: 'r1', hasFindings: true })).toBeNull();
    // A finding appearing while editing does not pop the panel open (the tab strip shows the count).
    expect(bottomPanelMove(open, { ...open, hasFindings: true })).toBeNull();
    expect(bottomPanelMove({ ...open, hasFindings: true }, open)).toBeNull();
  });
});
