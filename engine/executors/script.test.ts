import { afterEach, describe, expect, it } from 'vitest';
import { StepFailure } from './context.js';
import { liveScriptWorkers, runScript, type ScriptInput } from './script.js';
import { testContext, waitUntil, type TestContext } from './test-helpers.js';

let t: TestContext;
const made: TestContext[] = [];
afterEach(() => made.splice(0).forEach((c) => c.cleanup()));

function context(): TestContext {
  t = testContext();
  made.push(t);
  return t;
}

const input: ScriptInput = {
  input: { version: '1.4.2', hosts: ['a', 'b'] },
  vars: { app: 'shop' },
  steps: { build: { output: { exitCode: 0, stdout: 'ok' }, status: 'succeeded' } },
  run: { id: 'run-1', flow: 'deploy' },
  item: null,
  index: null,
  error: null,
};

/** Runs `code` in a fresh context; `limitMs` shortens the script limit where a test needs it to end. */
function run(code: string, options: { memoryMb?: number; limitMs?: number } = {}) {
  return runScript({ code, input, ...options }, context().ctx);
}

async function failure(promise: Promise<unknown>): Promise<StepFailure> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(StepFailure);
  return err as StepFailure;
}

describe('runScript values', () => {
  it('outputs the last expression, or what a script with return gives back', async () => {
    await expect(run('1 + 2')).resolves.toBe(3);
    await expect(run('const n = 2;\n({ doubled: n * 2, list: [1, "x", null, true] })')).resolves.toEqual({ doubled: 4, list: [1, 'x', null, true] });
    await expect(run('if ($vars.app === "shop") { return "yes" }\nreturn "no"')).resolves.toBe('yes');
    await expect(run('let x = 1')).resolves.toBeNull(); // no value: null
  });

  it('sees the bindings as $input, $vars, $steps, $run, $item, $index, $error', async () => {
    const out = await run('({ v: $input.version, n: $input.hosts.length, app: $vars.app, code: $steps.build.output.exitCode, run: $run.id, item: $item, index: $index, error: $error })');
    expect(out).toEqual({ v: '1.4.2', n: 2, app: 'shop', code: 0, run: 'run-1', item: null, index: null, error: null });
  });

  it('awaits async code and returned promises', async () => {
    await expect(run('const v = await Promise.resolve($input.version);\nreturn v + "-rc"')).resolves.toBe('1.4.2-rc');
    await expect(run('(async () => ({ ok: true }))()')).resolves.toEqual({ ok: true });
    await expect(run('for await (const x of [Promise.resolve(5)]) { return x * 2 }')).resolves.toBe(10);
  });

  it('sends console output to the step log, warn and error to stderr', async () => {
    await expect(run('console.log("hello", { a: 1 }, [2]);\nconsole.error("bad", 3);\nconsole.info("done"); 7')).resolves.toBe(7);
    expect(t.logged('stdout')).toBe('hello {"a":1} [2]\ndone\n');
    expect(t.logged('stderr')).toBe('bad 3\n');
  });

  it('cuts console output past 1 MiB with a note, and still returns', async () => {
    await expect(run('for (let i = 0; i < 1500; i++) console.log("x".repeat(1000));\n"done"')).resolves.toBe('done');
    expect(t.logged('stdout').length).toBeLessThanOrEqual(1024 * 1024);
    expect(t.logged('stderr')).toBe('[flowsmith] script log cut after 1048576 bytes\n');
  });

  it('refuses values that are not JSON, saying what and where', async () => {
    const cases: [string, RegExp][] = [
      ['({ build: { run: () => 1 } })', /returned a function at \.build\.run, not JSON/],
      ['[1, undefined]', /returned undefined at \[1\]/],
      ['({ n: NaN })', /returned NaN at \.n/],
      ['({ when: new Date(0) })', /returned a Date at \.when; return date\.toISOString\(\) instead/],
      ['new Map()', /returned a Map, not JSON/],
      ['10n', /returned a bigint/],
      ['const a = {}; a.self = a; a', /returned a circular reference at \.self/],
    ];
    for (const [code, message] of cases) {
      const err = await failure(run(code));
      expect(err.name).toBe('ScriptError');
      expect(err.message).toMatch(message);
    }
    await expect(run('({ kept: 1, dropped: undefined })')).resolves.toEqual({ kept: 1 });
  });
});

