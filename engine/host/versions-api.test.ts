/**
 * HostApi versions (issue #12 part 3): publishVersion, listVersions, diffVersions (against the
 * unsaved document too), listReleases, the release record writeExport leaves, the version in a
 * RunSummary, and confinement: files outside the workspace are refused before they are read.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployWorkspaceHost } from './test-helpers.js';

describe('HostApi versions', () => {
  it('publishes, lists, diffs, records releases and the version of a run', async () => {
    const { api, deploy } = deployWorkspaceHost('fs-versions-api-');
    const first = await api.publishVersion({ path: deploy, note: 'first' });
    expect(first).toMatchObject({ outcome: 'published', version: { flow: 'web-app-deploy', version: 1, note: 'first', path: deploy } });
    expect((await api.publishVersion({ path: 'web-app-deploy.yaml' })).outcome).toBe('unchanged');

    const text = readFileSync(deploy, 'utf8');
    // The template's steps include `build`; change one of its fields and publish again.
    const edited = text.replace(/(\n  build:\n(?:    .*\n)*?    title: )(.*)\n/, '$1Build it\n');
    expect(edited).not.toBe(text);
    writeFileSync(deploy, edited);
    expect((await api.publishVersion({ path: deploy, note: 'retitled' })).version?.version).toBe(2);
    expect((await api.listVersions({ flow: 'web-app-deploy' })).map((v) => v.note)).toEqual(['first', 'retitled']);
    expect((await api.listVersions({ path: deploy })).length).toBe(2);

    const diff = await api.diffVersions({ path: deploy, from: 1, to: 2 });
    expect(diff.steps).toEqual([{ id: 'build', change: 'changed', scope: null, paths: ['build.title'] }]);
    // Against the designer's unsaved document, by flow name.
    const unsaved = edited.replace('\n  build:\n', '\n  build2:\n');
    const working = await api.diffVersions({ flow: 'web-app-deploy', from: 2, text: unsaved });
    expect(working.to).toBe('working');
    expect(working.steps.map((s) => [s.id, s.change])).toEqual(expect.arrayContaining([['build2', 'added'], ['build', 'removed']]));
    await expect(api.diffVersions({ flow: 'web-app-deploy', from: 1, to: 5 })).rejects.toMatchObject({ name: 'VersionError', code: 'NO_SUCH_VERSION' });

    // An export of the saved, published file leaves a release; a document that is not its export does not.
    const exported = await api.exportFlow({ path: deploy, flow: JSON.parse(JSON.stringify((await api.openFlow({ path: deploy })).flow)), to: 'argo' });
    const saved = await api.writeExport({ path: 'deploy.argo.yaml', text: exported.text, from: { path: deploy, to: 'argo' } });
    expect(saved.release).toMatchObject({ flow: 'web-app-deploy', version: 2, target: 'argo', output: 'deploy.argo.yaml', findings: exported.findings.length });
    expect((await api.writeExport({ path: 'other.yaml', text: 'kind: x\n', from: { path: deploy, to: 'argo' } })).release).toBeNull();
    expect((await api.writeExport({ path: 'plain.yaml', text: exported.text })).release).toBeUndefined();
    expect((await api.listReleases({ path: deploy })).map((r) => [r.version, r.target, r.output])).toEqual([[2, 'argo', 'deploy.argo.yaml']]);

    const { run } = await api.startRun({ path: deploy, mode: 'simulate', input: { version: '1.0.0' } });
    const summary = (await api.listRuns({})).find((r) => r.id === run);
    expect(summary?.version).toBe(2);
  });

  it('keeps every file inside the workspace', async () => {
    const { api, dir } = deployWorkspaceHost('fs-versions-confined-');
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'x.yaml'), 'flowsmith: "1.0"\nname: x\nstart: a\nsteps:\n  a: {type: succeed}\n');
    for (const call of [
      () => api.publishVersion({ path: join(outside, 'x.yaml') }),
      () => api.publishVersion({ path: '../outside/x.yaml' }),
      () => api.listVersions({ path: join(outside, 'x.yaml') }),
      () => api.diffVersions({ path: join(outside, 'x.yaml'), from: 1 }),
    ]) {
      await expect(call()).rejects.toMatchObject({ name: 'FileAccessError', code: 'OUTSIDE_WORKSPACE' });
    }
    await expect(api.listVersions({})).rejects.toMatchObject({ name: 'VersionError' });
    await expect(api.writeExport({ path: 'x.argo.yaml', text: 'a: 1\n', from: { path: join(outside, 'x.yaml'), to: 'argo' } })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    expect(existsSync(join(dir, 'workspace', 'x.argo.yaml'))).toBe(false);
  });
});
