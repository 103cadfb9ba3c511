/**
 * The Scenarios editor's host methods: read, check and save a flow's X.scenarios.yaml. Saving is
 * confined to the flow's sibling inside the workspace (../, absolute paths, symlinks and templates
 * are refused) and atomic; findings name the scenario and field.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesDir } from '../service/paths.js';
import { FileAccess } from './file-access.js';
import { createScenarioFileApi } from './scenario-file-api.js';

const FLOW = [
  'flowsmith: "1.0"',
  'name: hello',
  'start: build',
  'steps:',
  '  build: {type: task, shell: echo hi, next: ok}',
  '  ok: {type: approval, approvers: [ops], next: done}',
  '  done: {type: succeed}',
  '',
].join('\n');
const GOOD = 'scenarios:\n  - name: approved\n    approvals:\n      ok: [{by: ops, verdict: approve}]\n    expect: {status: succeeded}\n';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-scenario-file-api-'));
  const root = join(dir, 'ws');
  const outside = join(dir, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(root, 'hello.yaml'), FLOW);
  writeFileSync(join(outside, 'other.yaml'), FLOW);
  return { root, outside, api: createScenarioFileApi(new FileAccess({ root, templates: templatesDir })) };
}

describe('scenarios file host methods', () => {
  it('reads a missing scenarios file as null, saves it beside the flow, then reads it back with no findings', async () => {
    const { api, root } = setup();
    expect(await api.readScenarios({ path: 'hello.yaml' })).toEqual({ scenarioPath: join(root, 'hello.scenarios.yaml'), text: null, findings: [], readOnly: false });
    const saved = await api.saveScenarios({ path: 'hello.yaml', text: GOOD, expectedText: null });
    expect(saved).toEqual({ scenarioPath: join(root, 'hello.scenarios.yaml'), findings: [] });
    expect(readFileSync(join(root, 'hello.scenarios.yaml'), 'utf8')).toBe(GOOD);
    expect((await api.readScenarios({ path: join(root, 'hello.yaml') })).text).toBe(GOOD);
  });

  it('names the scenario and the field in every finding, with line:col in the text', async () => {
    const { api } = setup();
    const text = [
      'scenarios:',
      '  - name: first',
      '    expect: {status: done}',
      '  - name: second',
      '    mocks:',
      '      buidl: {output: 1}',
      '    approvals:',
      '      ok: [{by: mallory, verdict: approve}]',
      '    expect: {status: succeeded}',
      '',
    ].join('\n');
    const schema = await api.checkScenarios({ path: 'hello.yaml', text });
    expect(schema).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/^scenario "first": expect\.status must be one of/) })]);
    const flow = await api.checkScenarios({ path: 'hello.yaml', text: text.replace('status: done', 'status: failed') });
    expect(flow.map((f) => [f.line, f.message])).toEqual([
      [6, expect.stringMatching(/^scenario "second", mocks\.buidl: no step "buidl" in hello; did you mean "build"\?/)],
      [8, expect.stringMatching(/^scenario "second", approvals\.ok\[0\]\.by: mallory is not an approver of ok/)],
    ]);
  });

  it('refuses any scenarios path but the flow sibling inside the workspace: ../, absolute, another name, a symlink out, a template', async () => {
    const { api, root, outside } = setup();
    for (const scenarioPath of ['../outside/other.scenarios.yaml', join(outside, 'other.scenarios.yaml'), 'other.scenarios.yaml', '/tmp/hello.scenarios.yaml', 'hello.yaml']) {
      await expect(api.saveScenarios({ path: 'hello.yaml', scenarioPath, text: GOOD }), scenarioPath).rejects.toMatchObject({ name: 'FileAccessError', code: 'NOT_ALLOWED' });
    }
    for (const path of ['../outside/other.yaml', join(outside, 'other.yaml')]) {
      await expect(api.saveScenarios({ path, text: GOOD }), path).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
      await expect(api.readScenarios({ path }), path).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    }
    expect(existsSync(join(outside, 'other.scenarios.yaml'))).toBe(false);
    // A scenarios file that is a link to a file outside is not written through (nor a broken link).
    writeFileSync(join(outside, 'target.scenarios.yaml'), 'kept');
    symlinkSync(join(outside, 'target.scenarios.yaml'), join(root, 'hello.scenarios.yaml'));
    await expect(api.saveScenarios({ path: 'hello.yaml', text: GOOD })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    expect(readFileSync(join(outside, 'target.scenarios.yaml'), 'utf8')).toBe('kept');
    symlinkSync(join(outside, 'gone.scenarios.yaml'), join(root, 'other.scenarios.yaml'));
    writeFileSync(join(root, 'other.yaml'), FLOW);
    await expect(api.saveScenarios({ path: 'other.yaml', text: GOOD })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    expect(existsSync(join(outside, 'gone.scenarios.yaml'))).toBe(false);
    await expect(api.saveScenarios({ path: join(templatesDir, 'web-app-deploy.yaml'), text: GOOD })).rejects.toMatchObject({ code: 'TEMPLATE_READ_ONLY' });
    expect((await api.readScenarios({ path: join(templatesDir, 'web-app-deploy.yaml') })).readOnly).toBe(true);
  });

  it('refuses to save over a file changed on disk and leaves it as it was', async () => {
    const { api, root } = setup();
    await api.saveScenarios({ path: 'hello.yaml', text: GOOD });
    const other = GOOD.replace('approved', 'approved elsewhere');
    writeFileSync(join(root, 'hello.scenarios.yaml'), other);
    await expect(api.saveScenarios({ path: 'hello.yaml', text: 'scenarios: []\n', expectedText: GOOD })).rejects.toMatchObject({ code: 'CHANGED_ON_DISK' });
    await expect(api.saveScenarios({ path: 'hello.yaml', text: 'scenarios: []\n', expectedText: null })).rejects.toMatchObject({ code: 'EXISTS' });
    expect(readFileSync(join(root, 'hello.scenarios.yaml'), 'utf8')).toBe(other);
  });

  it('saves invalid text all the same and returns its findings', async () => {
    const { api, root } = setup();
    const res = await api.saveScenarios({ path: 'hello.yaml', text: 'scenarios:\n  - name: x\n' });
    expect(res.findings[0]?.message).toMatch(/^scenario "x": .*expect/);
    expect(readFileSync(join(root, 'hello.scenarios.yaml'), 'utf8')).toBe('scenarios:\n  - name: x\n');
  });
});
