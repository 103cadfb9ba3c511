import { defineConfig } from 'vitest/config';

/**
 * Three projects (issue #10 point 5): `fast` (pure and unit tests, no real processes or shells:
 * `npm run test:fast`), `integration` (real shells, child processes, the CLI, the engine process,
 * the web host, and the slow pure fuzzers) and `durability` (kill -9 and concurrent processes). `npm run test:unit` runs all.
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

const ALL = ['engine/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'electron/**/*.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'fast', include: ALL, exclude: [...INTEGRATION, ...DURABILITY] } },
      { extends: true, test: { name: 'integration', include: INTEGRATION, exclude: DURABILITY } },
      { extends: true, test: { name: 'durability', include: DURABILITY } },
    ],
  },
});
