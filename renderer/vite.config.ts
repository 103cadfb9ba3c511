import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * Strict CSP for the built renderer (DESIGN.md "Security"). Added at build time only, because the
 * dev server's React Refresh preamble is an inline script that this policy would block.
 */
const csp = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco and React Flow set inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  // The web host's HostApi WebSocket is on the page's own host.
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
].join('; ');

/**
 * Renderer build (research/stack.md "Config snippets"). Root is renderer/, output goes to
 * dist/renderer, which both the web host and Electron's loadFile serve.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs so the same build loads over http (web host) and file:// (Electron).
  base: './',
  plugins: [
    react(),
    {
      name: 'flowsmith-csp',
      apply: 'build',
      transformIndexHtml: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: csp }, injectTo: 'head-prepend' },
      ],
    },
  ],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Monaco alone is ~3 MB; it is split into the lazily loaded Export view.
    chunkSizeWarningLimit: 8000,
  },
  worker: { format: 'es' },
  server: {
    // The renderer imports pure engine modules (engine/model, engine/runtime/fold) from outside its root.
    fs: { allow: ['..'] },
  },
});
