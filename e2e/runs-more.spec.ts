/**
 * More of running in the designer (issue #9): Pause a run while a step executes (the step finishes,
 * nothing new starts), see the step's resolved input, Continue, then "Save as scenario" turns the
 * finished run into a scenario that the Scenarios tab runs and passes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { RunsPage } from './pages/runs';

test('pause a running run, continue it, and save it as a scenario that passes', async ({ webHost, designer, page }) => {
  // Given a flow whose first step holds until a gate file exists (the test opens the gate, no sleeps)
  const host = await webHost('web-app-deploy');
  const gate = join(host.dir, 'gate');
  writeFileSync(
    host.flowPath,
    [
      'flowsmith: "1.0"',
      'name: pause-me',
      'start: hold',
      'steps:',
      '  hold:',
      '    type: task',
      `    shell: "while [ ! -f '${gate}' ]; do sleep 0.05; done; echo released for {{ $input.who }}"`,
      '    next: after',
      '  after:',
      '    type: task',
      '    shell: "echo after"',
      '',
    ].join('\n'),
  );
  const runs = new RunsPage(page);
  await designer.open(host.url);

  // When I run it and press Pause while hold executes
  await designer.run({ who: 'ops' });
  await expect(designer.node('hold')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await runs.button('Pause').click();
  await expect(runs.run).toHaveAttribute('data-run-status', 'paused', { timeout: 15_000 });

  // Then hold finishes once its gate opens, and nothing new starts
  writeFileSync(gate, 'open');
  await expect(designer.node('hold')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(runs.run).toHaveAttribute('data-run-status', 'paused');
  await expect(designer.node('after')).toHaveAttribute('data-status', 'pending');
  // And its details show the command it was given, with the input's value in place
  await designer.select('hold');
  await expect(runs.region('Step details').getByLabel('Input of attempt 1')).toContainText('echo released for \\"ops\\"');
  await runs.screenshot('paused-by-user');

  // When I Continue, the run ends
  await runs.button('Continue').click();
  await expect(runs.run).toHaveAttribute('data-run-status', 'succeeded', { timeout: 30_000 });

  // And Save as scenario writes it into the flow's scenarios, which then run and pass
  await runs.saveAsScenario('released for ops');
  await runs.tab('Scenarios');
  await runs.region('Scenarios').getByRole('button', { name: 'Run scenarios' }).click();
  const saved = runs.region('Scenarios').locator('[data-scenario="released for ops"]');
  await expect(saved).toHaveAttribute('data-passed', 'true', { timeout: 30_000 });
  await runs.screenshot('saved-scenario-passes');
});
