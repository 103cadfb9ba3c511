// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { VersionDiff, VersionInfo } from '../../engine/host/api';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { VersionsPanel } from './VersionsPanel';

afterEach(cleanup);

const flow: Flow = {
  flowsmith: '1.0',
  name: 'deploy',
  start: 'build',
  steps: { build: { type: 'task', shell: 'make', next: 'done' }, done: { type: 'succeed' } },
};

const version = (n: number, note: string): VersionInfo => ({
  flow: 'deploy', version: n, hash: 'h'.repeat(64), path: '/w/flow.yaml', note, author: 'ana', publishedAt: '2026-12-05T10:00:00.000Z',
});

const diff: VersionDiff = {
  flow: 'deploy', from: 1, to: 2, workingPath: null, isSameText: false, isSame: false, fields: ['vars.env'],
  steps: [
    { id: 'build', change: 'changed', scope: null, paths: ['build.retry.maxAttempts'] },
    { id: 'old', change: 'removed', scope: null, paths: [] },
  ],
};

describe('VersionsPanel', () => {
  it('publishes with a note, lists versions, and shows a diff of two versions until it is left', async () => {
    let versions = [version(1, 'first')];
    const { calls, store, wrapper } = setup(flow, {
      listVersions: () => versions,
      publishVersion: (p) => {
        versions = [...versions, version(2, p.note ?? '')];
        return { outcome: 'published', version: versions[1], findings: [] };
      },
      diffVersions: () => diff,
    });
    store.getState().markSaved('/w/flow.yaml', store.getState().text);
    render(<VersionsPanel />, { wrapper });
    const region = await screen.findByRole('region', { name: 'Versions' });
    await within(region).findByText('first');

    fireEvent.change(within(region).getByLabelText('Note'), { target: { value: 'more retries' } });
    await act(async () => fireEvent.click(within(region).getByRole('button', { name: 'Publish' })));
    expect(calls.find((c) => c.method === 'publishVersion')?.params).toEqual({ path: '/w/flow.yaml', note: 'more retries' });
    await within(region).findByText('Published version 2');
    await within(region).findByText('more retries');

    fireEvent.click(within(region).getByRole('checkbox', { name: 'Choose version 1' }));
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Choose version 2' }));
    await act(async () => fireEvent.click(within(region).getByRole('button', { name: 'Compare versions' })));
    expect(calls.find((c) => c.method === 'diffVersions')?.params).toEqual({ path: '/w/flow.yaml', from: 1, to: 2 });
    expect(store.getState().versionDiff?.marks).toEqual(Object.assign(Object.create(null), { build: 'changed', old: 'removed' }));
    const changes = within(region).getByRole('list', { name: 'Changes' });
    expect(within(changes).getByText('build.retry.maxAttempts')).toBeTruthy();
    expect(changes.querySelector('[data-diff="removed"][data-step="old"]')).not.toBeNull();
    expect(within(changes).getByText('vars.env')).toBeTruthy();

    fireEvent.click(within(region).getByRole('button', { name: 'Leave diff' }));
    expect(store.getState().versionDiff).toBeNull();
  });

  it('parses both sides for the canvas, and an edit of the document leaves the diff', async () => {
    const v1 = 'flowsmith: "1.0"\nname: deploy\nstart: build\nsteps:\n  build: { type: task, shell: make, next: old }\n  old: { type: succeed }\nlayout:\n  old: { x: 5, y: 300 }\n';
    const v2 = 'flowsmith: "1.0"\nname: deploy\nstart: build\nsteps:\n  build: { type: task, shell: make }\n';
    const { store, wrapper } = setup(flow, { listVersions: () => [version(1, 'a'), version(2, 'b')], diffVersions: () => ({ ...diff, texts: { from: v1, to: v2 } }) });
    render(<VersionsPanel />, { wrapper });
    const region = await screen.findByRole('region', { name: 'Versions' });
    await within(region).findByText('b');
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Choose version 1' }));
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Choose version 2' }));
    await act(async () => fireEvent.click(within(region).getByRole('button', { name: 'Compare versions' })));
    const shown = store.getState().versionDiff;
    expect(shown?.older?.layout?.old).toEqual({ x: 5, y: 300 });
    expect(Object.keys(shown?.newer?.steps ?? {})).toEqual(['build']);
    expect(within(region).getByText('The canvas shows version 2, read-only, with removed steps as dimmed ghosts.')).toBeTruthy();

    act(() => store.getState().edit((f) => ({ ...f, title: 'edited' })));
    expect(store.getState().versionDiff).toBeNull();
  });

  it('compares one version with the document as it is now, unsaved edits included', async () => {
    const { calls, store, wrapper } = setup(flow, { listVersions: () => [version(1, 'first')], diffVersions: () => ({ ...diff, to: 'working' }) });
    render(<VersionsPanel />, { wrapper });
    const region = await screen.findByRole('region', { name: 'Versions' });
    await within(region).findByText('first');
    fireEvent.click(within(region).getByRole('checkbox', { name: 'Choose version 1' }));
    await act(async () => fireEvent.click(within(region).getByRole('button', { name: 'Compare with document' })));
    expect(calls.find((c) => c.method === 'diffVersions')?.params).toEqual({ path: '/w/flow.yaml', from: 1, to: 'working', text: store.getState().text });
  });

  it('lists the release records of the flow (each export of a published version) from listReleases', async () => {
    const { calls, store, wrapper } = setup(flow, {
      listVersions: () => [version(1, 'first')],
      listReleases: () => [{ flow: 'f', version: 1, target: 'asl', output: 'f.asl.json', findings: 3, errors: 0, by: 'ops', at: '2026-12-05T10:00:00.000Z' }],
    });
    store.getState().markSaved('/w/flow.yaml', store.getState().text);
    render(<VersionsPanel />, { wrapper });
    const table = await screen.findByRole('table', { name: 'Release records' });
    const row = table.querySelector('[data-release-version="1"]')!;
    expect(row.getAttribute('data-release-target')).toBe('asl');
    expect(row.textContent).toContain('f.asl.json');
    expect(calls.find((c) => c.method === 'listReleases')?.params).toEqual({ path: '/w/flow.yaml' });
  });
});
