import { resolve } from 'node:path';
import { build, type PreviewServer, preview } from 'vite';
import { freePort, root } from './harness';

const outDir = resolve(root, 'test-output/links-pages');

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
