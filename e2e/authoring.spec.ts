/**
 * Authoring a flow with every step type through the palette and the inspector alone (issue #8
 * point 3), then checking the saved file with the CLI: `validate` passes and `run` goes until the
 * approval waits (exit 3).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { expect, test } from './fixtures';
import { AuthoringPage } from './pages/authoring';
import { CanvasPage } from './pages/canvas';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = process.env.FLOWSMITH_CLI ?? join(root, 'dist/engine/cli.js');

/** The file the designer opens: one shell step to start from. */
const seed = `flowsmith: "1.0"
name: authored
start: begin
steps:
  begin: {type: task, shell: echo begin}
layout:
  begin: {x: 0, y: 0}
`;

/** The subflow the call step runs, next to the authored file. */
const subflow = `flowsmith: "1.0"
name: sub
start: hello
steps:
  hello: {type: task, shell: echo from the subflow}
`;

test('authors a flow with every step type in the palette and inspector, and it validates and runs', async ({ webHost, designer, page }) => {
  test.setTimeout(180_000);
  // Given an almost empty flow open in the designer, with a subflow beside it
  const host = await webHost('web-app-deploy');
  writeFileSync(host.flowPath, seed);
  writeFileSync(join(host.dir, 'sub.yaml'), subflow);
  const origin = new URL(host.url).origin;
  await designer.open(host.url);
  const ui = new AuthoringPage(designer);

  // When I declare an input on the flow
  await ui.selectNothing();
  await ui.press('Add input');
  await ui.fill('Input name', 'mode');
  await ui.field('Input name').press('Enter');
  await ui.fill('mode allowed values', 'normal, fail');
  await ui.fill('mode default', 'normal');
  await ui.fill('Default timeout', '1m');

  // And append one step of each kind after the selected one, filling in the inspector
  await designer.select('begin');
  const http = await ui.add('http');
  await ui.fill('URL', `${origin}/`);
  await ui.fill('Max attempts', '2');
  await ui.fill('Retry delay', '1s');
  const script = await ui.add('script');
  await ui.fill('Script code', 'return { status: $steps["' + http + '"].output.status };');
  await ui.press('Add set');
  await ui.fill('Set var1', '$.status');
  const notify = await ui.add('notify');
  await ui.fill('Notification message', 'status {{ $vars.var1 }}');
  const call = await ui.add('call');
  await ui.fill('Flow file', 'sub.yaml');
  const map = await ui.add('map');
  await ui.fill('Items', '["a", "b"]');
  await ui.fill('Concurrency', '1');
  const wait = await ui.add('wait');
  await ui.fill('Duration', '500ms');
  // A parallel comes as a valid block: two branch tasks and its join
  const parallel = await ui.add('parallel');

  // The join came with the parallel; continue after it with a branch, an approval and an end
  await ui.find('join-1');
  await ui.choose('Join mode', 'all');
  const branch = await ui.add('branch');
  const approval = await ui.add('approval');
  await ui.fill('Approvers', 'ops-manager');
  await ui.fill('Timeout', '2h');
  const succeed = await ui.add('succeed');

  // And a fail step, placed freely, that a rejection and the "fail" mode lead to
  await ui.selectNothing();
  const fail = await ui.add('fail');
  await ui.fill('Error', 'Stopped');
  // The branch came with a case (to a placeholder task); point it at the fail step
  await ui.find(branch);
  await ui.fill('Case 1 condition', '$input.mode = "fail"');
  await ui.choose('Case 1 next', fail);
  await ui.find(approval);
  await ui.choose('On reject', fail);

  // Then the canvas has every step type
  for (const type of ['task', 'approval', 'branch', 'parallel', 'join', 'map', 'wait', 'succeed', 'fail']) {
    await expect(page.locator(`[data-step-type="${type}"]`).first()).toBeAttached();
  }
  await designer.fitView();
  await page.screenshot({ path: 'test-results/authoring-flow.png' });
  await designer.save();

  // And the saved file has them wired as appended
  const saved = parse(readFileSync(host.flowPath, 'utf8')) as { steps: Record<string, Record<string, unknown>>; inputs: unknown };
  expect(saved.inputs).toEqual({ type: 'object', properties: { mode: { type: 'string', enum: ['normal', 'fail'], default: 'normal' } } });
  expect(saved.steps.begin?.next).toBe(http);
  expect(saved.steps[http]).toMatchObject({ http: { url: `${origin}/` }, retry: { maxAttempts: 2, delay: '1s' }, next: script });
  expect(saved.steps[script]?.next).toBe(notify);
  expect(saved.steps[notify]?.next).toBe(call);
  expect(saved.steps[call]).toMatchObject({ call: 'sub.yaml', next: map });
  expect(saved.steps[map]).toMatchObject({ type: 'map', items: '["a", "b"]', concurrency: 1, next: wait });
  expect(saved.steps[wait]?.next).toBe(parallel);
  expect(saved.steps[parallel]).toMatchObject({ type: 'parallel', join: 'join-1' });
  expect((saved.steps[parallel]?.branches as string[]).length).toBe(2);
  expect(saved.steps['join-1']?.next).toBe(branch);
  expect(saved.steps[branch]).toMatchObject({ cases: [{ when: '$input.mode = "fail"', next: fail }], default: approval });
  expect(saved.steps[approval]).toMatchObject({ approvers: ['ops-manager'], timeout: '2h', next: succeed, onReject: fail });

  // And `flowsmith validate` passes and `flowsmith run` goes on until the approval waits
  const db = join(host.dir, 'cli.db');
  execFileSync(process.execPath, [cli, 'validate', host.flowPath, '--db', db], { stdio: 'pipe' });
  const run = spawnSync(process.execPath, [cli, 'run', host.flowPath, '--json', '--db', db], {
    encoding: 'utf8',
    cwd: host.dir,
    env: { ...process.env, FLOWSMITH_WORK_ROOT: join(host.dir, 'cli-runs') },
    timeout: 90_000,
  });
  expect([run.status, run.stderr]).toEqual([3, expect.any(String)]);
  const record = JSON.parse(run.stdout) as { status: string; path: string[]; waitingFor: { step: string }[] };
  expect(record.status).toBe('waiting');
  expect(record.waitingFor.map((w) => w.step)).toEqual([approval]);
  expect(record.path).toEqual(expect.arrayContaining(['begin', http, script, notify, call, map, wait, parallel, 'join-1', branch, approval]));
});

