/**
 * Readable and pleasant (issue #8 point 5): the designer in Chinese and in dark mode, and its
 * resizable, collapsible panels. Screenshots go to test-results/ for a person to look at; the
 * assertions check what a screenshot would show (Chinese labels, dark surfaces, panel sizes).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A computed style property of `el` (`background-color`, `color`, `fill`) as [r, g, b]. */
async function rgb(el: Locator, property: string): Promise<[number, number, number]> {
  // e2e/ compiles without the DOM lib: the page's getComputedStyle is reached through globalThis.
  const css = await el.evaluate(
    (e, p) => (globalThis as unknown as { getComputedStyle(x: unknown): { getPropertyValue(p: string): string } }).getComputedStyle(e).getPropertyValue(p),
    property,
  );
  const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b];
}

const background = (el: Locator) => rgb(el, 'background-color');
const textColor = (el: Locator) => rgb(el, 'color');

/** Relative luminance (WCAG 2) of an sRGB colour, 0 (black) to 1 (white). */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

const bottomPanel = (page: Page) => page.locator('[data-panel]#panel-bottom');

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('shows the designer in Chinese when the system language is Chinese', async ({ webHost, designer, page }) => {
    // Given a browser whose language is zh-CN, with web-app-deploy open
    const host = await webHost('web-app-deploy');
    await designer.open(host.url);

    // Then the toolbar, palette, inspector and bottom panel speak Chinese
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: '运行', exact: true })).toHaveText('▶ 运行');
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '添加任务', exact: true })).toBeVisible();
    await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('system');
    await expect(page.getByRole('region', { name: '属性' })).toBeVisible();
    await expect(page.getByRole('tab', { name: /问题/ })).toBeVisible();
    await designer.node('approve').click();
    await expect(page.getByLabel('步骤 ID', { exact: true })).toHaveValue('approve');
    await expect(page.getByLabel('审批人', { exact: true })).toBeVisible();
    await page.screenshot({ path: 'test-results/designer-zh-CN.png' });

    // When I switch the Language menu to English, everything follows, and the choice survives a reload
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
    await page.reload();
    await expect(designer.nodes.first()).toBeVisible();
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('follows a dark system theme with readable nodes, panels and dialogs', async ({ webHost, designer, page }) => {
    // Given a browser that prefers dark, with web-app-deploy open
    const host = await webHost('web-app-deploy');
    await designer.open(host.url);

    // Then the page, the canvas, the nodes and the panels are dark, with light text on them
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('system');
    const canvas = page.locator('.canvas .react-flow');
    await expect(canvas).toHaveClass(/\bdark\b/); // React Flow's colorMode
    expect(luminance(await background(canvas))).toBeLessThan(0.05);
    const node = designer.node('build');
    const nodeBg = luminance(await background(node));
    expect(nodeBg).toBeLessThan(0.05);
    expect(contrast(luminance(await textColor(node.locator('.step-title'))), nodeBg)).toBeGreaterThan(7);
    const inspector = page.getByRole('region', { name: 'Inspector' });
    expect(luminance(await background(inspector))).toBeLessThan(0.05);
    const label = inspector.locator('label').first();
    expect(contrast(luminance(await textColor(label)), luminance(await background(inspector)))).toBeGreaterThan(7);
    await page.getByRole('button', { name: 'Minimap', exact: true }).click(); // collapsed by default
    const minimap = page.locator('.react-flow__minimap');
    expect(luminance(await background(minimap))).toBeLessThan(0.05);
    const edgeLabelBg = page.locator('.react-flow__edge-textbg').first();
    expect(luminance(await rgb(edgeLabelBg, 'fill'))).toBeLessThan(0.05);
    await designer.node('approve').click();
    await page.screenshot({ path: 'test-results/designer-dark.png' });

    // And a dialog is dark too
    await designer.button('Run').click();
    const dialog = page.getByRole('dialog');
    expect(luminance(await background(dialog))).toBeLessThan(0.05);
    await page.screenshot({ path: 'test-results/designer-dark-dialog.png' });
    await page.keyboard.press('Escape');

    // When I choose Light in the Theme menu, the canvas turns light and stays so after a reload
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.reload();
    await expect(designer.nodes.first()).toBeVisible();
    expect(luminance(await background(canvas))).toBeGreaterThan(0.8);
  });

  test.describe('and in Chinese', () => {
    test.use({ locale: 'zh-CN' });

    test('shows a run in Chinese on a dark canvas', async ({ webHost, designer, page }) => {
      // Given web-app-deploy open in a dark, Chinese browser
      const host = await webHost('web-app-deploy');
      await designer.open(host.url);

      // When I simulate it for staging
      await page.getByRole('button', { name: '运行', exact: true }).click();
      await page.getByLabel('运行输入').fill(JSON.stringify({ environment: 'staging', version: '1.0.0' }));
      await page.getByRole('button', { name: '模拟', exact: true }).click();

      // Then the run panel opens and says, in Chinese, that it succeeded
      await expect(designer.runPanel).toHaveAttribute('data-run-status', 'succeeded', { timeout: 45_000 });
      await expect(page.getByRole('region', { name: '运行' })).toContainText('成功');
      await expect(page.getByRole('region', { name: '运行' })).toContainText('用时');
      await page.screenshot({ path: 'test-results/designer-dark-zh-CN-run.png' });
    });
  });
});

test('the bottom panel stays out of the way until there is something to show, and panels keep their size', async ({
  webHost,
  designer,
  page,
}) => {
  // Given web-app-deploy (valid: no findings) open, with no run yet
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const toggle = page.getByRole('button', { name: 'Toggle bottom panel' });

  // Then the canvas is a named region, and the bottom panel is collapsed to its tab strip
  await expect(page.getByRole('region', { name: 'Canvas' })).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const collapsed = (await bottomPanel(page).boundingBox())?.height ?? 0;
  expect(collapsed).toBeLessThan(50);

  // When I expand it, it takes real room; collapsing gives the room back
  await page.getByRole('tab', { name: /Findings/ }).click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('region', { name: 'Findings' })).toContainText('No findings');
  expect((await bottomPanel(page).boundingBox())?.height ?? 0).toBeGreaterThan(150);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  // When I widen the inspector with the keyboard on its separator, the width survives a reload
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const before = (await inspector.boundingBox())?.width ?? 0;
  const separator = page.getByRole('separator', { name: 'Resize the inspector' });
  await separator.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await inspector.boundingBox())?.width ?? 0).toBeGreaterThan(before + 20);
  const widened = (await inspector.boundingBox())?.width ?? 0;
  await page.reload();
  await expect(designer.nodes.first()).toBeVisible();
  await expect.poll(async () => Math.round((await inspector.boundingBox())?.width ?? 0)).toBeGreaterThan(before + 20);
  expect(Math.abs(((await inspector.boundingBox())?.width ?? 0) - widened)).toBeLessThan(3);

  // And a run opens the bottom panel on its Run tab
  await designer.run({ environment: 'staging', version: '1.0.0' }, 'Simulate');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('region', { name: 'Run' })).toBeVisible();
});
