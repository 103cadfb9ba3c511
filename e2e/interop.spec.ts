/**
 * Export to production engines and import from them in the designer, through the web host in
 * Chromium (issue #4); imported flows are untrusted until the user trusts them (DESIGN.md "Security").
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { InteropDialogs } from './pages/interop';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = resolve(root, '../shared/corpus');
const humanInTheLoop = join(corpus, 'asl/sfn-collection__human-in-the-loop__statemachine__statemachine.asl.json');

test('exports web-app-deploy to AWS Step Functions with the findings of what it loses', async ({ webHost, designer, page }) => {
  // Given web-app-deploy open in the designer
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const dialogs = new InteropDialogs(page);

  // When I export it to AWS Step Functions
  await dialogs.exportTo('AWS Step Functions');

  // Then the read-only editor shows the ASL document, and the findings list what Step Functions cannot do
  await expect(dialogs.exportEditor).toContainText('"StartAt"');
  await expect(dialogs.exportFindings.first()).toBeVisible();
  expect(await dialogs.exportFindings.count()).toBeGreaterThan(0);
  await expect(dialogs.exportFindings.filter({ hasText: 'build' }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/export-dialog.png' });

  // And Save as… writes the document beside the flow
  await dialogs.dialogButton('Save as…').click();
  await expect(dialogs.dialog.getByLabel('Save to')).toHaveValue('web-app-deploy.asl.json');
  await dialogs.dialogButton('Save export').click();
  await expect(page.getByText(/Saved the export to .*web-app-deploy\.asl\.json/)).toBeVisible();
  const saved = JSON.parse(readFileSync(join(host.dir, 'web-app-deploy.asl.json'), 'utf8')) as { StartAt?: string };
  expect(saved.StartAt).toBeTruthy();

  // And clicking a finding about a step selects that step on the canvas
  await dialogs.exportFindings.filter({ hasText: 'build' }).first().getByRole('button').click();
  await expect(dialogs.dialog).toBeHidden();
  await expect(page.getByLabel('Step id', { exact: true })).toHaveValue('build');
});

test('imports a Step Functions state machine that can only be simulated until it is trusted', async ({ webHost, designer, page }) => {
  test.skip(!existsSync(humanInTheLoop), `the shared corpus is absent (looked for ${humanInTheLoop})`);
  // Given the designer open on a workspace
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const dialogs = new InteropDialogs(page);

  // When I import a real ASL file from the corpus
  await dialogs.importFile(humanInTheLoop);

  // Then its states appear on the canvas as an unsaved document, with the import findings listed
  await expect(page.locator('.file[data-dirty="true"]')).toBeVisible();
  await expect(designer.node('approve')).toHaveCount(0); // web-app-deploy's steps are gone
  expect(await designer.nodes.count()).toBeGreaterThan(2);
  await expect(page.getByRole('list', { name: 'Findings' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByText('Untrusted', { exact: true })).toBeVisible();

  // And the Run dialog only allows simulation, until I trust the flow
  await dialogs.openRunDialog();
  await expect(dialogs.dialogButton('Start run')).toBeDisabled();
  await expect(dialogs.dialogButton('Simulate')).toBeEnabled();
  await expect(dialogs.dialog.getByRole('note')).toContainText('imported from AWS Step Functions');
  await dialogs.dialogButton('Trust this flow').click();
  await expect(dialogs.dialogButton('Start run')).toBeEnabled();
  await expect(dialogs.dialogButton('Trust this flow')).toHaveCount(0);
  await expect(page.getByText('Untrusted', { exact: true })).toHaveCount(0);
});
