// Module resolution hook: prefer the `@voirs/source` export condition (TypeScript sources) of
// workspace packages. Registered by voirs-vocoder.js when running from a repository checkout.
export async function resolve(specifier, context, nextResolve) {
  return nextResolve(specifier, {
    ...context,
    conditions: ['@voirs/source', ...context.conditions],
  });
}
