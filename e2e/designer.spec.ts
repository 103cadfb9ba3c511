/**
 * The designer through the web host, in Chromium (issue #2). Each test opens its own copy of a
 * template, so saving and running never touch resources/.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, templatePath, test } from './fixtures';

/** Comment lines of a YAML text that sit inside `steps:` (the ones a naive re-serialisation drops). */
function stepComments(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('steps:'));
  return lines.slice(start).filter((l) => /^\s+#/.test(l)).map((l) => l.trim());
}

test('edits a template and keeps the edit and its comments after reopening', async ({ webHost, designer, page }) => {
  // Given web-app-deploy, copied to a temporary folder and opened in the designer
  const host = await webHost('web-app-deploy');
  const template = readFileSync(templatePath('web-app-deploy'), 'utf8');
  const steps = Object.keys((parse(template) as { steps: Record<string, unknown> }).steps);
  await designer.open(host.url);
  await expect(designer.nodes).toHaveCount(steps.length);

  // When I add a task, draw an edge from "verify" to it, send it on to "done" and save
  const added = await designer.addStep('task');
  expect(added).toBe('task-1');
  await designer.fitView();
  await designer.connect('verify', added);
  await expect(designer.edge('verify', added)).toBeVisible();
  await designer.select(added);
  await designer.setNext('done');
  await expect(designer.edge(added, 'done')).toBeVisible();
  await designer.save();

  // Then after reopening, the step and both connections are there
  await page.reload();
  await expect(designer.nodes).toHaveCount(steps.length + 1);
  await expect(designer.node(added)).toHaveAttribute('data-step-type', 'task');
  await expect(designer.edge('verify', added)).toBeAttached();
  await expect(designer.edge(added, 'done')).toBeAttached();

  // And the file on disk has the edit and still has the template's comments
  const saved = readFileSync(host.flowPath, 'utf8');
  const flow = parse(saved) as { steps: Record<string, { next?: string; shell?: unknown }> };
  expect(flow.steps.verify?.next).toBe(added);
  expect(flow.steps[added]).toMatchObject({ next: 'done', shell: 'echo hello' });
  const comments = stepComments(template);
  expect(comments.length).toBeGreaterThan(0);
  expect(saved).toContain(comments[0]);
  expect(saved).toContain(template.split('\n')[0]);
});

test('runs web-app-deploy to production and approves it', async ({ webHost, designer, page }) => {
  // Given web-app-deploy open in the designer
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);

  // When I run it for production, the deploy waits for approval
  await designer.run({ environment: 'production', version: '1.0.0' });
  await expect(designer.node('approve')).toHaveAttribute('data-status', 'waiting', { timeout: 45_000 });
  await expect(designer.runPanel).toHaveAttribute('data-run-status', 'waiting');

  // And when I approve it as the template's approver (the identity defaults to the OS user), the run succeeds
  await page.getByLabel('Approve as').fill('ops-manager');
  await designer.button('Approve').click();
  await expect(designer.runPanel).toHaveAttribute('data-run-status', 'succeeded', { timeout: 45_000 });

  // Then every step on the path taken is green on the canvas
  const path = await designer.runPath();
  expect(path).toEqual(expect.arrayContaining(['build', 'approve', 'deploy', 'verify', 'done']));
  expect(path).not.toContain('rejected');
  for (const id of path) await expect(designer.node(id)).toHaveAttribute('data-status', 'succeeded');
  await designer.fitView();
  await page.screenshot({ path: 'test-results/designer-run.png', fullPage: true });
});

test('simulates a production deploy where nobody approves in time', async ({ webHost, designer }) => {
  // Given web-app-deploy open in the designer
  const host = await webHost('web-app-deploy');
  await designer.open(host.url);

  // When I simulate a production deploy and nobody answers the approval
  await designer.run({ environment: 'production', version: '1.0.0' }, 'Simulate');
  // (virtual time holds while the approval waits, issue #9 point 7: Next timer moves it to the deadline)
  await expect(designer.node('approve')).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
  await designer.button('Next timer').click();

  // Then its 2 h deadline passes in virtual time and the run ends at the rejected step
  await expect(designer.runPanel).toHaveAttribute('data-run-status', 'failed', { timeout: 30_000 });
  await expect(designer.node('approve')).toHaveAttribute('data-status', 'failed');
  await expect(designer.node('rejected')).toHaveAttribute('data-status', 'failed');
  await expect(designer.node('build')).toHaveAttribute('data-status', 'succeeded');
});
