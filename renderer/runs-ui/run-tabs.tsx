/**
 * The bottom-panel tabs of runs (issue #9), as entries shaped for a tab registry: an id, a label,
 * an optional badge, and the component that fills the tab. BottomPanel maps over them today; the
 * layout branch's renderer/panels/bottom-tabs.tsx can take this array as it is.
 */
import type { ComponentType } from 'react';
import type { AppState } from '../store/store';
import type { RunTabId } from '../store/run-slice';
import { RunPanel } from '../panels/RunPanel';
import { AnalyticsPanel } from './AnalyticsPanel';
import { ApprovalsInbox } from './ApprovalsInbox';
import { RunHistory } from './RunHistory';
import { ScenariosPanel } from './ScenariosPanel';

/** One bottom-panel tab: `badge` selects a count shown beside the label (0 hides it). */
export interface RunTab {
  id: RunTabId;
  label: string;
  Component: ComponentType;
  badge?: (s: AppState) => number;
}

/** Run, History, Approvals, Scenarios and Analytics, in DESIGN.md's order (Findings goes after History). */
export const runTabs: RunTab[] = [
  { id: 'run', label: 'Run', Component: RunPanel },
  { id: 'history', label: 'History', Component: RunHistory },
  { id: 'scenarios', label: 'Scenarios', Component: ScenariosPanel },
  { id: 'approvals', label: 'Approvals', Component: ApprovalsInbox, badge: (s) => s.inbox.length },
  { id: 'analytics', label: 'Analytics', Component: AnalyticsPanel },
];
