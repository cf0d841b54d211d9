/**
 * Builds the share controls' test page (test-pages/links.html) with the project's own Vite
 * configuration into test-output/, and serves it like dist/ (COOP/COEP headers; the CSP comes
 * from the page's <meta>). Kept out of dist/: the test page is not part of the app.
 */
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { build, type PreviewServer, preview } from 'vite';
import { root } from './harness';

const outDir = resolve(root, 'test-output/links-pages');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

/** Builds the test page and serves it; `url` is the page's address. */
export async function serveLinksPage(): Promise<{ url: string; close: () => Promise<void> }> {
  await build({
    configFile: resolve(root, 'vite.config.ts'),
    root,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      rolldownOptions: { input: { links: resolve(root, 'test-pages/links.html') } },
    },
  });
  const port = await freePort();
  const server: PreviewServer = await preview({
    configFile: false,
    root,
    base: './',
    logLevel: 'silent',
    build: { outDir },
    preview: {
      host: '127.0.0.1',
      port,
      strictPort: true,
      headers: {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
      },
    },
  });
  return { url: `http://127.0.0.1:${port}/test-pages/links.html`, close: () => server.close() };
}