describe('runScript errors', () => {
  it('fails with ScriptError naming the error and its line:column in the script', async () => {
    const err = await failure(run('const a = 1;\nconst b = null;\n  b.c'));
    expect(err.name).toBe('ScriptError');
    expect(err.message).toBe("script failed at line 3:4: TypeError: cannot read property 'c' of null");
    expect(err.details).toEqual({ line: 3, column: 4, errorName: 'TypeError' });
  });

  it('keeps line numbers in async scripts and reports thrown values and syntax errors', async () => {
    const err = await failure(run('await null;\nthrow new Error("deploy window closed")'));
    expect(err.message).toBe('script failed at line 2:16: Error: deploy window closed');
    const first = await failure(run('await null; null.x'));
    expect(first.details).toMatchObject({ line: 1, column: 17 }); // the async wrapper does not shift columns
    expect((await failure(run('throw "plain text"'))).message).toBe('script threw "plain text"');
    const syntax = await failure(run('const x = 1;\nconst = 2'));
    expect(syntax.name).toBe('ScriptError');
    expect(syntax.message).toMatch(/^script does not parse at line 2:7: /);
  });

  it('stops a synchronous infinite loop with Timeout at the script limit', async () => {
    const err = await failure(run('while (true) {}', { limitMs: 300 }));
    expect(err.name).toBe('Timeout');
    expect(err.details).toEqual({ limitMs: 300 });
  });

  it('stops a loop after an await, which vm cannot interrupt, with Timeout too', async () => {
    const err = await failure(run('await null;\nwhile (true) {}', { limitMs: 300 }));
    expect(err.name).toBe('Timeout');
  });

  it('fails with ScriptError when the script allocates past its memory limit', async () => {
    const err = await failure(run('const keep = [];\nwhile (true) keep.push(new Array(100000).fill(Math.random()))', { memoryMb: 16 }));
    expect(err.name).toBe('ScriptError');
    expect(err.message).toMatch(/out of memory \(limit 16 MiB\)/);
    expect(err.details).toEqual({ reason: 'memory', memoryMb: 16 });
  });

  it('fails when the script waits on a promise that can never settle', async () => {
    const err = await failure(run('await new Promise(() => {})'));
    expect(err.message).toMatch(/never settles/);
  });
});

describe('runScript sandbox', () => {
  it('has no require, process, fetch, timers or host globals', async () => {
    const out = await run('[typeof require, typeof process, typeof fetch, typeof setTimeout, typeof Buffer, typeof module, typeof globalThis.process]');
    expect(out).toEqual(Array(7).fill('undefined'));
  });

  it('cannot import modules', async () => {
    const err = await failure(run('const fs = await import("node:fs");\nreturn typeof fs.readFileSync'));
    expect(err.name).toBe('ScriptError');
    expect(err.message).toMatch(/could not load module 'node:fs'/);
  });

  it('cannot reach the host through the constructors of what it is given', async () => {
    const escapes = [
      'this.constructor.constructor("return typeof process")()',
      '$input.constructor.constructor("return typeof process")()',
      'console.log.constructor("return typeof process")()',
      'Object.getPrototypeOf($steps).constructor.constructor("return typeof require")()',
    ];
    for (const code of escapes) await expect(run(code)).resolves.toBe('undefined');
  });

  it('terminates the worker when the step signal aborts', async () => {
    const running = run('console.log("started");\nwhile (true) {}');
    expect(await waitUntil(() => t.logged('stdout').includes('started'))).toBe(true);
    t.abort.abort(new StepFailure('Timeout', 'transform timed out after 1s'));
    await expect(running).rejects.toMatchObject({ name: 'Timeout', message: 'transform timed out after 1s' });
    expect(await waitUntil(() => liveScriptWorkers() === 0)).toBe(true);
  });

  it('does not start when the signal has already aborted', async () => {
    context().abort.abort();
    await expect(runScript({ code: '1', input }, t.ctx)).rejects.toMatchObject({ name: 'Cancelled' });
  });
});
