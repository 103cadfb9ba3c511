/**
 * HostApi for the designer's one document (issue #8): the text is validated and saved as it is,
 * so findings keep their line:col after every edit and comments typed in the code view are kept.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deployWorkspaceHost } from './test-helpers.js';

const host = () => deployWorkspaceHost('fs-document-api-');

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
