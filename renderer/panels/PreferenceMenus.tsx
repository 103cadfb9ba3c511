/**
 * The toolbar's Language and Theme menus (issue #8 point 5). Plain selects: keyboard and screen
 * readers work without extra code, and their accessible names are "Language" / "Theme" (in the
 * current language). Both choices persist in localStorage; "system" follows the OS again.
 */
import { chooseLanguage, languages, useTranslation, type LanguageChoice } from '../i18n';
import { storedLanguage } from '../i18n/language';
import { chooseTheme, themeChoices, useTheme, type ThemeChoice } from '../theme/theme';
import { useState } from 'react';

/** The Language menu: system, English, 简体中文 (each language named in itself). */
export function LanguageMenu() {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<LanguageChoice>(storedLanguage);
  return (
    <select
      className="pref-select"
      aria-label={t('language.label')}
      title={t('language.label')}
      value={choice}
      onChange={(e) => {
        const next = e.target.value as LanguageChoice;
        setChoice(next);
        void chooseLanguage(next);
      }}
    >
      <option value="system">{t('language.system')}</option>
      {languages.map((l) => (
        <option key={l} value={l}>
          {t(`language.${l}`)}
        </option>
      ))}
    </select>
  );
}

/** The Theme menu: system, light, dark. */
export function ThemeMenu() {
  const { t } = useTranslation();
  const { choice } = useTheme();
  return (
    <select
      className="pref-select"
      aria-label={t('theme.label')}
      title={t('theme.label')}
      value={choice}
      onChange={(e) => chooseTheme(e.target.value as ThemeChoice)}
    >
      {themeChoices.map((c) => (
        <option key={c} value={c}>
          {t(`theme.${c}`)}
        </option>
      ))}
    </select>
  );
}
