/**
 * Test helper (vitest only): a HostApi over a temporary workspace holding a copy of web-app-deploy,
 * built as the engine process builds it (in-memory journal, trust over the workspace, file access).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../store/journal.js';
import { FileAccess } from './file-access.js';
import { createHostApi } from './host-api.js';
import { templatesDir } from '../service/paths.js';
import { RunService } from '../service/run-service.js';
import { trustOf } from '../service/trust.js';

/** `{ dir, root, deploy, access, api }`: `deploy` is the copy's absolute path; `prefix` names the temp folder. */
export function deployWorkspaceHost(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const root = join(dir, 'workspace');
  mkdirSync(root);
  const deploy = join(root, 'web-app-deploy.yaml');
  writeFileSync(deploy, readFileSync(join(templatesDir, 'web-app-deploy.yaml')));
  const journal = openJournal(':memory:');
  const service = new RunService({ journal, workRoot: join(dir, 'runs'), trust: (path, flow) => trustOf(path, flow, { workspaceRoot: root, journal }) });
  const access = new FileAccess({ root, templates: templatesDir });
  return { dir, root, deploy, access, api: createHostApi(service, { root, openPath: null }, { access }) };
}
