/**
 * Bundles the Electron shell: electron/main.ts → dist/electron/main.cjs and electron/preload.ts →
 * dist/electron/preload.cjs. CommonJS because a sandboxed preload must be CJS, and a .cjs main
 * keeps `__dirname` in a "type": "module" package. `electron` stays external (the runtime provides
 * it); everything else, including engine/host/api.ts's method list, is bundled in.
 * Needs no Electron binary. Usage: node scripts/build-electron.mjs
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // Electron 45 ships Node ≥22
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};

const started = performance.now();
await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
]);
console.log(`electron: dist/electron/main.cjs, preload.cjs (${Math.round(performance.now() - started)} ms)`);
