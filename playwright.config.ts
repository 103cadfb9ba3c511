/**
 * e2e: Playwright drives the built designer in Debian's Chromium through the web host
 * (DESIGN.md "Quality bars"). No webServer: e2e/fixtures.ts starts one web host per test on a
 * copy of the flow, so saves never touch resources/. Needs `npm run build` first.
 */
import { defineConfig } from '@playwright/test';

// Flags from research/stack.md: no GPU, no sandbox (containers), no network side traffic.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    // Playwright's own Chromium cannot be downloaded here (research/stack.md pitfall 9).
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
