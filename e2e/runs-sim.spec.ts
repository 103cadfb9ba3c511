/**
 * Simulations in the designer (issue #9 point 7): virtual time holds at a simulated approval so a
 * person answers it before its deadline; "Next timer" moves virtual time on to the deadline.
 */
import { writeFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { RunsPage } from './pages/runs';

/** Waits an hour, then asks ops to approve within 2 h. */
const gateFlow = [
  'flowsmith: "1.0"',
  'name: gate',
  'start: settle',
  'steps:',
  '  settle: {type: wait, duration: 1h, next: check}',
  '  check: {type: approval, approvers: [ops], timeout: 2h, message: "Go ahead?", next: done}',
  '  done: {type: succeed}',
  '',
].join('\n');

test('a simulated approval answered at virtual time, and one left to its deadline with Next timer', async ({ webHost, designer, page }) => {
  // Given the gate flow open in the designer
  const host = await webHost('web-app-deploy');
  writeFileSync(host.flowPath, gateFlow);
  const runs = new RunsPage(page);
  await designer.open(host.url);

  // When I simulate it, the hour's wait passes at once and virtual time holds at the approval
  await designer.run({}, 'Simulate');
  await expect(designer.node('check')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  await expect(runs.run).toHaveAttribute('data-run-mode', 'simulate');
  await expect(runs.virtualClock).toHaveAttribute('data-held', 'true');
  await expect(runs.virtualClock).toContainText('next timer');
  await runs.screenshot('simulation-held-at-approval');

  // Then I approve it from the designer before its deadline, and the run goes on
  await runs.approve(runs.run.getByRole('group', { name: 'Approval check' }), 'ops');
  await expect(runs.run).toHaveAttribute('data-run-status', 'succeeded', { timeout: 30_000 });
  await expect(designer.node('check')).toHaveAttribute('data-status', 'succeeded');

  // When I simulate again and move virtual time to the next timer (the deadline), the approval times out
  await designer.run({}, 'Simulate');
  await expect(designer.node('check')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  await runs.setClockSpeed('60× real time');
  await expect(runs.clockSpeed).toHaveValue('speed:60');
  await runs.setClockSpeed('Jump to each timer, hold at approvals');
  await runs.button('Next timer').click();
  await expect(runs.run).toHaveAttribute('data-run-status', 'failed', { timeout: 30_000 });
  await expect(runs.run).toContainText('Timeout');
  await runs.screenshot('simulation-next-timer-timeout');
});
