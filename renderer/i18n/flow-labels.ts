/**
 * React Flow's built-in accessible labels and screen-reader messages (its `ariaLabelConfig`
 * prop, @xyflow/react 12.8+) in the UI language, so the canvas controls speak the same language
 * as the rest of the designer.
 */
import type { AriaLabelConfig } from '@xyflow/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** The label config for `<ReactFlow ariaLabelConfig={…}>`, rebuilt when the language changes. */
export function useFlowAriaLabels(): Partial<AriaLabelConfig> {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return useMemo(
    () => ({
      'node.a11yDescription.default': t('canvas.flow.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('canvas.flow.nodeHelpKeyboard'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) =>
        t('canvas.flow.moved', { direction, x, y }),
      'edge.a11yDescription.default': t('canvas.flow.edgeHelp'),
      'controls.ariaLabel': t('canvas.flow.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.flow.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.flow.zoomOut'),
      'controls.fitView.ariaLabel': t('canvas.flow.fitView'),
      'controls.interactive.ariaLabel': t('canvas.flow.interactive'),
      'minimap.ariaLabel': t('canvas.flow.minimap'),
      'handle.ariaLabel': t('canvas.flow.handle'),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- t changes identity with the language
    [t, lng],
  );
}
