/**
 * A callback task's token is a secret of its attempt (issue #12; runtime/step-exec.ts execContext):
 * whether the shell prints it on stdout (in pieces) or stderr, or the command holds it, the logs,
 * the log lines reported to clients, the recorded input and the store file show
 * `***CALLBACK_TOKEN***`, never the token, and the token still answers the callback.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { RunService } from './run-service.js';

const FLOW = `flowsmith: "1.0"
name: leaky-callback
start: build
steps:
  build:
    type: task
    shell: |
      echo {{ $callback.token }} > token.txt
      printf 'first %s' "$(cut -c1-20 token.txt)"; printf '%s end\\n' "$(cut -c21- token.txt)"
      echo "to stderr $(cat token.txt)" >&2
    callback: {timeout: 1h}
    next: done
  done: {type: task, shell: "echo got {{ $steps.build.output.n }}"}
`;

describe('a callback task redacts its token like a secret', () => {
  it('keeps the token out of its log output (stdout and stderr), the reported log lines, its recorded input and the store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-callback-redact-'));
    const path = join(dir, 'leaky.yaml');
    writeFileSync(path, FLOW);
    const db = join(dir, 'store.db');
    const reported: string[] = [];
    const service = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs'), onLog: (_run, _step, _attempt, _stream, text) => reported.push(text) });
    const driver = service.startRun({ path });
    expect((await service.drive(driver, { stopWhenWaiting: true })).steps.build?.status).toBe('waiting');
    const token = readFileSync(join(driver.state.workdir, 'token.txt'), 'utf8').trim();
    expect(token).toMatch(/^fscb_/);

    const logs = service.journal.logs(driver.id, 'build');
    const stdout = logs.filter((l) => l.stream === 'stdout').map((l) => l.text).join('');
    const stderr = logs.filter((l) => l.stream === 'stderr').map((l) => l.text).join('');
    expect(stdout).toBe('first ***CALLBACK_TOKEN*** end\n');
    expect(stderr).toBe('to stderr ***CALLBACK_TOKEN***\n');
    expect(reported.join('')).toContain('***CALLBACK_TOKEN***');
    const input = JSON.stringify(service.journal.events(driver.id).find((e) => e.event.type === 'StepInput')?.event);
    expect(input).toContain('echo \\"***CALLBACK_TOKEN***\\" > token.txt');

    // The token itself still answers the callback.
    expect((await service.drive(service.answerCallback(token, { output: { n: 7 } }), { stopWhenWaiting: true })).status).toBe('succeeded');
    service.close();
    service.journal.close();
    for (const text of [stdout, stderr, ...reported, input]) expect(text).not.toContain(token);
    const bytes = Buffer.concat([db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes.includes(Buffer.from(token))).toBe(false);
  });
});
