/**
 * Secrets in step logs are redacted on the stream (issue #11 item 5): a value printed across two
 * output chunks, and a token the step only inherits from the engine's environment, are never
 * stored in clear in `step_logs`, nor in the step's output.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

const saved = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
});

describe('secrets in step logs', () => {
  it('stores no secret in clear, whether split across chunks or only inherited', async () => {
    process.env.FS_TEST_API = 'api-5d1e9c3a77';
    process.env.FS_TEST_DEPLOY_TOKEN = 'tok-4f9a2b7c1e';
    const dir = mkdtempSync(join(tmpdir(), 'fs-redact-'));
    const flow = join(dir, 'leak.yaml');
    // Each value goes out in two writes with a pause between, so the pipe delivers two chunks.
    writeFileSync(
      flow,
      [
        'flowsmith: "1.0"',
        'name: leak',
        'start: leak',
        'steps:',
        '  leak:',
        '    type: task',
        '    shell: |',
        '      k="{{ $env.FS_TEST_API }}"; printf "key=%s" "${k%??????}"; sleep 0.3; printf "%s\\n" "${k#????????}"',
        '      t="$FS_TEST_DEPLOY_TOKEN"; printf "token=%s" "${t%??????}" >&2; sleep 0.3; printf "%s\\n" "${t#????????}" >&2',
        '',
      ].join('\n'),
    );
    const journal = openJournal(join(dir, 'store.db'));
    const service = new RunService({ journal, workRoot: join(dir, 'runs') });
    const state = await service.drive(service.startRun({ path: flow }), { stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    const logs = journal.logs(state.id);
    expect(logs.length).toBeGreaterThanOrEqual(2);
    const stored = JSON.stringify(logs) + JSON.stringify(journal.events(state.id));
    for (const piece of ['api-5d1e', '9c3a77', 'tok-4f9a', 'b7c1e', 'api-5d1e9c3a77', 'tok-4f9a2b7c1e']) expect(stored).not.toContain(piece);
    expect(logs.filter((l) => l.stream === 'stdout').map((l) => l.text).join('')).toBe('key=***FS_TEST_API***\n');
    expect(logs.filter((l) => l.stream === 'stderr').map((l) => l.text).join('')).toBe('token=***FS_TEST_DEPLOY_TOKEN***\n');
  });
});
