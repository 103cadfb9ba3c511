/**
 * A separate process for concurrency.test.ts: opens the store, says `ready`, and on `go` starts
 * `count` runs of the flow at once in its own RunService and drives them all (approvals answered
 * as `ops`). Reports the runs it started and every error it met (SQLITE_BUSY and the like) with
 * its name, code and message, then exits. Arguments: DB WORK_ROOT FLOW COUNT FIRST_N.
 */
import { openJournal } from '../store/journal.js';
import { RunService } from '../service/run-service.js';

export interface WorkerError {
  n: number | null;
  where: string;
  name: string;
  code?: string;
  message: string;
}

export interface WorkerReport {
  runs: { id: string; n: number; status: string; error: { name: string; message: string } | null }[];
  errors: WorkerError[];
}

const [db, workRoot, flow, countText, firstText] = process.argv.slice(2);
const count = Number(countText);
const first = Number(firstText);
const errors: WorkerError[] = [];
const asError = (n: number | null, where: string, err: unknown): WorkerError => {
  const e = err as { name?: string; code?: string; message?: string };
  return { n, where, name: e.name ?? 'Error', ...(e.code ? { code: e.code } : {}), message: e.message ?? String(err) };
};
process.on('unhandledRejection', (err) => errors.push(asError(null, 'unhandledRejection', err)));
process.on('uncaughtException', (err) => errors.push(asError(null, 'uncaughtException', err)));

const service = new RunService({ journal: openJournal(db!), workRoot });

async function go(): Promise<WorkerReport> {
  const runs: WorkerReport['runs'] = [];
  const driving: Promise<void>[] = [];
  for (let n = first; n < first + count; n++) {
    try {
      const driver = service.startRun({ path: flow!, input: { n } });
      driving.push(
        service
          .drive(driver, { stopWhenWaiting: true, autoApprove: 'ops' })
          .then((state) => void runs.push({ id: driver.id, n, status: state.status, error: state.error }))
          .catch((err: unknown) => void errors.push(asError(n, 'drive', err))),
      );
    } catch (err) {
      errors.push(asError(n, 'startRun', err));
    }
  }
  await Promise.all(driving);
  return { runs, errors };
}

process.on('message', (m) => {
  if (m !== 'go') return;
  void go().then((report) => process.send!(report, () => process.exit(0)));
});
process.send!('ready');
