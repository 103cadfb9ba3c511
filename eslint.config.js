/**
 * Lint rules that keep the house in order (STYLE.md §1, DESIGN.md "renderer never touches store,
 * executors or Node", issue #10 point 2): the import arrows between engine layers, what the
 * renderer and Electron may take from the engine, and no clock or randomness in engine/runtime.
 *
 * Each engine folder lists the folders it may import from; an import of any other engine folder is
 * an error (`no-restricted-imports` for declarations and re-exports, `no-restricted-syntax` for
 * `import()` and `require()`, matched on the relative path). There are no exceptions: a
 * piece two layers share moves down a layer (issue #10), and engine/layers.test.ts proves it.
 * Tests (`*.test.ts`) wire layers together the way host/ and cli/ do, so the arrows skip them.
 */
import tseslint from 'typescript-eslint';

/** Engine layers, bottom first: each may import the folders listed (and itself). */
export const LAYERS = {
  model: [],
  yaml: ['model'],
  expr: ['model'],
  validate: ['model', 'yaml', 'expr'],
  runtime: ['model', 'expr'],
  // What an exporter writes and its importer reads back (names, annotations, comments, error types)
  // and the export/import contract: shared by both without import/ reaching into export/.
  interop: ['model'],
  executors: ['model', 'yaml', 'expr', 'validate', 'runtime'],
  store: ['model', 'yaml', 'expr', 'validate', 'runtime'],
  export: ['model', 'yaml', 'expr', 'validate', 'runtime', 'interop'],
  import: ['model', 'yaml', 'expr', 'validate', 'runtime', 'interop'],
  // Driving runs on this machine: RunService, child runs, trust, the run lease, run history.
  service: ['model', 'yaml', 'expr', 'validate', 'runtime', 'executors', 'store', 'interop'],
  // Published versions, their diffs and release records (issue #12 part 3).
  versions: ['model', 'yaml', 'expr', 'validate', 'runtime', 'store'],
  simulate: ['model', 'yaml', 'expr', 'validate', 'runtime', 'executors', 'store', 'export', 'import', 'service', 'interop'],
  // HostApi and its transports (IPC relay, WebSocket web host, the engine process).
  host: ['model', 'yaml', 'expr', 'validate', 'runtime', 'executors', 'store', 'export', 'import', 'service', 'simulate', 'versions', 'interop'],
  cli: ['model', 'yaml', 'expr', 'validate', 'runtime', 'executors', 'store', 'export', 'import', 'service', 'simulate', 'host', 'versions', 'interop'],
};

/**
 * Imports across a forbidden arrow allowed per file: `{ file: [folder, …] }`. Empty, and meant to
 * stay so (issue #10): the finding codes and limits moved to engine/model, the executors reach the
 * runtime through DriverDeps.tasks (service/run-service.ts wires executors/task-body.ts), and what
 * importers read of their exporters' conventions lives in engine/interop. layers.test.ts checks
 * that it is empty.
 */
export const EXCEPTIONS = {};

const ENGINE = Object.keys(LAYERS);

/** Runtime files that may read the wall clock or use Node: the real Clock only. */
export const RUNTIME_IMPURE_FILES = ['engine/runtime/clock.ts'];


/** A pattern that matches a relative import of engine folder `folder` from anywhere in engine/. */
function folderRegex(folders) {
  return `^(\\.\\./)+(${folders.join('|')})(/|$)`;
}

function layerRule(folder, file) {
  const isPureRuntime = folder === 'runtime' && !RUNTIME_IMPURE_FILES.includes(file ?? '');
  const allowed = new Set([folder, ...LAYERS[folder], ...((file && EXCEPTIONS[file]) || [])]);
  const forbidden = ENGINE.filter((f) => !allowed.has(f));
  const patterns = [];
  if (forbidden.length > 0) {
    patterns.push({
      regex: folderRegex(forbidden),
      message: `engine/${folder} may import only from ${[...LAYERS[folder]].join(', ') || 'nothing else in engine'} (STYLE.md §1 layers; eslint.config.js LAYERS).`,
    });
  }
  // Nothing in the engine reaches into the designer or the Electron shell.
  patterns.push({ regex: '^(\\.\\./)+(renderer|electron)(/|$)', message: 'the engine never imports the renderer or electron/.' });
  if (isPureRuntime) patterns.push(...RUNTIME_PURE_IMPORTS);
  return ['error', { patterns }];
}

/**
 * The same bans for `import('…')` and `require('…')`, which no-restricted-imports does not see:
 * `no-restricted-syntax` selectors built from `rule`'s patterns (so "any import" means any).
 */
