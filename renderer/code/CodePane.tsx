/**
 * The code view's frame: region "YAML" (DESIGN.md "Designer") with a status line saying whether
 * the text parses, and the lazily loaded Monaco editor.
 */
import { lazy, Suspense, useSyncExternalStore } from 'react';
import { useAppStore } from '../app-context';

const CodeView = lazy(() => import('./CodeView'));

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

/** True when the page is dark: `data-theme="dark"` on <html>, else the system preference. */
function useIsDark(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = darkQuery();
      mq?.addEventListener('change', cb);
      const mo = new MutationObserver(cb);
      mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
      return () => {
        mq?.removeEventListener('change', cb);
        mo.disconnect();
      };
    },
    () => {
      const theme = document.documentElement.dataset.theme;
      return theme ? theme === 'dark' : !!darkQuery()?.matches;
    },
  );
}

/** The YAML region beside the canvas. */
export function CodePane() {
  const parseError = useAppStore((s) => s.parseError);
  const isDark = useIsDark();
  return (
    <section className="code-pane" role="region" aria-label="YAML">
      <div className="code-status" data-parse={parseError ? 'error' : 'ok'}>
        {parseError ? <span className="code-error">YAML error {parseError}</span> : <span>YAML · the document</span>}
      </div>
      <div className="code-editor">
        <Suspense fallback={<div className="code-loading">Loading the editor…</div>}>
          <CodeView isDark={isDark} />
        </Suspense>
      </div>
    </section>
  );
}
