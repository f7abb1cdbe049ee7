import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The dev server (npm run dev) injects React Refresh's preamble and CSS as inline code, which
 * the strict policy in index.html forbids; only there is inline allowed. Builds keep it strict.
 */
const devCsp: Plugin = {
  name: 'outcall-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'engine-host': resolve(root, 'electron/engine/host.ts'),
          'import-worker': resolve(root, 'electron/engine/import/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devCsp],
    build: {
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
