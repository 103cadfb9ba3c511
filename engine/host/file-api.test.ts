/**
 * HostApi file confinement (issue #11 item 7) and the file methods of issue #8 point 4: every
 * read and write stays inside the workspace, the shipped templates (read-only) and picked paths,
 * also when the path climbs out with `../`, is absolute, or goes through a symlink.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { validateText } from '../validate/index.js';
import type { WorkspaceEntry } from './api.js';
import { FileAccess } from './file-access.js';
import { LIST_LIMITS } from './file-api.js';
import { createHostApi } from './host-api.js';
import { templatesDir } from '../service/paths.js';
import { RunService } from '../service/run-service.js';
import { trustOf } from '../service/trust.js';

const TEMPLATE = join(templatesDir, 'web-app-deploy.yaml');
const FLOW = ['flowsmith: "1.0"', 'name: hello', 'title: Hello', 'start: done', 'steps:', '  done: {type: succeed}', ''].join('\n');

/** A HostApi over a fresh workspace folder (`<dir>/ws`) with one flow, and a folder beside it (`<dir>/outside`). */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-file-api-'));
  const root = join(dir, 'ws');
  const outside = join(dir, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(root, 'hello.yaml'), FLOW);
  writeFileSync(join(outside, 'secret.yaml'), FLOW.replace('hello', 'secret'));
  const journal = openJournal(':memory:');
  const service = new RunService({ journal, workRoot: join(dir, 'runs'), trust: (path, flow) => trustOf(path, flow, { workspaceRoot: root, journal }) });
  const access = new FileAccess({ root, templates: templatesDir });
  return { dir, root, outside, access, api: createHostApi(service, { root, openPath: null }, { access }) };
}

const names = (entries: WorkspaceEntry[]): string[] =>
  entries.flatMap((e) => (e.kind === 'folder' ? [`${e.name}/`, ...names(e.children).map((n) => `${e.name}/${n}`)] : [e.name]));

