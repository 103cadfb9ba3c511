/**
 * Places steps that have no position: elkjs (in a web worker, layout-engine.ts) runs whenever the
 * document has such steps and stores its result in the doc slice's `autoPositions` (outside the
 * document and its history). Until elk answers, a provisional breadth-first layout
 * (doc/quick-layout.ts) fills the gaps, so a big flow is drawn at once instead of a blank canvas.
 */
import { useEffect, useMemo } from 'react';
import type { Flow, Position, StepId } from '../../engine/model/flow';
import { useAppStore } from '../app-context';
import type { Groups } from '../doc/groups';
import { autoLayout, missingPositions, positionsToKeep } from '../doc/layout';
import { quickLayout } from '../doc/quick-layout';
import { layoutEngine } from './layout-engine';
import { i18n } from '../i18n';
import { afterPaint, timed } from '../perf';

/** Why a layout was not started: the flow changed before the frame it waited for. */
const SUPERSEDED = new Error('superseded');

/** Positions to draw with (document layout aside) and whether elk is still working on some. */
export interface AutoLayout {
  positions: Record<StepId, Position>;
  isPending: boolean;
}

/**
 * Keeps `autoPositions` covering every step without a `layout` entry; returns what to draw now.
 * `flow` is what the canvas draws: the document, or while a big file opens its preview
 * (doc/preview.ts), which gets the provisional layout only (elk waits for the whole flow).
 */
export function useAutoLayout(flow: Flow | null, groups: Groups | null, isPreview = false): AutoLayout {
  const computed = useAppStore((s) => s.autoPositions);
  const setAutoPositions = useAppStore((s) => s.setAutoPositions);
  const notify = useAppStore((s) => s.notify);
  const missing = useMemo(() => (flow && groups ? timed('missingPositions', () => missingPositions(flow, computed, groups)) : []), [flow, computed, groups]);

  useEffect(() => {
    if (!flow || missing.length === 0 || isPreview) return;
    let isCurrent = true;
    // Building elk's graph is O(steps) on this thread: start after the provisional layout is painted.
    afterPaint()
      .then(() => (isCurrent ? layoutEngine() : Promise.reject(SUPERSEDED)))
      .then((elk) => autoLayout(flow, elk))
      .then((pos) => {
        if (!isCurrent) return;
        // Map bodies, and the unsaved steps around them, take elk's new places (doc/layout.ts).
        setAutoPositions(groups ? positionsToKeep(flow, groups, missing, pos) : pos);
      })
      .catch((err: unknown) => {
        if (!isCurrent || err === SUPERSEDED) return;
        notify({ kind: 'error', text: i18n.t('canvas.layoutFailed', { error: String(err) }) });
        const quick = quickLayout(flow.steps, flow.start);
        const fallback: typeof computed = {};
        for (const id of missing) fallback[id] = quick[id] ?? { x: 0, y: 0 };
        setAutoPositions(fallback);
      });
    return () => {
      isCurrent = false;
    };
  }, [flow, missing, groups, isPreview, setAutoPositions, notify]);

  // While elk works, missing steps take provisional places. Only when something is missing: O(n).
  const positions = useMemo(() => {
    if (!flow || missing.length === 0) return computed;
    const quick = timed('quickLayout', () => quickLayout(flow.steps, flow.start));
    const out = { ...computed };
    for (const id of missing) if (quick[id]) out[id] = quick[id];
    return out;
  }, [flow, missing, computed]);
  return { positions, isPending: missing.length > 0 };
}
