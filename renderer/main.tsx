/**
 * Renderer entry: picks the transport (Electron's preload bridge, else the web host's WebSocket),
 * wraps it into the HostApi client once, and mounts the designer.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/theme.css';
import './styles/app.css';
import './styles/nodes.css';
import './styles/panels.css';
import './styles/code.css';
import './styles/runs.css';
import { createActions } from './actions';
import './i18n';
import { App } from './App';
import { AppProvider } from './app-context';
import { createHostValidator } from './doc/validator';
import { createHostClient } from './host/client';
import { createElectronTransport, electronBridge } from './host/electron-transport';
import { createWebSocketTransport, rpcUrl } from './host/ws-transport';
import { createAppStore } from './store/store';
import { startTheme } from './theme/theme';
import { markTime } from './perf';

markTime('main');
startTheme();
const bridge = electronBridge();
const transport = bridge
  ? createElectronTransport(bridge)
  : createWebSocketTransport(() => new WebSocket(rpcUrl(window.location)));
const host = createHostClient(transport);
const store = createAppStore();
// Electron's native Open/Save dialogs (the picked path is granted to the engine by main.ts).
const picker = bridge?.pickFile ? { pickFile: bridge.pickFile.bind(bridge) } : undefined;
const actions = createActions(host, (l) => transport.onEvent(l), store, createHostValidator(host), picker);
actions.start();

// Electron's File menu (electron/main.ts) drives the same actions as the toolbar.
bridge?.onMenu?.((m) => {
  if (m.action === 'open' && m.path) void actions.open(m.path);
  else if (m.action === 'save') void actions.save();
  else if (m.action === 'saveAs' && m.path) void actions.save(m.path);
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AppProvider store={store} actions={actions}>
      <App />
    </AppProvider>
  </StrictMode>,
);
