/**
 * The designer's layout: toolbar on top, workspace files and palette left, canvas center, inspector right, run and
 * findings panel at the bottom, dialogs over it all.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useAppStore } from './app-context';
import { Canvas } from './canvas/Canvas';
import { CodePane } from './code/CodePane';
import { ParseErrorBanner } from './code/ParseErrorBanner';
import { ExportDialog } from './dialogs/ExportDialog';
import { ImportDialog } from './dialogs/ImportDialog';
import { RunDialog } from './dialogs/RunDialog';
import { TemplatesDialog } from './dialogs/TemplatesDialog';
import { FileDialogs } from './files/FileDialogs';
import { FilesPanel } from './files/FilesPanel';
import { Inspector } from './inspector/Inspector';
import { BottomPanel } from './panels/BottomPanel';
import { NoticeBar } from './panels/NoticeBar';
import { Palette } from './panels/Palette';
import { Toolbar } from './panels/Toolbar';
import { useShortcuts } from './use-shortcuts';

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
  const showCode = useAppStore((s) => s.showCode && s.path !== null);
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <NoticeBar />
        <div className="workspace">
          <div className="left-column">
            <FilesPanel />
            <Palette />
          </div>
          <main className="canvas">
            <ParseErrorBanner />
            <Canvas />
          </main>
          {showCode && <CodePane />}
          <Inspector />
        </div>
        <BottomPanel />
        <Dialogs />
        <FileDialogs />
      </div>
    </ReactFlowProvider>
  );
}
