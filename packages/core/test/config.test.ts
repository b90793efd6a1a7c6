import { describe, expect, it } from 'vitest';
import {
  parseModelConfig,
  parseStreamingConfig,
  parseSynthesisConfig,
  parseOutputConfig,
  ConfigError,
} from '../src/index.js';

describe('configs', () => {
  it('fills defaults', () => {
    expect(parseSynthesisConfig(undefined)).toMatchObject({
      quality: 'high',
      performance: 'balanced',
    });
    expect(parseModelConfig({})).toMatchObject({ precision: 'fp32' });
    expect(parseOutputConfig({})).toMatchObject({ format: 's16', dither: false });
  });

  it('lists every invalid field with its path', () => {
    let error: unknown;
    try {
      parseSynthesisConfig({ quality: 'best', seed: -1, streaming: { chunkFrames: 0 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect((error as ConfigError).code).toBe('E_CONFIG_INVALID');
    expect(message).toContain('synthesis config.quality');
    expect(message).toContain('synthesis config.seed');
    expect(message).toContain('synthesis config.streaming.chunkFrames');
  });

  it('rejects unknown keys and bad types', () => {
    expect(() => parseStreamingConfig({ chunkFrame: 4 })).toThrowError(
      expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
    );
    expect(() => parseModelConfig({ threads: 2.5 })).toThrowError(
      expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
    );
    expect(() => parseOutputConfig({ sampleRate: 10_000_000 })).toThrowError(
      expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
    );
    expect(() => parseSynthesisConfig({ signal: {} })).toThrowError(
      expect.objectContaining({ code: 'E_CONFIG_INVALID' }),
    );
  });
});
