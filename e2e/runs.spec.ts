/**
 * Running, debugging and looking back in the designer (issue #9), through the web host: a
 * breakpoint pauses a run, a variable is edited and the run stepped and continued; a run started
 * by the CLI on the web host's store shows in History, is continued from the designer and approved
 * from the Approvals inbox; time travel goes to the start (Home) and back to now (End).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, templatePath, test } from './fixtures';
import { RunsPage } from './pages/runs';

const cli = process.env.FLOWSMITH_CLI ?? fileURLToPath(new URL('../dist/engine/cli.js', import.meta.url));

/** A small flow whose `greet` step echoes the `greeting` variable, then waits for an approval. */
const debugFlow = [
  'flowsmith: "1.0"',
  'name: debug-me',
  'vars:',
  '  greeting: hello',
  'start: prepare',
  'steps:',
  '  prepare:',
  '    type: task',
  '    shell: "echo preparing"',
  '    next: greet',
  '  greet:',
  '    type: task',
  '    shell: "word={{ $vars.greeting }}; echo said $word"',
  '    next: check',
  '  check:',
  '    type: approval',
  '    approvers: [ops]',
  '    message: "Ship the greeting?"',
  '    next: done',
  '  done:',
  '    type: succeed',
  '',
].join('\n');

/** Runs the CLI against the web host's store; returns the run id (the CLI exits 3 when the run stops for a person). */
function cliRun(dir: string, args: string[]): string {
  let out: string;
  try {
    out = execFileSync(process.execPath, [cli, '--db', join(dir, 'flowsmith.db'), ...args, '--json'], {
      env: { ...process.env, FLOWSMITH_WORK_ROOT: join(dir, 'runs') },
      encoding: 'utf8',
    });
  } catch (err) {
    const e = err as { status: number; stdout: string };
    expect(e.status).toBe(3);
    out = e.stdout;
  }
  return (JSON.parse(out) as { id: string }).id;
}

