/**
 * Document → React Flow nodes and edges. Pure: the canvas calls these whenever the document,
 * the computed positions or the selection change.
 */
import { MarkerType, type Edge } from '@xyflow/react';
import type { Flow, Position, StepId } from '../../engine/model/flow';
import { flowEdges, type EdgeRef, type FlowEdge } from '../doc/edges';
import { edgeLabel } from '../i18n/edge-labels';
import type { StepNode } from './step-nodes';

const edgeColors: Record<FlowEdge['style'], string> = {
  normal: '#64748b',
  case: '#2563eb',
  branch: '#7c3aed',
  reject: '#ea580c',
  catch: '#dc2626',
};

/**
 * Nodes for every step that has a position (the document's `layout`, else the computed one);
 * `measured` sizes are carried over from `prev` so React Flow does not measure every node again.
 */
export function buildNodes(
  flow: Flow | null,
  computed: Record<StepId, Position>,
  selected: StepId | null,
  prev: readonly StepNode[],
): StepNode[] {
  if (!flow) return [];
  const before = new Map(prev.map((n) => [n.id, n]));
  const out: StepNode[] = [];
  for (const [id, step] of Object.entries(flow.steps)) {
    const position = flow.layout?.[id] ?? computed[id];
    if (!position) continue; // drawn once elkjs has placed it, instead of flashing at 0,0
    const old = before.get(id);
    out.push({
      id,
      type: step.type,
      position,
      data: { step },
      selected: id === selected,
      ...(old?.measured ? { measured: old.measured } : {}),
    });
  }
  return out;
}

/** Edge data: the references the edge stands for. */
export interface StepEdgeData extends Record<string, unknown> {
  refs: EdgeRef[];
}

/** Edges from successors() semantics, styled by kind: case edges labelled, catch dashed red, reject orange. */
export function buildEdges(flow: Flow | null, selected: string | null): Edge<StepEdgeData>[] {
  if (!flow) return [];
  return flowEdges(flow).map((e) => {
    const color = edgeColors[e.style];
    const dashed = e.style === 'catch' || e.style === 'reject';
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      sourceHandle: e.sourceHandle,
      targetHandle: 'in',
      type: 'smoothstep',
      label: edgeLabel(e.refs) ?? e.label,
      selected: e.id === selected,
      className: `edge-${e.style}`,
      data: { refs: e.refs },
      markerEnd: { type: MarkerType.ArrowClosed, color, width: 18, height: 18 },
      style: { stroke: color, strokeWidth: 1.6, ...(dashed ? { strokeDasharray: '6 4' } : {}) },
      labelStyle: { fill: color, fontWeight: 600, fontSize: 11 },
      labelBgStyle: { fill: 'var(--panel)' }, // theme.css: white in light, dark surface in dark
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 4,
    };
  });
}
