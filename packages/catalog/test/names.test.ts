import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isModelName, isSha256, modelNameFromFile, parseSha256, sha256Hex } from '../src/index.js';
import { resolveCacheDir } from '../src/node.js';

describe('model names', () => {
  it('accepts portable names and rejects traversal, separators and case', () => {
    for (const good of ['hifigan-v2', 'a', 'generator_v2', 'model.v1', 'x'.repeat(64)])
      expect(isModelName(good), good).toBe(true);
    for (const bad of [
      '',
      '..',
      'a..b',
      '../a',
      'a/b',
      'a\\b',
      'A',
      '-a',
      'a-',
      '.a',
      'x'.repeat(65),
      'é',
    ]) {
      expect(isModelName(bad), bad).toBe(false);
    }
  });

  it('derives names from file names', () => {
    expect(modelNameFromFile('/models/LJ_V2/generator_v2')).toBe('generator_v2');
    expect(modelNameFromFile('C:\\m\\My Model.pt')).toBe('my-model');
    expect(modelNameFromFile('diffwave-ljspeech-22kHz-1000578.pt')).toBe(
      'diffwave-ljspeech-22khz-1000578',
    );
    expect(() => modelNameFromFile('___.pt')).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
  });

  it('derives only valid names, or fails with E_INVALID_ARGUMENT (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (file) => {
        try {
          expect(isModelName(modelNameFromFile(file))).toBe(true);
        } catch (error) {
          expect((error as { code?: string }).code).toBe('E_INVALID_ARGUMENT');
        }
      }),
    );
  });
});

describe('sha256', () => {
  it('hashes with Web Crypto (NIST "abc" vector) and normalises user input', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(
      parseSha256(' SHA256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD '),
    ).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(() => parseSha256('abc')).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(isSha256('A'.repeat(64))).toBe(false);
  });
});

describe('resolveCacheDir', () => {
  const home = '/home/u';
  it('prefers the flag, then VOIRS_CACHE_DIR, then the platform folder', () => {
    expect(resolveCacheDir({ cacheDir: '/x', env: { VOIRS_CACHE_DIR: '/y' }, home })).toBe('/x');
    expect(resolveCacheDir({ env: { VOIRS_CACHE_DIR: '/y', XDG_CACHE_HOME: '/z' }, home })).toBe(
      '/y',
    );
    expect(resolveCacheDir({ env: { XDG_CACHE_HOME: '/z' }, platform: 'linux', home })).toBe(
      '/z/voirs-vocoder',
    );
    expect(resolveCacheDir({ env: { XDG_CACHE_HOME: 'relative' }, platform: 'linux', home })).toBe(
      '/home/u/.cache/voirs-vocoder',
    );
    expect(resolveCacheDir({ env: {}, platform: 'freebsd', home })).toBe(
      '/home/u/.cache/voirs-vocoder',
    );
    expect(resolveCacheDir({ env: { XDG_CACHE_HOME: '/z' }, platform: 'darwin', home })).toBe(
      '/home/u/Library/Caches/voirs-vocoder',
    );
    expect(
      resolveCacheDir({
        env: { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' },
        platform: 'win32',
        home: 'C:\\Users\\u',
      }),
    ).toBe('C:\\Users\\u\\AppData\\Local\\voirs-vocoder\\Cache');
    expect(resolveCacheDir({ env: {}, platform: 'win32', home: 'C:\\Users\\u' })).toBe(
      'C:\\Users\\u\\AppData\\Local\\voirs-vocoder\\Cache',
    );
    expect(resolveCacheDir({ env: { VOIRS_CACHE_DIR: '  ' }, platform: 'linux', home })).toBe(
      '/home/u/.cache/voirs-vocoder',
    );
  });
});
