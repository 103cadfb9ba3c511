/**
 * Tools over the canvas, top right: "Tidy up" (lays the whole flow out again with elk, in the
 * worker, as one undoable edit) and the minimap toggle.
 *
 * The minimap (issue #8: "the minimap covers nodes") is collapsed by default and small when open:
 * a corner overlay cannot avoid nodes once the user pans, so it is shown only on request. The
 * Controls sit bottom left and the tools top right, away from the flow's start, which opens at
 * the top centre.
 */
import { MiniMap, Panel } from '@xyflow/react';
import { useState } from 'react';
import type { Position, StepId } from '../../engine/model/flow';
import { useAppStore, useAppStoreApi } from '../app-context';
import { groupFlow } from '../doc/groups';
import { autoLayout } from '../doc/layout';
import { placeSteps } from '../doc/nested';
import { useTranslation } from '../i18n';
import { layoutEngine } from './layout-engine';

const typeColors: Record<string, string> = {
  task: '#0ea5e9', approval: '#f97316', branch: '#2563eb', parallel: '#7c3aed', join: '#7c3aed',
  map: '#0d9488', wait: '#64748b', succeed: '#16a34a', fail: '#dc2626', frame: 'transparent',
};

/** The tool buttons and, when toggled on, the minimap. `onFrame` re-frames the view after Tidy up. */
export function CanvasTools({ onFrame }: { onFrame: () => void }) {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const notify = useAppStore((s) => s.notify);
  const [isTidying, setTidying] = useState(false);
  const [showMap, setShowMap] = useState(false);

  const tidy = async () => {
    const flow = store.getState().flow;
    if (!flow) return;
    setTidying(true);
    try {
      const pos = await autoLayout(flow, await layoutEngine());
      const groups = groupFlow(flow);
      const top: Record<StepId, Position> = {};
      const nested: Record<StepId, Position> = {};
      for (const [id, p] of Object.entries(pos)) (groups.scopeOf.get(id) === undefined ? top : nested)[id] = p;
      // Only if the document is still the one laid out; a concurrent edit wins.
      if (store.getState().flow !== flow) return;
      store.getState().setAutoPositions(nested);
      store.getState().edit((f) => placeSteps(f, top));
      requestAnimationFrame(() => onFrame());
    } catch (err) {
      notify({ kind: 'error', text: t('canvas.tidyFailed', { error: String(err) }) });
    } finally {
      setTidying(false);
    }
  };

  return (
    <>
      <Panel position="top-right" className="canvas-tools">
        <button type="button" className="btn" onClick={() => void tidy()} disabled={isTidying} title={t('canvas.tidyUpTitle')}>
          {t('canvas.tidyUp')}
        </button>
        <button type="button" className="btn" aria-pressed={showMap} onClick={() => setShowMap((v) => !v)}>
          {t('canvas.minimap')}
        </button>
      </Panel>
      {showMap && (
        <MiniMap
          pannable
          zoomable
          position="bottom-right"
          style={{ width: 140, height: 96 }}
          nodeColor={(n) => typeColors[n.type ?? ''] ?? '#94a3b8'}
          nodeStrokeWidth={2}
          ariaLabel={t('canvas.minimap')}
        />
      )}
    </>
  );
}