test('copies, pastes, duplicates and finds steps with the keyboard', async ({ webHost, designer, page }) => {
  // Given web-app-deploy open, with "build" selected
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);
  const ui = new AuthoringPage(designer);
  const count = await designer.nodes.count();
  await designer.select('build');

  // When I copy and paste it, then duplicate the pasted copy
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(ui.field('Step id')).toHaveValue('build-2');
  await page.keyboard.press('Control+d');
  await expect(ui.field('Step id')).toHaveValue('build-3');

  // Then both copies are on the canvas, unconnected, with the original's body
  await expect(designer.nodes).toHaveCount(count + 2);
  await expect(designer.node('build-2')).toHaveAttribute('data-step-type', 'task');
  await designer.save();
  const saved = parse(readFileSync(host.flowPath, 'utf8')) as { steps: Record<string, Record<string, unknown>> };
  const { next: _next, ...body } = saved.steps.build!;
  expect(saved.steps['build-2']).toEqual(body);
  expect(saved.steps['build-3']).toEqual(body);

  // And Ctrl+F finds a step by its title and selects it
  await ui.find('Approve production', 'approve');
});

/** Three steps in a row, then a map whose body's last step reads `$steps.patch`. */
const withBody = {
  flowsmith: '1.0',
  name: 'patching',
  start: 'prep',
  steps: {
    prep: { type: 'task', shell: 'echo prep', next: 'deploy' },
    deploy: { type: 'task', shell: 'echo deploy', next: 'hosts' },
    hosts: {
      type: 'map',
      items: '[1, 2]',
      start: 'drain',
      steps: {
        drain: { type: 'task', shell: 'echo drain', next: 'patch' },
        patch: { type: 'task', shell: 'echo patch', next: 'report' },
        report: { type: 'task', shell: 'echo {{ $steps.patch.output }}' },
      },
      next: 'done',
    },
    done: { type: 'succeed' },
  },
};

test('copies several selected steps as one, pastes them wired together, and renames a step inside a map body', async ({ webHost, designer, page }) => {
  // Given a flow with a map whose body has three steps
  const host = await webHost('web-app-deploy');
  writeFileSync(host.flowPath, stringify(withBody));
  await designer.open(host.url);
  await new CanvasPage(page).settled();
  await designer.fitView();
  const ui = new AuthoringPage(designer);

  // When I select "prep" and Shift+click "deploy", copy and paste
  await ui.selectSteps(['prep', 'deploy']);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');

  // Then both are pasted with fresh ids, the edge between them kept, and the pasted pair selected
  await expect(designer.node('prep-2')).toHaveClass(/is-selected/);
  await expect(designer.node('deploy-2')).toHaveClass(/is-selected/);
  await expect(designer.node('prep')).not.toHaveClass(/is-selected/);
  await expect(designer.edge('prep-2', 'deploy-2')).toBeAttached();

  // When I select "patch" inside the map's body and rename it in the inspector
  await designer.select('patch');
  await ui.rename('patch-hosts');

  // Then the body's edges follow the new id
  await expect(designer.node('patch-hosts')).toBeAttached();
  await expect(designer.node('patch')).toHaveCount(0);
  await expect(designer.edge('drain', 'patch-hosts')).toBeAttached();
  await expect(designer.edge('patch-hosts', 'report')).toBeAttached();

  // And the saved file has the pasted pair wired and the body renamed, $steps reference included
  await designer.save();
  const saved = parse(readFileSync(host.flowPath, 'utf8')) as typeof withBody & { steps: Record<string, Record<string, unknown>> };
  expect(saved.steps['prep-2']).toEqual({ type: 'task', shell: 'echo prep', next: 'deploy-2' });
  expect(saved.steps['deploy-2']).toEqual({ type: 'task', shell: 'echo deploy' });
  expect(saved.steps.hosts.start).toBe('drain');
  expect(saved.steps.hosts.steps).toEqual({
    drain: { type: 'task', shell: 'echo drain', next: 'patch-hosts' },
    'patch-hosts': { type: 'task', shell: 'echo patch', next: 'report' },
    report: { type: 'task', shell: 'echo {{ $steps.`patch-hosts`.output }}' },
  });
  // And it validates: no errors (the pasted pair is only unreachable), no unknown $steps reference
  const check = spawnSync(process.execPath, [cli, 'validate', host.flowPath], { encoding: 'utf8' });
  expect(check.stdout).toContain(' 0 error(s)');
  expect(check.stdout).not.toContain('patch');
});
