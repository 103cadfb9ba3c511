/**
 * A new user's first minutes (session 6 walkthrough): the template list in their language, and
 * palette blocks that leave the flow valid: parallel, branch and join added from the palette
 * need no filling in before `flowsmith validate` passes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { expect, test } from './fixtures';
import { AuthoringPage } from './pages/authoring';
import { CanvasPage } from './pages/canvas';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = process.env.FLOWSMITH_CLI ?? join(root, 'dist/engine/cli.js');

test('adds a parallel, a branch and a join from the palette and the flow validates without filling them in', async ({ webHost, designer, page }) => {
  // Given web-app-deploy open with "build" selected
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const ui = new AuthoringPage(designer);
  const canvas = new CanvasPage(page);
  await designer.select('build');

  // When I add a parallel, then a branch, then a join, each after the last
  const parallel = await ui.add('parallel');
  const branch = await ui.add('branch');
  const joinId = await ui.add('join');
  await canvas.settled();

  // Then each came wired: the parallel with two branch tasks and its join, the branch with a case
  for (const id of [parallel, branch, joinId]) await expect(designer.node(id)).not.toHaveAttribute('data-finding', 'error');
  await expect(page.locator('[data-finding="error"]')).toHaveCount(0);
  await designer.save();
  const saved = parse(readFileSync(host.flowPath, 'utf8')) as { steps: Record<string, Record<string, unknown>> };
  expect((saved.steps[parallel]?.branches as string[]).length).toBe(2);
  expect((saved.steps[branch]?.cases as unknown[]).length).toBe(1);
  expect(saved.steps[joinId]).toMatchObject({ type: 'join' });
  // And the CLI finds no error in the saved file
  execFileSync(process.execPath, [cli, 'validate', host.flowPath, '--db', join(host.dir, 'cli.db')], { stdio: 'pipe' });
  // And the block below "build" did not land on the steps that were under it
  const testBox = await canvas.box('test');
  const joinBox = await canvas.box(joinId);
  expect(testBox.y).toBeGreaterThan(joinBox.y + joinBox.height);
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('lists the shipped templates with Chinese titles and descriptions', async ({ webHost, designer, page }) => {
    const host = await webHost('web-app-deploy');
    await designer.open(host.url);
    await page.getByRole('button', { name: '模板', exact: true }).click();
    const list = page.getByRole('dialog').getByRole('list', { name: '模板' });
    await expect(list.getByRole('button', { name: /Web 应用部署/ })).toBeVisible();
    await expect(list).toContainText('数据库变更');
    await expect(list).toContainText('夜间备份');
    await expect(list).not.toContainText('Nightly backup');
  });
});
