/**
 * The designer's layout: toolbar on top, palette left, canvas center, inspector right, run and
 * findings panel at the bottom, dialogs over it all.
 */
import { ReactFlowProvider } from '@xyflow/react';
import { useAppStore } from './app-context';
import { Canvas } from './canvas/Canvas';
import { ExportDialog } from './dialogs/ExportDialog';
import { ImportDialog } from './dialogs/ImportDialog';
import { FindBox } from './editing/FindBox';
import { RunDialog } from './dialogs/RunDialog';
import { TemplatesDialog } from './dialogs/TemplatesDialog';
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
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <NoticeBar />
        <div className="workspace">
          <Palette />
          <main className="canvas">
            <Canvas />
          </main>
          <Inspector />
        </div>
        <BottomPanel />
        <Dialogs />
        <FindBox />
      </div>
    </ReactFlowProvider>
  );
}