function dynamicImportRule(rule) {
  const selectors = rule[1].patterns.flatMap((p) => {
    const regex = p.regex.replaceAll('/', '\\x2F'); // esquery regex literals cannot hold a slash
    return [
      { selector: `ImportExpression[source.value=/${regex}/]`, message: p.message },
      { selector: `CallExpression[callee.name='require'] > Literal.arguments[value=/${regex}/]`, message: p.message },
    ];
  });
  return ['error', ...selectors];
}

/** Extra import bans for engine/runtime: it is pure, effects come in through DriverDeps. */
const RUNTIME_PURE_IMPORTS = [
  { regex: '^node:', message: 'engine/runtime is pure: effects come in through DriverDeps (STYLE.md §1).' },
  { regex: '^(better-sqlite3|execa|ws|electron)$', message: 'engine/runtime is pure: effects come in through DriverDeps.' },
];

/** No wall clock and no randomness in engine/runtime (STYLE.md §1, §2). */
const runtimeClockBan = [
  'error',
  { object: 'Date', property: 'now', message: "read time from the run's Clock (STYLE.md §2), not Date.now." },
  { object: 'Math', property: 'random', message: 'take randomness from DriverDeps.random (seeded when simulating).' },
];

/** What the renderer may take from the engine (DESIGN.md: it never touches store, executors or Node). */
const rendererRule = [
  'error',
  {
    patterns: [
      {
        // Code: only pure modules: engine/model, fold.ts and the state constants it folds into, and the
        // yaml Document operations (load/save: no Node API), which the designer's one document uses
        // exactly as the engine does (issue #8 point 1).
        regex: '^(\\.\\./)+engine/(?!model/|runtime/(fold|state)(\\.js)?$|host/api(\\.js)?$|export/types(\\.js)?$|runtime/(events|record)(\\.js)?$|yaml/(load|save)(\\.js)?$)',
        message: 'the renderer takes code only from engine/model and engine/runtime/fold.ts (STYLE.md §1); everything else through HostApi.',
      },
      {
        // Types only: the HostApi contract and the data it carries.
        regex: '^(\\.\\./)+engine/(host/api|export/types|runtime/(events|record))(\\.js)?$',
        allowTypeImports: true,
        message: 'the renderer imports engine/host/api.ts (and the types it carries) with `import type` only.',
      },
      { regex: '^node:', message: 'the renderer runs in a browser: no Node modules.' },
      { regex: '^(better-sqlite3|execa|ws|electron)$', message: 'the renderer never touches the store, executors, Node or Electron.' },
    ],
  },
];

/** Electron's main and preload only relay HostApi calls: the contract, nothing else of the engine. */
const electronRule = [
  'error',
  {
    patterns: [
      {
        regex: '^(\\.\\./)+engine/(?!host/api(\\.js)?$)',
        message: 'electron/ relays HostApi calls (engine/host/api.ts) and imports nothing else of the engine.',
      },
      { regex: '^(\\.\\./)+renderer(/|$)', message: 'electron/ does not import the renderer.' },
    ],
  },
];

const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/test-helpers.ts', '**/test-support.tsx'];

function folderConfigs() {
  const out = [];
  for (const folder of ENGINE) {
    out.push({
      files: [`engine/${folder}/**/*.ts`],
      ignores: TESTS,
      rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': layerRule(folder), 'no-restricted-syntax': dynamicImportRule(layerRule(folder)) },
    });
    const special = [...Object.keys(EXCEPTIONS), ...RUNTIME_IMPURE_FILES].filter((f) => f.startsWith(`engine/${folder}/`));
    for (const file of new Set(special)) {
      out.push({ files: [file], rules: { '@typescript-eslint/no-restricted-imports': layerRule(folder, file), 'no-restricted-syntax': dynamicImportRule(layerRule(folder, file)) } });
    }
  }
  return out;
}

export default [
  {
    ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', '**/*.d.ts', 'coverage/**'],
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  ...folderConfigs(),
  { files: ['engine/runtime/**/*.ts'], ignores: [...TESTS, ...RUNTIME_IMPURE_FILES], rules: { 'no-restricted-properties': runtimeClockBan } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // Tests and test helpers (named by TESTS, no file by name) run in Node under vitest; they may
    // read files and use engine checks.
    ignores: ['renderer/vite.config.ts', ...TESTS],
    // The renderer's comments name React's hooks rule; its plugin is not installed, so a no-op
    // stand-in keeps those comments valid. TODO(#10): install eslint-plugin-react-hooks.
    plugins: { 'react-hooks': { rules: { 'exhaustive-deps': { create: () => ({}) } } } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': rendererRule, 'no-restricted-syntax': dynamicImportRule(rendererRule) },
  },
  {
    files: TESTS.map((t) => `renderer/${t}`),
    plugins: { 'react-hooks': { rules: { 'exhaustive-deps': { create: () => ({}) } } } },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': electronRule, 'no-restricted-syntax': dynamicImportRule(electronRule) },
  },
];
