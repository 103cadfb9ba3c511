/**
 * The list beside a version diff on the canvas (issue #12 part 3): which versions are compared,
 * each added, changed or removed step (removed ones are not on the canvas, so this is where they
 * show), the field paths that changed, and the top-level fields (inputs, vars, triggers…).
 */
import type { VersionDiff, VersionRef } from '../../engine/host/api';
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';

const MARK = { added: '+', removed: '−', changed: '~' } as const;

/** The changes of `diff`, one row per step; choosing a step that is on the canvas selects it. */
export function DiffSummary({ diff }: { diff: VersionDiff }) {
  const { t } = useTranslation();
  const selectStep = useAppStore((s) => s.selectStep);
  const side = (ref: VersionRef) => (ref === 'working' ? t('versions.working') : `v${ref}`);
  return (
    <div className="versions-diff">
      <h3>{t('versions.diffTitle', { from: side(diff.from), to: side(diff.to) })}</h3>
      {diff.to !== 'working' && <p className="muted">{t('versions.canvasShowsDocument')}</p>}
      {diff.isSame && <p className="muted">{diff.isSameText ? t('versions.noChanges') : t('versions.formattingOnly')}</p>}
      <ul className="diff-list" aria-label={t('versions.changes')}>
        {diff.steps.map((s) => (
          <li key={s.id} data-diff={s.change} data-step={s.id}>
            <button type="button" className="finding" disabled={s.change === 'removed'} onClick={() => selectStep(s.id)}>
              <span className={`diff-mark diff-${s.change}`} aria-hidden="true">{MARK[s.change]}</span>
              <span className="strong">{s.id}</span>
              <span className="muted">{t(`versions.change.${s.change}`)}{s.scope ? ` · ${t('versions.inMap', { map: s.scope })}` : ''}</span>
              {s.paths.length > 0 && <span className="mono diff-paths">{s.paths.join(', ')}</span>}
            </button>
          </li>
        ))}
        {diff.fields.map((f) => (
          <li key={`field:${f}`} data-diff="field">
            <span className="diff-mark diff-changed" aria-hidden="true">~</span>
            <span className="mono diff-paths">{f}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
