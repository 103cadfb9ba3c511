/**
 * Canvas gestures and groups through the web host (issue #8 points 3 and 5): parallel and map
 * groups, finding badges, box select + Delete as one undo step, Tidy up, drop from the palette.
 * Each test writes its own flow over the host's temporary copy before the designer opens it.
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { expect, test } from './fixtures';
import { AuthoringPage } from './pages/authoring';
import { CanvasPage } from './pages/canvas';

/** A flow with a parallel (branches stop, backup → joined), a map with a three-step body and a shared fail step. */
const groupedFlow = {
  flowsmith: '1.0',
  name: 'grouped',
  start: 'checkout',
  steps: {
    checkout: { type: 'task', shell: 'echo checkout', next: 'prepare', catch: [{ errors: ['*'], next: 'rollback' }] },
    prepare: { type: 'parallel', branches: ['stop', 'backup'], join: 'joined' },
    stop: { type: 'task', shell: 'echo stop', next: 'joined' },
    backup: { type: 'task', shell: 'echo backup', next: 'joined' },
    joined: { type: 'join', next: 'scan' },
    scan: {
      type: 'map',
      items: '$input.hosts',
      start: 'drain',
      steps: {
        drain: { type: 'task', shell: 'echo drain', next: 'patch' },
        patch: { type: 'task', shell: 'echo patch', next: 'restore' },
        restore: { type: 'task', shell: 'echo restore' },
      },
      next: 'done',
    },
    rollback: { type: 'fail', error: 'Failed' },
    done: { type: 'succeed' },
  },
};

test('draws a parallel and a map as groups, with the map body selectable inside it', async ({ webHost, designer, page }) => {
  // Given a flow with a parallel and a map
  const host = await webHost('web-app-deploy');
  writeFileSync(host.flowPath, stringify(groupedFlow));
  const canvas = new CanvasPage(page);

  // When it opens
  await designer.open(host.url);
  await canvas.settled();

  // Then the parallel's branches and join sit inside its frame, the shared fail step outside
  await expect(canvas.parallelFrame('prepare')).toBeVisible();
  await designer.fitView();
  const frame = (await canvas.parallelFrame('prepare').boundingBox())!;
  for (const id of ['prepare', 'stop', 'backup', 'joined']) expect(CanvasPage.contains(frame, await canvas.box(id))).toBe(true);
  expect(CanvasPage.contains(frame, await canvas.box('rollback'))).toBe(false);

  // And the map's body is drawn inside the map's frame, each nested step with its own id
  const map = await canvas.box('scan');
  for (const id of ['drain', 'patch', 'restore']) {
    await expect(canvas.node(id)).toHaveAttribute('data-step-type', 'task');
    expect(CanvasPage.contains(map, await canvas.box(id))).toBe(true);
  }
  await expect(designer.edge('drain', 'patch')).toBeAttached();

  // And a nested step can be selected on its own
  await canvas.node('patch').click();
  await expect(canvas.node('patch')).toHaveClass(/is-selected/);
  await expect(canvas.node('scan')).not.toHaveClass(/is-selected/);
});

test('box-selects two steps, deletes them as one edit, and one Undo brings both back', async ({ webHost, designer, page }) => {
  const host = await webHost('web-app-deploy');
  writeFileSync(host.flowPath, stringify(groupedFlow));
  const canvas = new CanvasPage(page);
  await designer.open(host.url);
  await canvas.settled();
  await designer.fitView();

  // When I Shift-drag a box around "stop" and "backup" and press Delete
  await canvas.boxSelect(['stop', 'backup']);
  await expect(canvas.node('stop')).toHaveClass(/is-selected/);
  await expect(canvas.node('backup')).toHaveClass(/is-selected/);
  await expect(canvas.node('checkout')).not.toHaveClass(/is-selected/);
  await page.keyboard.press('Delete');

  // Then both are gone, and the rest stays
  await expect(canvas.node('stop')).toHaveCount(0);
  await expect(canvas.node('backup')).toHaveCount(0);
  await expect(canvas.node('checkout')).toBeVisible();

  // And one Undo restores both
  await canvas.button('Undo').click();
  await expect(canvas.node('stop')).toBeVisible();
  await expect(canvas.node('backup')).toBeVisible();
});

