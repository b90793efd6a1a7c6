// Module resolution hook: prefer the `@voirs/source` export condition (TypeScript sources) of
// workspace packages. Registered by piscina-entry.js in each worker thread of a repository checkout.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, {
    ...context,
    conditions: ['@voirs/source', ...context.conditions],
  });
}
