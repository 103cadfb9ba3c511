/**
 * More of running in the designer (issue #9): Pause a run while a step executes (the step finishes,
 * nothing new starts), see the step's resolved input, Continue, then "Save as scenario" turns the
 * finished run into a scenario that the Scenarios tab runs and passes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { RunsPage } from './pages/runs';

const cli = process.env.FLOWSMITH_CLI ?? fileURLToPath(new URL('../dist/engine/cli.js', import.meta.url));

/** A flow whose `hold` step waits for the file `gate`, then `after` runs. */
function gatedFlow(gate: string, name: string): string {
  return [
    'flowsmith: "1.0"',
    `name: ${name}`,
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
  ].join('\n');
}

test('pause a running run, continue it, and save it as a scenario that passes', async ({ webHost, designer, page }) => {
  // Given a flow whose first step holds until a gate file exists (the test opens the gate, no sleeps)
  const host = await webHost('web-app-deploy');
  const gate = join(host.dir, 'gate');
  writeFileSync(host.flowPath, gatedFlow(gate, 'pause-me'));
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

test('a run the CLI drives appears in History and streams into the designer while it runs', async ({ webHost, designer, page }) => {
  // Given the designer open, and the CLI running the gated flow on the same store (it holds at `hold`)
  const host = await webHost('web-app-deploy');
  const gate = join(host.dir, 'gate');
  writeFileSync(host.flowPath, gatedFlow(gate, 'cli-driven'));
  mkdirSync(join(host.dir, 'runs'), { recursive: true });
  const runs = new RunsPage(page);
  await designer.open(host.url);
  await runs.tab('History');
  const child = spawn(process.execPath, [cli, '--db', join(host.dir, 'flowsmith.db'), 'run', host.flowPath, '--input', '{"who":"cli"}', '--json'], {
    env: { ...process.env, FLOWSMITH_WORK_ROOT: join(host.dir, 'runs') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // Whatever happens below, the CLI's step is let go and the process ends with the test.
  page.on('close', () => {
    writeFileSync(gate, 'open');
    if (child.exitCode === null) child.kill();
  });

  // Then it shows up in History while it runs, started by the OS user from the CLI
  const row = runs.region('Run history').locator('[data-run-status="running"]').first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row.locator('[data-started-by="user"]')).toContainText('(CLI)');
  const id = (await row.getAttribute('data-run-id'))!;
  await runs.openFromHistory(id);
  await expect(designer.node('hold')).toHaveAttribute('data-status', 'running');

  // When the CLI's step is let go, the designer follows the run to its end without driving it
  writeFileSync(gate, 'open');
  await expect(runs.run).toHaveAttribute('data-run-status', 'succeeded', { timeout: 30_000 });
  await expect(designer.node('after')).toHaveAttribute('data-status', 'succeeded');
  expect(await exited).toBe(0);
  expect(JSON.parse(out)).toMatchObject({ id, status: 'succeeded' });
  await runs.tab('History');
  await expect(runs.historyRow(id)).toHaveAttribute('data-run-status', 'succeeded', { timeout: 15_000 });
});

test('History lists the child runs of a map on request, each named by its parent, as `runs --all` does', async ({ webHost, designer, page }) => {
  // Given a map flow the CLI ran to its end on the designer's store
  const host = await webHost('web-app-deploy');
  writeFileSync(
    host.flowPath,
    ['flowsmith: "1.0"', 'name: fan-out', 'start: each', 'steps:', '  each: {type: map, items: "[1, 2]", start: echo, steps: {echo: {type: task, shell: "echo {{ $item }}"}}}', ''].join('\n'),
  );
  mkdirSync(join(host.dir, 'runs'), { recursive: true });
  const ran = spawnSync(process.execPath, [cli, '--db', join(host.dir, 'flowsmith.db'), 'run', host.flowPath, '--json'], {
    env: { ...process.env, FLOWSMITH_WORK_ROOT: join(host.dir, 'runs') },
    encoding: 'utf8',
  });
  expect(ran.status).toBe(0);
  const parent = (JSON.parse(ran.stdout) as { id: string }).id;
  const runs = new RunsPage(page);
  await designer.open(host.url);

  // Then History shows the run alone, and "Child runs" adds its two items, started by it
  await runs.tab('History');
  const history = runs.region('Run history');
  await expect(runs.historyRow(parent)).toBeVisible({ timeout: 15_000 });
  await expect(history.locator('[data-started-by="parent"]')).toHaveCount(0);
  await history.getByRole('checkbox', { name: 'Child runs' }).check();
  await expect(history.locator('td[data-started-by="parent"]')).toHaveCount(2, { timeout: 15_000 });
  await expect(history.locator('td[data-started-by="parent"]').first()).toContainText(parent);
  await page.screenshot({ path: 'test-results/history-children.png' });
});

test('skip a running step, extend an approval and reject it: the run takes its onReject path', async ({ webHost, designer, page }) => {
  // Given a flow whose first step runs for a long time, then asks ops with a 1 h deadline
  const host = await webHost('web-app-deploy');
  writeFileSync(
    host.flowPath,
    [
      'flowsmith: "1.0"',
      'name: skip-and-reject',
      'start: hold',
      'steps:',
      '  hold: {type: task, shell: "sleep 60", next: ask}',
      '  ask: {type: approval, approvers: [ops], timeout: 1h, message: "Go on?", next: done, onReject: stopped}',
      '  done: {type: succeed}',
      '  stopped: {type: fail, error: Rejected, message: "ops said no"}',
      '',
    ].join('\n'),
  );
  const runs = new RunsPage(page);
  await designer.open(host.url);
  await designer.run({});
  await expect(designer.node('hold')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });

  // When I skip the running step, the run goes on to the approval without waiting for it
  await designer.select('hold');
  await runs.button('Skip step').click();
  await expect(designer.node('hold')).toHaveAttribute('data-status', 'skipped', { timeout: 30_000 });
  await expect(designer.node('ask')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });

  // And when I extend the approval by 2 h, its deadline moves
  const box = runs.run.getByRole('group', { name: 'Approval ask' });
  const before = await box.textContent();
  await box.getByLabel('Approve as').fill('ops');
  await box.getByLabel('Extend by').fill('2h');
  await box.getByRole('button', { name: 'Extend', exact: true }).click();
  await expect.poll(() => box.textContent(), { timeout: 15_000 }).not.toBe(before);

  // And when I reject it, the run takes onReject and fails with the fail step's error
  await box.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(runs.run).toHaveAttribute('data-run-status', 'failed', { timeout: 30_000 });
  await expect(designer.node('done')).toHaveAttribute('data-status', 'pending');
  await expect(designer.node('stopped')).not.toHaveAttribute('data-status', 'pending');
  await runs.screenshot('skip-extend-reject');
});

test('answers a task waiting for its callback from the Run tab with the token it sent', async ({ webHost, designer, page }) => {
  // Given a task that "sends" its callback token (writes it to a file) and waits for the answer
  const host = await webHost('web-app-deploy');
  const tokenFile = join(host.dir, 'token.txt');
  writeFileSync(
    host.flowPath,
    [
      'flowsmith: "1.0"',
      'name: ticket',
      'start: open',
      'steps:',
      `  open: {type: task, shell: 'printf %s "$FLOWSMITH_CALLBACK_TOKEN" > ${tokenFile}', callback: {timeout: 1h}, next: done}`,
      '  done: {type: succeed}',
      '',
    ].join('\n'),
  );
  const runs = new RunsPage(page);
  await designer.open(host.url);
  await designer.run({});
  await expect(designer.node('open')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });

  // When I paste the token and answer with an output
  const box = runs.run.getByRole('group', { name: 'Callback open' });
  await box.getByLabel('Callback token').fill(readFileSync(tokenFile, 'utf8'));
  await box.getByLabel('Callback output (JSON)').fill('{"ticket": 42}');
  await box.getByRole('button', { name: 'Answer callback' }).click();

  // Then the step succeeds with that output and the run ends
  await expect(runs.run).toHaveAttribute('data-run-status', 'succeeded', { timeout: 30_000 });
  await designer.select('open');
  await expect(runs.region('Step details')).toContainText('42');
});
