import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * Cross-origin isolation (COOP + COEP) lets the page use SharedArrayBuffer for agent state.
 * Hosts that cannot set these headers still work: the parallel engine falls back to
 * transferred buffers (see src/parallel/).
 */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The Content-Security-Policy (docs/links.md). index.html carries the same text in a
 * <meta http-equiv> so a plain static host enforces it too; a unit test keeps the two equal.
 * - script-src 'self' 'wasm-unsafe-eval': no inline scripts, no eval or new Function, no other
 *   origin; WebAssembly may be compiled (the agents' monthly loops: src/engine/agentLoops.ts);
 * - worker-src 'self' blob:: the engine's workers (module files, or blob: URLs);
 * - style-src 'unsafe-inline': Vite's dev server injects CSS as <style> elements and D3
 *   sets style attributes; styles cannot run code;
 * - img-src data: blob:: the favicon ("data:,") and PNG export (an SVG drawn via a blob: URL);
 * - connect-src 'self': fetches and, in development, Vite's hot-reload WebSocket (CSP 3
 *   'self' includes ws: and wss: to the same host);
 * - object-src, base-uri, form-action, frame-src: nothing.
 * frame-ancestors is left out: it is ignored in a <meta> policy, and the embed snippet needs
 * other sites to be able to frame the app.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

const headers = { ...isolationHeaders, 'Content-Security-Policy': contentSecurityPolicy };

/**
 * Writes dist/sw-precache.js, which the service worker (public/sw.js) imports: the build's id
 * and every file it must store for offline use (pages, scripts, workers, styles; not source
 * maps). The id changes with any file name, and the build's names carry content hashes, so a
 * new build installs the service worker afresh.
 */
export function precacheList(): Plugin {
  return {
    name: 'precache-list',
    enforce: 'post',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => !file.endsWith('.map'))
        .sort();
      const build = createHash('sha256')
        .update(files.join('\n'))
        .update(
          files
            .filter((file) => file.endsWith('.html'))
            .map((file) => {
              const asset = bundle[file];
              return asset.type === 'asset' ? String(asset.source) : '';
            })
            .join('\n'),
        )
        .digest('hex')
        .slice(0, 16);
      const list = ['./', ...files.map((file) => `./${file}`)];
      this.emitFile({
        type: 'asset',
        fileName: 'sw-precache.js',
        source: `// Written by the build (vite.config.ts, precacheList): what the service worker stores.\nself.PRECACHE = ${JSON.stringify({ build, files: list })};\n`,
      });
    },
  };
}

/**
 * Gives each page whose entry imports `module` dynamically a module script for that chunk,
 * after the entry's own, with modulepreload links for its static imports and stylesheet links
 * for its CSS (any other dynamic import stays lazy). The app's entry (src/main.ts) is a small chunk that starts the engine's worker
 * and then imports the app (src/pageStart.ts): with these tags the browser fetches the app's
 * chunks at once, beside the entry, instead of after it has run, and the page's load event
 * waits for the app as it did when the app was the entry (module scripts run in document order,
 * once each: the entry's import() finds the app's module already there).
 */
export function scriptDynamicEntry(module: string): Plugin {
  const target = resolve(import.meta.dirname, module);
  return {
    name: 'script-dynamic-entry',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const { bundle, chunk } = context;
        if (!bundle || !chunk) return [];
        const scripts = chunk.dynamicImports.filter((file) => {
          const found = bundle[file];
          return found?.type === 'chunk' && found.facadeModuleId === target;
        });
        const preloads = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string) => {
          const found = bundle[fileName];
          if (found?.type !== 'chunk' || preloads.has(fileName) || fileName === chunk.fileName) return;
          preloads.add(fileName);
          for (const css of found.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const imported of found.imports) visit(imported);
        };
        for (const dynamic of scripts) visit(dynamic);
        // The entry's own static imports have their links already; the scripts need none.
        for (const file of [...chunk.imports, ...scripts]) preloads.delete(file);
        for (const css of chunk.viteMetadata?.importedCss ?? []) styles.delete(css);
        const tag = (tagName: string, attrs: Record<string, string | boolean>) => ({
          tag: tagName,
          attrs,
          injectTo: 'head' as const,
        });
        return [
          ...scripts.map((src) => tag('script', { type: 'module', crossorigin: true, src: `./${src}` })),
          ...[...preloads].map((href) =>
            tag('link', { rel: 'modulepreload', crossorigin: true, href: `./${href}` }),
          ),
          ...[...styles].map((href) =>
            tag('link', { rel: 'stylesheet', crossorigin: true, href: `./${href}` }),
          ),
        ];
      },
    },
  };
}

export default defineConfig({
  // Relative asset and worker URLs, so dist/ works from any sub-path of a static host.
  base: './',
  server: { headers },
  preview: { headers },
  worker: { format: 'es' },
  plugins: [precacheList(), scriptDynamicEntry('src/pageStart.ts')],
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
