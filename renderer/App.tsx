/**
 * The designer's layout (DESIGN.md "Designer"): toolbar on top; left the workspace files and the
 * palette; centre the canvas, with the YAML code view beside it; right the inspector; bottom the run and findings panel; dialogs
 * over it all. Columns and the bottom panel are resizable (panels/DesignerLayout.tsx).
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useAppStore } from './app-context';
import { Canvas } from './canvas/Canvas';
import { CentreSplit } from './code/CentreSplit';
import { ParseErrorBanner } from './code/ParseErrorBanner';
import { ExportDialog } from './dialogs/ExportDialog';
import { ImportDialog } from './dialogs/ImportDialog';
import { FindBox } from './editing/FindBox';
import { RunDialog } from './dialogs/RunDialog';
import { TemplatesDialog } from './dialogs/TemplatesDialog';
import { FileDialogs } from './files/FileDialogs';
import { FilesPanel } from './files/FilesPanel';
import { useTranslation } from './i18n';
import { Inspector } from './inspector/Inspector';
import { DesignerLayout } from './panels/DesignerLayout';
import { LeftColumn } from './panels/LeftColumn';
import { NoticeBar } from './panels/NoticeBar';
import { Toolbar } from './panels/Toolbar';
import { useShortcuts } from './use-shortcuts';
import { Guard } from './ViewBoundary';

function Dialogs() {
  const dialog = useAppStore((s) => s.dialog);
  if (dialog === 'templates') return <TemplatesDialog />;
  if (dialog === 'run') return <RunDialog />;
  if (dialog === 'export') return <ExportDialog />;
  if (dialog === 'import') return <ImportDialog />;
  return null;
}

/** The whole designer. */
export function App() {
  useShortcuts();
  const { t } = useTranslation();
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <NoticeBar />
        <DesignerLayout
          left={<LeftColumn files={<FilesPanel />} />}
          centre={
            <CentreSplit
              canvas={
                <main className="canvas">
                  <section className="canvas-region" aria-label={t('regions.canvas')}>
                    <ParseErrorBanner />
                    <Guard name={t('regions.canvas')}>
                      <Canvas />
                    </Guard>
                  </section>
                </main>
              }
            />
          }
          right={
            <Guard name={t('regions.inspector')}>
              <Inspector />
            </Guard>
          }
        />
        <Dialogs />
        <FileDialogs />
        <FindBox />
      </div>
    </ReactFlowProvider>
  );
}
