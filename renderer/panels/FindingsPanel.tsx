/** Findings of the open document as `line:col step: message`; clicking one selects its step. */
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';

/** The findings list. */
export function FindingsPanel() {
  const { t } = useTranslation();
  const findings = useAppStore((s) => s.findings);
  const selectStep = useAppStore((s) => s.selectStep);
  const hasStep = useAppStore((s) => s.flow?.steps);
  if (findings.length === 0) {
    return (
      <section role="region" aria-label={t('regions.findings')}>
        <p className="muted pad">{t('panels.findings.none')}</p>
      </section>
    );
  }
  return (
    <section role="region" aria-label={t('regions.findings')}>
    <ul className="findings" aria-label={t('panels.findings.list')}>
      {findings.map((f, i) => {
        const where = `${f.line ?? '?'}:${f.col ?? '?'}`;
        const canSelect = f.step !== undefined && hasStep?.[f.step] !== undefined;
        return (
          <li key={i}>
            <button
              type="button"
              className={`finding sev-${f.severity}`}
              disabled={!canSelect}
              onClick={() => f.step && selectStep(f.step)}
              title={f.code}
            >
              <span className="sev">{t(`severity.${f.severity}`)}</span>
              <span className="where mono">{where}</span>
              {f.step && <span className="finding-step mono">{f.step}:</span>}
              <span className="finding-msg">{f.message}</span>
              <span className="code mono">{f.code}</span>
            </button>
          </li>
        );
      })}
    </ul>
    </section>
  );
}
