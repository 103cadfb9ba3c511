/**
 * The designer's resizable layout (DESIGN.md "Designer"): left column, centre, right column in a
 * row, over the bottom panel. Built on react-resizable-panels; side columns keep their pixel
 * width when the window resizes, and every size the user drags is kept in localStorage. The bottom
 * panel collapses to its tab strip by itself when there is nothing to show (bottom-panel-state.ts).
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef } from 'react-resizable-panels';
import { useAppStoreApi } from '../app-context';
import { useTranslation } from '../i18n';
import type { AppState } from '../store/store';
import { BottomPanel } from './BottomPanel';
import { bottomPanelMove, type BottomPanelFacts } from './bottom-panel-state';

/** Height of the collapsed bottom panel: its tab strip (matches .tabs-bar in panels.css). */
const COLLAPSED_BOTTOM = '36px';

const facts = (s: AppState): BottomPanelFacts => ({ path: s.path, runId: s.runId, hasFindings: s.findings.length > 0 });

/** Opens and closes the bottom panel as the document and runs change; returns its state and controls. */
function useBottomPanelState() {
  const store = useAppStoreApi();
  const panelRef = usePanelRef();
  const [isCollapsed, setCollapsed] = useState(true);
  const move = useCallback(
    (to: 'expand' | 'collapse' | null) => {
      const panel = panelRef.current;
      if (!panel || to === null) return;
      if (to === 'expand' && panel.isCollapsed()) panel.expand();
      if (to === 'collapse' && !panel.isCollapsed()) panel.collapse();
      setCollapsed(panel.isCollapsed());
    },
    [panelRef],
  );
  useEffect(() => {
    let prev = facts(store.getState());
    move(bottomPanelMove(null, prev));
    return store.subscribe((s) => {
      const next = facts(s);
      if (next.path === prev.path && next.runId === prev.runId && next.hasFindings === prev.hasFindings) return;
      const to = bottomPanelMove(prev, next);
      prev = next;
      move(to);
    });
  }, [store, move]);
  return {
    panelRef,
    isCollapsed,
    onResize: () => setCollapsed(panelRef.current?.isCollapsed() ?? false),
    toggle: () => move(panelRef.current?.isCollapsed() ? 'expand' : 'collapse'),
    expand: () => move('expand'),
  };
}

/** The layout; `centre` should be one element (the lead splits it into canvas and code view). */
export function DesignerLayout(props: { left: ReactNode; centre: ReactNode; right: ReactNode }) {
  const { t } = useTranslation();
  const rows = useDefaultLayout({ id: 'flowsmith.layout.rows', onlySaveAfterUserInteractions: true });
  const columns = useDefaultLayout({ id: 'flowsmith.layout.columns', onlySaveAfterUserInteractions: true });
  const bottom = useBottomPanelState();
  return (
    <Group orientation="vertical" className="layout-rows" defaultLayout={rows.defaultLayout} onLayoutChanged={rows.onLayoutChanged}>
      <Panel id="panel-workspace" minSize="200px">
        <Group orientation="horizontal" className="workspace" defaultLayout={columns.defaultLayout}
          onLayoutChanged={columns.onLayoutChanged}>
          <Panel id="panel-left" className="layout-cell" defaultSize="200px" minSize="150px" maxSize="420px"
            groupResizeBehavior="preserve-pixel-size">
            {props.left}
          </Panel>
          <Separator className="resize-handle vertical" aria-label={t('layout.resizeLeft')} />
          <Panel id="panel-centre" className="layout-cell" minSize="320px">
            {props.centre}
          </Panel>
          <Separator className="resize-handle vertical" aria-label={t('layout.resizeRight')} />
          <Panel id="panel-right" className="layout-cell" defaultSize="320px" minSize="240px" maxSize="640px"
            groupResizeBehavior="preserve-pixel-size">
            {props.right}
          </Panel>
        </Group>
      </Panel>
      <Separator className="resize-handle horizontal" aria-label={t('layout.resizeBottom')} />
      <Panel id="panel-bottom" className="layout-cell" panelRef={bottom.panelRef} collapsible collapsedSize={COLLAPSED_BOTTOM}
        minSize="140px" defaultSize="260px" groupResizeBehavior="preserve-pixel-size" onResize={bottom.onResize}>
        <BottomPanel isCollapsed={bottom.isCollapsed} onToggle={bottom.toggle} onExpand={bottom.expand} />
      </Panel>
    </Group>
  );
}
