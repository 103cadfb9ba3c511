/**
 * `npm start`: opens the Electron window where the Electron binary is installed; where it is not
 * (it could not be downloaded, as on CI machines without GitHub access) it says so in one line and
 * runs the web host instead (DESIGN.md "Architecture"): `node dist/engine/cli.js web <args>`, which
 * prints its URL (with token) as the first stdout line. No browser is opened for you.
 * Arguments after `npm start --` are passed to whichever starts. Exits with the child's exit code.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

/** The Electron executable named by node_modules/electron/path.txt, if it is really there. */
function electronBinary() {
  const electronDir = join(root, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
let command;
let commandArgs;
if (binary) {
  command = binary;
  commandArgs = ['.', ...args]; // package.json "main" is dist/electron/main.cjs
} else {
  console.log('Electron is not installed on this machine (its binary could not be downloaded); starting the web host instead.');
  const cli = join(root, 'dist', 'engine', 'cli.js');
  if (!existsSync(cli)) {
    console.error('dist/engine/cli.js is missing: run npm run build first (npm start does it for you).');
    process.exit(2);
  }
  command = process.execPath;
  commandArgs = [cli, 'web', ...args];
}

const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
child.on('error', (err) => {
  console.error(`Could not start ${command}: ${err.message}. Run npm run build first, or npm run setup on a fresh checkout.`);
  process.exit(1);
});
// Pass termination on, like electron's own cli.js, so the child can shut down cleanly.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
