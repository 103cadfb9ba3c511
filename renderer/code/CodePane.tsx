/**
 * The code view's frame: region "YAML" (DESIGN.md "Designer") with a status line saying whether
 * the text parses, and the lazily loaded Monaco editor in the designer's theme.
 */
import { lazy, Suspense } from 'react';
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import { useTheme } from '../theme/theme';

const CodeView = lazy(() => import('./CodeView'));

/** The YAML region beside the canvas. */
export function CodePane() {
  const { t } = useTranslation();
  const parseError = useAppStore((s) => s.parseError);
  const isDark = useTheme().theme === 'dark';
  return (
    <section className="code-pane" role="region" aria-label={t('regions.yaml')}>
      <div className="code-status" data-parse={parseError ? 'error' : 'ok'}>
        {parseError ? <span className="code-error">{t('code.error', { error: parseError })}</span> : <span>{t('code.status')}</span>}
      </div>
      <div className="code-editor">
        <Suspense fallback={<div className="code-loading">{t('code.loading')}</div>}>
          <CodeView isDark={isDark} />
        </Suspense>
      </div>
    </section>
  );
}
