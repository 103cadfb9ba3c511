import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { templatesDir } from '../service/paths.js';
import { deployWorkspaceHost } from './test-helpers.js';

const HELLO_ASL = JSON.stringify({
  StartAt: 'Greet',
  States: { Greet: { Type: 'Pass', Result: { greeting: 'hello' }, Next: 'Done' }, Done: { Type: 'Succeed' } },
});

/** A HostApi over a workspace folder holding a copy of web-app-deploy, as the engine process builds it. */
const host = () => deployWorkspaceHost('fs-interop-api-');

describe('HostApi export, import and trust (issue #4)', () => {
  it('exports the open document to each target, and keeps native YAML as it was', async () => {
    const { api, deploy } = host();
    const { flow } = await api.openFlow({ path: deploy });
    const asl = await api.exportFlow({ path: deploy, flow: flow!, to: 'asl' });
    expect(asl.format).toBe('json');
    expect(JSON.parse(asl.text)).toHaveProperty('StartAt');
    expect(asl.findings.some((f) => f.step === 'build')).toBe(true);
    const argo = await api.exportFlow({ path: deploy, flow: flow!, to: 'argo' });
    expect(argo).toMatchObject({ format: 'yaml', text: expect.stringContaining('kind: WorkflowTemplate') });
    const native = await api.exportFlow({ path: deploy, flow: flow!, to: 'native' });
    expect(native).toEqual({ text: readFileSync(deploy, 'utf8'), findings: [], format: 'yaml' });
  });

  it('returns the validation errors and no document for an invalid flow', async () => {
    const { api, deploy } = host();
    const { flow } = await api.openFlow({ path: deploy });
    const broken: Flow = { ...flow!, start: 'nowhere' };
    const r = await api.exportFlow({ path: deploy, flow: broken, to: 'serverless-workflow' });
    expect(r.text).toBe('');
    expect(r.findings.length).toBeGreaterThan(0);
    expect(r.findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('writes an export inside the workspace only', async () => {
    const { api, root, dir } = host();
    expect(await api.writeExport({ path: 'out/../deploy.asl.json', text: '{}\n' })).toEqual({ path: join(root, 'deploy.asl.json') });
    expect(readFileSync(join(root, 'deploy.asl.json'), 'utf8')).toBe('{}\n');
    await expect(api.writeExport({ path: join(dir, 'elsewhere.json'), text: '{}' })).rejects.toThrow(/outside the workspace/);
    await expect(api.writeExport({ path: '../elsewhere.json', text: '{}' })).rejects.toThrow(/outside the workspace/);
    expect(existsSync(join(dir, 'elsewhere.json'))).toBe(false);
  });

  it('imports text without writing, at a free path, untrusted until trustFlow; then it runs for real', async () => {
    const { api, root } = host();
    writeFileSync(join(root, 'hello.yaml'), 'taken');
    const imported = await api.importText({ text: HELLO_ASL, name: 'hello.asl.json' });
    expect(imported).toMatchObject({ format: 'asl', path: join(root, 'hello-2.yaml'), trusted: false });
    expect(imported.trustReason).toMatch(/^imported from AWS Step Functions \(hello\.asl\.json\)/);
    expect(imported.flow.origin).toMatchObject({ format: 'asl', file: 'hello.asl.json' });
    expect(existsSync(imported.path)).toBe(false);

    await api.saveFlowText({ path: imported.path, text: imported.text });
    expect((await api.openFlow({ path: imported.path })).trusted).toBe(false);
    // The designer's open (text only, no parse of the steps) decides the same from `origin`.
    expect(await api.openFlow({ path: imported.path, textOnly: true })).toMatchObject({ trusted: false, flow: null, text: imported.text });
    await expect(api.startRun({ path: imported.path, mode: 'run' })).rejects.toThrow(/not trusted.*"Trust this flow"/);
    await expect(api.startRun({ path: imported.path, mode: 'simulate' })).resolves.toHaveProperty('run');

    expect(await api.trustFlow({ path: imported.path, as: 'alice' })).toEqual({ trusted: true, trustReason: expect.stringMatching(/^trusted by alice on /) });
    expect(await api.openFlow({ path: imported.path })).toMatchObject({ trusted: true });
    expect(await api.openFlow({ path: imported.path, textOnly: true })).toMatchObject({ trusted: true });
    await expect(api.startRun({ path: imported.path, mode: 'run' })).resolves.toHaveProperty('run');
  });

  it('opens a workspace flow and a shipped template as trusted, a picked flow outside the workspace as untrusted', async () => {
    const { api, deploy, dir, access } = host();
    expect(await api.openFlow({ path: deploy })).toMatchObject({ trusted: true, trustReason: 'in the workspace' });
    expect(await api.openFlow({ path: join(templatesDir, 'db-change.yaml') })).toMatchObject({ trusted: true, readOnly: true });
    const outside = join(dir, 'outside.yaml');
    writeFileSync(outside, readFileSync(deploy));
    // Outside the workspace a file opens only once the user picked it in a native dialog (Electron).
    await expect(api.openFlow({ path: outside })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    access.grant(outside);
    expect(await api.openFlow({ path: outside })).toMatchObject({ trusted: false, trustReason: expect.stringContaining('outside the workspace') });
  });

  it('refuses text whose format it cannot tell', async () => {
    const { api } = host();
    await expect(api.importText({ text: 'id: x\ntasks: []\n', name: 'kestra.yaml' })).rejects.toThrow(/cannot tell which format kestra\.yaml is/);
  });
});
