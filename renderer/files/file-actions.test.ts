/**
 * The renderer's file actions over a fake host (issue #8 point 4): saves send the text with the
 * text as opened, templates are copied before editing, and every action that would lose edits asks.
 */
import { describe, expect, it } from 'vitest';
import type { OpenedFlow, WorkspaceTree } from '../../engine/host/api';
import { addStep } from '../doc/edits';
import { newStep } from '../doc/new-step';
import { fakeHost } from '../test-support';
import { createAppStore } from '../store/store';
import { createFileActions, freeNewPath, relativeTo } from './file-actions';

const TEXT = [
  '# Deploys the shop',
  'flowsmith: "1.0"',
  'name: hello',
  'start: done',
  'steps:',
  '  # the end',
  '  done: {type: succeed}',
  '',
].join('\n');

const TREE: WorkspaceTree = {
  root: '/w',
  truncated: false,
  entries: [{ kind: 'flow', name: 'new-flow.yaml', path: '/w/new-flow.yaml', flowName: 'new-flow', title: 'New flow' }],
};

function opened(path: string, text = TEXT, extra: Partial<OpenedFlow> = {}): OpenedFlow {
  return { path, text, flow: null, findings: [], trusted: true, ...extra };
}

/** File actions over a fake host whose openFlow answers `TEXT` (flow parsed by the store). */
function setup(answers: Parameters<typeof fakeHost>[0] = {}) {
  const fake = fakeHost({
    openFlow: ({ path }) => ({ ...opened(path), flow: { flowsmith: '1.0', name: 'hello', start: 'done', steps: { done: { type: 'succeed' } } } }),
    listFiles: () => TREE,
    saveFlowText: ({ path, text }) => ({ path, text, findings: [] }),
    ...answers,
  });
  const store = createAppStore();
  const files = createFileActions(fake.host, store);
  const saves = () => fake.calls.filter((c) => c.method === 'saveFlowText').map((c) => c.params);
  return { ...fake, store, files, saves };
}

/** Answers the next file dialog once it is on screen. */
async function answerDialog(files: ReturnType<typeof setup>['files'], answer: (d: NonNullable<ReturnType<typeof files.ui.getState>['dialog']>) => void) {
  await expect.poll(() => files.ui.getState().dialog).not.toBeNull();
  answer(files.ui.getState().dialog!);
}

const addTask = (store: ReturnType<typeof createAppStore>) =>
  store.getState().edit((f) => addStep(f, 'task-1', newStep('task-shell'), { x: 0, y: 0 }));

