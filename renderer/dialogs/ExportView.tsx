/** The export view's read-only Monaco editor (lazy: this module pulls in Monaco). */
import Editor from '@monaco-editor/react';
import '../code/monaco-setup';
import { EDITOR_OPTIONS } from '../code/editor-options';
import { useTranslation } from '../i18n';
import { useTheme } from '../theme/theme';

/** Shows `text` as YAML, read-only. */
export default function ExportView({ text, language = 'yaml' }: { text: string; language?: string }) {
  const { theme } = useTheme();
  const { t } = useTranslation();
  return (
    <div className="export-editor" data-testid="export-editor">
      <Editor
        value={text}
        language={language}
        theme={theme === 'dark' ? 'vs-dark' : 'vs'}
        height="100%"
        options={{
          readOnly: true,
          // Monaco's own name ("Editor content") is English only.
          ariaLabel: t('dialogs.export.preview'),
          ...EDITOR_OPTIONS,
          renderLineHighlight: 'none',
        }}
      />
    </div>
  );
}
