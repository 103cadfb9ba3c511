/**
 * The bottom panel's tabs, as a registry (DESIGN.md "Designer": Run, History, Findings,
 * Scenarios, Approvals, Analytics). Only tabs whose content exists are listed; a new panel adds
 * one entry here (and its id to `BottomTab` in store/ui-slice.ts), in the order DESIGN.md gives.
 * BottomPanel.tsx draws the tab strip and wraps the chosen body in a region named `region(t)`,
 * so each body is one of DESIGN.md's contract regions ("Run", "Findings"…).
 */
import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import { useAppStore } from '../app-context';
import { formatNumber, useTranslation } from '../i18n';
import type { BottomTab } from '../store/ui-slice';
import { FindingsPanel } from './FindingsPanel';
import { RunPanel } from './RunPanel';

/** One tab of the bottom panel. */
export interface BottomTabEntry {
  id: BottomTab;
  /** The tab's text in the current language. */
  label: (t: TFunction) => string;
  /** Accessible name of the region around the body: a DESIGN.md region name, translated. */
  region: (t: TFunction) => string;
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

/** The tabs, in display order. */
export const bottomTabs: BottomTabEntry[] = [
  { id: 'run', label: (t) => t('panels.tabs.run'), region: (t) => t('regions.run'), Body: RunPanel },
  {
    id: 'findings',
    label: (t) => t('panels.tabs.findings'),
    region: (t) => t('regions.findings'),
    Body: FindingsPanel,
    Badge: FindingsBadge,
  },
];
