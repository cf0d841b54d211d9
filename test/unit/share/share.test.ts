import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarise } from '../../../src/analysis/summary.ts';
import { runSimCli, type SimIo } from '../../../src/cli/sim.ts';
import { createSimulation } from '../../../src/engine/simulation.ts';
import { decodeScenario } from '../../../src/scenario/codec.ts';
import { calibratedWorld } from '../../../src/scenario/world.ts';
import {
  addressHash,
  addressWith,
  isEmbedMode,
  readAddress,
  scenarioFromAddress,
  scenarioLink,
} from '../../../src/share/address.ts';
import { embedSnippet, escapeHtmlAttribute } from '../../../src/share/embed.ts';
import { resultsCsvText, resultsJsonText } from '../../../src/share/exports.ts';
import { fileStem, readScenarioFile, scenarioFileText } from '../../../src/share/files.ts';
import { contentSecurityPolicy, isolationHeaders } from '../../../vite.config.ts';
import { EVERY_LEVER } from '../scenario/codecExamples.ts';
import { valid } from '../scenario/codecHelpers.ts';

const root = resolve(import.meta.dirname, '../../..');

describe('the scenario in the address', () => {
  it('reads and writes the fragment, keeping the embed flag', () => {
    expect(readAddress('#s=1.abc')).toEqual({ payload: '1.abc', embed: false });
    expect(readAddress('#embed=1&s=1.abc')).toEqual({ payload: '1.abc', embed: true });
    expect(readAddress('s=1.abc&embed=0')).toEqual({ payload: '1.abc', embed: false });
    expect(readAddress('')).toEqual({ payload: null, embed: false });
    expect(readAddress('#other=1')).toEqual({ payload: null, embed: false });
    // Percent-encoding from mail clients and chat apps is undone.
    expect(readAddress('#s=1%2Eabc')).toEqual({ payload: '1.abc', embed: false });
    expect(addressHash({ payload: '1.abc', embed: true })).toBe('#embed=1&s=1.abc');
    expect(addressHash({ payload: '1.abc', embed: false })).toBe('#s=1.abc');
    expect(addressWith('https://x.org/app/?q=1#old', { payload: '1.abc', embed: false })).toBe(
      'https://x.org/app/?q=1#s=1.abc',
    );
    expect(isEmbedMode('#embed=1&s=1.x')).toBe(true);
    expect(isEmbedMode('#s=1.x')).toBe(false);
  });

  it('makes a link that opens the same scenario', async () => {
    const scenario = valid(EVERY_LEVER);
    const link = await scenarioLink(scenario, 'https://x.org/app/index.html#whatever');
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.url).toMatch(/^https:\/\/x\.org\/app\/index\.html#s=1\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]+$/);
    expect(await scenarioFromAddress(new URL(link.url).hash)).toEqual({ ok: true, scenario });
    const embed = await scenarioLink(scenario, 'https://x.org/app/', { embed: true });
    expect(embed.ok && readAddress(new URL(embed.url).hash).embed).toBe(true);
    expect(await scenarioFromAddress('#embed=1')).toBeNull();
  });
});

