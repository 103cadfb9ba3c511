/**
 * The designer's i18n (issue #8 point 5): one i18next instance with the English and Simplified
 * Chinese catalogues bundled (no network loading, DESIGN.md "Security": no remote content),
 * started synchronously on import in the language i18n/language.ts picks. Components use
 * `useTranslation()` from here (importing this module is what initialises i18next, also in tests);
 * code outside React (actions, describe-step) uses `i18n.t`. See renderer/README.md "Strings".
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { pickLanguage, storedLanguage, storeLanguage, systemLanguages, type Language, type LanguageChoice } from './language';
import { zhCN } from './zh-CN';

export { useTranslation } from 'react-i18next';
export { formatDateTime, formatDuration, formatNumber, formatTime } from './format';
export { languages, type Language, type LanguageChoice } from './language';

/** The one i18next instance (also registered with react-i18next). */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: pickLanguage(storedLanguage(), systemLanguages()),
  fallbackLng: 'en',
  supportedLngs: ['en', 'zh-CN'],
  // Only the exact catalogue: no attempt to find a `zh` one behind `zh-CN`.
  load: 'currentOnly',
  // Resources are bundled, so init completes before the first render.
  initAsync: false,
  // React escapes text itself.
  interpolation: { escapeValue: false },
  returnEmptyString: false,
});
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

function syncDocumentLanguage(lng: string): void {
  // <html lang> lets the browser pick CJK fonts and screen readers the right voice.
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

/** Applies and remembers the user's choice from the Language menu (`system` follows the system again). */
export function chooseLanguage(choice: LanguageChoice): Promise<unknown> {
  storeLanguage(choice);
  const lng: Language = choice === 'system' ? pickLanguage(null, systemLanguages()) : choice;
  return i18n.changeLanguage(lng);
}

/** The current language, as one of the catalogues. */
export function currentLanguage(): Language {
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}
