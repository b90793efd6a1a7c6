/**
 * Small Markdown helpers for the generated pages: code fences, tables, and making README text safe
 * for VitePress (whose Markdown is compiled as a Vue template).
 */

/** A fenced code block whose fence is longer than any backtick run inside `text`. */
export function codeBlock(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\s+$/, '')}\n${fence}`;
}

/** Escapes a table cell (pipes, line breaks). */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A Markdown table. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Escapes `<` in a line of prose, leaving inline code spans (which markdown-it escapes itself) alone. */
function escapeProse(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const tick = line.indexOf('`', i);
    if (tick < 0) return out + line.slice(i).replace(/</g, '&lt;');
    out += line.slice(i, tick).replace(/</g, '&lt;');
    const run = /^`+/.exec(line.slice(tick))![0];
    const close = line.indexOf(run, tick + run.length);
    if (close < 0) return out + line.slice(tick).replace(/</g, '&lt;');
    out += line.slice(tick, close + run.length);
    i = close + run.length;
  }
  return out;
}

/**
 * Makes hand-written Markdown (a README) safe to embed in a VitePress page, whose Markdown is
 * compiled as a Vue template: `<` in prose becomes `&lt;` (so `Map<K, V>` is not taken for an HTML
 * tag) and the whole text is wrapped in a `v-pre` container (so `{{ }}`, also inside inline code,
 * is not a Vue interpolation). Fenced code blocks are left alone.
 */
export function vueSafe(markdown: string): string {
  let fence: string | undefined;
  const body = markdown
    .split('\n')
    .map((line) => {
      const opener = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (fence !== undefined) {
        if (opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length)
          fence = undefined;
        return line;
      }
      if (opener !== undefined) {
        fence = opener;
        return line;
      }
      return escapeProse(line);
    })
    .join('\n');
  return `::: v-pre\n${body.trim()}\n:::`;
}

/** Splits Markdown into its sections at `## ` headings (outside fenced code); the part before the first is `intro`. */
export function sections(markdown: string): {
  intro: string;
  sections: { title: string; body: string }[];
} {
  const out: { title: string; body: string[] }[] = [];
  const intro: string[] = [];
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(`{3,}|~{3,})/.test(line)) fence = !fence;
    const heading = fence ? undefined : /^## (.+)$/.exec(line)?.[1];
    if (heading !== undefined) out.push({ title: heading.trim(), body: [] });
    else if (out.length === 0) intro.push(line);
    else out[out.length - 1]!.body.push(line);
  }
  return {
    intro: intro.join('\n').trim(),
    sections: out.map((s) => ({ title: s.title, body: s.body.join('\n').trim() })),
  };
}
