/**
 * HostApi answerCallback (issue #12 part 1): the designer answers a callback by its token; the
 * engine process drives the run on. Refusals cross as HostErrors with UNKNOWN_TOKEN / USED_TOKEN.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../runtime/record.js';
import { toHostError } from './rpc.js';
import { deployWorkspaceHost } from './test-helpers.js';

describe('HostApi answerCallback', () => {
  it('answers a waiting callback, then refuses the used token and an unknown one with their codes', async () => {
    const { root, api } = deployWorkspaceHost('fs-callback-api-');
    const path = join(root, 'ci.yaml');
    writeFileSync(path, [
      'flowsmith: "1.0"',
      'name: ci',
      'start: build',
      'steps:',
      '  build: {type: task, shell: "echo {{ $callback.token }} > token.txt", callback: {timeout: 1h}, next: done}',
      '  done: {type: task, shell: "echo {{ $steps.build.output.n }}"}',
      '',
    ].join('\n'));
    const { run } = await api.startRun({ path, mode: 'run' });
    const record = async () => (await api.getRun({ run })).record as RunRecord;
    await expect.poll(async () => (await record()).status, { timeout: 20_000 }).toBe('waiting');
    expect((await record()).waitingForCallback).toEqual([expect.objectContaining({ step: 'build', attempt: 1 })]);
    const token = readFileSync(join((await record()).workdir, 'token.txt'), 'utf8').trim();

    await api.answerCallback({ token, output: { n: 3 } });
    await expect.poll(async () => (await record()).status, { timeout: 20_000 }).toBe('succeeded');
    expect((await record()).steps.build?.output).toEqual({ n: 3 });

    const used = await api.answerCallback({ token, error: 'Late' }).catch((err: unknown) => toHostError(err));
    expect(used).toMatchObject({ name: 'CallbackTokenError', code: 'USED_TOKEN' });
    const unknown = await api.answerCallback({ token: `fscb_${'x'.repeat(43)}`, output: null }).catch((err: unknown) => toHostError(err));
    expect(unknown).toMatchObject({ code: 'UNKNOWN_TOKEN' });
  });
});
