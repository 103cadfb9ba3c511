import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Flow, Step } from '../../engine/model/flow';
import { loadFlowText } from '../../engine/yaml/load';
import { createAppStore } from '../store/store';
import { parsePreview, previewText } from './preview';

/** A chain of `n` shell steps with a map in the middle, `layout` after the steps, `origin` last. */
function bigFlow(n: number): Flow {
  const steps: Record<string, Step> = {};
  for (let i = 1; i <= n; i++) {
    steps[`s${i}`] = i === 3
      ? { type: 'map', items: '[1]', start: 'inner', steps: { inner: { type: 'task', shell: 'echo |\n  multi line' } }, next: `s${i + 1}` }
      : { type: 'task', title: `Step ${i} of a long runbook`, shell: `echo "step ${i}" && sleep 1`, ...(i < n ? { next: `s${i + 1}` } : {}) };
  }
  return { flowsmith: '1.0', name: 'big', title: 'Big', start: 's1', steps, layout: { s1: { x: 5, y: 6 }, s2: { x: 5, y: 200 } } };
}

describe('previewText', () => {
  it('keeps the header, the first steps and the layout of a big flow, and parses', () => {
    const text = stringify(bigFlow(600));
    const cut = previewText(text, 10)!;
    const flow = loadFlowText(cut.head + cut.layout).flow!;
    expect(Object.keys(flow.steps)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10']);
    expect(flow.steps.s3).toEqual(bigFlow(600).steps.s3);
    expect(flow.layout).toEqual({ s1: { x: 5, y: 6 }, s2: { x: 5, y: 200 } });
    expect(flow).toMatchObject({ name: 'big', title: 'Big', start: 's1' });
  });

  it('gives none for a flow that has no more steps than the preview, or no block mapping of steps', () => {
    expect(previewText(stringify(bigFlow(5)), 10)).toBeNull();
    expect(previewText('flowsmith: "1.0"\nsteps: {a: {type: succeed}}\n', 0)).toBeNull();
    expect(previewText('flowsmith: "1.0"\nsteps:\n  - a\n  - b\n', 1)).toBeNull();
    expect(previewText('flowsmith: "1.0"\nname: x\n', 1)).toBeNull();
    expect(previewText('steps:\n  a: {type: succeed}\nlayout: {}\n', 1)).toBeNull();
  });
});

describe('parsePreview', () => {
  it("keeps only the preview's own positions from a long layout", () => {
    const flow = bigFlow(600);
    const layout = Object.fromEntries(Object.keys(flow.steps).map((id, i) => [id, { x: i, y: 2 * i }]));
    const preview = parsePreview(stringify({ ...flow, layout }).replace('  s2: {', '  "s2": {'))!;
    expect(Object.keys(preview.layout!)).toEqual(Object.keys(preview.steps));
    expect(preview.layout!.s2).toEqual({ x: 1, y: 2 });
  });


  it('gives none for a small text, or when the start step is not among the first steps', () => {
    expect(parsePreview(stringify(bigFlow(30)))).toBeNull();
    expect(parsePreview(stringify({ ...bigFlow(600), start: 's500' }))).toBeNull();
    expect(Object.keys(parsePreview(stringify(bigFlow(600)))!.steps)).toHaveLength(40);
  });
});

describe('opening a big file progressively', () => {
  it('shows the preview, then the whole flow once finishLoad parses it; an edit before that parses first', () => {
    const text = stringify(bigFlow(600));
    const store = createAppStore();
    store.getState().loadDocument('/w/big.yaml', text, { progressive: true });
    let s = store.getState();
    expect(s.flow).toBeNull();
    expect(Object.keys(s.preview!.steps)).toHaveLength(40);
    expect(s.text).toBe(text);
    expect(s.isDirty()).toBe(false);
    s.finishLoad();
    s = store.getState();
    expect(s.preview).toBeNull();
    expect(Object.keys(s.flow!.steps)).toHaveLength(600);
    expect(s.doc).not.toBeNull();

    store.getState().loadDocument('/w/big.yaml', text, { progressive: true });
    expect(store.getState().edit((f) => ({ ...f, title: 'Renamed' }))).toBe(true);
    s = store.getState();
    expect(s.preview).toBeNull();
    expect(Object.keys(s.flow!.steps)).toHaveLength(600);
    s.flushEdits();
    expect(store.getState().text).toContain('title: Renamed');
    expect(loadFlowText(store.getState().text).flow?.steps.s600).toEqual(bigFlow(600).steps.s600);
  });
});
