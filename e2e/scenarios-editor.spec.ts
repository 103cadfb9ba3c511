/**
 * The Scenarios editor in Chromium through the web host: New scenario opens the flow's
 * X.scenarios.yaml (a new file here) in Monaco with a scenario appended; the engine's findings
 * (naming scenario and field) and monaco-yaml's schema markers show on a broken scenario; Save
 * writes the file beside the flow and the Scenarios list runs it; Edit scenarios opens it again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { RunsPage } from './pages/runs';

const SCRATCH = 'scratch';

/** Replaces the text of the Scenarios editor's Monaco model (as a paste would). */
async function setEditorText(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => {
    const w = globalThis as unknown as { monaco?: { editor: { getModels(): { uri: { toString(): string }; setValue(v: string): void }[] } } };
    w.monaco?.editor.getModels().find((m) => m.uri.toString().includes('flow.scenarios.yaml'))?.setValue(value);
  }, text);
}

/** The markers of the Scenarios editor's model by owner: the engine's (`flowsmith-scenarios`) and monaco-yaml's (`yaml`). */
async function markers(page: Page, owner: string): Promise<{ line: number; message: string }[]> {
  return page.evaluate((o) => {
    const w = globalThis as unknown as {
      monaco?: { editor: { getModelMarkers(f: { owner: string }): { startLineNumber: number; message: string; resource: { toString(): string } }[] } };
    };
    return (w.monaco?.editor.getModelMarkers({ owner: o }) ?? [])
      .filter((m) => m.resource.toString().includes('flow.scenarios.yaml'))
      .map((m) => ({ line: m.startLineNumber, message: m.message }));
  }, owner);
}

const BROKEN = [
  'scenarios:',
  '  - name: broken',
  '    input: {version: 1.4.2}',
  '    mocks:',
  '      buidl: {output: {ok: true}}',
  '    expect:',
  '      status: succeeded',
  '  - name: bad status',
  '    input: {version: 1.4.2}',
  '    expect: {status: done}',
  '',
].join('\n');

const GOOD = [
  '# written in the designer',
  'scenarios:',
  '  - name: dev deploy from the editor',
  '    input: {version: 1.4.2}',
  '    expect:',
  '      status: succeeded',
  '      pathIncludes: [deploy, verify]',
  '',
].join('\n');

