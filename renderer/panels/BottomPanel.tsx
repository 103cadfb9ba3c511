/**
 * The bottom panel: notification banners, then tabs: the run tabs of runs-ui/run-tabs.tsx (Run,
 * History, Scenarios, Approvals, Analytics) and Findings. Only the active tab is mounted.
 */
import { useAppStore } from '../app-context';
import { runTabs, type RunTab } from '../runs-ui/run-tabs';
import { useDebugKeys } from '../runs-ui/use-debug-keys';
import { FindingsPanel } from './FindingsPanel';
import { RunNotices } from './RunNotices';

/** A tab's count badge, selected narrowly so the panel does not re-render on every store change. */
function TabBadge({ badge }: { badge: NonNullable<RunTab['badge']> }) {
  const n = useAppStore(badge);
  return n > 0 ? <span className="count warn">{n}</span> : null;
}

/** Tabs over the run views and the findings list. */
export function BottomPanel() {
  useDebugKeys();
  const tab = useAppStore((s) => s.bottomTab);
  const setTab = useAppStore((s) => s.setBottomTab);
  const count = useAppStore((s) => s.findings.length);
  const errors = useAppStore((s) => s.findings.filter((f) => f.severity === 'error').length);
  const Active = runTabs.find((t) => t.id === tab)?.Component ?? FindingsPanel;
  return (
    <section className="bottom-panel">
      <div className="tabs" role="tablist">
        {runTabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'tab active' : 'tab'} onClick={() => setTab(t.id)}>
            {t.label}
            {t.badge && <TabBadge badge={t.badge} />}
          </button>
        ))}
        <button type="button" role="tab" aria-selected={tab === 'findings'} className={tab === 'findings' ? 'tab active' : 'tab'}
          onClick={() => setTab('findings')}>
          Findings
          <span className={`count${errors ? ' bad' : count ? ' warn' : ''}`}>{count}</span>
        </button>
      </div>
      <RunNotices />
      <div className="tab-body">
        <Active />
      </div>
    </section>
  );
}
