import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Four projects (issue #10 point 5): `fast` and `fast-isolated` (pure and unit tests, no real
 * processes or shells: `npm run test:fast` runs both), `integration` (real shells, child processes,
 * the CLI, the engine process, the web host, and the slow pure fuzzers) and `durability` (kill -9
 * and concurrent processes). `npm run test:unit` runs all.
 * A new test file lands in `fast` unless it matches a list below: add it here when it runs real
 * processes or a shell.
 */
const DURABILITY = ['engine/cli/crash.test.ts', 'engine/host/concurrency.test.ts', 'engine/**/*.durability.test.ts'];

const INTEGRATION = [
  'engine/cli/**/*.test.ts',
  'engine/host/**/*.test.ts',
  'engine/service/**/*.test.ts',
  'engine/runtime/driver.test.ts',
  'engine/executors/shell.test.ts',
  'engine/executors/script.test.ts',
  // QuickJS workers with escape payloads and memory limits, imported commands run under sh and bash.
  'engine/executors/script-escape.test.ts',
  'engine/import/shell-safety.test.ts',
  'engine/expr/shell-code.test.ts',
  'engine/expr/shell.test.ts',
  'engine/export/serverless-workflow/jq-print.test.ts',
  'engine/simulate/runner.test.ts',
  'engine/**/*.integration.test.ts',
  // Pure but slow: the seeded fuzzers and the limit tests at full size (seconds each).
  'engine/**/*fuzz*.test.ts',
  'engine/validate/limits.test.ts',
  'engine/validate/large-input.test.ts',
  'engine/import/large-import.test.ts',
  'engine/import/asl/import.test.ts',
];

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const TEST_DIRS = ['engine', 'renderer', 'electron'];
const ALL = ['engine/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'electron/**/*.test.ts'];

/**
 * `fast` runs without isolation (isolate: false): each worker imports the engine, ajv and its
 * schemas, jsdom and React once and runs file after file in them, instead of a fresh worker per
 * file. That cuts `npm run test:fast` by more than half, but module state lives on from one file
 * to the next. A file that needs a fresh module graph runs in `fast-isolated` instead:
 * - found here, any test file that mocks modules (vi.mock, vi.doMock, vi.resetModules): a mock
 *   cannot reach a module another file has already imported, and a reset would re-import all;
 * - listed here, a file that reads module state at import (e.g. the theme chosen so far).
 */
const NEEDS_FRESH_MODULES = ['renderer/theme/theme.test.ts'];

/** Test files (relative to the root, `/`-separated) whose text mocks or resets modules. */
function filesThatMockModules(): string[] {
  const mocks = /\bvi\.(mock|doMock|resetModules)\(/;
  return TEST_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .map((f) => `${dir}/${f.split('\\').join('/')}`)
      .filter((f) => /\.test\.tsx?$/.test(f) && !f.includes('node_modules'))
      .filter((f) => mocks.test(readFileSync(join(ROOT, f), 'utf8'))),
  );
}

const ISOLATED = [...NEEDS_FRESH_MODULES, ...filesThatMockModules()];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'fast', include: ALL, exclude: [...INTEGRATION, ...DURABILITY, ...ISOLATED], isolate: false },
      },
      { extends: true, test: { name: 'fast-isolated', include: ISOLATED, exclude: [...INTEGRATION, ...DURABILITY] } },
      { extends: true, test: { name: 'integration', include: INTEGRATION, exclude: DURABILITY } },
      { extends: true, test: { name: 'durability', include: DURABILITY } },
    ],
  },
});
