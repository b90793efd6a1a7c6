/**
 * One vitest run for the whole workspace: every package and app with a `test/` folder is a
 * project. Workspace packages resolve to their TypeScript sources through the `@voirs/source`
 * export condition, so tests never need a build.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

const SOURCE_CONDITION = '@voirs/source';

function projectDirs(): string[] {
  return ['packages', 'apps'].flatMap((group) =>
    existsSync(group)
      ? readdirSync(group)
          .map((name) => join(group, name))
          .filter((dir) => existsSync(join(dir, 'test')))
      : [],
  );
}

export default defineConfig({
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    projects: projectDirs().map((dir) => ({
      extends: true,
      test: {
        name: dir.split('/')[1],
        root: dir,
        include: ['test/**/*.test.ts'],
      },
    })),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
