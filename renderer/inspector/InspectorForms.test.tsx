// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { BODY_ROW } from '../doc/placement';
import { Inspector } from './Inspector';

afterEach(cleanup);

const flow: Flow = {
  flowsmith: '1.0',
  name: 'deploy',
  start: 'build',
  steps: {
    build: { type: 'task', shell: 'make build', next: 'approve' },
    approve: { type: 'approval', approvers: ['ops-manager'], next: 'each' },
    each: { type: 'map', items: '[1, 2]', start: 'item-1', steps: { 'item-1': { type: 'task', shell: 'echo' } }, next: 'done' },
    done: { type: 'succeed' },
  },
};

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('Inspector forms', () => {
  it('switches a task to another executor and edits its fields', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('build');
    render(<Inspector />, { wrapper });
    fireEvent.change(screen.getByLabelText('Executor'), { target: { value: 'http' } });
    expect(Object.keys(store.getState().flow!.steps.build!)).toEqual(['type', 'http', 'next']);
    type('URL', 'http://127.0.0.1:9/x');
    fireEvent.click(screen.getByRole('button', { name: 'Add headers' }));
    type('Headers X-Header-1', 'token');
    type('Headers 1 name', 'Authorization');
    fireEvent.blur(screen.getByLabelText('Headers 1 name'));
    type('Headers Authorization', 'Bearer {{ $env.TOKEN }}');
    type('Request body (JSON)', '{"v": 1}');
    expect(store.getState().flow!.steps.build).toMatchObject({
      http: { method: 'GET', url: 'http://127.0.0.1:9/x', headers: { Authorization: 'Bearer {{ $env.TOKEN }}' }, body: { v: 1 } },
    });
    fireEvent.change(screen.getByLabelText('Executor'), { target: { value: 'notify' } });
    type('Notification message', 'done');
    type('Webhook URL', 'https://hooks.example.invalid/x');
    fireEvent.change(screen.getByLabelText('Webhook format'), { target: { value: 'slack' } });
    expect(store.getState().flow!.steps.build).toEqual({
      type: 'task', notify: { message: 'done', webhook: 'https://hooks.example.invalid/x', format: 'slack' }, next: 'approve',
    });
  });

  it('edits retry in full, compensate, output, set and mock of a task', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('build');
    render(<Inspector />, { wrapper });
    type('Max attempts', '3');
    type('Retry delay', '2s');
    fireEvent.change(screen.getByLabelText('Backoff'), { target: { value: 'exponential' } });
    type('Multiplier', '1.5');
    type('Max delay', '1m');
    fireEvent.change(screen.getByLabelText('Jitter'), { target: { value: 'true' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add compensation' }));
    type('Compensate shell command', 'make undo');
    type('Output', '{"v": stdout}');
    fireEvent.click(screen.getByRole('button', { name: 'Add set' }));
    type('Set var1', '$.v');
    type('Mock output (JSON)', '{"stdout": "1.0"}');
    type('Mock error', 'Timeout');
    type('Mock duration', '2m');
    expect(store.getState().flow!.steps.build).toEqual({
      type: 'task',
      shell: 'make build',
      retry: { maxAttempts: 3, delay: '2s', backoff: 'exponential', multiplier: 1.5, maxDelay: '1m', jitter: true },
      compensate: { shell: 'make undo' },
      output: '{"v": stdout}',
      set: { var1: '$.v' },
      mock: { output: { stdout: '1.0' }, error: { name: 'Timeout' }, duration: '2m' },
      next: 'approve',
    });
  });

  it('shows approval fields with a timeout and no retry', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('approve');
    render(<Inspector />, { wrapper });
    expect(screen.queryByLabelText('Max attempts')).toBeNull();
    expect(screen.queryByLabelText('Compensate executor')).toBeNull();
    type('Timeout', '2h');
    type('Quorum', '2');
    expect(store.getState().flow!.steps.approve).toMatchObject({ quorum: 2, timeout: '2h' });
  });

  it('edits a map and the steps of its body', () => {
    const { store, wrapper } = setup(flow);
    store.getState().selectStep('each');
    render(<Inspector />, { wrapper });
    type('Items', '$input.hosts');
    type('Concurrency', '2');
    fireEvent.click(screen.getByRole('button', { name: 'Add body step' }));
    expect(store.getState().selectedStep).toBe('item-2');
    const each = store.getState().flow!.steps.each;
    expect(each).toMatchObject({ items: '$input.hosts', concurrency: 2, steps: { 'item-1': { next: 'item-2' }, 'item-2': { type: 'task' } } });
    // The body step opens in the inspector; its Next offers only its own body's steps.
    const next = screen.getByLabelText('Next') as HTMLSelectElement;
    expect([...next.options].map((o) => o.value)).toEqual(['', 'item-1']);
    type('Shell command', 'echo {{ $item }}');
    expect(store.getState().flow!.steps.each).toMatchObject({ steps: { 'item-2': { shell: 'echo {{ $item }}' } } });
    fireEvent.click(screen.getByRole('button', { name: 'Open map each' }));
    expect(store.getState().selectedStep).toBe('each');
  });

  it('Add body step moves the steps below the map down a row (its frame grew over them)', () => {
    const laidOut: Flow = { ...flow, layout: { build: { x: 0, y: 0 }, approve: { x: 0, y: 120 }, each: { x: 0, y: 240 }, done: { x: 0, y: 420 } } };
    const { store, wrapper } = setup(laidOut);
    store.getState().selectStep('each');
    render(<Inspector />, { wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Add body step' }));
    const layout = store.getState().flow!.layout!;
    expect(layout.done!.y).toBe(420 + BODY_ROW);
    expect([layout.build, layout.approve, layout.each]).toEqual([{ x: 0, y: 0 }, { x: 0, y: 120 }, { x: 0, y: 240 }]);
  });

  it('Add body step on a map inside a map moves the steps below the outer map down (the outer frame grew too)', () => {
    const nested: Flow = {
      ...flow,
      steps: {
        ...flow.steps,
        each: { type: 'map', items: '$input.hosts', start: 'inner', next: 'done', steps: { inner: { type: 'map', items: '$item.disks', start: 'disk', steps: { disk: { type: 'task', shell: 'df' } } } } },
      },
      layout: { build: { x: 0, y: 0 }, approve: { x: 0, y: 120 }, each: { x: 0, y: 240 }, done: { x: 0, y: 600 } },
    };
    const { store, wrapper } = setup(nested);
    store.getState().selectStep('inner');
    render(<Inspector />, { wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Add body step' }));
    const after = store.getState().flow!;
    expect(after.steps.each).toMatchObject({ steps: { inner: { steps: { disk: { next: 'item-1' }, 'item-1': { type: 'task' } } } } });
    expect(after.layout!.done!.y).toBe(600 + BODY_ROW);
    expect(after.layout!.each).toEqual({ x: 0, y: 240 });
  });

  it('edits inputs as a form, vars, defaults and triggers of the flow', () => {
    const { store, wrapper } = setup(flow);
    render(<Inspector />, { wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Add input' }));
    const name = screen.getByLabelText('Input name');
    fireEvent.change(name, { target: { value: 'environment' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    type('environment allowed values', 'dev, production');
    type('environment default', 'dev');
    fireEvent.click(screen.getByLabelText('environment required'));
    fireEvent.click(screen.getByRole('button', { name: 'Add var' }));
    type('Var var1', '3');
    type('Default timeout', '10m');
    type('Default max attempts', '2');
    fireEvent.click(screen.getByRole('button', { name: 'Add cron trigger' }));
    type('Trigger 1 timezone', 'Asia/Shanghai');
    type('Trigger 1 input (JSON)', '{"environment": "dev"}');
    const f = store.getState().flow!;
    expect(f.inputs).toEqual({
      type: 'object',
      properties: { environment: { type: 'string', enum: ['dev', 'production'], default: 'dev' } },
      required: ['environment'],
    });
    expect(f.vars).toEqual({ var1: 3 });
    expect(f.defaults).toEqual({ timeout: '10m', retry: { maxAttempts: 2 } });
    expect(f.triggers).toEqual([{ cron: '0 23 * * *', timezone: 'Asia/Shanghai', input: { environment: 'dev' } }]);
    expect(Object.keys(f)).toEqual(['flowsmith', 'name', 'inputs', 'vars', 'triggers', 'defaults', 'start', 'steps']);
  });
});
