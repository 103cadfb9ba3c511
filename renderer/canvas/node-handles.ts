/**
 * Where each node's handles sit, given to React Flow up front (`node.handles`). Without them React
 * Flow renders every node once to measure its handles, even with onlyRenderVisibleElements: a
 * 1,000-step flow mounted 1,000 nodes on open and then removed 986 of them (issue #8 point 6,
 * bench/designer). With them, only the nodes in view are ever mounted.
 *
 * The figures are what React Flow measures from styles/nodes.css (handles of 10 px with a 2 px
 * border above and below, 8 px on the right side; xyflow centres each on its side): keep them in
 * step with that file. Coordinates are in canvas px relative to the node's top-left corner.
 */
import { Position, type NodeHandle } from '@xyflow/react';
import type { Step } from '../../engine/model/flow';
import { sourceHandles } from '../doc/edges';
import type { ConnectKind } from '../doc/edits';

/** Side of each source handle (NodeShell draws them there). */
export const HANDLE_SIDE: Record<ConnectKind, Position> = {
  next: Position.Bottom,
  case: Position.Bottom,
  branch: Position.Bottom,
  default: Position.Right,
  reject: Position.Right,
  catch: Position.Right,
};

const MAIN = 10; // .react-flow__handle: top and bottom handles
const SIDE = 8; // .react-flow__handle-right

/** The handles of a node of step type `type` drawn `width` × `height` px. */
export function nodeHandles(type: Step['type'], width: number, height: number): NodeHandle[] {
  const handles: NodeHandle[] = [{ id: 'in', type: 'target', position: Position.Top, x: width / 2 - MAIN / 2, y: -MAIN, width: MAIN, height: MAIN }];
  for (const kind of sourceHandles(type)) {
    const side = HANDLE_SIDE[kind];
    handles.push(
      side === Position.Bottom
        ? { id: kind, type: 'source', position: side, x: width / 2 - MAIN / 2, y: height - 6, width: MAIN, height: MAIN }
        : { id: kind, type: 'source', position: side, x: width - SIDE / 2 - 1, y: height / 2 - SIDE / 2, width: SIDE, height: SIDE },
    );
  }
  return handles;
}
