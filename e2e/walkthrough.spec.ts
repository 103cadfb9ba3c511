/**
 * Regressions from an ops engineer's walkthrough of the designer (New, the palette, the inspector,
 * zh-CN, dark) through the web host in Chromium. Each test names what a user saw go wrong.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { CodeViewPage } from './pages/code-view';

/** The WCAG contrast of `el`'s text colour against the first opaque background up its ancestors. */
async function textContrast(el: Locator): Promise<number> {
  return el.evaluate((e) => {
    type Style = { color: string; backgroundColor: string };
    const style = (x: unknown) => (globalThis as unknown as { getComputedStyle(x: unknown): Style }).getComputedStyle(x);
    const lum = (c: string): number | null => {
      const [r = 0, g = 0, b = 0, a = 1] = (c.match(/[\d.]+/g) ?? []).map(Number);
      if (a === 0) return null;
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg: number | null = null;
    for (let p = e as unknown as { parentElement: unknown } | null; p && bg === null; p = p.parentElement as typeof p) bg = lum(style(p).backgroundColor);
    const fg = lum(style(e).color) ?? 0;
    const back = bg ?? 1;
    return (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
  });
}

test('New, then a palette step: the step is the start and goes on to done', async ({ webHost, designer, page }) => {
  const host = await webHost('nightly-backup');
  await designer.open(host.url);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(designer.nodes).toHaveCount(1);
  const task = await designer.addStep('task');
  await expect(designer.edge(task, 'done')).toHaveCount(1);
  await expect(designer.node(task)).not.toHaveAttribute('data-finding', /.+/);
});

test('the flow inspector keeps every button inside it (Add webhook trigger was clipped)', async ({ webHost, designer, page }) => {
  const host = await webHost('nightly-backup');
  await designer.open(host.url);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(designer.nodes).toHaveCount(1);
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const webhook = inspector.getByRole('button', { name: 'Add webhook trigger' });
  await webhook.scrollIntoViewIfNeeded();
  const box = await inspector.boundingBox();
  const button = await webhook.boundingBox();
  expect(box && button).toBeTruthy();
  // Inside the section's padding (16px), not against the window edge.
  expect(button!.x + button!.width).toBeLessThanOrEqual(box!.x + box!.width - 8);
  expect(await webhook.evaluate((b) => { const e = b as unknown as { scrollWidth: number; clientWidth: number }; return e.scrollWidth <= e.clientWidth; })).toBe(true);
});

test('a notice does not cover the canvas tools (a long approval error hid Tidy up and Minimap)', async ({ webHost, designer, page }) => {
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  await designer.select('build');
  await page.getByLabel('Title', { exact: true }).fill('Build it');
  await page.getByLabel('Title', { exact: true }).press('Enter');
  await designer.button('Save').click();
  const notice = page.locator('.notice');
  await expect(notice).toBeVisible();
  for (const name of ['Tidy up', 'Minimap']) {
    const a = (await notice.boundingBox())!;
    const b = (await designer.button(name).boundingBox())!;
    const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlaps, `${name} under the notice`).toBe(false);
  }
  // Also with the code view open, when the tools sit further left.
  await designer.button('Code').click();
  await designer.button('Save').click();
  await expect(notice).toBeVisible();
  const a = (await notice.boundingBox())!;
  const b = (await designer.button('Tidy up').boundingBox())!;
  expect(a.y >= b.y + b.height || a.x >= b.x + b.width || b.x >= a.x + a.width).toBe(true);
});

test('the YAML error banner does not cover the canvas tools beside the code view', async ({ webHost, designer, page }) => {
  const host = await webHost('nightly-backup');
  await designer.open(host.url);
  const code = new CodeViewPage(page);
  await code.show();
  await code.gotoLineWith('layout:');
  await page.keyboard.press('End');
  await page.keyboard.type(' [unclosed');
  const banner = page.getByTestId('parse-banner');
  await expect(banner).toBeVisible();
  for (const name of ['Tidy up', 'Minimap']) {
    const a = (await banner.boundingBox())!;
    const b = (await designer.button(name).boundingBox())!;
    const overlaps = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlaps, `${name} under the banner`).toBe(false);
  }
});

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('map field titles in the inspector are readable (approval "Set" was dark on dark)', async ({ webHost, designer, page }) => {
    const host = await webHost('web-app-deploy');
    await designer.open(host.url);
    await designer.select('approve');
    const title = page.getByRole('region', { name: 'Inspector' }).locator('.map-field-title').first();
    await expect(title).toBeVisible();
    expect(await textContrast(title)).toBeGreaterThan(4.5);
  });

  test('the open file is marked without a white stripe in the Files list', async ({ webHost, designer, page }) => {
    const host = await webHost('web-app-deploy');
    await designer.open(host.url);
    const row = page.getByRole('region', { name: 'Files' }).locator('.file-row[aria-current="true"]');
    await expect(row).toBeVisible();
    const background = await row.evaluate((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor);
    const [r = 255, g = 255, b = 255] = (background.match(/[\d.]+/g) ?? []).map(Number);
    expect(Math.max(r, g, b)).toBeLessThan(100); // a dark tint, not color-mix(…, white)
    expect(await textContrast(row)).toBeGreaterThan(4.5);
  });
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('canvas edges are named in Chinese', async ({ webHost, designer, page }) => {
    const host = await webHost('web-app-deploy');
    await designer.open(host.url);
    await expect(designer.edge('build', 'test')).toHaveAttribute('aria-label', '从 build 到 test 的连线');
  });

  test('the export preview is named in Chinese (Monaco said "Editor content")', async ({ webHost, designer, page }) => {
    const host = await webHost('web-app-deploy');
    await designer.open(host.url);
    await page.getByRole('button', { name: '导出', exact: true }).click();
    await expect(page.getByRole('dialog').getByRole('textbox', { name: '导出的文档（只读）' })).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });
});
