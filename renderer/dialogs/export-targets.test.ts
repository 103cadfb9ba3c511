import { describe, expect, it } from 'vitest';
import { defaultExportPath } from './export-targets';

describe('defaultExportPath', () => {
  it('puts the export beside the flow, relative to the workspace, with the target suffix', () => {
    expect(defaultExportPath('/w/web-app-deploy.yaml', '/w', 'asl')).toBe('web-app-deploy.asl.json');
    expect(defaultExportPath('/w/ops/deploy.yml', '/w/', 'argo')).toBe('ops/deploy.argo.yaml');
    expect(defaultExportPath('C:\\w\\ops\\deploy.yaml', 'C:\\w', 'serverless-workflow')).toBe('ops/deploy.sw.yaml');
  });

  it('falls back to the workspace folder for a flow outside it (the host writes nowhere else)', () => {
    expect(defaultExportPath('/app/resources/templates/db-change.yaml', '/w', 'native')).toBe('db-change.copy.yaml');
    expect(defaultExportPath('/w-other/x.yaml', '/w', 'asl')).toBe('x.asl.json');
  });
});
