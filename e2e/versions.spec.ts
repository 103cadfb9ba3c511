/**
 * e2e of the Versions panel (issue #12 part 3) through the web host in Chromium: publish
 * web-app-deploy, change a step in the inspector, publish again (the edit is saved first), then
 * compare the two versions: the changed step's node is marked `data-diff="changed"` on the canvas,
 * the panel lists the changed field path, and "Leave diff" takes the marks away.
 */
import { expect, test } from './fixtures';
import { AuthoringPage } from './pages/authoring';

test('publishes twice with a change in between and shows the changed node on the canvas', async ({ webHost, designer, page }) => {
  // Given web-app-deploy open in the designer, and the Versions tab
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  await page.getByRole('tab', { name: 'Versions' }).click();
  const versions = page.getByRole('region', { name: 'Versions' });

  // When I publish it with a note
  await versions.getByLabel('Note').fill('first cut');
  await versions.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(versions.getByText('Published version 1')).toBeVisible();
  await expect(versions.locator('tr[data-version="1"]')).toContainText('first cut');

  // And change the build step's title, then publish again
  const ui = new AuthoringPage(designer);
  await designer.select('build');
  await ui.fill('Title', 'Build it');
  await ui.field('Title').press('Enter');
  await expect(page.locator('.file[data-dirty="true"]')).toBeVisible();
  await versions.getByLabel('Note').fill('renamed build');
  await versions.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(versions.getByText('Published version 2')).toBeVisible();
  await expect(page.locator('.file[data-dirty="false"]')).toBeVisible();

  // And compare versions 1 and 2
  await versions.getByRole('checkbox', { name: 'Choose version 1' }).check();
  await versions.getByRole('checkbox', { name: 'Choose version 2' }).check();
  await versions.getByRole('button', { name: 'Compare versions' }).click();

  // Then the build node is marked changed, the others are not, and the field path is listed
  await expect(designer.node('build')).toHaveAttribute('data-diff', 'changed');
  await expect(page.locator('[data-step-id][data-diff]')).toHaveCount(1);
  await expect(versions.getByRole('list', { name: 'Changes' })).toContainText('build.title');
  await page.screenshot({ path: 'test-results/versions-diff.png' });

  // And Leave diff takes the marks away
  await versions.getByRole('button', { name: 'Leave diff' }).click();
  await expect(page.locator('[data-step-id][data-diff]')).toHaveCount(0);
});
