// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
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

  it('says a trigger is not scheduled yet when the engine has none for this file', async () => {
    const { wrapper } = setup(flow, { listTriggers: () => [] });
    render(<ScheduledTriggers />, { wrapper });
    expect(await screen.findByText(/Not scheduled yet/)).toBeTruthy();
  });
});
