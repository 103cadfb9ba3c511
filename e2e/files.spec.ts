/**
 * Files in the designer through the web host (issue #8 point 4): New → Save as → Files → reopen;
 * a template is copied into the workspace and the shipped file stays as it was; the unsaved-changes
 * guard keeps edits on Cancel.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, templatePath, test } from './fixtures';
import { FilesPage } from './pages/files';

test('starts a new flow, saves it as a workspace file and reopens it from Files', async ({ webHost, designer, page }) => {
  // Given the designer on a workspace holding web-app-deploy, and nightly-backup in a folder
  const host = await webHost('web-app-deploy');
  mkdirSync(join(host.dir, 'ops'));
  copyFileSync(templatePath('nightly-backup'), join(host.dir, 'ops', 'nightly-backup.yaml'));
  const files = new FilesPage(page);
  await designer.open(host.url);
  await expect(files.file('web-app-deploy.yaml')).toBeVisible();
  await expect(files.file('nightly-backup.yaml')).toBeVisible();

  // When I start a new flow, add a task and save it as night-check.yaml
  await files.toolbar('New').click();
  await expect(designer.nodes).toHaveCount(1);
  const added = await designer.addStep('task');
  await expect(files.dirtyMarker).toBeVisible();
  await files.saveAs('night-check.yaml');

  // Then it is listed in Files, and on disk as a flow with both steps
  await expect(files.file('night-check.yaml')).toBeVisible();
  const saved = parse(readFileSync(join(host.dir, 'night-check.yaml'), 'utf8')) as { flowsmith: string; steps: Record<string, unknown> };
  expect(saved.flowsmith).toBe('1.0');
  expect(Object.keys(saved.steps).sort()).toEqual(['done', added].sort());

  // And after opening another flow and coming back, the task is still there
  await files.openFromTree('web-app-deploy.yaml');
  await expect(designer.node('deploy')).toBeVisible();
  await files.openFromTree('night-check.yaml');
  await expect(designer.nodes).toHaveCount(2);
  await expect(designer.node(added)).toHaveAttribute('data-step-type', 'task');
  await page.screenshot({ path: 'test-results/files-panel.png' });
});

test('edits a template as a copy in the workspace and leaves the shipped template untouched', async ({ webHost, designer, page }) => {
  // Given the designer and the shipped db-change template
  const host = await webHost('web-app-deploy');
  const files = new FilesPage(page);
  const shipped = readFileSync(templatePath('db-change'), 'utf8');
  await designer.open(host.url);

  // When I open the template, add a task and press Save
  await files.openTemplate('db-change');
  await expect(files.file('db-change.yaml')).toHaveAttribute('aria-current', 'true');
  const added = await designer.addStep('task');
  await designer.save();

  // Then the shipped template is byte for byte as before, and the copy (with its scenarios) has the task
  expect(readFileSync(templatePath('db-change'), 'utf8')).toBe(shipped);
  const copy = parse(readFileSync(join(host.dir, 'db-change.yaml'), 'utf8')) as { steps: Record<string, unknown> };
  expect(copy.steps).toHaveProperty(added);
  expect(existsSync(join(host.dir, 'db-change.scenarios.yaml'))).toBe(true);
});

test('asks before Open throws away unsaved edits, and Cancel keeps them', async ({ webHost, designer, page }) => {
  // Given web-app-deploy with an added task that is not saved
  const host = await webHost('web-app-deploy');
  const files = new FilesPage(page);
  await designer.open(host.url);
  const added = await designer.addStep('task');
  await expect(files.dirtyMarker).toBeVisible();

  // When I press Open, I am asked first; Cancel keeps the edits and opens nothing
  await files.toolbar('Open').click();
  const guard = files.dialog('Unsaved changes');
  await expect(guard).toBeVisible();
  await expect(guard.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  await expect(guard.getByRole('button', { name: "Don't save", exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/files-unsaved-guard.png' });
  await guard.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(guard).toBeHidden();
  await expect(files.dialog('Open a flow')).toBeHidden();
  await expect(designer.node(added)).toBeVisible();
  await expect(files.dirtyMarker).toBeVisible();

  // And New asks the same way
  await files.toolbar('New').click();
  await files.dialog('Unsaved changes').getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(designer.node(added)).toBeVisible();

  // And leaving the page asks the browser to confirm
  const asked = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  expect(readFileSync(host.flowPath, 'utf8')).toBe(readFileSync(templatePath('web-app-deploy'), 'utf8'));
});

test('asks before an import replaces unsaved edits, and saves the imported flow with Save as', async ({ webHost, designer, page }) => {
  // Given web-app-deploy with an unsaved task, and a Step Functions state machine on disk
  const host = await webHost('web-app-deploy');
  const files = new FilesPage(page);
  const asl = join(host.dir, 'greet.asl.json');
  writeFileSync(asl, JSON.stringify({ StartAt: 'Greet', States: { Greet: { Type: 'Pass', Result: { greeting: 'hello' }, Next: 'Done' }, Done: { Type: 'Succeed' } } }));
  await designer.open(host.url);
  await designer.addStep('task');

  // When I import it, I am asked about the edits first, and choose Don't save
  await files.toolbar('Import').click();
  const importDialog = files.dialog('Import a flow');
  await importDialog.getByLabel('Document to import').setInputFiles(asl);
  await importDialog.getByRole('button', { name: 'Import', exact: true }).click();
  await files.dialog('Unsaved changes').getByRole('button', { name: "Don't save", exact: true }).click();

  // Then the imported flow is open, unsaved, and web-app-deploy.yaml on disk is as it was
  await expect(importDialog).toBeHidden();
  await expect(designer.node('greet')).toBeVisible();
  await expect(files.dirtyMarker).toBeVisible();
  expect(readFileSync(host.flowPath, 'utf8')).toBe(readFileSync(templatePath('web-app-deploy'), 'utf8'));

  // And Save asks where, then lists the new file in Files
  await files.toolbar('Save').click();
  const saveAs = files.dialog('Save as');
  await saveAs.getByLabel('Workspace path').fill('greet.yaml');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(files.file('greet.yaml')).toBeVisible();
  expect(parse(readFileSync(join(host.dir, 'greet.yaml'), 'utf8'))).toMatchObject({ steps: { greet: expect.anything() } });
});

test('refuses Save as onto an existing file and says so in the dialog', async ({ webHost, designer, page }) => {
  const host = await webHost('web-app-deploy');
  const files = new FilesPage(page);
  await designer.open(host.url);
  await designer.addStep('task');
  await files.toolbar('Save as').click();
  const saveAs = files.dialog('Save as');
  await saveAs.getByLabel('Workspace path').fill('web-app-deploy.yaml');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveAs.getByRole('alert')).toContainText('already exists');
  await saveAs.getByLabel('Workspace path').fill('../outside.yaml');
  await saveAs.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(saveAs.getByRole('alert')).toContainText('outside the workspace');
  await saveAs.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(files.dirtyMarker).toBeVisible();
  expect(readFileSync(host.flowPath, 'utf8')).toBe(readFileSync(templatePath('web-app-deploy'), 'utf8'));
});

test('asks what to do when the file changed on disk: Cancel keeps the edits, Overwrite writes them', async ({ webHost, designer, page }) => {
  // Given web-app-deploy open with an added task, and another program rewriting the file meanwhile
  const host = await webHost('web-app-deploy');
  const files = new FilesPage(page);
  await designer.open(host.url);
  const added = await designer.addStep('task');
  const file = join(host.dir, 'web-app-deploy.yaml');
  const outside = `# edited elsewhere\n${readFileSync(file, 'utf8')}`;
  writeFileSync(file, outside);

  // When I save, I am asked; Cancel leaves the other program's file and my edits as they are
  await files.toolbar('Save').click();
  const dialog = files.dialog('Changed on disk');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  expect(readFileSync(file, 'utf8')).toBe(outside);
  await expect(files.dirtyMarker).toBeVisible();

  // And Overwrite writes my document, with the added task
  await files.toolbar('Save').click();
  await dialog.getByRole('button', { name: 'Overwrite', exact: true }).click();
  await expect(files.dirtyMarker).toBeHidden();
  const saved = parse(readFileSync(file, 'utf8')) as { steps: Record<string, unknown> };
  expect(saved.steps).toHaveProperty(added);
});
