/**
 * Places steps that have no position: runs elkjs whenever the document has such steps and
 * stores the result in the doc slice's `autoPositions` (outside the document and its history).
 */
import { useEffect } from 'react';
import { useAppStore } from '../app-context';
import { autoLayout, missingPositions } from '../doc/layout';

/** Keeps `autoPositions` covering every step without a `layout` entry. */
export function useAutoLayout(): void {
  const flow = useAppStore((s) => s.flow);
  const computed = useAppStore((s) => s.autoPositions);
  const setAutoPositions = useAppStore((s) => s.setAutoPositions);
  const notify = useAppStore((s) => s.notify);
  useEffect(() => {
    if (!flow) return;
    const missing = missingPositions(flow, computed);
    if (missing.length === 0) return;
    let isCurrent = true;
    autoLayout(flow)
      .then((pos) => {
        if (!isCurrent) return;
        const picked: typeof pos = {};
        for (const id of missing) picked[id] = pos[id] ?? { x: 0, y: 0 };
        setAutoPositions(picked);
      })
      .catch((err: unknown) => {
        notify({ kind: 'error', text: `Automatic layout failed: ${String(err)}` });
        const fallback: typeof computed = {};
        missing.forEach((id, i) => (fallback[id] = { x: 0, y: i * 110 }));
        if (isCurrent) setAutoPositions(fallback);
      });
    return () => {
      isCurrent = false;
    };
  }, [flow, computed, setAutoPositions, notify]);
}