test('Tidy up lays out a moved step again, and Undo puts it back', async ({ webHost, designer, page }) => {
  const host = await webHost('web-app-deploy');
  const canvas = new CanvasPage(page);
  await designer.open(host.url);
  await canvas.settled();
  await designer.fitView();

  // Given "build" dragged far to the right of where the template has it
  const before = await canvas.box('build');
  await canvas.drag('build', 260, 0);
  await expect.poll(async () => (await canvas.box('build')).x).toBeGreaterThan(before.x + 200);
  const moved = await canvas.box('build');

  // When I press Tidy up, every step gets elk's place: "build" is no longer where I left it
  await canvas.button('Tidy up').click();
  await expect.poll(async () => Math.abs((await canvas.box('build')).x - moved.x) + Math.abs((await canvas.box('build')).y - moved.y)).toBeGreaterThan(20);

  // Then one Undo restores my positions, the dragged one included
  await designer.fitView();
  const tidied = await canvas.box('build');
  await canvas.button('Undo').click();
  await designer.fitView();
  await expect.poll(async () => Math.abs((await canvas.box('build')).x - tidied.x) + Math.abs((await canvas.box('build')).y - tidied.y)).toBeGreaterThan(20);
});

test('a palette entry dropped on the canvas becomes a step at the drop point', async ({ webHost, designer, page }) => {
  const host = await webHost('web-app-deploy');
  const canvas = new CanvasPage(page);
  await designer.open(host.url);
  await canvas.settled();

  // When I drop "approval" on an empty place of the canvas
  const at = await canvas.emptyPoint();
  await canvas.dropFromPalette('approval', at.x, at.y);

  // Then an approval step appears there, selected
  const added = canvas.node('approval-1');
  await expect(added).toHaveAttribute('data-step-type', 'approval');
  const b = await canvas.box('approval-1');
  expect(Math.abs(b.x + b.width / 2 - at.x)).toBeLessThan(40);
  expect(Math.abs(b.y + b.height / 2 - at.y)).toBeLessThan(40);
  await expect(page.getByLabel('Step id', { exact: true })).toHaveValue('approval-1');
});

test('a step with a finding carries data-finding and a badge with the count', async ({ webHost, designer, page }) => {
  // Given a flow whose approval has no approvers (an error) and whose other steps are fine
  const host = await webHost('web-app-deploy');
  writeFileSync(
    host.flowPath,
    stringify({
      flowsmith: '1.0',
      name: 'gate',
      start: 'build',
      steps: {
        build: { type: 'task', shell: 'echo build', next: 'approve' },
        approve: { type: 'approval', approvers: [], next: 'done' },
        done: { type: 'succeed' },
      },
    }),
  );
  const canvas = new CanvasPage(page);
  await designer.open(host.url);
  await canvas.settled();

  // Then the approval's node says so, and the valid steps do not
  await expect(canvas.node('approve')).toHaveAttribute('data-finding', 'error');
  await expect(canvas.findingBadge('approve')).toHaveAccessibleName(/^\d+ errors?$/);
  await expect(canvas.node('build')).not.toHaveAttribute('data-finding');
});

test('opens a big flow at its start first, then has every step to find and edit', async ({ webHost, designer, page }) => {
  // Given a 400-step runbook (its text is over 16 kB, so it is drawn from its first steps first)
  const host = await webHost('web-app-deploy');
  const steps: Record<string, object> = {};
  for (let i = 1; i <= 400; i++) steps[`step-${i}`] = { type: 'task', title: `Check host ${i} of the fleet`, shell: `echo checking host ${i}`, ...(i < 400 ? { next: `step-${i + 1}` } : {}) };
  writeFileSync(host.flowPath, stringify({ flowsmith: '1.0', name: 'fleet', start: 'step-1', steps }));
  const canvas = new CanvasPage(page);

  // When it opens, its start is on screen and the whole flow follows
  await designer.open(host.url);
  await expect(canvas.node('step-1')).toBeVisible();
  await expect(page.locator('.canvas-pane[data-preview]')).toHaveCount(0);
  await canvas.settled();

  // Then the last step, far beyond the first ones, can be found and renamed
  const ui = new AuthoringPage(designer);
  await ui.find('step-400');
  await ui.rename('last-check');
  await expect(canvas.node('last-check')).toBeVisible();
  await designer.select('step-399');
  await expect(page.getByLabel('Next', { exact: true })).toHaveValue('last-check');
});
