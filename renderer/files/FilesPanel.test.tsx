// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import type { WorkspaceTree } from '../../engine/host/api';
import { setup } from '../test-support';
import { FileDialogs } from './FileDialogs';
import { FilesPanel } from './FilesPanel';

afterEach(cleanup);

const flow: Flow = { flowsmith: '1.0', name: 'deploy', start: 'done', steps: { done: { type: 'succeed' } } };
const TREE: WorkspaceTree = {
  root: '/w',
  truncated: false,
  entries: [
    { kind: 'folder', name: 'ops', path: '/w/ops', children: [{ kind: 'flow', name: 'backup.yaml', path: '/w/ops/backup.yaml', flowName: 'backup', title: 'Nightly backup' }] },
    { kind: 'flow', name: 'flow.yaml', path: '/w/flow.yaml', flowName: 'deploy', title: 'Deploy' },
  ],
};

describe('FilesPanel', () => {
  it('lists the workspace as buttons named by file name, marks the open one, and guards opening over edits', async () => {
    const { actions, calls, store, wrapper } = setup(flow, {
      listFiles: () => TREE,
      openFlow: ({ path }) => ({ path, text: 'flowsmith: "1.0"\nname: backup\nstart: done\nsteps:\n  done: {type: succeed}\n', flow: null, findings: [], trusted: true }),
    });
    render(
      <>
        <FilesPanel />
        <FileDialogs />
      </>,
      { wrapper },
    );
    const region = await screen.findByRole('region', { name: 'Files' });
    const backup = await within(region).findByRole('button', { name: 'backup.yaml' });
    expect(within(region).getByRole('button', { name: 'flow.yaml' }).getAttribute('aria-current')).toBe('true');
    expect(within(region).getByRole('button', { name: 'ops' }).getAttribute('aria-expanded')).toBe('true');

    act(() => store.getState().edit((f) => ({ ...f, title: 'Changed' })));
    fireEvent.click(backup);
    const guard = await screen.findByRole('dialog', { name: 'Unsaved changes' });
    expect(within(guard).getAllByRole('button').map((b) => b.textContent)).toEqual(expect.arrayContaining(['Save', "Don't save", 'Cancel']));
    fireEvent.click(within(guard).getByRole('button', { name: 'Cancel' }));
    await act(async () => undefined);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((c) => c.method === 'openFlow')).toBe(false);
    expect(store.getState().flow?.title).toBe('Changed');

    fireEvent.click(backup);
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Unsaved changes' })).getByRole('button', { name: "Don't save" }));
    await act(async () => undefined);
    expect(calls.find((c) => c.method === 'openFlow')?.params).toEqual({ path: '/w/ops/backup.yaml', deferFindings: true, textOnly: true });
    expect(store.getState().path).toBe('/w/ops/backup.yaml');
    expect(actions.files.ui.getState().dialog).toBeNull();
  });
});