describe('HostApi file confinement (issue #11 item 7)', () => {
  it('refuses to read /etc/passwd, absolute paths outside and ../ out of the workspace, with a located message', async () => {
    const { api, outside } = setup();
    for (const path of ['/etc/passwd', join(outside, 'secret.yaml'), '../outside/secret.yaml', 'sub/../../outside/secret.yaml']) {
      await expect(api.openFlow({ path }), path).rejects.toMatchObject({ name: 'FileAccessError', code: 'OUTSIDE_WORKSPACE', message: expect.stringMatching(/is outside the workspace .*; open or save flows inside it/) });
      await expect(api.startRun({ path, mode: 'simulate' }), path).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
      await expect(api.testScenarios({ path }), path).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
      await expect(api.trustFlow({ path }), path).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    }
  });

  it('refuses a scenarios file whose flow: lies outside, and native export of a path outside', async () => {
    const { api, root, outside } = setup();
    writeFileSync(join(root, 'sneaky.scenarios.yaml'), `flow: ${join(outside, 'secret.yaml')}\nscenarios:\n  - name: x\n    expect: {status: succeeded}\n`);
    await expect(api.testScenarios({ path: 'sneaky.scenarios.yaml' })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    writeFileSync(join(root, 'ghost.scenarios.yaml'), `flow: ${join(outside, 'no-such.yaml')}\nscenarios:\n  - name: x\n    expect: {status: succeeded}\n`);
    await expect(api.testScenarios({ path: 'ghost.scenarios.yaml' })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    const flow = validateText(FLOW).loaded.flow!;
    await expect(api.exportFlow({ path: join(outside, 'secret.yaml'), flow, to: 'native' })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    expect((await api.exportFlow({ path: 'not-yet.yaml', flow, to: 'native' })).text).toContain('name: hello');
  });

  it('does not say whether a file outside exists', async () => {
    const { api } = setup();
    await expect(api.openFlow({ path: '/etc/no-such-file.yaml' })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await expect(api.openFlow({ path: 'missing.yaml' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses to read through a symlink that leads out of the workspace, and follows one that stays inside', async () => {
    const { api, root, outside } = setup();
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'link.yaml'));
    symlinkSync(outside, join(root, 'linked-folder'));
    symlinkSync('/etc/passwd', join(root, 'passwd.yaml'));
    symlinkSync(join(root, 'hello.yaml'), join(root, 'alias.yaml'));
    for (const path of ['link.yaml', 'linked-folder/secret.yaml', 'passwd.yaml']) {
      await expect(api.openFlow({ path }), path).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE', message: expect.stringContaining('a link to') });
    }
    expect(await api.openFlow({ path: 'alias.yaml' })).toMatchObject({ path: join(root, 'alias.yaml'), text: FLOW });
  });

  it('refuses writes outside the workspace: ../, absolute, /etc/passwd and symlinked files or folders', async () => {
    const { api, root, outside } = setup();
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'link.yaml'));
    symlinkSync(outside, join(root, 'linked-folder'));
    const attempts = ['../outside/secret.yaml', join(outside, 'new.yaml'), '/etc/passwd', 'link.yaml', 'linked-folder/secret.yaml', 'linked-folder/new.yaml'];
    for (const path of attempts) {
      await expect(api.saveFlowText({ path, text: 'pwned: true\n' }), path).rejects.toMatchObject({ name: 'FileAccessError' });
      await expect(api.copyTemplate({ template: 'web-app-deploy', path }), path).rejects.toMatchObject({ name: 'FileAccessError' });
      await expect(api.writeExport({ path, text: '{}' }), path).rejects.toMatchObject({ name: 'FileAccessError' });
    }
    await expect(api.writeExport({ path: 'linked-folder/x.asl.json', text: '{}' })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toContain('name: secret');
    expect(existsSync(join(outside, 'new.yaml'))).toBe(false);
    expect(existsSync(join(outside, 'x.asl.json'))).toBe(false);
  });

  it('refuses scripts and hidden files even inside the workspace (.git/hooks, .bashrc)', async () => {
    const { api, root } = setup();
    mkdirSync(join(root, '.git', 'hooks'), { recursive: true });
    await expect(api.saveFlowText({ path: '.git/hooks/pre-commit', text: 'rm -rf ~' })).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('must end in .yaml or .yml') });
    await expect(api.saveFlowText({ path: '.git/hooks/x.yaml', text: FLOW })).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('hidden') });
    await expect(api.writeExport({ path: 'run.sh', text: 'echo' })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });

  it('keeps the shipped templates read-only: Save refuses and says to use Save as', async () => {
    const { api } = setup();
    const before = readFileSync(TEMPLATE, 'utf8');
    const opened = await api.openFlow({ path: TEMPLATE });
    expect(opened).toMatchObject({ readOnly: true, trusted: true });
    await expect(api.saveFlowText({ path: TEMPLATE, text: before + '# mine\n' })).rejects.toMatchObject({ code: 'TEMPLATE_READ_ONLY', message: expect.stringContaining('use Save as') });
    await expect(api.writeExport({ path: join(templatesDir, 'web-app-deploy.asl.json'), text: '{}' })).rejects.toMatchObject({ code: 'TEMPLATE_READ_ONLY' });
    expect(readFileSync(TEMPLATE, 'utf8')).toBe(before);
    expect(existsSync(join(templatesDir, 'web-app-deploy.asl.json'))).toBe(false);
  });

  it('refuses a template even through a symlink in the workspace, or when the workspace is the templates folder', async () => {
    const { api, root } = setup();
    symlinkSync(TEMPLATE, join(root, 'deploy.yaml'));
    expect(await api.openFlow({ path: 'deploy.yaml' })).toMatchObject({ readOnly: true });
    await expect(api.saveFlowText({ path: 'deploy.yaml', text: 'x: 1\n' })).rejects.toMatchObject({ code: 'TEMPLATE_READ_ONLY' });
    const journal = openJournal(':memory:');
    const inTemplates = createHostApi(new RunService({ journal }), { root: templatesDir, openPath: null });
    await expect(inTemplates.saveFlowText({ path: 'web-app-deploy.yaml', text: 'x: 1\n' })).rejects.toMatchObject({ code: 'TEMPLATE_READ_ONLY', message: expect.stringContaining('flowsmith web FOLDER') });
    await expect(inTemplates.saveFlowText({ path: 'mine.yaml', text: 'x: 1\n', expectedText: null })).rejects.toMatchObject({ code: 'TEMPLATE_READ_ONLY' });
  });

  it('reads and writes a path the user picked in a dialog, once granted, and nothing beside it', async () => {
    const { api, access, outside } = setup();
    const picked = join(outside, 'picked.yaml');
    await expect(api.saveFlowText({ path: picked, text: FLOW })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    access.grant(picked);
    expect(await api.saveFlowText({ path: picked, text: FLOW })).toMatchObject({ path: picked, findings: [] });
    expect(await api.openFlow({ path: picked })).toMatchObject({ path: picked, text: FLOW, trusted: false });
    await expect(api.openFlow({ path: join(outside, 'secret.yaml') })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    expect(() => access.grant('relative.yaml')).toThrow(/must be absolute/);
  });
});

describe('HostApi files (issue #8 point 4)', () => {
  it('saves the document text atomically and refuses a file changed on disk since it was opened', async () => {
    const { api, root } = setup();
    const path = join(root, 'hello.yaml');
    const edited = FLOW.replace('title: Hello', 'title: Hello  # greeted');
    expect(await api.saveFlowText({ path: 'hello.yaml', text: edited, expectedText: FLOW })).toEqual({ path, text: edited, findings: [] });
    expect(readFileSync(path, 'utf8')).toBe(edited);
    // Someone else changes the file; our save of the version we opened is refused, theirs is kept.
    writeFileSync(path, FLOW.replace('Hello', 'Theirs'));
    await expect(api.saveFlowText({ path, text: FLOW, expectedText: edited })).rejects.toMatchObject({ code: 'CHANGED_ON_DISK', message: expect.stringContaining('changed on disk') });
    expect(readFileSync(path, 'utf8')).toContain('Theirs');
    // Save as (expectedText null) does not overwrite an existing file.
    await expect(api.saveFlowText({ path, text: FLOW, expectedText: null })).rejects.toMatchObject({ code: 'EXISTS' });
    // Invalid text is saved as the user wrote it, with its findings.
    const broken = await api.saveFlowText({ path: 'broken.yaml', text: 'flowsmith: "1.0"\nname: x\n', expectedText: null });
    expect(broken.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(readFileSync(join(root, 'broken.yaml'), 'utf8')).toBe('flowsmith: "1.0"\nname: x\n');
  });

  it('leaves the old file when the folder cannot be written', async () => {
    const { api, root } = setup();
    mkdirSync(join(root, 'locked'));
    writeFileSync(join(root, 'locked', 'a.yaml'), FLOW);
    const { chmodSync } = await import('node:fs');
    chmodSync(join(root, 'locked'), 0o500);
    try {
      if (process.getuid?.() === 0) return; // root writes anyway; the atomic write itself is tested in engine/yaml
      await expect(api.saveFlowText({ path: 'locked/a.yaml', text: 'changed: true\n' })).rejects.toThrow(/permission denied/);
      expect(readFileSync(join(root, 'locked', 'a.yaml'), 'utf8')).toBe(FLOW);
    } finally {
      chmodSync(join(root, 'locked'), 0o700);
    }
  });

  it('copies a template and its scenarios into the workspace at a free name', async () => {
    const { api, root } = setup();
    const first = await api.copyTemplate({ template: 'web-app-deploy' });
    expect(first).toEqual({ path: join(root, 'web-app-deploy.yaml'), scenarioPath: join(root, 'web-app-deploy.scenarios.yaml') });
    expect(readFileSync(first.path, 'utf8')).toBe(readFileSync(TEMPLATE, 'utf8'));
    const second = await api.copyTemplate({ template: TEMPLATE });
    expect(second.path).toBe(join(root, 'web-app-deploy-2.yaml'));
    expect(existsSync(join(root, 'web-app-deploy-2.scenarios.yaml'))).toBe(true);
    // The copy's scenarios still pass: they sit beside the copy as `flowsmith test` expects.
    const tested = await api.testScenarios({ path: second.path });
    expect(tested.results.length).toBeGreaterThan(0);
    expect(tested.results.every((r) => r.passed)).toBe(true);
    expect((await api.copyTemplate({ template: 'db-change', path: 'mine.yaml' })).path).toBe(join(root, 'mine.yaml'));
    await expect(api.copyTemplate({ template: 'db-change', path: 'mine.yaml' })).rejects.toMatchObject({ code: 'EXISTS' });
    await expect(api.copyTemplate({ template: join(root, 'hello.yaml') })).rejects.toMatchObject({ code: 'NOT_ALLOWED', message: expect.stringContaining('not a template') });
    await expect(api.copyTemplate({ template: '../../../etc/passwd' })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
  });

  it('lists the workspace tree: folders with flows, titles, no node_modules, dot folders, scenarios or other YAML', async () => {
    const { api, root, outside } = setup();
    for (const folder of ['ops/db', 'node_modules/pkg', '.git', '.hidden', 'empty']) mkdirSync(join(root, folder), { recursive: true });
    writeFileSync(join(root, 'ops/db/migrate.yml'), FLOW.replace('name: hello', 'name: migrate').replace('Hello', 'Migrate'));
    writeFileSync(join(root, 'node_modules/pkg/flow.yaml'), FLOW);
    writeFileSync(join(root, '.hidden/flow.yaml'), FLOW);
    writeFileSync(join(root, 'hello.scenarios.yaml'), 'scenarios: []\n');
    writeFileSync(join(root, 'compose.yaml'), 'services: {}\n');
    writeFileSync(join(root, 'bad.yaml'), 'flowsmith: [\n');
    symlinkSync(outside, join(root, 'out'));
    const tree = await api.listFiles({});
    expect(tree.root).toBe(root);
    expect(tree.truncated).toBe(false);
    expect(names(tree.entries)).toEqual(['ops/', 'ops/db/', 'ops/db/migrate.yml', 'hello.yaml']);
    expect(tree.entries[1]).toEqual({ kind: 'flow', name: 'hello.yaml', path: join(root, 'hello.yaml'), flowName: 'hello', title: 'Hello' });
  });

  it('stops listing at its bounds and says so', async () => {
    const { api, root } = setup();
    let deep = root;
    for (let i = 0; i <= LIST_LIMITS.depth; i++) deep = join(deep, `d${i}`);
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'deep.yaml'), FLOW);
    const tree = await api.listFiles({});
    expect(tree.truncated).toBe(true);
    expect(names(tree.entries)).toEqual(['hello.yaml']);
  });
});