describe('file actions', () => {
  it('opens a file as its text and saves the edited text with the text as opened, comments kept', async () => {
    const { store, files, saves } = setup();
    expect(await files.open('/w/hello.yaml')).toBe(true);
    expect(store.getState()).toMatchObject({ path: '/w/hello.yaml', text: TEXT, savedText: TEXT });
    expect(store.getState().isDirty()).toBe(false);
    addTask(store);
    expect(store.getState().isDirty()).toBe(true);
    expect(store.getState().text).toContain('task-1');
    expect(store.getState().text).toContain('# the end');
    expect(await files.save()).toBe(true);
    const [save] = saves() as { path: string; text: string; expectedText: string }[];
    expect(save).toMatchObject({ path: '/w/hello.yaml', expectedText: TEXT });
    expect(save!.text).toContain('task-1');
    expect(save!.text).toContain('# Deploys the shop');
    expect(store.getState().isDirty()).toBe(false);
    expect(store.getState().savedText).toBe(save!.text);
  });

  it('asks what to do when the file changed on disk: Cancel keeps the edits, Overwrite writes them, Reload drops them', async () => {
    const changed = () => {
      throw Object.assign(new Error('hello.yaml was changed on disk since you opened it; use Save as to keep both'), { code: 'CHANGED_ON_DISK' });
    };
    const { store, files, saves, calls } = setup({
      saveFlowText: ({ path, text, expectedText }) => (expectedText === undefined ? { path, text, findings: [] } : changed()),
    });
    await files.open('/w/hello.yaml');
    addTask(store);

    const cancelled = files.save();
    await answerDialog(files, (d) => d.kind === 'changedOnDisk' && d.answer('cancel'));
    expect(await cancelled).toBe(false);
    expect(store.getState().isDirty()).toBe(true);
    expect(saves()).toHaveLength(1); // the refused attempt only

    const overwritten = files.save();
    await answerDialog(files, (d) => d.kind === 'changedOnDisk' && d.answer('overwrite'));
    expect(await overwritten).toBe(true);
    expect(saves()).toHaveLength(3); // refused, refused, then written without the on-disk check
    expect(saves()[2]).not.toHaveProperty('expectedText');
    expect(store.getState().isDirty()).toBe(false);

    store.getState().edit((f) => addStep(f, 'task-2', newStep('task-shell'), { x: 0, y: 0 }));
    const reloaded = files.save();
    await answerDialog(files, (d) => d.kind === 'changedOnDisk' && d.answer('reload'));
    expect(await reloaded).toBe(false);
    expect(store.getState().isDirty()).toBe(false);
    expect(store.getState().text).toBe(TEXT);
    expect(calls.filter((c) => c.method === 'openFlow')).toHaveLength(2);
  });

  it('asks before opening another file over unsaved edits: Cancel keeps them, Don’t save drops them, Save saves first', async () => {
    const { store, files, saves, calls } = setup();
    await files.open('/w/hello.yaml');
    addTask(store);

    const cancelled = files.open('/w/other.yaml');
    await answerDialog(files, (d) => d.kind === 'unsaved' && d.answer('cancel'));
    expect(await cancelled).toBe(false);
    expect(store.getState().path).toBe('/w/hello.yaml');
    expect(store.getState().flow?.steps['task-1']).toBeDefined();

    const saved = files.open('/w/other.yaml');
    await answerDialog(files, (d) => d.kind === 'unsaved' && d.answer('save'));
    expect(await saved).toBe(true);
    expect(saves()).toHaveLength(1);
    expect(store.getState().path).toBe('/w/other.yaml');

    addTask(store);
    const dropped = files.open('/w/hello.yaml');
    await answerDialog(files, (d) => d.kind === 'unsaved' && d.answer('discard'));
    expect(await dropped).toBe(true);
    expect(saves()).toHaveLength(1);
    expect(calls.filter((c) => c.method === 'openFlow')).toHaveLength(3);
  });

  it('starts New as an unsaved document at a free name; Save asks where and does not replace a file', async () => {
    const { store, files, saves } = setup();
    expect(await files.create()).toBe(true);
    expect(store.getState().path).toBe('/w/new-flow-2.yaml');
    expect(files.ui.getState().isOnDisk).toBe(false);
    expect(store.getState().flow?.steps).toHaveProperty('done');
    expect(store.getState().isDirty()).toBe(false);
    addTask(store);
    const saving = files.save();
    await answerDialog(files, (d) => {
      expect(d).toMatchObject({ kind: 'saveAs', defaultPath: 'new-flow-2.yaml' });
      if (d.kind === 'saveAs') void d.save('ops/night.yaml').then(() => d.answer(true));
    });
    expect(await saving).toBe(true);
    expect(saves()).toEqual([{ path: 'ops/night.yaml', text: expect.stringContaining('task-1'), expectedText: null }]);
    expect(store.getState()).toMatchObject({ path: 'ops/night.yaml', savedText: expect.stringContaining('task-1') });
  });

  it('copies a template into the workspace and edits the copy; a template opened in place saves only through Save as', async () => {
    const template = '/app/resources/templates/web-app-deploy.yaml';
    const { store, files, saves, calls } = setup({
      copyTemplate: () => ({ path: '/w/web-app-deploy.yaml', scenarioPath: '/w/web-app-deploy.scenarios.yaml' }),
    });
    expect(await files.openTemplate(template)).toBe(true);
    expect(calls.find((c) => c.method === 'copyTemplate')?.params).toEqual({ template });
    expect(store.getState().path).toBe('/w/web-app-deploy.yaml');
    addTask(store);
    await files.save();
    expect(saves()).toEqual([expect.objectContaining({ path: '/w/web-app-deploy.yaml' })]);

    const inPlace = setup({ openFlow: ({ path }) => opened(path, TEXT, { readOnly: true, flow: { flowsmith: '1.0', name: 'hello', start: 'done', steps: { done: { type: 'succeed' } } } }) });
    await inPlace.files.open(template);
    const saving = inPlace.files.save();
    await answerDialog(inPlace.files, (d) => {
      expect(d).toMatchObject({ kind: 'saveAs', defaultPath: 'web-app-deploy.yaml' });
      if (d.kind === 'saveAs') d.answer(false);
    });
    expect(await saving).toBe(false);
    expect(inPlace.saves()).toEqual([]);
  });

  it('asks the browser to confirm a reload only while there are unsaved edits', async () => {
    const { store, files } = setup();
    await files.open('/w/hello.yaml');
    let handler: ((e: BeforeUnloadEvent) => void) | undefined;
    const off = files.installUnloadGuard({
      addEventListener: ((_: string, h: (e: BeforeUnloadEvent) => void) => (handler = h)) as Window['addEventListener'],
      removeEventListener: (() => (handler = undefined)) as Window['removeEventListener'],
    });
    const fire = () => {
      const e = { defaultPrevented: false, returnValue: undefined as unknown, preventDefault() { this.defaultPrevented = true; } };
      handler!(e as unknown as BeforeUnloadEvent);
      return e.defaultPrevented;
    };
    expect(fire()).toBe(false);
    addTask(store);
    expect(fire()).toBe(true);
    off();
    expect(handler).toBeUndefined();
  });

  it('names new files and Save as defaults from the workspace', () => {
    expect(freeNewPath('/w', new Set())).toBe('/w/new-flow.yaml');
    expect(freeNewPath('/w', new Set(['/w/new-flow.yaml', '/w/new-flow-2.yaml']))).toBe('/w/new-flow-3.yaml');
    expect(relativeTo('/w', '/w/ops/a.yaml')).toBe('ops/a.yaml');
    expect(relativeTo('/w', '/wx/a.yaml')).toBe('a.yaml');
  });
});
