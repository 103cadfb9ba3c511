/**
 * Scenarios over HostApi (issue #3 item 6): runs the scenarios of a flow (`X.scenarios.yaml`
 * beside `X.yaml`) the way `flowsmith test` does, in an in-memory store, so the designer can show
 * pass/fail with the same diff text the CLI prints.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../model/finding.js';
import { isScenarioPath, readScenarioFile, scenarioPathFor } from '../simulate/scenario-file.js';
import { formatOutcome } from '../simulate/report.js';
import { runScenarioFile } from '../simulate/suite.js';
import { openJournal } from '../store/journal.js';
import type { HostApi } from './api.js';

export type { ScenarioReport } from './api.js';
import { FileAccessError, type FileAccess } from './file-access.js';
import type { Workspace } from './host-api.js';

/** Implements HostApi.testScenarios for the files of `workspace`. */
export function createScenarioApi(workspace: Workspace, access?: FileAccess): Pick<HostApi, 'testScenarios'> {
  return {
    async testScenarios({ path, name }) {
      const abs = access ? access.readable(path).path : resolve(workspace.root, path);
      const scenarioPath = isScenarioPath(abs) ? abs : scenarioPathFor(abs);
      // The scenarios file is read too, and the flow it names (`flow: PATH`): both must be readable
      // through HostApi. A flow that does not exist is left to the runner's finding; one outside is
      // refused whether it exists or not (readable checks the place before the file).
      if (access && existsSync(scenarioPath)) {
        access.readable(scenarioPath);
        try {
          access.readable(readScenarioFile(scenarioPath).flowPath);
        } catch (err) {
          if (!(err instanceof FileAccessError && err.code === 'NOT_FOUND')) throw err;
        }
      }
      if (!existsSync(scenarioPath)) {
        const none: Finding = {
          severity: 'error',
          code: 'FS101',
          message: `no scenarios: write them in ${scenarioPath} (see engine/simulate/README.md)`,
          file: scenarioPath,
        };
        return { scenarioPath, findings: [none], results: [] };
      }
      const journal = openJournal(':memory:');
      try {
        const report = await runScenarioFile(scenarioPath, journal, undefined, name);
        return {
          scenarioPath: report.scenarioPath,
          findings: [...report.findings, ...report.flowFindings],
          results: report.results.map((r) => ({ name: r.name, passed: r.passed, text: formatOutcome(r, ''), notes: r.notes, record: r.record })),
        };
      } finally {
        journal.close();
      }
    },
  };
}
