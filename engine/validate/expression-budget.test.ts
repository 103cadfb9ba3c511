/**
 * The time budget for parsing a flow's expressions (FS026). Checked with the budget mocked to
 * "already spent", since a real overrun takes a crafted flow and seconds of CPU.
 */
import { describe, expect, it, vi } from 'vitest';
import { findingsWith, flowText } from './test-helpers.js';

vi.mock('../model/limits.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../model/limits.js')>()),
  EXPRESSION_CHECK_BUDGET_MS: -1, // spent before the first expression; the message reads -0.001 s
}));

describe('expression check budget', () => {
  it('stops parsing once the budget is spent and says so once, at the first expression left unchecked', () => {
    const text = flowText([
      '  a: {type: branch, cases: [{when: "$input.x +", next: b}]}', // would be FS019
      '  b: {type: task, shell: "echo {{ $input. }}"}', // would be FS019
    ]);
    expect(findingsWith('FS019', text)).toEqual([]);
    expect(findingsWith('FS026', text)).toEqual([
      {
        severity: 'error',
        message:
          'steps.a.cases[0].when: parsing the expressions took over -0.001 s, so the ones from here on were not checked; the flow has too many or too complex expressions, split it into subflows (call:)',
        path: '/steps/a/cases/0/when',
        step: 'a',
        line: 5,
        col: 36,
      },
    ]);
  });
});
