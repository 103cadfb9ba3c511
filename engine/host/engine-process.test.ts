/**
 * The engine process for real (dist/engine/engine-process.js, forked as the web host forks it):
 * a notify step's desktop notification reaches the client as a HostEvent, and the workspace's cron
 * triggers are listed and fire runs that record their trigger.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostEvent, TriggerInfo } from './api.js';
import { startEngine } from './engine-client.js';
import type { EngineClient } from './engine-client.js';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let engine: EngineClient;
const events: HostEvent[] = [];

function flowFile(name: string, lines: string[]): string {
  const path = join(dir, 'flows', `${name}.yaml`);
  writeFileSync(path, ['flowsmith: "1.0"', `name: ${name}`, ...lines, ''].join('\n'));
  return path;
}

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/engine/engine-process.js'))) await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'fs-engine-'));
  mkdirSync(join(dir, 'flows'));
  flowFile('announce', ['start: tell', 'steps:', '  tell: {type: task, notify: {title: Deployed, message: "shop is live", desktop: true}}']);
  flowFile('tick', ['triggers:', '  - {cron: "* * * * * *", timezone: Europe/Berlin}', 'start: done', 'steps:', '  done: {type: succeed}']);
  engine = startEngine(['--db', join(dir, 'store.db'), '--root', join(dir, 'flows')]);
  engine.onEvent((e) => events.push(e));
}, 30_000);
afterAll(() => engine.close());

describe('engine process', () => {
  it('pushes a notify step’s desktop notification as a HostEvent, and the step records it as shown', async () => {
    const { run } = (await engine.call('startRun', { path: join(dir, 'flows', 'announce.yaml'), mode: 'run' })) as { run: string };
    await expect.poll(() => events.find((e) => e.kind === 'notification'), { timeout: 20_000 }).toMatchObject({
      kind: 'notification', title: 'Deployed', message: 'shop is live',
    });
    await expect.poll(() => events.some((e) => e.kind === 'runEvent' && e.run === run && e.event.type === 'RunSucceeded'), { timeout: 20_000 }).toBe(true);
    const succeeded = events.find((e) => e.kind === 'runEvent' && e.run === run && e.event.type === 'StepSucceeded');
    expect(succeeded).toMatchObject({ event: { step: 'tell', output: { delivered: ['desktop'] } } });
  });

  it('lists the workspace’s triggers and fires them, each run recording its trigger', async () => {
    const triggers = (await engine.call('listTriggers', {})) as TriggerInfo[];
    expect(triggers).toEqual([
      { flow: 'tick', path: join(dir, 'flows', 'tick.yaml'), cron: '* * * * * *', timezone: 'Europe/Berlin', nextRunAt: expect.stringMatching(/Z$/) },
    ]);
    await expect
      .poll(() => events.find((e) => e.kind === 'runEvent' && e.event.type === 'RunStarted' && e.event.flow === 'tick'), { timeout: 20_000 })
      .toMatchObject({ event: { trigger: { cron: '* * * * * *', timezone: 'Europe/Berlin', firedAt: expect.stringMatching(/Z$/) } } });
  });
});
