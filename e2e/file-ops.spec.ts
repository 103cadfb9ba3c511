/**
 * Rename, Move to… and Delete in the Files panel, in Chromium through the web host, on real files:
 * the flow and its X.scenarios.yaml go together; the open flow keeps its unsaved edits under its new
 * name; an existing file is replaced only after "Replace"; deleting the open flow asks (it has edits)
 * and closes it. Keyboard: the "Actions for <file>" menu with arrows, F2 and Delete on a row.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, templatePath, test } from './fixtures';
import { FilesPage } from './pages/files';

const SCRATCH = 'scratch';

test('renames, moves and deletes workspace flows with their scenarios, from the menu and the keyboard', async ({ webHost, designer, page }) => {
  // Given web-app-deploy (open) with its scenarios, and ops/nightly-backup.yaml
  const host = await webHost('web-app-deploy');
  copyFileSync(templatePath('web-app-deploy').replace(/\.yaml$/, '.scenarios.yaml'), join(host.dir, 'web-app-deploy.scenarios.yaml'));
  mkdirSync(join(host.dir, 'ops'));
  copyFileSync(templatePath('nightly-backup'), join(host.dir, 'ops', 'nightly-backup.yaml'));
  const files = new FilesPage(page);
  await designer.open(host.url);
  await expect(files.file('nightly-backup.yaml')).toBeVisible();

  // And an unsaved edit in the open flow
  const added = await designer.addStep('task');
  await expect(files.dirtyMarker).toBeVisible();

  // When I rename it through its Actions menu
  await files.region.getByRole('button', { name: 'Actions for web-app-deploy.yaml' }).click();
  const menu = files.region.getByRole('menu', { name: 'Actions for web-app-deploy.yaml' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Rename', 'Move to…', 'Delete']);
  await page.screenshot({ path: `${SCRATCH}/files-menu.png` });
  await menu.getByRole('menuitem', { name: 'Rename' }).click();
  const rename = files.dialog('Rename file');
  await rename.getByLabel('New name').fill('deploy.yaml');
  await rename.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(rename).toBeHidden();

  // Then both files have the new name, the flow is still open under it, with the edit unsaved
  expect(existsSync(join(host.dir, 'deploy.yaml')) && existsSync(join(host.dir, 'deploy.scenarios.yaml'))).toBe(true);
  expect(existsSync(join(host.dir, 'web-app-deploy.yaml')) || existsSync(join(host.dir, 'web-app-deploy.scenarios.yaml'))).toBe(false);
  await expect(files.file('deploy.yaml')).toHaveAttribute('aria-current', 'true');
  await expect(files.dirtyMarker).toBeVisible();
  await expect(designer.node(added)).toBeVisible();
  // And Save writes the renamed file
  await designer.save();
  expect(readFileSync(join(host.dir, 'deploy.yaml'), 'utf8')).toContain(`${added}:`);

  // When I move it into ops with the keyboard only: menu button, ArrowDown to "Move to…", Enter
  writeFileSync(join(host.dir, 'ops', 'deploy.yaml'), readFileSync(templatePath('db-change'), 'utf8'));
  await files.region.getByRole('button', { name: 'Actions for deploy.yaml' }).focus();
  await page.keyboard.press('Enter');
  await expect(menu.page().getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const move = files.dialog('Move file');
  await expect(move.getByLabel('Destination folder')).toBeFocused();
  await page.keyboard.type('ops');
  await page.keyboard.press('Enter');
  // Then a file already there is not replaced before I say so
  await expect(move.getByRole('alert')).toContainText('ops/deploy.yaml already exists');
  await expect(move.getByRole('alert')).toContainText('Replace it?');
  await page.screenshot({ path: `${SCRATCH}/files-move-replace.png` });
  expect(readFileSync(join(host.dir, 'ops', 'deploy.yaml'), 'utf8')).toContain('name: db-change');
  await move.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(move).toBeHidden();
  expect(readFileSync(join(host.dir, 'ops', 'deploy.yaml'), 'utf8')).toContain(`${added}:`);
  expect(existsSync(join(host.dir, 'ops', 'deploy.scenarios.yaml'))).toBe(true);
  await expect(files.file('deploy.yaml')).toHaveAttribute('aria-current', 'true');
  await expect(files.file('deploy.yaml')).toHaveAttribute('title', /ops\/deploy\.yaml/);

  // When I delete nightly-backup.yaml with the Delete key and confirm
  await files.file('nightly-backup.yaml').focus();
  await page.keyboard.press('Delete');
  const del = files.dialog('Delete file');
  await expect(del).toContainText('Delete nightly-backup.yaml from the workspace?');
  await del.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(files.file('nightly-backup.yaml')).toBeHidden();
  expect(existsSync(join(host.dir, 'ops', 'nightly-backup.yaml'))).toBe(false);

  // When I delete the open flow while it has unsaved edits, I am told, and Cancel keeps everything
  await designer.addStep('task');
  await expect(files.dirtyMarker).toBeVisible();
  await files.file('deploy.yaml').press('F2'); // F2 renames…
  await expect(files.dialog('Rename file')).toBeVisible();
  await files.dialog('Rename file').getByRole('button', { name: 'Cancel' }).click();
  await files.file('deploy.yaml').press('Delete'); // …and Delete deletes
  await expect(del.getByRole('alert')).toContainText('deploy.yaml is open and has unsaved changes');
  await page.screenshot({ path: `${SCRATCH}/files-delete-dirty.png` });
  await del.getByRole('button', { name: 'Cancel', exact: true }).click();
  expect(existsSync(join(host.dir, 'ops', 'deploy.yaml'))).toBe(true);
  // Delete closes it: the files are gone and a new untitled flow takes its place
  await files.file('deploy.yaml').press('Delete');
  await del.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(files.file('deploy.yaml')).toBeHidden();
  expect(existsSync(join(host.dir, 'ops', 'deploy.yaml')) || existsSync(join(host.dir, 'ops', 'deploy.scenarios.yaml'))).toBe(false);
  await expect(designer.nodes).toHaveCount(1);
  await expect(page.getByText('Deleted deploy.yaml; it was open')).toBeVisible();
});

for (const look of [
  { name: 'dark', use: { colorScheme: 'dark' as const }, actions: 'Actions for web-app-deploy.yaml', del: 'Delete file' },
  { name: 'zh-CN', use: { locale: 'zh-CN' }, actions: 'web-app-deploy.yaml 的操作', del: '删除文件' },
]) {
  test.describe(`in ${look.name}`, () => {
    test.use(look.use);
    test(`shows the file menu and the delete dialog (${look.name})`, async ({ webHost, designer, page }) => {
      const host = await webHost('web-app-deploy');
      await designer.open(host.url);
      await page.getByRole('button', { name: look.actions }).click();
      await expect(page.getByRole('menuitem')).toHaveCount(3);
      await page.screenshot({ path: `${SCRATCH}/files-menu-${look.name}.png` });
      await page.getByRole('menuitem').nth(2).click();
      await expect(page.getByRole('dialog', { name: look.del })).toBeVisible();
      await page.screenshot({ path: `${SCRATCH}/files-delete-${look.name}.png` });
    });
  });
}

test('keeps a long file name readable in the toolbar while a run status shows', async ({ webHost, designer, page }) => {
  // Given web-app-deploy renamed to a long name, and a simulation waiting at the approval
  const host = await webHost('web-app-deploy');
  const files = new FilesPage(page);
  await designer.open(host.url);
  const long = 'web-app-deploy-for-the-production-cluster-eu-west.yaml';
  await files.file('web-app-deploy.yaml').press('F2');
  await files.dialog('Rename file').getByLabel('New name').fill(long);
  await files.dialog('Rename file').getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(files.file(long)).toHaveAttribute('aria-current', 'true');
  await designer.run({ environment: 'production', version: '1.0.0' }, 'Simulate');
  await expect(page.getByRole('banner').locator('.run-chip')).toBeVisible();

  // Then the toolbar shows the name's end (cut in the middle, not at the end) and the full path on hover
  const name = page.getByRole('banner').locator('.file-name');
  await expect(name).toHaveText(long);
  await expect(name).toHaveAttribute('title', join(host.dir, long));
  const tail = name.locator('.middle-ellipsis-tail');
  await expect(tail).toHaveText('eu-west.yaml');
  const [box, tailBox] = [await name.boundingBox(), await tail.boundingBox()];
  expect(tailBox!.x + tailBox!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
  await page.getByRole('banner').screenshot({ path: `${SCRATCH}/toolbar-long-name.png` });
});
