/** Module and environment types the demo relies on (provided by Vite at build time). */

/** `import url from './file?url'`: the URL Vite serves the file at. */
declare module '*?url' {
  const url: string;
  export default url;
}

interface ImportMetaEnv {
  /** True while Vite renders on the server (VitePress pre-rendering). */
  readonly SSR: boolean;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}

/** Stylesheets imported for their side effect (bundled by Vite). */
declare module '*.css';
