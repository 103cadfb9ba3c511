/**
 * The elkjs instance the canvas lays out with, running in a web worker (issue #8: "elkjs runs on
 * the UI thread" froze the designer for seconds on a 1,000-step flow). elkjs ships its worker as
 * a classic script (`elk-worker.min.js`); Vite copies it as an asset (`?url`) and elk-api starts
 * it with `new Worker(url)` (the CSP allows `worker-src 'self'`). Where there is no Worker
 * (vitest, jsdom) the bundled build runs in-thread instead.
 */
import ElkApi from 'elkjs/lib/elk-api';
import type { ELK as Elk } from 'elkjs/lib/elk-api';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';

let engine: Promise<Elk> | undefined;

/** The shared elk instance (one worker for the window; layouts queue in it). */
export function layoutEngine(): Promise<Elk> {
  engine ??=
    typeof Worker === 'undefined'
      ? import('elkjs/lib/elk.bundled.js').then((m) => new m.default())
      : Promise.resolve(new ElkApi({ workerUrl }));
  return engine;
}
