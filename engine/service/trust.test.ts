import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { templatesDir } from './paths.js';
import { RunService } from './run-service.js';
import { UntrustedFlowError, trustFlowFile, trustOf, trustOfFile, type TrustContext } from './trust.js';

const FLOW = ['flowsmith: "1.0"', 'name: hello', 'start: greet', 'steps:', '  greet: {type: task, shell: "echo hello > greeting"}', ''];
const ORIGIN = ['origin: {format: asl, file: hello.asl.json, importedAt: "2026-11-23T10:00:00.000Z"}'];

/** A workspace folder holding a plain flow and an imported one, and a flow outside it. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-trust-'));
  const root = join(dir, 'workspace');
  mkdirSync(root);
  mkdirSync(join(dir, 'downloads'));
  const files = {
    local: join(root, 'hello.yaml'),
    imported: join(root, 'imported.yaml'),
    outside: join(dir, 'downloads', 'hello.yaml'),
  };
  writeFileSync(files.local, FLOW.join('\n'));
  writeFileSync(files.imported, [...FLOW, ...ORIGIN].join('\n'));
  writeFileSync(files.outside, FLOW.join('\n'));
  const journal = openJournal(':memory:');
  const ctx: TrustContext = { workspaceRoot: root, journal };
  const service = new RunService({
    journal,
    workRoot: join(dir, 'runs'),
    trust: (path, flow) => trustOf(path, flow, ctx),
  });
  return { dir, root, files, ctx, service };
}

describe('trustOf', () => {
  it('trusts a plain flow in the workspace and a shipped template', () => {
    const { files, ctx } = setup();
    expect(trustOfFile(files.local, ctx)).toEqual({ trusted: true, reason: 'in the workspace' });
    expect(trustOfFile(join(templatesDir, 'web-app-deploy.yaml'), ctx)).toEqual({ trusted: true, reason: 'a template shipped with Flowsmith' });
  });

  it('does not trust an imported flow, even inside the workspace, and says where it came from', () => {
    const { files, ctx } = setup();
    expect(trustOfFile(files.imported, ctx)).toEqual({
      trusted: false,
      reason: 'imported from AWS Step Functions (hello.asl.json) on 2026-11-23',
    });
  });

  it('does not trust a flow outside the workspace; without a workspace, only origin counts', () => {
    const { dir, files, ctx } = setup();
    expect(trustOfFile(files.outside, ctx)).toEqual({ trusted: false, reason: `it is outside the workspace ${join(dir, 'workspace')}` });
    // `workspace/../downloads` is outside too, however the path is written.
    expect(trustOfFile(join(dir, 'workspace', '..', 'downloads', 'hello.yaml'), ctx).trusted).toBe(false);
    // A sibling folder whose name starts like the workspace's is not inside it.
    expect(trustOf(join(dir, 'workspace-evil', 'x.yaml'), null, ctx).trusted).toBe(false);
    const noWorkspace = { journal: ctx.journal };
    expect(trustOfFile(files.outside, noWorkspace).trusted).toBe(true);
    expect(trustOfFile(files.imported, noWorkspace).trusted).toBe(false);
  });

  it('trusts an imported or outside flow once a person trusted it, by its absolute path', () => {
    const { files, ctx, root } = setup();
    expect(trustFlowFile(files.imported, 'alice', Date.parse('2026-11-24T08:00:00Z'), ctx)).toEqual({
      trusted: true,
      reason: 'trusted by alice on 2026-11-24',
    });
    expect(trustOfFile(files.imported, ctx).trusted).toBe(true);
    expect(trustOfFile(join(root, '.', 'imported.yaml'), ctx).trusted).toBe(true);
    expect(trustOfFile(files.outside, ctx).trusted).toBe(false);
    trustFlowFile(files.outside, 'alice', 1, ctx);
    expect(trustOfFile(files.outside, ctx).trusted).toBe(true);
  });

  it('does not let an older trust record cover a flow imported over the same path later', () => {
    const { files, ctx } = setup();
    trustFlowFile(files.imported, 'alice', Date.parse('2026-11-23T11:00:00Z'), ctx);
    expect(trustOfFile(files.imported, ctx).trusted).toBe(true); // imported at 10:00, trusted at 11:00
    const reimported = { origin: { format: 'argo' as const, file: 'x.yaml', importedAt: '2026-11-23T12:00:00.000Z' } };
    expect(trustOf(files.imported, reimported, ctx)).toEqual({ trusted: false, reason: 'imported from Argo Workflows (x.yaml) on 2026-11-23' });
  });

  it('calls a file that cannot be read or parsed untrusted', () => {
    const { root, ctx } = setup();
    expect(trustOfFile(join(root, 'missing.yaml'), ctx)).toEqual({ trusted: false, reason: 'the file cannot be read' });
    writeFileSync(join(root, 'broken.yaml'), 'steps: [unclosed');
    expect(trustOfFile(join(root, 'broken.yaml'), ctx).trusted).toBe(false);
  });
});

describe('RunService with trust', () => {
  it('refuses to run an untrusted flow for real, with a message that says how to go on', () => {
    const { files, service } = setup();
    for (const path of [files.imported, files.outside]) {
      expect(() => service.startRun({ path })).toThrow(UntrustedFlowError);
      expect(() => service.startRun({ path })).toThrow(/can be simulated but not run for real.*flowsmith run .* --trust.*"Trust this flow"/);
    }
    expect(service.journal.runs()).toEqual([]);
  });

  it('simulates an untrusted flow: nothing runs for real', async () => {
    const { files, service } = setup();
    const state = await service.drive(service.startRun({ path: files.imported, mode: 'simulate' }), { stopWhenWaiting: false });
    expect(state.status).toBe('succeeded');
    expect(state.mode).toBe('simulate');
  });

  it('runs an untrusted flow for real once it is trusted', async () => {
    const { files, ctx, service } = setup();
    trustFlowFile(files.imported, 'alice', Date.now(), ctx);
    const state = await service.drive(service.startRun({ path: files.imported }), { stopWhenWaiting: true });
    expect(state.status).toBe('succeeded');
    expect(state.mode).toBe('run');
  });
});
