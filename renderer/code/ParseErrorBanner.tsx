/**
 * Says, over the canvas, that the code view holds text that does not parse: the canvas shows the
 * last valid version of the flow and takes no edits until the YAML is fixed (issue #8).
 */
import { useAppStore } from '../app-context';

/** A one-line banner; nothing when the text parses. */
export function ParseErrorBanner() {
  const parseError = useAppStore((s) => s.parseError);
  const hasFlow = useAppStore((s) => s.flow !== null);
  if (!parseError || !hasFlow) return null;
  return (
    <div className="parse-banner" role="status" data-testid="parse-banner">
      The YAML does not parse ({parseError}). The canvas shows the last valid version and is read-only until it is fixed.
    </div>
  );
}
