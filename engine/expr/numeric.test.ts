import { describe, expect, it } from 'vitest';
import { isFiniteNumber, isNumericExpression } from './numeric.js';
import type { Bindings } from './evaluate.js';
import { interpolateShell } from './shell.js';

const withN = (n: string): Bindings => ({ input: { n }, vars: {}, steps: {}, run: { id: 'r', flow: 'f' } });

describe('numeric expressions in bash code contexts (issue #11 item 4)', () => {
  it('knows which expressions can only give a number', () => {
    for (const e of ['$number($input.n)', '$input.n + 1', '-$x', '3', '$count($input.list)', '$round($input.n * 2)']) expect(isNumericExpression(e), e).toBe(true);
    for (const e of ['$input.n', '$item.num', '"5"', '$string(1)', '$input.n = 1', 'not valid (']) expect(isNumericExpression(e), e).toBe(false);
    expect(isFiniteNumber(3)).toBe(true);
    expect(isFiniteNumber('3')).toBe(false);
  });

  it('lets a numeric expression stand inside $(( )) and passes only its digits', async () => {
    const { command, env } = await interpolateShell('echo $(( {{ $number($input.n) }} + 1 ))', withN('41'));
    expect(command).not.toContain('{{');
    expect(Object.values(env)).toEqual(['41']);
  });

  it('fails the step when the value is not a number, so a payload never reaches bash', async () => {
    await expect(interpolateShell('echo $(( {{ $number($input.n) }} + 1 ))', withN('a[$(touch X)]'))).rejects.toThrow();
    await expect(interpolateShell('echo $(( {{ $input.n }} + 1 ))', withN('1'))).rejects.toThrow(/bash evaluates a value as code/);
  });
});
