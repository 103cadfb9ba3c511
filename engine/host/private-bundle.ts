/**
 * Test support for the process-level tests (engine/cli/crash.test.ts, concurrency.test.ts): bundles
 * entry points of the current sources into a private folder, so a test neither races with nor
 * depends on a shared dist/ that others rebuild, and always runs today's code.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export const packageRoot = resolve(import.meta.dirname, '../..');

/**
 * Bundles each of `entries` (output name → source file relative to the package root) into
 * `<dir>/dist/engine/<name>.js`, with `<dir>/node_modules` linked to the package's (packages stay
 * external, as in scripts/build-engine.mjs). Returns the output file per name.
 * An entry whose sources do not bundle (someone's edit in progress) falls back to the shared
 * dist/engine/<name>.js with a warning on stderr; without one, the build error is thrown.
 */
export async function privateBundles<K extends string>(dir: string, entries: Record<K, string>): Promise<Record<K, string>> {
  const outdir = join(dir, 'dist', 'engine');
  mkdirSync(outdir, { recursive: true });
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(packageRoot, 'node_modules'), join(dir, 'node_modules'));
  const out = {} as Record<K, string>;
  for (const [name, source] of Object.entries(entries) as [K, string][]) {
    try {
      await build({
        entryPoints: { [name]: join(packageRoot, source) },
        outdir,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        logLevel: 'silent',
      });
      out[name] = join(outdir, `${name}.js`);
    } catch (err) {
      const shared = join(packageRoot, 'dist', 'engine', `${name}.js`);
      if (!existsSync(shared)) throw err;
      const first = (err as Error).message.split('\n').slice(0, 2).join(' ');
      process.stderr.write(`private-bundle: ${source} does not bundle (${first}); testing the shared ${shared} instead\n`);
      out[name] = shared;
    }
  }
  return out;
}
