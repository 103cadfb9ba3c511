/**
 * The Scenarios editor's HostApi methods: read, check and save a flow's `X.scenarios.yaml`
 * (engine/simulate/README.md). The scenarios file is always the flow's sibling inside the
 * workspace: any other path (`../`, absolute, through a symlink, a template's) is refused with a
 * FileAccessError, and the write is atomic (a failed save leaves the old file).
 */
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Finding } from '../model/finding.js';
import { checkAgainstFlow } from '../simulate/scenario-check.js';
import { loadScenarioText, scenarioPathFor } from '../simulate/scenario-file.js';
import { ScenarioCode } from '../simulate/scenario.js';
import { FlowInvalidError, loadValidFlow } from '../service/flow-files.js';
import { writeFileAtomic } from '../yaml/files.js';
import { MAX_FILE_BYTES } from '../yaml/limits.js';
import type { HostApi } from './api.js';
import { FileAccessError, isWithin, type FileAccess } from './file-access.js';
import { labelScenarioFindings } from './scenario-findings.js';

type ScenarioFileApi = Pick<HostApi, 'readScenarios' | 'checkScenarios' | 'saveScenarios'>;

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** Builds the three methods over `access` (the engine process's FileAccess). */
export function createScenarioFileApi(access: FileAccess): ScenarioFileApi {
  /** The flow at `path` (readable, confined) and its scenarios file's absolute path. */
  const siblingOf = (path: string) => {
    const flow = access.readable(path);
    return { flow, scenarioPath: scenarioPathFor(flow.path) };
  };

  /**
   * The scenarios file `asked` (or the flow's own when absent) as a file to write: it must be the
   * flow's sibling, inside the workspace (also after symlinks), not a template. Returns the real path.
   */
  const writableSibling = (flowPath: string, asked: string | undefined): { scenarioPath: string; real: string } => {
    const { flow, scenarioPath } = siblingOf(flowPath);
    if (asked !== undefined && access.absolute(asked) !== scenarioPath) {
      throw new FileAccessError('NOT_ALLOWED', `${asked} is not the scenarios file of ${basename(flow.path)}; its scenarios are kept in ${basename(scenarioPath)} beside it`);
    }
    const real = access.writable(scenarioPath);
    if (!isWithin(real, realOrSelf(access.root)) && !isWithin(real, access.root)) {
      throw new FileAccessError('OUTSIDE_WORKSPACE', `${scenarioPath} is outside the workspace ${access.root}; scenarios are saved beside flows in the workspace`);
    }
    return { scenarioPath, real };
  };

  /** Findings for scenario `text` as the file `scenarioPath`: its own, then those against its flow. */
  const check = (scenarioPath: string, text: string): Finding[] => {
    const file = loadScenarioText(text, scenarioPath);
    const findings = [...file.findings];
    if (!findings.some((f) => f.severity === 'error')) {
      try {
        access.readable(file.flowPath);
        findings.push(...checkAgainstFlow(file, loadValidFlow(file.flowPath).flow));
      } catch (err) {
        const pos = file.locate(['flow']);
        const message =
          err instanceof FlowInvalidError
            ? `the flow ${basename(file.flowPath)} has errors; fix them (Findings) to check the scenarios against it`
            : (err as Error).message;
        const severity = err instanceof FlowInvalidError ? 'warning' : 'error';
        findings.push({ severity, code: ScenarioCode.flowMissing, message, file: scenarioPath, ...(pos ? { line: pos.line, col: pos.col } : {}) });
      }
    }
    return labelScenarioFindings(text, findings);
  };

  return {
    async readScenarios({ path }) {
      const { flow, scenarioPath } = siblingOf(path);
      const file = access.readable(scenarioPath, { missing: 'null' });
      const text = file ? await readFile(file.real, 'utf8') : null;
      return { scenarioPath, text, findings: text === null ? [] : check(scenarioPath, text), readOnly: flow.isTemplate };
    },

    async checkScenarios({ path, text }) {
      if (typeof text !== 'string') throw new FileAccessError('NOT_ALLOWED', 'the scenarios text is missing');
      return check(siblingOf(path).scenarioPath, text);
    },

    async saveScenarios({ path, scenarioPath: asked, text, expectedText }) {
      if (typeof text !== 'string') throw new FileAccessError('NOT_ALLOWED', 'the scenarios text is missing');
      if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
        throw new FileAccessError('NOT_ALLOWED', `the scenarios are larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; split them`);
      }
      const { scenarioPath, real } = writableSibling(path, asked);
      if (expectedText !== undefined) {
        let current: string | null = null;
        try {
          current = await readFile(real, 'utf8');
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        }
        if (expectedText === null && current !== null) {
          throw new FileAccessError('EXISTS', `${basename(scenarioPath)} already exists; open it with Edit scenarios`);
        }
        if (typeof expectedText === 'string' && current !== expectedText) {
          throw new FileAccessError('CHANGED_ON_DISK', `${basename(scenarioPath)} was changed on disk since you opened it; close the editor and open it again to see the other change`);
        }
      }
      await writeFileAtomic(real, text);
      return { scenarioPath, findings: check(scenarioPath, text) };
    },
  };
}
