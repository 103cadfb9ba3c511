import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesDir } from '../service/paths.js';
import { createScenarioApi } from './scenario-api.js';

describe('testScenarios over HostApi', () => {
  it('runs a template’s shipped scenarios and reports a broken expectation with the CLI diff', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fs-scenario-api-'));
    copyFileSync(join(templatesDir, 'db-change.yaml'), join(root, 'db-change.yaml'));
    copyFileSync(join(templatesDir, 'db-change.scenarios.yaml'), join(root, 'db-change.scenarios.yaml'));
    const api = createScenarioApi({ root, openPath: null });

    const ok = await api.testScenarios({ path: 'db-change.yaml' });
    expect(ok.findings).toEqual([]);
    expect(ok.results.length).toBeGreaterThan(3);
    expect(ok.results.every((r) => r.passed)).toBe(true);

    writeFileSync(
      join(root, 'db-change.scenarios.yaml'),
      ['scenarios:', '  - name: wrong on purpose', '    expect: {status: cancelled, path: [setup]}', ''].join('\n'),
    );
    const bad = await api.testScenarios({ path: 'db-change.yaml' });
    expect(bad.results[0]).toMatchObject({ name: 'wrong on purpose', passed: false });
    expect(bad.results[0]!.text).toMatch(/✗ wrong on purpose/);

    const none = await api.testScenarios({ path: 'elsewhere.yaml' });
    expect(none.findings[0]?.message).toMatch(/no scenarios/);
  });

  it('runs one scenario by name, and says which names exist for an unknown one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fs-scenario-api-'));
    copyFileSync(join(templatesDir, 'db-change.yaml'), join(root, 'db-change.yaml'));
    copyFileSync(join(templatesDir, 'db-change.scenarios.yaml'), join(root, 'db-change.scenarios.yaml'));
    const api = createScenarioApi({ root, openPath: null });
    const all = await api.testScenarios({ path: 'db-change.yaml' });
    const name = all.results[1]!.name;

    const one = await api.testScenarios({ path: 'db-change.yaml', name });
    expect(one.results.map((r) => r.name)).toEqual([name]);
    expect(one.results[0]!.passed).toBe(true);

    const unknown = await api.testScenarios({ path: 'db-change.yaml', name: 'no such scenario' });
    expect(unknown.results).toEqual([]);
    expect(unknown.findings[0]?.message).toContain(all.results[0]!.name);
  });
});
