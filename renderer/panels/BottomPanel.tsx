/**
 * The bottom panel: a tab strip (tabs from bottom-tabs.tsx, plus "Toggle bottom panel"), the
 * notification banners, and the chosen tab's body (which names its own region). Collapsing keeps the
 * strip visible, so the findings count stays in sight; the Layout owns the panel's size.
 */
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import { useDebugKeys } from '../runs-ui/use-debug-keys';
import { Guard } from '../ViewBoundary';
import { bottomTabs } from './bottom-tabs';
import { RunNotices } from './RunNotices';

/** Props: whether the panel is collapsed, and how to open or close it. */
export interface BottomPanelProps {
  isCollapsed: boolean;
  onToggle(): void;
  onExpand(): void;
}

/** Tabs over the run view, the findings list and whatever else bottom-tabs.tsx registers. */
export function BottomPanel({ isCollapsed, onToggle, onExpand }: BottomPanelProps) {
  useDebugKeys();
  const { t } = useTranslation();
  const tab = useAppStore((s) => s.bottomTab);
  const setTab = useAppStore((s) => s.setBottomTab);
  const current = bottomTabs.find((x) => x.id === tab) ?? bottomTabs[0];
  const bodyId = 'bottom-panel-body';
  return (
    <section className={`bottom-panel${isCollapsed ? ' is-collapsed' : ''}`}>
      <div className="tabs-bar">
        <div className="tabs" role="tablist" aria-label={t('layout.bottomTabs')}>
          {bottomTabs.map(({ id, label, Badge }) => (
            <button key={id} type="button" role="tab" aria-selected={id === current?.id} aria-controls={bodyId}
              className={id === current?.id ? 'tab active' : 'tab'}
              onClick={() => {
                setTab(id);
                onExpand();
              }}>
              {label(t)}
              {Badge && <Badge />}
            </button>
          ))}
        </div>
        <button type="button" className="btn icon small panel-toggle" aria-label={t('layout.toggleBottom')}
          title={t('layout.toggleBottom')} aria-expanded={!isCollapsed} aria-controls={bodyId} onClick={onToggle}>
          <span aria-hidden="true">{isCollapsed ? '▴' : '▾'}</span>
        </button>
      </div>
      {/* Kept mounted while collapsed: it listens for notifications during a run. */}
      <div hidden={isCollapsed}>
        <RunNotices />
      </div>
      {current && (
        <div id={bodyId} className="tab-body" hidden={isCollapsed}>
          <Guard name={current.label(t)}>
            <current.Body />
          </Guard>
        </div>
      )}
    </section>
  );
}
