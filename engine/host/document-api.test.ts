/**
 * HostApi for the designer's one document (issue #8): the text is validated and saved as it is,
 * so findings keep their line:col after every edit and comments typed in the code view are kept.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { createHostApi } from './host-api.js';
import { templatesDir } from './paths.js';
import { RunService } from './run-service.js';
import { trustOf } from './trust.js';

function host() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-document-api-'));
  const root = join(dir, 'workspace');
  mkdirSync(root);
  const deploy = join(root, 'web-app-deploy.yaml');
  writeFileSync(deploy, readFileSync(join(templatesDir, 'web-app-deploy.yaml')));
  const journal = openJournal(':memory:');
  const service = new RunService({ journal, workRoot: join(dir, 'runs'), trust: (path, flow) => trustOf(path, flow, { workspaceRoot: root, journal }) });
  return { deploy, api: createHostApi(service, { root, openPath: null }) };
}

describe('HostApi document text', () => {
  it('locates findings in the text as edited, lines shifted by the edit included', async () => {
    const { api, deploy } = host();
    const text = readFileSync(deploy, 'utf8');
    const edited = text.replace('steps:\n', 'steps:\n  # two lines typed above every step\n  # push every finding down\n').replace('    next: done', '    next: finished');
    const findings = await api.validateText({ text: edited, path: deploy });
    const broken = findings.find((f) => f.message.includes('finished'));
    const line = edited.split('\n').findIndex((l) => l.includes('next: finished')) + 1;
    expect(broken).toMatchObject({ severity: 'error', step: 'verify', line, file: deploy });
    expect(broken?.col).toBeGreaterThan(0);
  });

  it('saves the text as it is, comments typed in the code view included', async () => {
    const { api, deploy } = host();
    const text = readFileSync(deploy, 'utf8').replace('steps:\n', 'steps:\n  # typed in the code view\n');
    const { findings } = await api.saveFlowText({ path: deploy, text });
    expect(readFileSync(deploy, 'utf8')).toBe(text);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
