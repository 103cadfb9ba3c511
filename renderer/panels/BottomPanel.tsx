/** The bottom panel: notification banners, then the Run (status, path, approvals, step details and logs) and Findings tabs. */
import { useAppStore } from '../app-context';
import { FindingsPanel } from './FindingsPanel';
import { RunNotices } from './RunNotices';
import { RunPanel } from './RunPanel';

/** Tabs over the run view and the findings list. */
export function BottomPanel() {
  const tab = useAppStore((s) => s.bottomTab);
  const setTab = useAppStore((s) => s.setBottomTab);
  const count = useAppStore((s) => s.findings.length);
  const errors = useAppStore((s) => s.findings.filter((f) => f.severity === 'error').length);
  return (
    <section className="bottom-panel">
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'run'} className={tab === 'run' ? 'tab active' : 'tab'}
          onClick={() => setTab('run')}>
          Run
        </button>
        <button type="button" role="tab" aria-selected={tab === 'findings'} className={tab === 'findings' ? 'tab active' : 'tab'}
          onClick={() => setTab('findings')}>
          Findings
          <span className={`count${errors ? ' bad' : count ? ' warn' : ''}`}>{count}</span>
        </button>
      </div>
      <RunNotices />
      <div className="tab-body">{tab === 'run' ? <RunPanel /> : <FindingsPanel />}</div>
    </section>
  );
}
