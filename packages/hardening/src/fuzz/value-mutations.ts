/**
 * Structural mutations of configuration values (what `JSON.parse` gives, or what a program passes):
 * replace any node by a hostile value (NaN, ±Infinity, -0, 2^53 + 1, huge strings, `__proto__`
 * keys, nested arrays…), delete or add keys, wrap a node, repeat an array or string to a large size.
 */
import fc from 'fast-check';

/** A path into a value: object keys and array indices. */
type Path = readonly (string | number)[];

/** One structural edit; `at` picks the node (a fraction of the node list). */
export interface ValueEdit {
  readonly at: number;
  readonly action: 'replace' | 'delete' | 'insert' | 'wrap' | 'repeat';
  readonly key: string;
  readonly value: unknown;
}

/** A seed index (modulo the seed count) and its edits. */
export interface ValueMutation {
  readonly seed: number;
  readonly edits: readonly ValueEdit[];
}

const HOSTILE_VALUES: readonly unknown[] = [
  Number.NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  -1,
  1,
  0.5,
  1e-320,
  1e308,
  2 ** 31,
  2 ** 32,
  2 ** 53 + 2,
  -(2 ** 31),
  10_000_000,
  null,
  undefined,
  true,
  false,
  '',
  'x'.repeat(100_000),
  '__proto__',
  'constructor',
  '../../../etc/passwd',
  '\u0000',
  [],
  {},
  [[[[[[[[]]]]]]]],
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
];

const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'extra',
  'name',
  'params',
  'length',
  '',
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

const valueEdit: fc.Arbitrary<ValueEdit> = fc.record({
  at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  action: fc.constantFrom(
    'replace' as const,
    'replace' as const,
    'replace' as const,
    'delete' as const,
    'insert' as const,
    'wrap' as const,
    'repeat' as const,
  ),
  key: fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })),
  value: hostileValue,
});

/** Mutations of 1 to 5 edits. */
export const valueMutation: fc.Arbitrary<ValueMutation> = fc.record({
  seed: fc.nat(),
  edits: fc.array(valueEdit, { minLength: 1, maxLength: 5 }),
});

const isContainer = (v: unknown): v is Record<string | number, unknown> =>
  v !== null && typeof v === 'object';

function paths(value: unknown, limit = 2000): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path, depth: number) => {
    if (out.length >= limit) return;
    out.push(path);
    if (!isContainer(node) || depth > 16) return;
    for (const key of Object.keys(node))
      walk(node[key], [...path, Array.isArray(node) ? Number(key) : key], depth + 1);
  };
  walk(value, [], 0);
  return out;
}

/** A deep copy that keeps NaN, undefined and own `__proto__` keys. */
function clone(value: unknown): unknown {
  if (!isContainer(value)) return value;
  if (Array.isArray(value)) return value.map(clone);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    Object.defineProperty(out, key, {
      value: clone(value[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

function setOwn(
  target: Record<string | number, unknown>,
  key: string | number,
  value: unknown,
): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function edited(node: unknown, e: ValueEdit): unknown {
  switch (e.action) {
    case 'replace':
      return clone(e.value);
    case 'wrap':
      return e.at < 0.5 ? [node] : { [e.key]: node };
    case 'repeat':
      if (Array.isArray(node) && node.length > 0)
        return Array.from({ length: 10_000 }, (_, i) => node[i % node.length]);
      if (typeof node === 'string')
        return node.repeat(Math.ceil(100_000 / Math.max(1, node.length)));
      return Array.from({ length: 10_000 }, () => node);
    case 'insert':
      if (Array.isArray(node)) return [...node, clone(e.value)];
      if (isContainer(node)) {
        const copy = clone(node) as Record<string, unknown>;
        setOwn(copy, e.key, clone(e.value));
        return copy;
      }
      return node;
    case 'delete':
      return node;
  }
}

/** Node and string-character budget of a mutated value (keeps inputs, and the fuzz parent, small). */
const MAX_NODES = 50_000;
const MAX_CHARS = 2_000_000;

function withinBudget(value: unknown): boolean {
  let nodes = 0;
  let chars = 0;
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (++nodes > MAX_NODES) return false;
    if (typeof node === 'string' && (chars += node.length) > MAX_CHARS) return false;
    if (isContainer(node)) for (const key of Object.keys(node)) stack.push(node[key]);
  }
  return true;
}

/** Applies one edit to a copy of `root`; an edit that would make the value too large is skipped. */
export function applyValueEdit(root: unknown, e: ValueEdit): unknown {
  const result = applyEditUnbounded(root, e);
  return withinBudget(result) ? result : root;
}

function applyEditUnbounded(root: unknown, e: ValueEdit): unknown {
  const all = paths(root);
  const path = all[Math.floor(e.at * all.length)] ?? [];
  if (path.length === 0) return e.action === 'delete' ? undefined : edited(root, e);
  const copy = clone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (e.action === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else setOwn(parent, last, edited(parent[last], e));
  return copy;
}

/** The mutated value: the chosen seed with every edit applied. */
export function applyValueMutation(seeds: readonly unknown[], m: ValueMutation): unknown {
  return m.edits.reduce(applyValueEdit, seeds[m.seed % seeds.length]);
}
