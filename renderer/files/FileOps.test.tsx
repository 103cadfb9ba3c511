// @vitest-environment jsdom
/**
 * Rename, Move to… and Delete from the Files panel (keyboard and menu): the host's moveFile and
 * deleteFile are called with the paths asked for, an existing target is replaced only after
 * "Replace", the open flow stays open under its new name with its unsaved edits, and deleting the
 * open flow closes it after a confirmation that warns about the edits.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceTree } from '../../engine/host/api';
import type { Flow } from '../../engine/model/flow';
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

function mount(answers: Parameters<typeof setup>[1] = {}) {
  const ctx = setup(flow, { listFiles: () => TREE, ...answers });
  render(
    <>
      <FilesPanel />
      <FileDialogs />
    </>,
    { wrapper: ctx.wrapper },
  );
  return ctx;
}

describe('Files panel: rename, move, delete', () => {
  it('renames the open flow with F2; it stays open under the new name, still with its unsaved edits', async () => {
    const { calls, store } = mount({
      moveFile: ({ to }) => ({ path: to, scenarioPath: null, moved: [to] }),
      // Trust is per path: an imported flow trusted at its old path is not at the new one.
      openFlow: ({ path }) => ({ path, text: '', flow: null, findings: [], trusted: false, trustReason: 'imported' }),
    });
    const region = await screen.findByRole('region', { name: 'Files' });
    act(() => void store.getState().edit((f) => ({ ...f, title: 'Edited' })));
    fireEvent.keyDown(await within(region).findByRole('button', { name: 'flow.yaml' }), { key: 'F2' });
    const dialog = await screen.findByRole('dialog', { name: 'Rename file' });
    fireEvent.change(within(dialog).getByLabelText('New name'), { target: { value: 'deploy.yaml' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rename' }));
    await act(async () => undefined);
    expect(calls.find((c) => c.method === 'moveFile')?.params).toEqual({ path: '/w/flow.yaml', to: '/w/deploy.yaml' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().path).toBe('/w/deploy.yaml');
    expect(store.getState().isDirty()).toBe(true);
    expect(store.getState().flow?.title).toBe('Edited');
    expect(store.getState().isTrusted).toBe(false);
  });

  it('moves a file through its Actions menu into a folder, asking before it replaces one there', async () => {
    let attempt = 0;
    const { calls } = mount({
      moveFile: ({ to, overwrite }) => {
        if (!overwrite && attempt++ === 0) throw Object.assign(new Error('ops/flow.yaml already exists; choose another name or replace it'), { code: 'EXISTS' });
        return { path: `/w/${to}/flow.yaml`, scenarioPath: null, moved: [] };
      },
    });
    const region = await screen.findByRole('region', { name: 'Files' });
    const menuButton = await within(region).findByRole('button', { name: 'Actions for flow.yaml' });
    fireEvent.click(menuButton);
    const menu = screen.getByRole('menu', { name: 'Actions for flow.yaml' });
    expect(within(menu).getAllByRole('menuitem').map((m) => m.textContent)).toEqual(['Rename', 'Move to…', 'Delete']);
    expect(document.activeElement?.textContent).toBe('Rename');
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Move to…');
    fireEvent.click(document.activeElement!);
    const dialog = await screen.findByRole('dialog', { name: 'Move file' });
    fireEvent.change(within(dialog).getByLabelText('Destination folder'), { target: { value: 'ops' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/already exists.*Replace it\?/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Replace' }));
    await act(async () => undefined);
    expect(calls.filter((c) => c.method === 'moveFile').map((c) => c.params)).toEqual([
      { path: '/w/flow.yaml', to: 'ops' },
      { path: '/w/flow.yaml', to: 'ops', overwrite: true },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('deletes only after "Delete file" is confirmed; the open flow with edits is warned about, then closed', async () => {
    const { calls, store } = mount({ deleteFile: ({ path }) => ({ deleted: [path] }) });
    const region = await screen.findByRole('region', { name: 'Files' });
    act(() => void store.getState().edit((f) => ({ ...f, title: 'Edited' })));
    const row = await within(region).findByRole('button', { name: 'flow.yaml' });
    fireEvent.keyDown(row, { key: 'Delete' });
    let dialog = await screen.findByRole('dialog', { name: 'Delete file' });
    expect(within(dialog).getByRole('alert').textContent).toMatch(/unsaved changes/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await act(async () => undefined);
    expect(calls.some((c) => c.method === 'deleteFile')).toBe(false);
    expect(store.getState().path).toBe('/w/flow.yaml');

    fireEvent.keyDown(row, { key: 'Delete' });
    dialog = await screen.findByRole('dialog', { name: 'Delete file' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await act(async () => undefined);
    expect(calls.find((c) => c.method === 'deleteFile')?.params).toEqual({ path: '/w/flow.yaml' });
    expect(store.getState().path).toBe('/w/new-flow.yaml');
    expect(store.getState().notice?.text).toMatch(/Deleted flow\.yaml; it was open/);
  });
});
