import { describe, expect, it } from 'vitest';
import { compileExpression, evaluateExpression, ExpressionError, quoteStepIds, type Bindings } from './evaluate.js';

const bindings: Bindings = {
  input: { environment: 'production', version: '1.4.2', replicas: 3 },
  vars: { app: 'shop', hosts: ['a', 'b'] },
  steps: {
    build: { output: { exitCode: 0, stdout: 'ok\n', stderr: '' }, status: 'succeeded' },
    test: { output: null, status: 'failed' },
  },
  run: { id: 'run-1', flow: 'web-app-deploy', startedAt: '2025-01-01T00:00:00.000Z' },
  item: { host: 'db-1' },
  index: 2,
  error: { name: 'Timeout', message: 'took too long' },
};

describe('evaluateExpression', () => {
  it.each([
    ['$steps.build.output.exitCode = 0', true],
    ['$input.environment = "production"', true],
    ['$steps.test.status', 'failed'],
    ['$vars.app & "-" & $input.version', 'shop-1.4.2'],
    ['$item.host', 'db-1'],
    ['$index + 1', 3],
    ['$error.name', 'Timeout'],
    ['$run.id', 'run-1'],
    ['$count($vars.hosts)', 2],
    ['replicas * 2', 6],
    ['$vars.hosts', ['a', 'b']],
    ['{"n": $input.replicas, "ok": true}', { n: 3, ok: true }],
  ])('%s', async (text, expected) => {
    expect(await evaluateExpression(text, bindings)).toEqual(expected);
  });

  it('turns undefined into null and sequences into plain arrays', async () => {
    expect(await evaluateExpression('$input.missing', bindings)).toBeNull();
    expect(await evaluateExpression('$item', { ...bindings, item: undefined })).toBeNull();
    const seq = await evaluateExpression('$.a.b', bindings, { a: [{ b: 1 }, { b: 2 }] });
    expect(seq).toEqual([1, 2]);
    expect(Object.keys(seq as object)).toEqual(['0', '1']);
  });

  it('uses `context` as $ and the input by default', async () => {
    expect(await evaluateExpression('exitCode', bindings, { exitCode: 7 })).toBe(7);
    expect(await evaluateExpression('$.version', bindings)).toBe('1.4.2');
  });

  it('binds $now() and $millis() to the run clock when given', async () => {
    const at = { ...bindings, now: Date.UTC(2030, 0, 2, 3, 4, 5) };
    expect(await evaluateExpression('$now()', at)).toBe('2030-01-02T03:04:05.000Z');
    expect(await evaluateExpression('$millis()', at)).toBe(at.now);
    expect(await evaluateExpression('$now("[Y0001]-[M01]-[D01]")', at)).toBe('2030-01-02');
  });

  it('names the expression and the problem when evaluation fails', async () => {
    const failure = evaluateExpression('$input.environment + 1', bindings);
    await expect(failure).rejects.toBeInstanceOf(ExpressionError);
    await expect(failure).rejects.toThrow(
      'expression "$input.environment + 1" failed: the left side of the "+" operator must evaluate to a number (at character 20)',
    );
    await expect(failure).rejects.toMatchObject({ position: 20, code: 'T2001' });
  });

  it('refuses a function as a result', async () => {
    await expect(evaluateExpression('function($x){$x}', bindings)).rejects.toThrow(/returns a function/);
  });

  it('stops endless recursion instead of hanging', async () => {
    await expect(evaluateExpression('($f := function($n){$n + $f($n)}; $f(1))', bindings)).rejects.toThrow(
      /nests deeper than 500 levels, the limit for one expression/,
    );
  });
});

describe('compileExpression', () => {
  it('caches by text', () => {
    expect(compileExpression('$input.a')).toBe(compileExpression('$input.a'));
  });

  it.each([
    ['$input.environment = ', 'unexpected end of expression (at character 21)', 21],
    ['$count($vars.hosts', 'expected ")" before end of expression (at character 18)', 18],
    ['{{.Names}}', 'the symbol "." cannot be used as a unary operator (at character 3)', 3],
    ['  ', 'it is empty', 2],
  ])('reports %j with its position', (text, reason, position) => {
    let caught: unknown;
    try {
      compileExpression(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect(caught).toMatchObject({ message: `expression "${text}" does not parse: ${reason}`, position, expression: text });
  });
});

describe('step ids with dashes', () => {
  it('reads $steps.start-preview as the step, not a subtraction', async () => {
    const bindings: Bindings = { input: {}, vars: {}, steps: { 'start-preview': { output: { port: 8080 }, status: 'succeeded' } }, run: { id: 'r', flow: 'f' } };
    expect(await evaluateExpression('$steps.start-preview.output.port', bindings)).toBe(8080);
    expect(quoteStepIds('$steps.a - 1')).toBe('$steps.a - 1');
  });
});
