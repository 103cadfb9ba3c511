/**
 * Rename, move and delete of workspace flow files (the Files panel): the flow and its
 * X.scenarios.yaml go together; nothing outside the workspace is touched (../, absolute paths,
 * symlinked folders and links), templates are read-only, and an existing file is replaced only
 * when the person confirmed it (`overwrite`).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesDir } from '../service/paths.js';
import { FileAccess } from './file-access.js';
import { createFileOpsApi } from './file-ops-api.js';

const FLOW = 'flowsmith: "1.0"\nname: hello\nstart: done\nsteps:\n  done: {type: succeed}\n';
const SCENARIOS = 'scenarios:\n  - name: ends\n    expect: {status: succeeded}\n';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-file-ops-'));
  const root = join(dir, 'ws');
  const outside = join(dir, 'outside');
  mkdirSync(join(root, 'ops'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'hello.yaml'), FLOW);
  writeFileSync(join(root, 'hello.scenarios.yaml'), SCENARIOS);
  writeFileSync(join(outside, 'secret.yaml'), FLOW);
  return { root, outside, api: createFileOpsApi(new FileAccess({ root, templates: templatesDir })) };
}

describe('moveFile and deleteFile', () => {
  it('renames a flow with its scenarios file, and moves both into a folder', async () => {
    const { api, root } = setup();
    expect(await api.moveFile({ path: 'hello.yaml', to: 'greet.yaml' })).toEqual({
      path: join(root, 'greet.yaml'),
      scenarioPath: join(root, 'greet.scenarios.yaml'),
      moved: [join(root, 'greet.yaml'), join(root, 'greet.scenarios.yaml')],
    });
    expect(existsSync(join(root, 'hello.yaml')) || existsSync(join(root, 'hello.scenarios.yaml'))).toBe(false);
    expect(readFileSync(join(root, 'greet.scenarios.yaml'), 'utf8')).toBe(SCENARIOS);
    // `to` a folder: the file keeps its name there.
    const moved = await api.moveFile({ path: join(root, 'greet.yaml'), to: 'ops' });
    expect(moved.path).toBe(join(root, 'ops', 'greet.yaml'));
    expect(readFileSync(join(root, 'ops', 'greet.yaml'), 'utf8')).toBe(FLOW);
    expect(existsSync(join(root, 'ops', 'greet.scenarios.yaml'))).toBe(true);
    // and back to the workspace itself (its root folder, as given or as `.`)
    expect((await api.moveFile({ path: 'ops/greet.yaml', to: '.' })).path).toBe(join(root, 'greet.yaml'));
    expect(existsSync(join(root, 'greet.scenarios.yaml'))).toBe(true);
  });

  it('points a scenarios file\'s flow: key at the moved flow', async () => {
    const { api, root } = setup();
    writeFileSync(join(root, 'hello.scenarios.yaml'), `# mine\nflow: hello.yaml\n${SCENARIOS}`);
    await api.moveFile({ path: 'hello.yaml', to: 'ops/greet.yaml' });
    expect(readFileSync(join(root, 'ops', 'greet.scenarios.yaml'), 'utf8')).toBe(`# mine\nflow: greet.yaml\n${SCENARIOS}`);
  });

  it('refuses to overwrite an existing flow or scenarios file unless confirmed', async () => {
    const { api, root } = setup();
    writeFileSync(join(root, 'other.yaml'), FLOW.replace('hello', 'other'));
    await expect(api.moveFile({ path: 'hello.yaml', to: 'other.yaml' })).rejects.toMatchObject({ name: 'FileAccessError', code: 'EXISTS', message: expect.stringContaining('other.yaml already exists') });
    writeFileSync(join(root, 'stale.scenarios.yaml'), SCENARIOS);
    await expect(api.moveFile({ path: 'hello.yaml', to: 'stale.yaml' })).rejects.toMatchObject({ code: 'EXISTS' });
    expect(readFileSync(join(root, 'other.yaml'), 'utf8')).toContain('other');
    expect(existsSync(join(root, 'hello.yaml'))).toBe(true);
    await api.moveFile({ path: 'hello.yaml', to: 'other.yaml', overwrite: true });
    expect(readFileSync(join(root, 'other.yaml'), 'utf8')).toBe(FLOW);
    expect(existsSync(join(root, 'other.scenarios.yaml'))).toBe(true);
  });

  it('refuses paths out of the workspace: ../, absolute, a symlinked folder, a link, hidden names, templates', async () => {
    const { api, root, outside } = setup();
    symlinkSync(outside, join(root, 'out'));
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'link.yaml'));
    const refusals: [Parameters<typeof api.moveFile>[0], string][] = [
      [{ path: 'hello.yaml', to: '../outside/hello.yaml' }, 'OUTSIDE_WORKSPACE'],
      [{ path: 'hello.yaml', to: join(outside, 'hello.yaml') }, 'OUTSIDE_WORKSPACE'],
      [{ path: 'hello.yaml', to: 'out/hello.yaml' }, 'OUTSIDE_WORKSPACE'],
      [{ path: 'hello.yaml', to: 'out' }, 'NOT_ALLOWED'],
      [{ path: '../outside/secret.yaml', to: 'mine.yaml' }, 'OUTSIDE_WORKSPACE'],
      [{ path: 'out/secret.yaml', to: 'mine.yaml' }, 'OUTSIDE_WORKSPACE'],
      [{ path: 'link.yaml', to: 'mine.yaml' }, 'NOT_ALLOWED'],
      [{ path: 'hello.yaml', to: '.git/hooks/pre-commit.yaml' }, 'NOT_ALLOWED'],
      [{ path: 'hello.yaml', to: 'hello.sh' }, 'NOT_ALLOWED'],
      [{ path: 'hello.yaml', to: 'x.scenarios.yaml' }, 'NOT_ALLOWED'],
      [{ path: 'hello.scenarios.yaml', to: 'x.yaml' }, 'NOT_ALLOWED'],
      [{ path: join(templatesDir, 'web-app-deploy.yaml'), to: 'mine.yaml' }, 'OUTSIDE_WORKSPACE'],
    ];
    for (const [p, code] of refusals) await expect(api.moveFile(p), JSON.stringify(p)).rejects.toMatchObject({ code });
    for (const path of ['../outside/secret.yaml', join(outside, 'secret.yaml'), 'out/secret.yaml', 'link.yaml', '.', join(templatesDir, 'web-app-deploy.yaml')]) {
      await expect(api.deleteFile({ path }), path).rejects.toMatchObject({ name: 'FileAccessError' });
    }
    expect(existsSync(join(outside, 'secret.yaml'))).toBe(true);
    expect(existsSync(join(outside, 'hello.yaml'))).toBe(false);
    expect(existsSync(join(templatesDir, 'web-app-deploy.yaml'))).toBe(true);
    expect(readFileSync(join(root, 'hello.yaml'), 'utf8')).toBe(FLOW);
  });

  it('deletes a flow with its scenarios file', async () => {
    const { api, root } = setup();
    expect(await api.deleteFile({ path: 'hello.yaml' })).toEqual({ deleted: [join(root, 'hello.yaml'), join(root, 'hello.scenarios.yaml')] });
    expect(existsSync(join(root, 'hello.yaml')) || existsSync(join(root, 'hello.scenarios.yaml'))).toBe(false);
    await expect(api.deleteFile({ path: 'hello.yaml' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
