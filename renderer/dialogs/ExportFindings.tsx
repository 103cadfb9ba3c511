/**
 * The export's findings (issue #4): what the target cannot express and how it was approximated,
 * as severity, step id and message. A finding about a step selects that step on the canvas.
 */
import type { Finding } from '../../engine/model/finding';
import { useAppStore } from '../app-context';

/** Counts by severity, e.g. `0 errors, 13 warnings, 2 info`. */
export function summarizeFindings(findings: readonly Finding[]): string {
  const n = (sev: Finding['severity']) => findings.filter((f) => f.severity === sev).length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return [plural(n('error'), 'error'), plural(n('warning'), 'warning'), `${n('info')} info`].join(', ');
}

/** The findings list; `onShowStep` runs after a step was selected (the dialog closes to show it). */
export function ExportFindings(p: { findings: readonly Finding[]; onShowStep: () => void }) {
  const selectStep = useAppStore((s) => s.selectStep);
  const steps = useAppStore((s) => s.flow?.steps);
  if (p.findings.length === 0) return <p className="export-summary ok">No findings: the target keeps the whole meaning.</p>;
  return (
    <section className="export-findings-box" aria-label="Export findings">
      <p className="export-summary">
        {p.findings.length} finding{p.findings.length === 1 ? '' : 's'}: {summarizeFindings(p.findings)}
      </p>
      <ul className="findings export-findings-list">
        {p.findings.map((f, i) => {
          const canSelect = f.step !== undefined && steps?.[f.step] !== undefined;
          return (
            <li key={i}>
              <button
                type="button"
                className={`finding sev-${f.severity}`}
                disabled={!canSelect}
                title={canSelect ? `Show ${f.step} on the canvas (${f.code})` : f.code}
                onClick={() => {
                  if (!f.step) return;
                  selectStep(f.step);
                  p.onShowStep();
                }}
              >
                <span className="sev">{f.severity}</span>
                <span className="finding-step mono">{f.step ?? 'flow'}</span>
                <span className="finding-msg">{f.message}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
