import { describe, expect, it } from 'vitest';
import { createFindings } from './findings-reporter.js';

describe('createFindings', () => {
  it('records code, step and message, severity warning unless given', () => {
    const { findings, report } = createFindings<'FS900' | 'FS901'>();
    report('FS900', 'deploy', 'lost a detail');
    report('FS901', undefined, 'the document is broken', { severity: 'error' });
    expect(findings).toEqual([
      { severity: 'warning', code: 'FS900', message: 'lost a detail', step: 'deploy' },
      { severity: 'error', code: 'FS901', message: 'the document is broken' },
    ]);
  });

  it("turns a place into file, line:col and a pointer, falling back to the step's place", () => {
    const places: Record<string, { line: number; col: number }> = { '/steps/a': { line: 3, col: 5 } };
    const { findings, report } = createFindings<'FS900', string>({
      file: 'flow.yaml',
      locate: (at) => places[at],
      pointer: (at) => at,
      placeOf: (step) => `/steps/${step}`,
    });
    report('FS900', 'a', 'at its step');
    report('FS900', 'a', 'somewhere else', { at: '/triggers/0' });
    expect(findings).toEqual([
      { severity: 'warning', code: 'FS900', message: 'at its step', file: 'flow.yaml', line: 3, col: 5, path: '/steps/a', step: 'a' },
      { severity: 'warning', code: 'FS900', message: 'somewhere else', file: 'flow.yaml', path: '/triggers/0', step: 'a' },
    ]);
  });

  it('prefixes the subject and drops what isRepeat calls a repeat', () => {
    const { findings, report } = createFindings<'FS900'>({ isRepeat: (f, earlier) => f.message === earlier.message });
    report('FS900', undefined, 'dropped', { subject: 'task getPet' });
    report('FS900', 'other', 'dropped', { subject: 'task getPet' });
    expect(findings).toEqual([{ severity: 'warning', code: 'FS900', message: 'task getPet: dropped' }]);
  });
});
