/**
 * The YAML code view beside the canvas (issue #8 points 1 and 2): one document, two views, one
 * undo history. Each test opens its own copy of web-app-deploy through the web host.
 */
import { readFileSync } from 'node:fs';
import { CodeViewPage, lineOf } from './pages/code-view';
import { expect, test } from './fixtures';

test('a step typed in the code view appears on the canvas, and Ctrl+Z on the canvas takes it back', async ({ webHost, designer, page }) => {
  // Given web-app-deploy with the code view open
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const code = new CodeViewPage(page);
  await code.show();
  const count = await designer.nodes.count();

  // When I type a new step before `rejected` in the YAML (one line: Monaco indents new lines itself)
  await code.gotoLineWith('  rejected:');
  await page.keyboard.press('Home');
  await page.keyboard.insertText('notified: {type: succeed, title: Team notified}');
  await page.keyboard.press('Enter');

  // Then the canvas draws it, with the title typed
  await expect(designer.node('notified')).toBeVisible();
  await expect(designer.node('notified')).toHaveAttribute('data-step-type', 'succeed');
  await expect(designer.nodes).toHaveCount(count + 1);

  // When I undo on the canvas, the typed step is gone from both views; redo brings it back
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+Z');
  await expect(designer.node('notified')).toHaveCount(0);
  expect(await code.text()).not.toContain('notified');
  await page.keyboard.press('Control+Shift+Z');
  await expect(designer.node('notified')).toBeVisible();
  expect(await code.text()).toContain('  notified: {type: succeed, title: Team notified}\n  rejected:');

  // When I add a step from the palette, the code view shows it; Ctrl+Z in the code view removes it
  const added = await designer.addStep('task');
  await expect.poll(() => code.text()).toContain(`  ${added}:`);
  await code.input.focus();
  await page.keyboard.press('Control+Z');
  await expect(designer.node(added)).toHaveCount(0);
  await expect.poll(() => code.text()).not.toContain(`  ${added}:`);
  await expect(designer.node('notified')).toBeVisible();

  // And Save writes the text as it is, comments included
  await designer.save();
  const saved = readFileSync(host.flowPath, 'utf8');
  expect(saved).toContain('  notified: {type: succeed, title: Team notified}\n  rejected:');
  expect(saved).toContain('# Web app deploy: build a static site');
});

test('a broken reference is marked at its line:col in the code view and the Findings panel', async ({ webHost, designer, page }) => {
  // Given web-app-deploy with the code view open
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const code = new CodeViewPage(page);
  await code.show();

  // When I change verify's `next: done` into an unknown step
  await code.gotoLineWith('    next: done');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('finished');

  // Then the engine's finding is a marker on that very line, and the Findings panel says where
  const line = lineOf(await code.text(), 'next: finished');
  expect(line).toBeGreaterThan(0);
  await expect.poll(async () => (await code.markers()).filter((m) => m.message.includes('finished')).map((m) => m.line)).toContain(line);
  const findings = page.getByRole('region', { name: 'Findings' });
  await page.getByRole('tab', { name: /Findings/ }).click();
  await expect(findings).toContainText(new RegExp(`${line}:\\d+`));
  await expect(findings).toContainText('finished');
});

test('invalid YAML keeps the last valid graph on the canvas until it is fixed', async ({ webHost, designer, page }) => {
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const code = new CodeViewPage(page);
  await code.show();
  const count = await designer.nodes.count();

  // When I type text that does not parse
  await code.gotoLineWith('title: Deployed');
  await page.keyboard.insertText('\n  broken: [unclosed');

  // Then the canvas says so and keeps every node
  await expect(page.getByTestId('parse-banner')).toBeVisible();
  await expect(page.getByRole('region', { name: 'YAML' }).locator('[data-parse="error"]')).toBeVisible();
  await expect(designer.nodes).toHaveCount(count);

  // When I undo the typing, the document parses again
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('parse-banner')).toHaveCount(0);
  await expect(designer.nodes).toHaveCount(count);
});

test('selecting a node reveals its YAML, and moving the cursor into a step selects its node', async ({ webHost, designer, page }) => {
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const code = new CodeViewPage(page);
  await code.show();
  // The code view narrows the canvas: frame the whole flow so "deploy" is not left under the pane.
  await designer.fitView();

  // When I select "deploy" on the canvas, the cursor goes to its key in the YAML
  await designer.select('deploy');
  const text = await code.text();
  await expect.poll(() => code.cursorLine()).toBe(lineOf(text, '  deploy:'));

  // When I move the cursor into verify's YAML, the inspector shows verify
  await code.gotoLineWith('title: Verify deploy');
  await expect(page.getByLabel('Step id', { exact: true })).toHaveValue('verify');
});

test('the flow JSON Schema drives completion and schema errors in the code view', async ({ webHost, designer, page }) => {
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const code = new CodeViewPage(page);
  await code.show();

  // When I misspell a step type, monaco-yaml marks it from resources/schema/flow.schema.json
  await code.gotoLineWith('type: succeed');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await expect.poll(async () => (await code.markers('yaml')).length, { timeout: 20_000 }).toBeGreaterThan(0);

  // And completion offers the schema's values for `type`
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget')).toContainText('succeed');
});
