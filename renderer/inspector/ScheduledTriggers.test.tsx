// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { Inspector } from './Inspector';
import { ScheduledTriggers } from './ScheduledTriggers';

afterEach(cleanup);

const flow: Flow = { flowsmith: '1.0', name: 'nightly', start: 'a', triggers: [{ cron: '0 23 * * *' }], steps: { a: { type: 'succeed' } } };

describe('ScheduledTriggers', () => {
  it("shows the open file's scheduled triggers with their next run, and says so when none is scheduled", async () => {
    const { wrapper } = setup(flow, {
      listTriggers: () => [
        { flow: 'nightly', path: '/w/flow.yaml', cron: '0 23 * * *', timezone: null, nextRunAt: '2026-12-05T23:00:00.000Z' },
        { flow: 'other', path: '/w/other.yaml', cron: '*/5 * * * *', timezone: null, nextRunAt: null },
      ],
    });
    render(<ScheduledTriggers />, { wrapper });
    expect(await screen.findByText(/Scheduled: 0 23 \* \* \*, next run/)).toBeTruthy();
    expect(screen.queryByText(/\*\/5/)).toBeNull();
  });

  it('says when flowsmith serve fires the triggers instead of the designer', async () => {
    const { wrapper } = setup(flow, {
      listTriggers: () => [{ flow: 'nightly', path: '/w/flow.yaml', cron: '0 23 * * *', timezone: null, nextRunAt: null, isFiredByServe: true }],
    });
    render(<ScheduledTriggers />, { wrapper });
    expect(await screen.findByText(/flowsmith serve is running on this workspace/)).toBeTruthy();
  });

  it('says a trigger is not scheduled yet when the engine has none for this file', async () => {
    const { wrapper } = setup(flow, { listTriggers: () => [] });
    render(<ScheduledTriggers />, { wrapper });
    expect(await screen.findByText(/Not scheduled yet/)).toBeTruthy();
  });
});

describe('webhook triggers and concurrency in the inspector', () => {
  const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

  it('adds a webhook trigger, edits its name, secret variable and concurrency, and shows the URL serve answers', () => {
    const { store, wrapper } = setup(flow, { listTriggers: () => [] });
    render(<Inspector />, { wrapper });
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook trigger' }));
    type('Trigger 2 webhook name', 'deploy');
    type('Trigger 2 secret variable', 'DEPLOY_HOOK_SECRET');
    fireEvent.change(screen.getByLabelText('Trigger 2 while a run of it is unfinished'), { target: { value: 'forbid' } });
    fireEvent.change(screen.getByLabelText('Trigger 1 while a run of it is unfinished'), { target: { value: 'queue' } });
    expect(store.getState().flow!.triggers).toEqual([
      { cron: '0 23 * * *', concurrency: 'queue' },
      { webhook: { name: 'deploy', secretEnv: 'DEPLOY_HOOK_SECRET' }, concurrency: 'forbid' },
    ]);
    expect(screen.getByText(/POST \/hooks\/flow\/deploy with Authorization: Bearer \$DEPLOY_HOOK_SECRET/)).toBeTruthy();
    expect(screen.queryByLabelText('Trigger 2 timezone')).toBeNull();
    fireEvent.change(screen.getByLabelText('Trigger 2 while a run of it is unfinished'), { target: { value: '' } });
    expect(store.getState().flow!.triggers?.[1]).toEqual({ webhook: { name: 'deploy', secretEnv: 'DEPLOY_HOOK_SECRET' } });
  });
});
