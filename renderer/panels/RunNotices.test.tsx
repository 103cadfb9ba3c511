// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setup } from '../test-support';
import { RunNotices } from './RunNotices';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const notification = { kind: 'notification', title: 'Deployed', message: 'shop 1.2.3 is live', run: 'r1', step: 'tell' } as const;

describe('RunNotices', () => {
  it('shows a notify step as a banner when the browser has no notifications, until dismissed', () => {
    const { emit, wrapper } = setup();
    render(<RunNotices isElectron={false} />, { wrapper });
    act(() => emit(notification));
    const region = screen.getByRole('status', { name: 'Notifications' });
    expect(region.textContent).toContain('Deployed shop 1.2.3 is live');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss Deployed' }));
    expect(region.textContent).toBe('');
  });

  it('uses the browser notification once allowed, and offers to ask while it was not asked yet', async () => {
    const shown: [string, NotificationOptions | undefined][] = [];
    const api = Object.assign(
      function FakeNotification(title: string, options?: NotificationOptions) {
        shown.push([title, options]);
      },
      { permission: 'default' as NotificationPermission, requestPermission: vi.fn(async () => 'granted' as const) },
    );
    vi.stubGlobal('Notification', api);
    const { emit, wrapper } = setup();
    render(<RunNotices isElectron={false} />, { wrapper });

    act(() => emit(notification));
    expect(screen.getByRole('status').textContent).toContain('Deployed');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Show as desktop notifications' })));
    expect(api.requestPermission).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Show as desktop notifications' })).toBeNull();

    api.permission = 'granted';
    act(() => emit({ ...notification, title: 'Backup done', message: '3 kept' }));
    expect(shown).toEqual([['Backup done', { body: '3 kept' }]]);
    expect(screen.getByRole('status').textContent).not.toContain('Backup done');
  });

  it('leaves notifications to Electron main and ignores run events', () => {
    const { emit, wrapper } = setup();
    render(<RunNotices isElectron />, { wrapper });
    act(() => emit(notification));
    expect(screen.getByRole('status').textContent).toBe('');
    cleanup();
    render(<RunNotices isElectron={false} />, { wrapper });
    act(() => emit({ kind: 'stepLog', run: 'r1', step: 'a', attempt: 1, stream: 'stdout', text: 'hi' }));
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
