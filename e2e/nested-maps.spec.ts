/**
 * Nested map frames: growing an inner map's body grows the outer frame too, and the steps below
 * the outer frame move down with it instead of being drawn under it (session 6 layout bug).
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { expect, test } from './fixtures';
import { CanvasPage } from './pages/canvas';

/** first → outer map (body: prep → inner map (body: disk)) → last, saved positions at the top level. */
const nestedFlow = {
  flowsmith: '1.0',
  name: 'nested-maps',
  start: 'first',
  steps: {
    first: { type: 'task', shell: 'echo first', next: 'outer' },
    outer: {
      type: 'map',
      items: '["a", "b"]',
      start: 'prep',
      steps: {
        prep: { type: 'task', shell: 'echo prep', next: 'inner' },
        inner: { type: 'map', items: '["x"]', start: 'disk', steps: { disk: { type: 'task', shell: 'echo disk' } } },
      },
      next: 'last',
    },
    last: { type: 'succeed' },
  },
};

for (const layout of ['laid out by the designer', 'saved by Tidy up'] as const) {
  test(`adding steps to an inner map pushes the steps below the outer map down (${layout})`, async ({ webHost, designer, page }) => {
    // Given a flow whose map holds another map, with the next step below the outer frame
    const host = await webHost('web-app-deploy');
    writeFileSync(host.flowPath, stringify(nestedFlow));
    const canvas = new CanvasPage(page);
    await designer.open(host.url);
    await canvas.settled();
    if (layout === 'saved by Tidy up') {
      await page.getByRole('button', { name: 'Tidy up' }).click();
      await canvas.settled();
    }
    const gap = async () => {
      await designer.fitView();
      const outer = await canvas.box('outer');
      const last = await canvas.box('last');
      return last.y - (outer.y + outer.height);
    };
    expect(await gap()).toBeGreaterThan(0);

    // When I add two body steps to the inner map from the inspector
    for (let i = 0; i < 2; i++) {
      // The frame's header: its middle is covered by its body steps
      await designer.node('inner').click({ position: { x: 24, y: 12 } });
      await expect(page.getByLabel('Step id', { exact: true })).toHaveValue('inner');
      await page.getByRole('region', { name: 'Inspector' }).getByRole('button', { name: 'Add body step' }).click();
      await canvas.settled();
    }

    // Then the step after the outer map is still below the outer frame
    expect(await gap()).toBeGreaterThan(0);
    // And the inner frame holds its three steps, the outer frame the inner one
    const inner = await canvas.box('inner');
    for (const id of ['disk', 'item-1', 'item-2']) expect(CanvasPage.contains(inner, await canvas.box(id))).toBe(true);
    expect(CanvasPage.contains(await canvas.box('outer'), inner)).toBe(true);
  });
}