test('writes a new scenario in the Scenarios editor, sees its problems, saves it and runs it', async ({ webHost, designer, page }) => {
  // Given web-app-deploy without a scenarios file, on the Scenarios tab
  const host = await webHost('web-app-deploy');
  const scenarioFile = host.flowPath.replace(/\.yaml$/, '.scenarios.yaml');
  const runs = new RunsPage(page);
  await designer.open(host.url);
  await runs.tab('Scenarios');
  const region = runs.region('Scenarios');

  // When I press New scenario, the editor opens on the new file with a scenario to fill in
  await region.getByRole('button', { name: 'New scenario' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit scenarios' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('web-app-deploy.scenarios.yaml (new file)')).toBeVisible();
  const code = dialog.getByRole('textbox', { name: 'Scenarios YAML' });
  await expect(code).toBeFocused();
  await expect(dialog.locator('.view-lines')).toContainText('- name: new scenario');
  // The input is prefilled as the Run dialog does (version is required)
  await expect(dialog.locator('.view-lines')).toContainText('version: ""');
  // Typing goes where the cursor was put: after `name: `
  await page.keyboard.press('End');
  await page.keyboard.type(' for prod');
  await expect(dialog.locator('.view-lines')).toContainText('- name: new scenario for prod');

  // When the text names a step that does not exist and a status that is not one
  await setEditorText(page, BROKEN);
  // Then the engine's problems are listed as file:line:col naming the scenario and field, and marked in the editor
  const problems = dialog.getByRole('list', { name: 'Scenario problems' });
  await expect(problems).toContainText('web-app-deploy.scenarios.yaml:10:');
  await expect(problems).toContainText('scenario "bad status": expect.status must be one of succeeded, failed, cancelled, waiting');
  await expect.poll(() => markers(page, 'flowsmith-scenarios')).toEqual([{ line: 10, message: expect.stringContaining('scenario "bad status"') }]);
  // and monaco-yaml checks the same text against resources/schema/scenario.schema.json
  await expect.poll(async () => (await markers(page, 'yaml')).map((m) => m.line)).toContain(10);
  await page.screenshot({ path: `${SCRATCH}/scenarios-editor-problems.png` });

  // When the status is fixed, the unknown step is found against the flow, with a suggestion
  await setEditorText(page, BROKEN.replace('status: done', 'status: failed'));
  await expect(problems).toContainText('scenario "broken", mocks.buidl: no step "buidl" in web-app-deploy; did you mean "build"?');
  await expect(problems).toContainText('web-app-deploy.scenarios.yaml:5:7');
  // Clicking a problem puts the cursor on it
  await problems.getByRole('button').filter({ hasText: 'mocks.buidl' }).click();
  await expect(code).toBeFocused();

  // When I write a good scenario and save
  await setEditorText(page, GOOD);
  await expect(dialog.getByText('No problems')).toBeVisible();
  await dialog.getByRole('button', { name: 'Save scenarios' }).click();
  await expect(dialog.getByText('Saved web-app-deploy.scenarios.yaml')).toBeVisible();
  // Then it is on disk beside the flow exactly as written, and the Scenarios list ran it
  expect(readFileSync(scenarioFile, 'utf8')).toBe(GOOD);
  const row = region.locator('[data-scenario="dev deploy from the editor"]');
  await expect(row).toHaveAttribute('data-passed', 'true');

  // And Edit scenarios opens the saved file again
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
  await region.getByRole('button', { name: 'Edit scenarios' }).click();
  await expect(dialog.getByText('web-app-deploy.scenarios.yaml', { exact: true })).toBeVisible();
  await expect(dialog.locator('.view-lines')).toContainText('# written in the designer');

  // When I change it and try to close, I am asked first; Keep editing keeps the edit
  await setEditorText(page, GOOD.replace('editor', 'editor, changed'));
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Discard the unsaved changes');
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(dialog.locator('.view-lines')).toContainText('editor, changed');
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
  expect(readFileSync(scenarioFile, 'utf8')).toBe(GOOD);
});

for (const look of [
  { name: 'dark', use: { colorScheme: 'dark' as const } },
  { name: 'zh-CN', use: { locale: 'zh-CN' } },
]) {
  test.describe(`in ${look.name}`, () => {
    test.use(look.use);
    test(`shows the Scenarios editor with its problems (${look.name})`, async ({ webHost, designer, page }) => {
      const host = await webHost('web-app-deploy');
      const runs = new RunsPage(page);
      await designer.open(host.url);
      const scenarios = look.name === 'zh-CN' ? '场景' : 'Scenarios';
      await runs.tab(scenarios);
      await runs.region(scenarios).getByRole('button', { name: look.name === 'zh-CN' ? '新建场景' : 'New scenario' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.locator('.view-lines')).toContainText('- name:');
      await setEditorText(page, BROKEN);
      await expect(dialog.getByRole('list', { name: look.name === 'zh-CN' ? '场景问题' : 'Scenario problems' })).toContainText('web-app-deploy.scenarios.yaml:10:');
      await page.screenshot({ path: `${SCRATCH}/scenarios-editor-${look.name}.png` });
    });
  });
}

test('the web host refuses scenario saves and file moves outside the workspace, whatever the page sends', async ({ webHost, designer, page }) => {
  // Given the designer's own page, talking to the web host as an attacker's script would
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  // The page's own RPC address: ws://127.0.0.1:PORT/rpc?token=… (renderer/host/ws-transport.ts).
  const rpc = host.url.replace(/^http/, 'ws').replace('/?token=', '/rpc?token=');
  interface Socket {
    onopen: () => void;
    onmessage: (e: { data: unknown }) => void;
    send(text: string): void;
    close(): void;
  }
  const call = (method: string, params: object) =>
    page.evaluate(
      ([url, m, p]) =>
        new Promise<{ code?: string; ok?: boolean }>((resolve) => {
          const ws = new (globalThis as unknown as { WebSocket: new (u: string) => Socket }).WebSocket(url);
          ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: m, params: p }));
          ws.onmessage = (e) => {
            const msg = JSON.parse(String(e.data)) as { result?: unknown; error?: { code?: string } };
            ws.close();
            resolve(msg.error ? { code: msg.error.code ?? 'error' } : { ok: true });
          };
        }),
      [rpc, method, params] as const,
    );
  const outside = join(dirname(host.dir), `${basename(host.dir)}-escape`);
  const text = 'scenarios:\n  - name: x\n    expect: {status: succeeded}\n';
  // Then every path but the flow's sibling inside the workspace is refused, and nothing is written
  expect(await call('saveScenarios', { path: 'web-app-deploy.yaml', scenarioPath: '../escape.scenarios.yaml', text })).toEqual({ code: 'NOT_ALLOWED' });
  expect(await call('saveScenarios', { path: 'web-app-deploy.yaml', scenarioPath: `${outside}.scenarios.yaml`, text })).toEqual({ code: 'NOT_ALLOWED' });
  expect(await call('saveScenarios', { path: `${outside}.yaml`, text })).toEqual({ code: 'OUTSIDE_WORKSPACE' });
  expect(await call('saveScenarios', { path: '../escape.yaml', text })).toEqual({ code: 'OUTSIDE_WORKSPACE' });
  expect(await call('moveFile', { path: 'web-app-deploy.yaml', to: '../escape.yaml' })).toEqual({ code: 'OUTSIDE_WORKSPACE' });
  expect(await call('moveFile', { path: 'web-app-deploy.yaml', to: `${outside}.yaml` })).toEqual({ code: 'OUTSIDE_WORKSPACE' });
  expect(await call('deleteFile', { path: '/etc/hostname' })).toEqual({ code: 'OUTSIDE_WORKSPACE' });
  expect(existsSync(join(dirname(host.dir), 'escape.scenarios.yaml')) || existsSync(`${outside}.scenarios.yaml`) || existsSync(`${outside}.yaml`)).toBe(false);
  expect(existsSync(join(dirname(host.dir), 'escape.yaml'))).toBe(false);
  expect(existsSync(host.flowPath)).toBe(true);
  // And the flow's own sibling is written
  expect(await call('saveScenarios', { path: 'web-app-deploy.yaml', scenarioPath: 'web-app-deploy.scenarios.yaml', text })).toEqual({ ok: true });
  expect(readFileSync(host.flowPath.replace(/\.yaml$/, '.scenarios.yaml'), 'utf8')).toBe(text);
});
