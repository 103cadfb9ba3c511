import { describe, expect, it } from 'vitest';
import type { Flow, Position } from '../../engine/model/flow';
import { groupedFlow } from '../doc/group-fixtures';
import { updateStep } from '../doc/edits';
import { quickLayout } from '../doc/quick-layout';
import { i18n } from '../i18n';
import { buildGraph, newGraphCache, type CanvasNode } from './build-graph';

const NONE: ReadonlySet<string> = new Set();

function chain(n: number): Flow {
  const steps: Flow['steps'] = {};
  for (let i = 0; i < n; i++) steps[`s${i}`] = { type: 'task', shell: `echo ${i}`, ...(i + 1 < n ? { next: `s${i + 1}` } : {}) };
  return { flowsmith: '1.0', name: 'chain', start: 's0', steps };
}

function build(flow: Flow, positions: Record<string, Position>, selected = NONE, cache = newGraphCache()) {
  return { ...buildGraph({ flow, positions, selected, selectedEdge: null }, cache), cache };
}

const byId = (nodes: CanvasNode[]) => new Map(nodes.map((n) => [n.id, n]));

describe('buildGraph', () => {
  it('reuses every node and edge object when nothing changed', () => {
    const flow = chain(50);
    const pos = quickLayout(flow.steps, flow.start);
    const first = build(flow, pos);
    const second = build(flow, pos, NONE, first.cache);
    expect(second.nodes).toHaveLength(50);
    second.nodes.forEach((n, i) => expect(n).toBe(first.nodes[i]));
    expect(second.edges).toBe(first.edges);
  });

  it('a selection change rebuilds only the nodes whose selection changed', () => {
    const flow = chain(50);
    const pos = quickLayout(flow.steps, flow.start);
    const first = build(flow, pos, new Set(['s3']));
    const second = build(flow, pos, new Set(['s7']), first.cache);
    const before = byId(first.nodes);
    const changed = second.nodes.filter((n) => n !== before.get(n.id)).map((n) => n.id);
    expect(changed.sort()).toEqual(['s3', 's7']);
    expect(byId(second.nodes).get('s7')?.selected).toBe(true);
    expect(second.edges).toBe(first.edges);
  });

  it('an edit of one step rebuilds that node only, and edges only where references changed', () => {
    const flow = chain(50);
    const pos = quickLayout(flow.steps, flow.start);
    const first = build(flow, pos);
    const edited = updateStep(flow, 's10', { type: 'task', shell: 'echo changed', next: 's11' });
    const second = build(edited, pos, NONE, first.cache);
    const before = byId(first.nodes);
    expect(second.nodes.filter((n) => n !== before.get(n.id)).map((n) => n.id)).toEqual(['s10']);
    const edgesBefore = new Map(first.edges.map((e) => [e.id, e]));
    expect(second.edges.every((e) => e === edgesBefore.get(e.id))).toBe(true);
  });

  it('draws groups: frames and maps before their children, children relative to their parent, inside it', () => {
    const flow = groupedFlow();
    const { nodes, boxes } = build(flow, quickLayout(flow.steps, flow.start));
    const index = new Map(nodes.map((n, i) => [n.id, i]));
    const nodeMap = byId(nodes);
    expect(nodeMap.get('par:prepare')?.type).toBe('frame');
    expect(nodeMap.get('par:fan')?.parentId).toBe('par:prepare');
    expect(nodeMap.get('stop')?.parentId).toBe('par:prepare');
    expect(nodeMap.get('a')?.parentId).toBe('par:fan');
    expect(nodeMap.get('patch')?.parentId).toBe('scan');
    expect(nodeMap.get('patch')?.draggable).toBe(false);
    expect(nodeMap.get('rollback')?.parentId).toBeUndefined();
    for (const n of nodes) {
      if (!n.parentId) continue;
      expect(index.get(n.parentId)!).toBeLessThan(index.get(n.id)!);
      const p = boxes.get(n.parentId)!;
      const c = boxes.get(n.id)!;
      expect(c.x).toBeGreaterThanOrEqual(p.x);
      expect(c.y).toBeGreaterThanOrEqual(p.y);
      expect(c.x + c.w).toBeLessThanOrEqual(p.x + p.w);
      expect(c.y + c.h).toBeLessThanOrEqual(p.y + p.h);
      expect(n.position).toEqual({ x: c.x - p.x, y: c.y - p.y });
    }
  });

  it("draws a map body's edges and never an edge across scopes", () => {
    const flow = groupedFlow();
    const { edges } = build(flow, quickLayout(flow.steps, flow.start));
    const ids = edges.map((e) => e.id);
    expect(ids).toContain('drain->patch');
    expect(ids).toContain('scan->done');
    expect(ids).toContain('checkout->rollback');
  });

  it('leaves out steps that have no position yet', () => {
    const flow = chain(3);
    const { nodes } = build(flow, { s0: { x: 0, y: 0 } });
    expect(nodes.map((n) => n.id)).toEqual(['s0']);
  });

  it('names edges in the UI language, and rebuilds them when it changes (walkthrough: "Edge from…" in zh-CN)', async () => {
    const flow = chain(2);
    const pos = quickLayout(flow.steps, flow.start);
    await i18n.changeLanguage('en');
    const first = build(flow, pos);
    expect(first.edges[0]?.ariaLabel).toBe('Edge from s0 to s1');
    await i18n.changeLanguage('zh-CN');
    try {
      const second = build(flow, pos, NONE, first.cache);
      expect(second.edges[0]?.ariaLabel).toBe('从 s0 到 s1 的连线');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
