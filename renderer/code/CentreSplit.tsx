/**
 * The centre of the designer: the canvas, and beside it the YAML code view when "Code" is on
 * (DESIGN.md "Designer"), split by a draggable separator whose position is kept in localStorage.
 */
import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import { CodePane } from './CodePane';

/** `canvas` alone, or `canvas | code view` when the code view is shown. */
export function CentreSplit({ canvas }: { canvas: ReactNode }) {
  const { t } = useTranslation();
  const showCode = useAppStore((s) => s.showCode && s.path !== null);
  const split = useDefaultLayout({ id: 'flowsmith.layout.code', onlySaveAfterUserInteractions: true });
  if (!showCode) return <>{canvas}</>;
  return (
    <Group orientation="horizontal" className="centre-split" defaultLayout={split.defaultLayout} onLayoutChanged={split.onLayoutChanged}>
      <Panel id="panel-canvas" className="layout-cell" minSize="240px">
        {canvas}
      </Panel>
      <Separator className="resize-handle vertical" aria-label={t('layout.resizeCode')} />
      <Panel id="panel-code" className="layout-cell" defaultSize="45%" minSize="260px">
        <CodePane />
      </Panel>
    </Group>
  );
}
