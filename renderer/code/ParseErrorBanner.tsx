/**
 * Says, over the canvas, that the code view holds text that does not parse: the canvas shows the
 * last valid version of the flow and takes no edits until the YAML is fixed (issue #8).
 */
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';

/** A one-line banner; nothing when the text parses. */
export function ParseErrorBanner() {
  const { t } = useTranslation();
  const parseError = useAppStore((s) => s.parseError);
  const hasFlow = useAppStore((s) => s.flow !== null);
  if (!parseError || !hasFlow) return null;
  return (
    <div className="parse-banner" role="status" data-testid="parse-banner">
      {t('code.banner', { error: parseError })}
    </div>
  );
}
