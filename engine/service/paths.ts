/**
 * Where the package's files are at run time. Both the TypeScript sources (engine/service/*.ts) and the
 * bundles (dist/engine/*.js) sit two folders below the package root, so one rule serves both.
 * FLOWSMITH_RESOURCES overrides the resources folder (packaged Electron app: process.resourcesPath).
 */
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const resourcesDir = process.env.FLOWSMITH_RESOURCES ?? join(packageRoot, 'resources');
export const templatesDir = join(resourcesDir, 'templates');
export const rendererDir = join(packageRoot, 'dist', 'renderer');
export const engineProcessEntry = join(packageRoot, 'dist', 'engine', 'engine-process.js');

/** The store file: `--db`, else FLOWSMITH_DB, else ~/.flowsmith/flowsmith.db (DESIGN.md "Store"). */
export function defaultDbPath(): string {
  return process.env.FLOWSMITH_DB ?? join(homedir(), '.flowsmith', 'flowsmith.db');
}
