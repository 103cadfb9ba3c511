/**
 * The export's findings (issue #4): what the target cannot express and how it was approximated,
 * as severity, step id and message. A finding about a step selects that step on the canvas.
 */
import type { Finding } from '../../engine/model/finding';
import type { TFunction } from 'i18next';
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';

/** Counts by severity in the UI language, e.g. `0 errors, 13 warnings, 2 info`. */
export function summarizeFindings(findings: readonly Finding[], t: TFunction): string {
  const n = (sev: Finding['severity']) => findings.filter((f) => f.severity === sev).length;
  return [
    t('dialogs.export.errors', { count: n('error') }),
    t('dialogs.export.warnings', { count: n('warning') }),
    t('dialogs.export.infos', { count: n('info') }),
  ].join(', ');
}

/** The findings list; `onShowStep` runs after a step was selected (the dialog closes to show it). */
export function ExportFindings(p: { findings: readonly Finding[]; onShowStep: () => void }) {
  const { t } = useTranslation();
  const selectStep = useAppStore((s) => s.selectStep);
  const steps = useAppStore((s) => s.flow?.steps);
  if (p.findings.length === 0) return <p className="export-summary ok">{t('dialogs.export.noFindings')}</p>;
  return (
    <section className="export-findings-box" aria-label={t('dialogs.export.region')}>
      <p className="export-summary">
        {t('dialogs.export.summary', { count: p.findings.length, detail: summarizeFindings(p.findings, t) })}
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
                title={canSelect ? t('dialogs.export.showStep', { step: f.step, code: f.code }) : f.code}
                onClick={() => {
                  if (!f.step) return;
                  selectStep(f.step);
                  p.onShowStep();
                }}
              >
                <span className="sev">{t(`severity.${f.severity}`)}</span>
                <span className="finding-step mono">{f.step ?? t('stepType.flow')}</span>
                <span className="finding-msg">{f.message}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
