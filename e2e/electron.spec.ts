/**
 * The Electron window (DESIGN.md "Architecture"). Skipped where the Electron binary is missing:
 * electron ≥42 downloads it lazily on first use, which needs the network (CI and this workplace
 * have none; a user's machine that ran `npm start` once has it; research/stack.md "Electron
 * without the binary").
 */
import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function electronBinary(): string | null {
  const pathFile = join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const electronInstalled = electronBinary() !== null;

test('opens the designer window with its canvas', async () => {
  test.skip(
    !electronInstalled,
    'the Electron binary is not in node_modules/electron/dist: it is downloaded on first use, which needs the network (run `npm start` once on a networked machine to enable this test)',
  );
  const app = await electron.launch({ args: ['.'], cwd: root });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('main.canvas')).toBeVisible();
    await expect(window.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  } finally {
    await app.close();
  }
});
