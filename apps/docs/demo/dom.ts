/**
 * A minimal element builder for the demo's interface (no framework: the demo is plain DOM).
 */

/** Attributes of {@link h}: strings become attributes, functions `on<event>` listeners. */
export type Attributes = Record<string, string | boolean | EventListener | undefined>;

/** Creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children);
  return element;
}

/** The element of `root` marked `data-role="<role>"`. */
export function role<T extends HTMLElement>(root: HTMLElement, name: string): T {
  const element = root.querySelector<T>(`[data-role="${name}"]`);
  if (element === null) throw new Error(`demo: no element with data-role="${name}"`);
  return element;
}
