/**
 * The viewport a flow opens at (issue #8 "Readable"): zoom ≥ 0.8 with the start of the flow in
 * view. A flow that fits at a readable zoom is shown whole; a bigger one opens at zoom 1 with its
 * start step at the top centre, as a long runbook is read from the top.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useRef, type RefObject } from 'react';

/** Smallest zoom at which node titles stay readable (15 px titles → 12 px). */
export const READABLE_ZOOM = 0.8;
const PAD = 40;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The opening viewport for the flow's bounds `all` and its start step's box `start`. */
export function openingViewport(all: Box, start: Box | undefined, pane: { width: number; height: number }) {
  const fit = Math.min((pane.width - 2 * PAD) / Math.max(all.w, 1), (pane.height - 2 * PAD) / Math.max(all.h, 1));
  if (fit >= READABLE_ZOOM) {
    const zoom = Math.min(fit, 1.1);
    return { x: pane.width / 2 - (all.x + all.w / 2) * zoom, y: pane.height / 2 - (all.y + all.h / 2) * zoom, zoom };
  }
  const zoom = 1;
  const focus = start ?? all;
  return { x: pane.width / 2 - (focus.x + focus.w / 2) * zoom, y: PAD - focus.y * zoom, zoom };
}

/** Union of boxes. */
function hull(boxes: Iterable<Box>): Box | undefined {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w); y1 = Math.max(y1, b.y + b.h);
  }
  return x0 === Infinity ? undefined : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/**
 * Frames each opened file once its steps are drawn, and again when elk's layout replaces the
 * provisional one, unless the user moved the view in between. Returns `frame()` (for Tidy up)
 * and `onUserMove` to pass to React Flow's onMoveStart.
 */
export function useOpenFrame(
  path: string | null,
  start: string | null,
  boxes: ReadonlyMap<string, Box>,
  isPending: boolean,
  paneRef: RefObject<HTMLDivElement | null>,
) {
  const { setViewport } = useReactFlow();
  const framed = useRef<{ path: string | null; settled: boolean; userMoved: boolean }>({ path: null, settled: false, userMoved: false });

  const frame = useCallback(() => {
    const pane = paneRef.current?.getBoundingClientRect();
    const all = hull(boxes.values());
    if (!pane || !all || pane.width === 0) return false;
    void setViewport(openingViewport(all, start ? boxes.get(start) : undefined, pane));
    return true;
  }, [boxes, start, setViewport, paneRef]);

  useEffect(() => {
    const f = framed.current;
    if (f.path !== path) {
      if (boxes.size === 0 || !frame()) return;
      framed.current = { path, settled: !isPending, userMoved: false };
      return;
    }
    if (!f.settled && !isPending) {
      f.settled = true;
      if (!f.userMoved) frame();
    }
  }, [path, boxes, isPending, frame]);

  const onUserMove = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) framed.current.userMoved = true;
  }, []);
  return { frame, onUserMove };
}
