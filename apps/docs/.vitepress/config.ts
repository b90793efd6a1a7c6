/**
 * The VitePress configuration of the voirs-vocoder site. Generated pages (packages, CLI, API,
 * benchmarks, `_parts/`) come from `scripts/generate.ts`, which `docs:build` and `docs:dev` run
 * first. The workspace packages resolve to their TypeScript sources (`@voirs/source`), and pages
 * are served cross-origin isolated in dev and preview (the demo's onnxruntime-web threads and the
 * shared-memory player need SharedArrayBuffer).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defineConfig, type DefaultTheme, type UserConfig } from 'vitepress';

const SOURCE_CONDITION = '@voirs/source';

/** Headers that make a page cross-origin isolated. */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** A plugin of VitePress's own Vite (not the workspace's). */
type VitePlugin = NonNullable<NonNullable<UserConfig['vite']>['plugins']>[number];

/**
 * Sends {@link ISOLATION_HEADERS} with every response of the dev and preview servers (VitePress
 * serves its pages from its own middleware, which `server.headers` does not reach).
 */
function crossOriginIsolation(): VitePlugin {
  const isolate = (_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
    next();
  };
  return {
    name: 'voirs-cross-origin-isolation',
    configureServer: (server) => void server.middlewares.use(isolate),
    configurePreviewServer: (server) => void server.middlewares.use(isolate),
  };
}

interface GeneratedSidebar {
  packages: DefaultTheme.SidebarItem[];
  cli: DefaultTheme.SidebarItem[];
}

function generated<T>(file: string): T {
  const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing: run "pnpm --filter @voirs/docs-app generate" (docs:build and docs:dev do).`,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const sidebar = generated<GeneratedSidebar>('_parts/sidebar.json');
const apiSidebar = generated<DefaultTheme.SidebarItem[]>('api/typedoc-sidebar.json');

export default defineConfig({
  title: 'voirs-vocoder',
  description: 'Mel spectrograms to speech in TypeScript, in Node and in browsers.',
  base: process.env.VOIRS_DOCS_BASE ?? '/',
  cleanUrls: true,
  head: [
    [
      'link',
      {
        rel: 'icon',
        type: 'image/svg+xml',
        href: `${process.env.VOIRS_DOCS_BASE ?? '/'}favicon.svg`,
      },
    ],
  ],
  lastUpdated: false,
  srcExclude: ['**/_parts/**', 'README.md', 'test/**', 'examples/**', 'demo/**', 'scripts/**'],
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/getting-started' },
      { text: 'Concepts', link: '/concepts/' },
      { text: 'Demo', link: '/demo' },
      { text: 'CLI', link: '/reference/cli/' },
      { text: 'API', link: '/api/' },
      { text: 'Benchmarks', link: '/benchmarks/' },
    ],
    sidebar: [
      {
        text: 'Guide',
        items: [
          { text: 'Getting started', link: '/guide/getting-started' },
          { text: 'Live demo', link: '/demo' },
          { text: 'Write a plugin', link: '/guide/plugins' },
        ],
      },
      {
        text: 'Concepts',
        link: '/concepts/',
        items: [
          { text: 'Mel conventions', link: '/concepts/mel-conventions' },
          { text: 'Vocoders', link: '/concepts/vocoders' },
          { text: 'Backends', link: '/concepts/backends' },
          { text: 'Streaming', link: '/concepts/streaming' },
          { text: 'Registry', link: '/concepts/registry' },
          { text: 'Errors', link: '/concepts/errors' },
        ],
      },
      {
        text: 'Vocoders',
        collapsed: false,
        items: [
          { text: 'Griffin-Lim', link: '/vocoders/griffinlim' },
          { text: 'HiFi-GAN', link: '/vocoders/hifigan' },
          { text: 'DiffWave', link: '/vocoders/diffwave' },
          { text: 'WaveGlow', link: '/vocoders/waveglow' },
        ],
      },
      { text: 'Packages', collapsed: true, items: sidebar.packages },
      { text: 'Command line', link: '/reference/cli/', collapsed: true, items: sidebar.cli },
      {
        text: 'Benchmarks',
        collapsed: true,
        items: [
          { text: 'Results', link: '/benchmarks/' },
          { text: 'How they measure', link: '/benchmarks/method' },
        ],
      },
      { text: 'API reference', link: '/api/', collapsed: true, items: apiSidebar },
    ],
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
  vite: {
    resolve: {
      conditions: [SOURCE_CONDITION],
      // backend-web's default import is the WASM + WebGPU bundle; the demo uses the WASM-only
      // build, so one runtime (and one 14 MB .wasm instead of two) ships with the site
      alias: [{ find: /^onnxruntime-web$/, replacement: 'onnxruntime-web/wasm' }],
    },
    ssr: { resolve: { conditions: [SOURCE_CONDITION], externalConditions: [SOURCE_CONDITION] } },
    // onnxruntime-web must stay beside its .wasm/.mjs files; the demo points it at them (wasmPaths)
    optimizeDeps: { exclude: ['onnxruntime-web'] },
    worker: { format: 'es' },
    plugins: [crossOriginIsolation()],
    // the local search index (API pages included) is about 2 MB, fetched on the first search
    build: { target: 'es2022', chunkSizeWarningLimit: 3072 },
  },
});
