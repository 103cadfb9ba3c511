// Installs the bench's own dependencies (XState, Node-RED: never the app's) when they are missing
// or not the pinned versions, so `npm run bench` works on a fresh clone. Plain JS: it runs before tsx.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { dependencies } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const installed = (name) => {
  const file = join(here, 'node_modules', name, 'package.json');
  return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).version;
};
const stale = Object.entries(dependencies).filter(([name, version]) => installed(name) !== version);
if (stale.length > 0) {
  process.stderr.write(`bench: installing ${stale.map(([n, v]) => `${n}@${v}`).join(', ')} into bench/node_modules\n`);
  execSync('npm ci --no-audit --no-fund', { cwd: here, stdio: 'inherit' });
}
