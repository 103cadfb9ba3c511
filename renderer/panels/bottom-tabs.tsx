/**
 * The bottom panel's tabs, as a registry (DESIGN.md "Designer": Run, History, Findings,
 * Scenarios, Approvals, Analytics). The run tabs come from runs-ui/run-tabs.tsx; a new panel adds
 * one entry there or here (and its id to `BottomTab` in store/ui-slice.ts), in DESIGN.md's order.
 * Each body declares its own contract region ("Run", "Run history", "Findings"…).
 */
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import { useAppStore } from '../app-context';
import { formatNumber, useTranslation } from '../i18n';
import { runTabs } from '../runs-ui/run-tabs';
import type { AppState } from '../store/store';
import type { BottomTab } from '../store/ui-slice';
import { FindingsPanel } from './FindingsPanel';
import { VersionsPanel } from '../versions/VersionsPanel';

/** One tab of the bottom panel. */
export interface BottomTabEntry {
  id: BottomTab;
  /** The tab's text in the current language. */
  label: (t: TFunction) => string;
  /** The tab's content. */
  Body: ComponentType;
  /** Optional count or marker after the label (e.g. the number of findings). */
  Badge?: ComponentType;
}

/** The findings count, red with errors, amber with warnings only. */
function FindingsBadge() {
  const { i18n } = useTranslation();
  const count = useAppStore((s) => s.findings.length);
  const errors = useAppStore((s) => s.findings.filter((f) => f.severity === 'error').length);
  return <span className={`count${errors ? ' bad' : count ? ' warn' : ''}`}>{formatNumber(count, i18n.language)}</span>;
}

/** A count badge from a store selector; hidden at 0. */
function countBadge(select: (s: AppState) => number): ComponentType {
  return function CountBadge() {
    const { i18n } = useTranslation();
    const n = useAppStore(select);
    return n > 0 ? <span className="count warn">{formatNumber(n, i18n.language)}</span> : null;
  };
}

const runEntries: BottomTabEntry[] = runTabs.map((tab) => ({
  id: tab.id,
  label: (t) => t(`panels.tabs.${tab.id}`),
  Body: tab.Component,
  ...(tab.badge ? { Badge: countBadge(tab.badge) } : {}),
}));

const findings: BottomTabEntry = { id: 'findings', label: (t) => t('panels.tabs.findings'), Body: FindingsPanel, Badge: FindingsBadge };

/** The tabs, in display order: Run, History, Findings, then the rest of the run tabs. */
export const bottomTabs: BottomTabEntry[] = [...runEntries.slice(0, 2), findings, ...runEntries.slice(2)];

// Issue #12 part 3: the Versions tab, last (not in DESIGN.md's list of tabs; README lists it).
bottomTabs.push({ id: 'versions', label: (t) => t('versions.tab'), Body: VersionsPanel });
