/**
 * Desktop notifications of notify steps (HostEvent `notification`, issue #3) in the web host: the
 * browser's Notification API once the user allowed it, else a banner over the run panel. In
 * Electron the main process shows them natively (electron/main.ts), so nothing shows here.
 */
import { useEffect, useRef, useState } from 'react';
import type { HostEvent } from '../../engine/host/api';
import { useActions } from '../app-context';
import { useTranslation } from '../i18n';
import { electronBridge } from '../host/electron-transport';
import '../styles/run-notices.css';

type NotificationEvent = Extract<HostEvent, { kind: 'notification' }>;

/** Banners kept at most; the oldest goes first. */
const MAX_BANNERS = 3;

/** The browser's Notification API, or undefined where there is none (jsdom, some embedded browsers). */
function notificationApi(): typeof Notification | undefined {
  return typeof Notification === 'undefined' ? undefined : Notification;
}

/** Shows `e` as a browser notification when the user allowed them; true when it was shown. */
function showInBrowser(e: NotificationEvent): boolean {
  const api = notificationApi();
  if (api?.permission !== 'granted') return false;
  try {
    new api(e.title, { body: e.message });
    return true;
  } catch {
    // Chrome on Android only lets service workers show notifications: fall back to the banner.
    return false;
  }
}

/**
 * The banners (a role=status live region, so screen readers read each one out) plus, while the
 * browser has not been asked yet, a button that asks to show them as desktop notifications.
 * `isElectron` is for tests; by default it is whether the preload bridge is there.
 */
export function RunNotices({ isElectron = electronBridge() !== undefined }: { isElectron?: boolean }) {
  const { t } = useTranslation();
  const { onEvent } = useActions();
  const [banners, setBanners] = useState<(NotificationEvent & { id: number })[]>([]);
  const [permission, setPermission] = useState(() => notificationApi()?.permission ?? 'denied');
  const nextId = useRef(1);

  useEffect(() => {
    if (isElectron) return;
    return onEvent((e) => {
      if (e.kind !== 'notification' || showInBrowser(e)) return;
      const id = nextId.current++;
      setBanners((list) => [...list, { ...e, id }].slice(-MAX_BANNERS));
    });
  }, [onEvent, isElectron]);

  // Browsers let a page ask only from a click, so asking waits for one.
  const ask = () => void notificationApi()?.requestPermission().then(setPermission);
  return (
    <>
      <div className="run-notices" role="status" aria-label={t('panels.runNotices.region')}>
        {banners.map((n) => (
          <div key={n.id} className="run-notice" data-notice-step={n.step}>
            <span className="text" title={`${n.title}: ${n.message}`}>
              <strong>{n.title}</strong> {n.message}
            </span>
            <button type="button" className="btn icon small" aria-label={t('panels.runNotices.dismiss', { title: n.title })}
              onClick={() => setBanners((list) => list.filter((b) => b.id !== n.id))}>
              ✕
            </button>
          </div>
        ))}
      </div>
      {banners.length > 0 && permission === 'default' && (
        <button type="button" className="btn small run-notices-allow" onClick={ask}>
          {t('panels.runNotices.allow')}
        </button>
      )}
    </>
  );
}
