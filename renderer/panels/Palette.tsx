/**
 * The palette: one button per step kind ("Add task", "Add approval"…). A new step gets a fresh
 * id, a default body, a place near the middle of what the canvas shows, and the selection.
 */
import { useReactFlow } from '@xyflow/react';
import { useActions, useAppStore, useAppStoreApi } from '../app-context';
import { StepIcon } from '../canvas/icons';
import type { IconName } from '../canvas/icons';
import { NODE_HEIGHT, NODE_WIDTH } from '../doc/node-size';
import { freeSpot } from '../doc/placement';
import { paletteEntries, type PaletteKind } from '../doc/new-step';

const iconOf: Record<PaletteKind, IconName> = {
  'task-shell': 'shell',
  'task-http': 'http',
  approval: 'approval',
  branch: 'branch',
  parallel: 'parallel',
  join: 'join',
  wait: 'wait',
  succeed: 'succeed',
  fail: 'fail',
};

/** The left-hand palette. */
export function Palette() {
  const actions = useActions();
  const store = useAppStoreApi();
  const hasFlow = useAppStore((s) => s.flow !== null);
  const { screenToFlowPosition } = useReactFlow();

  const add = (kind: PaletteKind) => {
    const pane = document.querySelector('.canvas .react-flow')?.getBoundingClientRect();
    const center = pane
      ? screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    const { flow, autoPositions } = store.getState();
    const taken = Object.keys(flow?.steps ?? {}).flatMap((id) => flow?.layout?.[id] ?? autoPositions[id] ?? []);
    actions.addFromPalette(kind, freeSpot({ x: center.x - NODE_WIDTH / 2, y: center.y - NODE_HEIGHT / 2 }, taken));
  };

  return (
    <nav className="palette" aria-label="Steps palette">
      <h3>Steps</h3>
      {paletteEntries.map((e) => (
        <button
          key={e.kind}
          type="button"
          className={`palette-item kind-${e.kind}`}
          aria-label={`Add ${e.label}`}
          title={e.hint}
          disabled={!hasFlow}
          onClick={() => add(e.kind)}
        >
          <span className={`palette-icon icon-${e.kind.startsWith('task') ? 'task' : e.kind}`}>
            <StepIcon name={iconOf[e.kind]} />
          </span>
          <span className="palette-text">
            <span className="palette-label">{e.label.charAt(0).toUpperCase() + e.label.slice(1)}</span>
            <span className="palette-hint">{e.hint}</span>
          </span>
        </button>
      ))}
      <p className="palette-help">
        Drag from a node's bottom dot to another node to connect. Select and press Delete to remove.
      </p>
    </nav>
  );
}
