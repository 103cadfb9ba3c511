// @vitest-environment jsdom
/**
 * The code view may hold any YAML that parses (issue #8), so the inspector meets steps the schema
 * forbids: it must show them (the Findings say what is wrong), never crash.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { Inspector } from './Inspector';

afterEach(cleanup);

const malformed: Record<string, unknown> = {
  'unknown type': { type: 'succ' },
  'no type': { title: 'x' },
  'a string': 'make build',
  'null body': null,
  'a list': [1, 2],
  'wrong field shapes': { type: 'task', shell: 42, retry: 'often', catch: 'all', next: ['a'] },
  'approval with odd approvers': { type: 'approval', approvers: 'ops', quorum: 'two', timeout: {} },
  'branch with odd cases': { type: 'branch', cases: { when: 'x' }, default: 3 },
  'map with no body': { type: 'map', items: 5, steps: 'none' },
  'timeout as a mapping': { type: 'wait', duration: '1s', timeout: { every: 1 } },
  'parallel with odd branches': { type: 'parallel', branches: 'a,b', join: null },
};

describe('the inspector on malformed steps', () => {
  it('keeps the forms for a schema error the forms can fix (a parallel with no branch yet)', () => {
    const flow = { flowsmith: '1.0', name: 'odd', start: 'p', steps: { p: { type: 'parallel', branches: [], join: 'j' }, j: { type: 'join' } } } as unknown as Flow;
    const { store, wrapper } = setup(flow);
    store.getState().setFindings([{ severity: 'error', code: 'FS010', step: 'p', line: 4, col: 3, message: 'branches must have at least 1 item' }], store.getState().text);
    store.getState().selectStep('p');
    render(<Inspector />, { wrapper });
    expect(document.querySelector('[data-malformed-step="p"]')).toBeNull();
  });

  it('recognises an unknown type or a non-mapping body before any finding arrives', () => {
    const { store, wrapper } = setup({ flowsmith: '1.0', name: 'odd', start: 'odd', steps: { odd: { type: 'succ' } } } as unknown as Flow);
    store.getState().selectStep('odd');
    render(<Inspector />, { wrapper });
    expect(document.querySelector('[data-malformed-step="odd"]')).not.toBeNull();
  });

  for (const [name, body] of Object.entries(malformed)) {
    it(`shows ${name} without crashing`, () => {
      const flow = { flowsmith: '1.0', name: 'odd', start: 'odd', steps: { odd: body, done: { type: 'succeed' } } } as unknown as Flow;
      const { store, wrapper } = setup(flow);
      // The engine's validation of this text (HostApi validateText) reports the schema error.
      store.getState().setFindings([{ severity: 'error', code: 'FS010', step: 'odd', line: 4, col: 3, message: 'steps.odd does not match the flow schema' }], store.getState().text);
      store.getState().selectStep('odd');
      expect(() => render(<Inspector />, { wrapper })).not.toThrow();
      expect(document.querySelector('[data-malformed-step="odd"]')).not.toBeNull();
    });
  }
});