test('breakpoint, pause, edit a variable, step and continue', async ({ webHost, designer, page }) => {
  // Given the debug flow open in the designer, with a breakpoint on greet (F9 on the selected step)
  const host = await webHost('web-app-deploy');
  writeFileSync(host.flowPath, debugFlow);
  const runs = new RunsPage(page);
  await designer.open(host.url);
  await designer.select('greet');
  await page.keyboard.press('F9');
  await expect(designer.node('greet')).toHaveAttribute('data-breakpoint', 'true');

  // When I run it, it pauses before greet
  await designer.run({});
  await expect(runs.run).toHaveAttribute('data-run-status', 'paused', { timeout: 30_000 });
  await expect(designer.node('prepare')).toHaveAttribute('data-status', 'succeeded');
  await expect(designer.node('greet')).toHaveAttribute('data-status', 'pending');

  // And I change the greeting at the pause (Enter applies)
  await expect(runs.variable('greeting')).toHaveValue('"hello"');
  await runs.setVariable('greeting', 'bonjour');
  // The edit is journaled (VarsEdited) and comes back: the step's view of the variables has it
  await expect(runs.region('Step details').getByLabel('Step input')).toContainText('"bonjour"');
  await page.screenshot({ path: 'test-results/paused-run.png' });

  // When I Step, greet runs with the new value and the run pauses again before the next step
  await runs.button('Step').click();
  await expect(designer.node('greet')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(runs.run).toHaveAttribute('data-run-status', 'paused');
  await designer.select('greet');
  await expect(runs.region('Step details').getByLabel('Logs of attempt 1')).toContainText('said bonjour');
  // The attempt's resolved command is journaled with its value in place (StepInput)
  await expect(runs.region('Step details').getByLabel('Input of attempt 1')).toContainText('echo said $word');
  await expect(runs.region('Step details').getByLabel('Input of attempt 1')).toContainText('bonjour');

  // When I Continue, the run goes on to the approval, and approving ends it
  await runs.button('Continue').click();
  await expect(designer.node('check')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  await runs.approve(runs.run.getByRole('group', { name: 'Approval check' }), 'ops');
  await expect(runs.run).toHaveAttribute('data-run-status', 'succeeded', { timeout: 30_000 });
});

test('a run started by the CLI is continued from History, approved from the inbox and travelled in time', async ({ webHost, designer, page }) => {
  // Given the designer on the debug flow, and a run of it started by the CLI on the same store, paused before greet
  const host = await webHost('web-app-deploy');
  writeFileSync(host.flowPath, debugFlow);
  mkdirSync(join(host.dir, 'runs'), { recursive: true });
  const runs = new RunsPage(page);
  await designer.open(host.url);
  const run = cliRun(host.dir, ['run', host.flowPath, '--break', 'greet']);

  // Then it appears in History as paused, and opening it shows it on the canvas
  await runs.tab('History');
  await expect(runs.historyRow(run)).toHaveAttribute('data-run-status', 'paused', { timeout: 15_000 });
  // Started by the OS user from the CLI (startedBy)
  await expect(runs.historyRow(run).locator('[data-started-by="user"]')).toContainText('(CLI)');
  await page.screenshot({ path: 'test-results/history.png' });
  await runs.openFromHistory(run);
  await expect(runs.run).toHaveAttribute('data-run-status', 'paused');
  await expect(designer.node('prepare')).toHaveAttribute('data-status', 'succeeded');

  // When I continue it from the designer, it waits for the approval
  await runs.button('Continue').click();
  await expect(designer.node('check')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });

  // And I approve it from the Approvals inbox
  await runs.tab('Approvals');
  const approval = runs.inboxApproval(run, 'check');
  await expect(approval).toContainText('Ship the greeting?');
  await expect(approval).toContainText('may answer: ops');
  await page.screenshot({ path: 'test-results/approvals.png' });
  await runs.approve(approval, 'ops');
  await expect(approval).toHaveCount(0, { timeout: 15_000 });
  await runs.tab('History');
  await expect(runs.historyRow(run)).toHaveAttribute('data-run-status', 'succeeded', { timeout: 15_000 });

  // Then time travel: Home shows the start (nothing ran yet), End shows now
  await runs.tab('Run');
  await expect(runs.run).toHaveAttribute('data-run-status', 'succeeded');
  await runs.timeTravel.focus();
  await page.keyboard.press('Home');
  await expect(designer.node('prepare')).toHaveAttribute('data-status', 'pending');
  await expect(runs.run).toHaveAttribute('data-run-status', 'running');
  // One event on (StepStarted prepare): prepare runs at the cursor
  await page.keyboard.press('ArrowRight');
  await expect(designer.node('prepare')).toHaveAttribute('data-status', 'running');
  await page.getByRole('button', { name: 'Back one event' }).click();
  await expect(designer.node('prepare')).toHaveAttribute('data-status', 'pending');
  await page.getByRole('button', { name: 'Forward one event' }).click();
  await expect(designer.node('prepare')).toHaveAttribute('data-status', 'running');
  await page.screenshot({ path: 'test-results/time-travel.png' });
  await runs.timeTravel.focus();
  await page.keyboard.press('End');
  await expect(designer.node('done')).toHaveAttribute('data-status', 'succeeded');
  await expect(runs.run).toHaveAttribute('data-run-status', 'succeeded');
});

test('retry a failed step after fixing its cause, cancel with rollback, run from here', async ({ webHost, designer, page }) => {
  // Given a flow whose `flaky` step fails until a file exists, after a `setup` step with a compensation
  const host = await webHost('web-app-deploy');
  const fixed = join(host.dir, 'fixed');
  writeFileSync(
    host.flowPath,
    [
      'flowsmith: "1.0"',
      'name: fix-me',
      'start: setup',
      'steps:',
      '  setup:',
      '    type: task',
      '    shell: "echo setting up"',
      '    compensate: {shell: "echo undoing setup"}',
      '    next: flaky',
      '  flaky:',
      '    type: task',
      `    shell: "test -f '${fixed}' && echo fixed"`,
      '    next: check',
      '  check:',
      '    type: approval',
      '    approvers: [ops]',
      '    next: done',
      '  done:',
      '    type: succeed',
      '',
    ].join('\n'),
  );
  const runs = new RunsPage(page);
  await designer.open(host.url);

  // When it runs, flaky fails and the run fails
  await designer.run({});
  await expect(runs.run).toHaveAttribute('data-run-status', 'failed', { timeout: 30_000 });
  await expect(designer.node('flaky')).toHaveAttribute('data-status', 'failed');

  // And after I fix the cause, Retry step reopens the run from flaky, which now succeeds
  writeFileSync(fixed, 'yes');
  await designer.select('flaky');
  await runs.button('Retry step').click();
  await expect(designer.node('check')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  await expect(designer.node('flaky')).toHaveAttribute('data-status', 'succeeded');
  // The path shows the failed attempt as failed, then the retry
  await expect(page.locator('[data-path-step="flaky"]').first()).toHaveAttribute('data-status', 'failed');
  await expect(page.locator('[data-path-step="flaky"]').last()).toHaveAttribute('data-status', 'succeeded');

  // When I cancel the run, completed steps are rolled back
  await runs.button('Cancel run').click();
  await expect(runs.run).toHaveAttribute('data-run-status', 'cancelled', { timeout: 30_000 });
  await expect(designer.node('setup')).toHaveAttribute('data-status', 'compensated');
  await expect(runs.run).toContainText('Rolled back');
  await page.screenshot({ path: 'test-results/rollback.png' });

  // And Run from here on flaky starts a new run at flaky, with setup's earlier outcome
  const first = await runs.run.getAttribute('data-run-id');
  await designer.select('flaky');
  await runs.button('Run from here').click();
  await expect(runs.run).not.toHaveAttribute('data-run-id', first ?? '');
  await expect(designer.node('check')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  expect(await designer.runPath()).toEqual(['flaky', 'check']);
});

test('runs the flow scenarios with one failing on purpose, then shows analytics of past runs', async ({ webHost, designer, page }) => {
  // Given web-app-deploy with its shipped scenarios plus one whose expectation is wrong on purpose
  const host = await webHost('web-app-deploy');
  const shipped = readFileSync(templatePath('web-app-deploy').replace(/\.yaml$/, '.scenarios.yaml'), 'utf8');
  const wrong = ['', '  - name: dev deploy skips the build (wrong on purpose)', '    input: {version: 1.4.2}', '    expect:', '      status: failed', ''].join('\n');
  writeFileSync(host.flowPath.replace(/\.yaml$/, '.scenarios.yaml'), shipped.trimEnd() + '\n' + wrong);
  const runs = new RunsPage(page);
  await designer.open(host.url);

  // When I run the scenarios
  await runs.tab('Scenarios');
  await runs.region('Scenarios').getByRole('button', { name: 'Run scenarios' }).click();

  // Then every shipped one passes and the wrong one fails with its diff
  const failed = runs.region('Scenarios').locator('[data-passed="false"]');
  await expect(failed).toHaveCount(1, { timeout: 30_000 });
  await expect(failed).toHaveAttribute('data-scenario', 'dev deploy skips the build (wrong on purpose)');
  await expect(failed).toContainText('status');
  const passed = await runs.region('Scenarios').locator('[data-passed="true"]').count();
  expect(passed).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: 'test-results/scenarios.png' });

  // When I fix the wrong expectation and run that one scenario again, it passes on its own
  writeFileSync(host.flowPath.replace(/\.yaml$/, '.scenarios.yaml'), shipped.trimEnd() + '\n' + wrong.replace('status: failed', 'status: succeeded'));
  await runs.region('Scenarios').getByRole('button', { name: 'Run scenario dev deploy skips the build (wrong on purpose)' }).click();
  await expect(failed).toHaveCount(0, { timeout: 30_000 });
  await expect(runs.region('Scenarios').locator('[data-passed="true"]')).toHaveCount(passed + 1);

  // When a few runs are made (two dev deploys, marked as runs), Analytics shows their figures
  for (let i = 0; i < 2; i++) {
    cliRun(host.dir, ['run', host.flowPath, '--input', JSON.stringify({ environment: 'dev', version: `1.0.${i}` })]);
  }
  await runs.tab('Analytics');
  const analytics = runs.region('Analytics');
  await expect(analytics.locator('[data-runs="2"]')).toContainText('success rate 100%', { timeout: 15_000 });
  await expect(analytics.getByRole('figure', { name: 'Step durations' }).locator('[data-step="build"]')).toBeVisible();
  await expect(analytics.getByRole('figure', { name: 'Runs over time' }).locator('svg').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/analytics.png' });
});
