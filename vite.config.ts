import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Cross-origin isolation (COOP + COEP) lets the page use SharedArrayBuffer for agent state.
 * Hosts that cannot set these headers still work: the parallel engine falls back to
 * transferred buffers (see src/parallel/).
 */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative asset and worker URLs, so dist/ works from any sub-path of a static host.
  base: './',
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  // The bundled 1:50m world borders (world-atlas, ~750 kB of JSON) make the main chunk about 1 MB
  // (300 kB gzipped); that is expected, so the warning threshold sits above it.
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // bench.html: the parallel engine's bench and test page (not linked from the app).
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        bench: resolve(import.meta.dirname, 'bench.html'),
      },
    },
  },
});
