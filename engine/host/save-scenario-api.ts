/**
 * HostApi.saveScenario (issue #9 point 7, "Save as scenario"): writes a finished run as a new
 * scenario in its flow's `X.scenarios.yaml` (simulate/from-run.ts), confined like every HostApi
 * write (file-access.ts: the workspace, not a template, not a hidden folder) and atomic.
 */
import type { Flow } from '../model/flow.js';
import { scenarioFromRun, withScenario } from '../simulate/from-run.js';
import { scenarioPathFor } from '../simulate/scenario-file.js';
import { RunRequestError } from '../runtime/request-error.js';
import { validateText } from '../validate/index.js';
import { writeFileAtomic } from '../yaml/files.js';
import type { RunService } from '../service/run-service.js';
import type { HostApi } from './api.js';
import type { FileAccess } from './file-access.js';

/** Implements saveScenario over `service`, writing through `access`. */
export function createSaveScenarioApi(service: RunService, access: FileAccess): Pick<HostApi, 'saveScenario'> {
  return {
    async saveScenario({ run, name }) {
      const title = name.trim();
      if (!title) throw new RunRequestError('a scenario needs a name');
      const row = service.journal.run(run);
      if (!row) throw new RunRequestError(`no run ${run} in this store; list runs with: flowsmith runs`);
      if (row.parent) throw new RunRequestError(`run ${run} is a child run (of ${row.parent.run}); save its parent run as a scenario`);
      // The flow as the run ran it: which steps were tasks and approvals then.
      const text = service.journal.flowText(row.flow, row.flowHash);
      const flow: Flow | null = text === undefined ? null : validateText(text, row.flowPath).loaded.flow;
      if (!flow) throw new Error(`the flow version of run ${run} is missing from the store or no longer parses`);
      const scenario = scenarioFromRun(flow, service.journal.events(run).map((e) => e.event), title);
      const scenarioPath = scenarioPathFor(row.flowPath);
      const real = access.writable(scenarioPath);
      await writeFileAtomic(real, withScenario(real, row.flowPath, scenario));
      return { scenarioPath, name: title };
    },
  };
}
