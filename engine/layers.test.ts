/**
 * The layer rules of eslint.config.js (STYLE.md §1, issue #10 point 2) hold: an import across a
 * forbidden arrow fails `npm run lint`, an allowed one passes. Lints small sources under virtual
 * paths inside the repo, so the config's per-folder globs apply as they do to real files.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error eslint.config.js is plain JavaScript without type declarations
import { EXCEPTIONS } from '../eslint.config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The rule ids eslint reports for `code` placed at `file` (relative to the repo root). */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${file}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('layer arrows', () => {
  it.each([
    ['runtime imports an executor', 'engine/runtime/fixture.ts', "import { runShell } from '../executors/shell.js';"],
    ['runtime imports the store', 'engine/runtime/fixture.ts', "import { openJournal } from '../store/journal.js';"],
    ['model imports the runtime', 'engine/model/fixture.ts', "import type { RunState } from '../runtime/state.js';"],
    ['store imports the host', 'engine/store/fixture.ts', "import { RunService } from '../host/run-service.js';"],
    ['yaml imports expr', 'engine/yaml/fixture.ts', "import { evaluateExpression } from '../expr/index.js';"],
    ['an exporter imports the CLI', 'engine/export/asl/fixture.ts', "import { main } from '../../cli/main.js';"],
    ['the engine imports the renderer', 'engine/host/fixture.ts', "import { App } from '../../renderer/App.js';"],
    ['the renderer imports the store', 'renderer/run/fixture.ts', "import { openJournal } from '../../engine/store/journal';"],
    ['the renderer imports HostApi code', 'renderer/run/fixture.ts', "import { hostMethods } from '../../engine/host/api';"],
    ['the renderer imports Node', 'renderer/run/fixture.ts', "import { readFileSync } from 'node:fs';"],
    ['electron imports the runtime', 'electron/fixture.ts', "import { foldInto } from '../engine/runtime/fold.js';"],
    ['runtime imports Node', 'engine/runtime/fixture.ts', "import { readFileSync } from 'node:fs';"],
    ['an importer reads an interop convention from an exporter', 'engine/interop/argo/fixture.ts', "import { ExportContext } from '../../export/argo/context.js';"],
  ])('refuses: %s', async (_what, file, code) => {
    expect(await problems(file, code)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it.each([
    ['runtime imports model and expr', 'engine/runtime/fixture.ts', "import type { Flow } from '../model/flow.js';\nimport { evaluateExpression } from '../expr/index.js';"],
    ['an exporter imports model', 'engine/export/asl/fixture.ts', "import type { Flow } from '../../model/flow.js';"],
    ['host imports the store and runtime', 'engine/host/fixture.ts', "import { openJournal } from '../store/journal.js';\nimport { RunDriver } from '../runtime/driver.js';"],
    ['the CLI imports the host', 'engine/cli/fixture.ts', "import { RunService } from '../host/run-service.js';"],
    ['the renderer folds runs', 'renderer/run/fixture.ts', "import { foldInto } from '../../engine/runtime/fold';\nimport { taskExecutor } from '../../engine/model/flow';"],
    ['the renderer types HostApi', 'renderer/run/fixture.ts', "import type { HostApi } from '../../engine/host/api';\nimport type { RunEvent } from '../../engine/runtime/events';"],
    ['electron relays HostApi', 'electron/fixture.ts', "import { hostMethods } from '../engine/host/api.js';"],
  ])('allows: %s', async (_what, file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});

// Each arrow that was excepted until issue #10 moved the shared piece down a layer: the same import,
// from the very file that used to make it, now fails.
describe('formerly excepted arrows', () => {
  it('lists no exceptions', () => {
    expect(EXCEPTIONS).toEqual({});
  });

  it.each([
    ['yaml/load.ts reads finding codes from validate', 'engine/yaml/load.ts', "import { Code } from '../validate/index.js';"],
    ['expr/evaluate.ts reads limits from yaml', 'engine/expr/evaluate.ts', "import { EXPRESSION_TIMEOUT_MS } from '../yaml/limits.js';"],
    ['the runtime calls an executor', 'engine/runtime/task.ts', "import { runShell } from '../executors/shell.js';"],
    ['the runtime imports the real task runner', 'engine/runtime/step-exec.ts', "import { realTasks } from '../executors/task-body.js';"],
    ['an importer reads argo names from the exporter', 'engine/import/argo/context.ts', "import { NameAllocator } from '../../export/argo/names.js';"],
    ['an importer reads ASL comments from the exporter', 'engine/import/asl/flowsmith-export.ts', "import { INIT_COMMENT } from '../../export/asl/flow-level.js';"],
    ['an importer reads the export contract', 'engine/import/index.ts', "import type { Importer } from '../export/types.js';"],
    ['a renderer helper not named as a test uses engine checks', 'renderer/doc/test-validate.ts', "import { checkGraph } from '../../engine/validate/graph';"],
  ])('refuses: %s', async (_what, file, code) => {
    expect(await problems(file, code)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it.each([
    ['yaml reads finding codes from model', 'engine/yaml/load.ts', "import { Code } from '../model/finding.js';"],
    ['expr reads limits from model', 'engine/expr/evaluate.ts', "import { EXPRESSION_TIMEOUT_MS } from '../model/limits.js';"],
    ['the runtime names the task runner interface', 'engine/runtime/step-exec.ts', "import type { TaskRunner } from './task-runner.js';"],
    ['the service wires the real executors', 'engine/service/fixture.ts', "import { realTasks } from '../executors/task-body.js';"],
    ['an importer reads interop conventions', 'engine/import/argo/fixture.ts', "import { NameAllocator } from '../../interop/argo/names.js';"],
    ['an exporter writes interop conventions', 'engine/export/argo/fixture.ts', "import { Annotation } from '../../interop/argo/conventions.js';"],
    ['a renderer test helper uses engine checks', 'renderer/doc/test-helpers.ts', "import { checkGraph } from '../../engine/validate/graph';"],
  ])('allows: %s', async (_what, file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});

describe('any import, not only import declarations', () => {
  it.each([
    ['a dynamic import', 'engine/runtime/task.ts', "export const load = () => import('../executors/shell.js');", 'no-restricted-syntax'],
    ['a require', 'engine/yaml/fixture.ts', "export const codes = require('../validate/index.js');", 'no-restricted-syntax'],
    ['a re-export', 'engine/import/argo/fixture.ts', "export * from '../../export/argo/context.js';", '@typescript-eslint/no-restricted-imports'],
    ['a dynamic import in the renderer', 'renderer/run/fixture.ts', "export const load = () => import('../../engine/store/journal');", 'no-restricted-syntax'],
    ['a dynamic import in electron', 'electron/fixture.ts', "export const load = () => import('../engine/runtime/fold.js');", 'no-restricted-syntax'],
  ])('refuses %s across a forbidden arrow', async (_what, file, code, rule) => {
    expect(await problems(file, code)).toContain(rule);
  });

  it('allows a dynamic import along an arrow', async () => {
    expect(await problems('engine/service/fixture.ts', "export const load = () => import('../executors/task-body.js');")).toEqual([]);
  });
});

describe('a pure runtime', () => {
  it('refuses Date.now and Math.random in engine/runtime', async () => {
    const found = await problems('engine/runtime/fixture.ts', 'export const t = Date.now() + Math.random();');
    expect(found).toEqual(['no-restricted-properties', 'no-restricted-properties']);
  });

  it('lets the real clock read the wall clock (the one listed exemption)', async () => {
    expect(await problems('engine/runtime/clock.ts', 'export const t = Date.now();')).toEqual([]);
  });

  it('allows Date.now outside the runtime', async () => {
    expect(await problems('engine/host/fixture.ts', 'export const t = Date.now();')).toEqual([]);
  });
});