describe('the embed snippet', () => {
  it('is an iframe of the embed link, with everything escaped for an attribute', async () => {
    const scenario = valid({ version: 1, name: `"><script>alert('x')</script>&` });
    const link = await scenarioLink(scenario, 'https://x.org/app/', { embed: true });
    if (!link.ok) throw new Error('no link');
    const snippet = embedSnippet(link.url, { title: scenario.name });
    expect(snippet).toMatch(
      /^<iframe src="https:\/\/x\.org\/app\/#embed=1&amp;s=1\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]+" /,
    );
    expect(snippet).toContain(
      'title="Critical-minerals trade simulator: &quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;"',
    );
    expect(snippet).not.toMatch(/<script/);
    expect(snippet).toMatch(/ width="100%" height="640" /);
    expect(snippet).toMatch(/<\/iframe>$/);
    expect(embedSnippet(link.url, { title: 'x', width: '800px', height: 480.4 })).toMatch(
      / width="800px" height="480" /,
    );
    expect(() => embedSnippet('javascript:alert(1)', { title: 'x' })).toThrow(/http\(s\)/);
  });

  it('escapes the five characters that matter in an attribute', () => {
    expect(escapeHtmlAttribute(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('scenario files', () => {
  it('writes the whole scenario, which the command line and the loader read back', async () => {
    const scenario = valid(EVERY_LEVER);
    const text = scenarioFileText(scenario);
    expect(JSON.parse(text)).toEqual(scenario);
    const file = new File([text], 'every-lever.json', { type: 'application/json' });
    expect(await readScenarioFile(file)).toEqual({ ok: true, scenario });
  });

  it('refuses a 5 MB file from its size, without reading it', async () => {
    let read = false;
    const huge = {
      name: 'huge.json',
      size: 5_000_000,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    expect(await readScenarioFile(huge)).toEqual({
      ok: false,
      errors: ['"huge.json" is 5.0 MB; a scenario file is at most 3.0 MB (1,000,000 characters of JSON)'],
    });
    expect(read).toBe(false);
  });

  it('reports a file that cannot be read, and bad contents with the validator’s messages', async () => {
    const failing = {
      name: 'gone.json',
      size: 10,
      arrayBuffer: () => Promise.reject(new Error('file was moved')),
    };
    expect(await readScenarioFile(failing)).toEqual({
      ok: false,
      errors: ['"gone.json" could not be read: file was moved'],
    });
    const bad = new File(['{"version":1,"months":0}'], 'bad.json');
    expect(await readScenarioFile(bad)).toEqual({
      ok: false,
      errors: ['months: must be a whole number from 1 to 600 (got 0)'],
      issues: [{ path: ['months'], message: 'must be a whole number from 1 to 600 (got 0)' }],
    });
  });

  it('names files after the scenario, safely', () => {
    expect(fileStem("Burgum's tariff-free club")).toBe('burgum-s-tariff-free-club');
    expect(fileStem('Côte d’Ivoire / Ghana: cocoa → manganese')).toBe('cote-d-ivoire-ghana-cocoa-manganese');
    expect(fileStem('../../etc/passwd')).toBe('etc-passwd');
    expect(fileStem('<img src=x onerror=alert(1)>')).toBe('img-src-x-onerror-alert-1');
    expect(fileStem('中文')).toBe('scenario');
    expect(fileStem('x'.repeat(100))).toHaveLength(60);
  });
});

describe('results exports', () => {
  it('are byte for byte what the command line writes', () => {
    const scenario = valid({ version: 1, name: 'Export check', months: 4, resolution: 1000, seed: 3 });
    const written: Record<string, string> = {};
    const io: SimIo = {
      stdout: () => undefined,
      stderr: (t) => {
        throw new Error(t);
      },
      readFile: () => JSON.stringify(scenario),
      writeFile: (path, text) => {
        written[path] = text;
      },
    };
    expect(runSimCli(['--scenario', 'in.json', '--out', 'out.json', '--no-baseline'], io)).toBe(0);
    expect(
      runSimCli(['--scenario', 'in.json', '--out', 'out.csv', '--format', 'csv', '--no-baseline'], io),
    ).toBe(0);
    const results = createSimulation(calibratedWorld(), scenario).run();
    const summary = summarise(results);
    expect(resultsJsonText({ results, scenario, summary })).toBe(written['out.json']);
    // Without a summary from the app, the same one is computed.
    expect(resultsJsonText({ results, scenario })).toBe(written['out.json']);
    expect(resultsCsvText({ results, scenario })).toBe(written['out.csv']);
  });
});

/** Every .ts/.js/.html file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js|mjs|html)$/.test(name) ? [path] : [];
  });
}

describe('no markup or code from strings, anywhere in the app', () => {
  // Each of these turns a string into markup or code: with user data in the string, that is a
  // cross-site-scripting hole. Text goes in with textContent (or d3's .text()) instead.
  const FORBIDDEN: [string, RegExp][] = [
    ['innerHTML', /\binnerHTML\b/],
    ['outerHTML', /\bouterHTML\b/],
    ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
    ['document.write', /\bdocument\s*\.\s*write(ln)?\s*\(/],
    ['createContextualFragment', /\bcreateContextualFragment\b/],
    ['DOMParser', /\bDOMParser\b/],
    ['srcdoc', /\bsrcdoc\b/],
    ['eval', /(^|[^.\w$])eval\s*\(/],
    ['new Function', /\bnew\s+Function\s*\(/],
    ['string timer', /\bset(Timeout|Interval)\s*\(\s*['"`]/],
    ["d3's .html()", /\.html\s*\(/],
    ['javascript: URL', /['"`]javascript:/i],
  ];

  it('has no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval or new Function in src/ and the pages', () => {
    const files = [
      ...sourceFiles(resolve(root, 'src')),
      ...['workers', 'test-pages'].flatMap((d) => {
        try {
          return sourceFiles(resolve(root, d));
        } catch {
          return [];
        }
      }),
      resolve(root, 'index.html'),
      resolve(root, 'test/browser/links-page.ts'),
    ];
    expect(files.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        // Comments may name the forbidden calls (this rule is documented in them).
        const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
        for (const [name, pattern] of FORBIDDEN) {
          if (pattern.test(code)) found.push(`${relative(root, file)}:${i + 1}: ${name}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('catches each forbidden use (the scan itself works)', () => {
    const samples = [
      'el.innerHTML = name;',
      'el.outerHTML = x',
      "el.insertAdjacentHTML('beforeend', x)",
      'document.write(x)',
      'range.createContextualFragment(x)',
      'new DOMParser()',
      'frame.srcdoc = x',
      'eval(code)',
      'const f = new Function("a", body)',
      "setTimeout('go()', 10)",
      'selection.html(name)',
      "a.href = 'javascript:alert(1)'",
    ];
    samples.forEach((sample, i) => {
      expect(FORBIDDEN[i][1].test(sample), sample).toBe(true);
    });
    expect(FORBIDDEN.some(([, p]) => p.test('el.textContent = name; retrieval(x); window.evaluate(y)'))).toBe(
      false,
    );
  });
});

describe('the Content-Security-Policy', () => {
  const metaPolicy = (file: string) => {
    const html = readFileSync(resolve(root, file), 'utf8');
    const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    return match?.[1];
  };

  it('is the same in index.html, bench.html, the test page, public/_headers and vite.config.ts', () => {
    expect(metaPolicy('index.html')).toBe(contentSecurityPolicy);
    expect(metaPolicy('bench.html')).toBe(contentSecurityPolicy);
    expect(metaPolicy('test-pages/links.html')).toBe(contentSecurityPolicy);
    const headers = readFileSync(resolve(root, 'public/_headers'), 'utf8');
    expect(headers).toContain(`\n  Content-Security-Policy: ${contentSecurityPolicy}\n`);
    for (const [name, value] of Object.entries(isolationHeaders))
      expect(headers).toContain(`\n  ${name}: ${value}\n`);
  });

  it('forbids inline scripts, eval, plugins and base rewriting, and allows WebAssembly', () => {
    const directives = new Map(
      contentSecurityPolicy.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    // 'wasm-unsafe-eval' lets WebAssembly compile (the agents' loops) and nothing else.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(contentSecurityPolicy).not.toMatch(/[\s']unsafe-eval|strict-dynamic|\*/);
    // Inline styles only: 'unsafe-inline' appears in style-src and nowhere else.
    expect(contentSecurityPolicy.match(/'unsafe-inline'/g)).toHaveLength(1);
    expect(directives.get('style-src')).toContain("'unsafe-inline'");
  });

  it('keeps the cross-origin isolation headers for dev and preview', async () => {
    const config = (await import('../../../vite.config.ts')).default as {
      server: { headers: Record<string, string> };
      preview: { headers: Record<string, string> };
    };
    for (const headers of [config.server.headers, config.preview.headers]) {
      expect(headers).toEqual({
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Content-Security-Policy': contentSecurityPolicy,
      });
    }
  });
});

describe('links decode the same in every door', () => {
  it('a decoded link, saved as a file, validates to the same scenario', async () => {
    const scenario = valid(EVERY_LEVER);
    const link = await scenarioLink(scenario, 'https://x.org/');
    if (!link.ok) throw new Error('no link');
    const decoded = await decodeScenario(readAddress(new URL(link.url).hash).payload ?? '');
    if (!decoded.ok) throw new Error(decoded.errors.join());
    const file = new File([scenarioFileText(decoded.scenario)], 'x.json');
    expect(await readScenarioFile(file)).toEqual({ ok: true, scenario });
  });
});
