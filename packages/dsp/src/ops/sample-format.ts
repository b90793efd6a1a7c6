/**
 * Conversions between float samples and integer PCM held in typed arrays.
 *
 * Floats map to integers as `round(x * 2^(bits-1) [+ TPDF dither])`, clipped to
 * `[-2^(bits-1), 2^(bits-1) - 1]`; integers map back as `v / 2^(bits-1)`, so integer -> float ->
 * integer is exact for 16 and 24 bits. 24-bit values live in an `Int32Array` (range +-2^23).
 * Convert between integer widths through float, e.g. `floatToInt24(int16ToFloat(x))` (exact).
 */
import { ConfigError } from '@voirs/core';
import { Quantizer, type IntBitDepth, type QuantizeOptions } from './quantizer.js';

function quantizeAll<T extends Int16Array | Int32Array>(
  samples: Float32Array,
  bits: IntBitDepth,
  out: T,
  options: QuantizeOptions,
): T {
  if (!(samples instanceof Float32Array)) throw new TypeError('expected Float32Array samples');
  const q = new Quantizer(bits, options);
  for (let i = 0; i < samples.length; i++) out[i] = q.quantize(samples[i]!);
  return out;
}

/**
 * Float to 16-bit PCM, clipping out-of-range samples; optional seeded TPDF dither.
 * @throws InputError `E_AUDIO_INVALID` for NaN or infinite samples.
 */
export function floatToInt16(samples: Float32Array, options: QuantizeOptions = {}): Int16Array {
  return quantizeAll(samples, 16, new Int16Array(samples.length), options);
}

/** Float to 24-bit PCM in an `Int32Array`; see {@link floatToInt16}. */
export function floatToInt24(samples: Float32Array, options: QuantizeOptions = {}): Int32Array {
  return quantizeAll(samples, 24, new Int32Array(samples.length), options);
}

/** Float to 32-bit PCM; see {@link floatToInt16}. Float32 input only carries 24 bits of precision. */
export function floatToInt32(samples: Float32Array, options: QuantizeOptions = {}): Int32Array {
  return quantizeAll(samples, 32, new Int32Array(samples.length), options);
}

/** 16-bit PCM to float in [-1, 1). */
export function int16ToFloat(samples: Int16Array): Float32Array {
  if (!(samples instanceof Int16Array)) throw new TypeError('int16ToFloat expects an Int16Array');
  return Float32Array.from(samples, (v) => v / 32768);
}

/**
 * 24-bit PCM (in an `Int32Array`) to float in [-1, 1).
 * @throws ConfigError `E_INVALID_ARGUMENT` for values outside the 24-bit range.
 */
export function int24ToFloat(samples: Int32Array): Float32Array {
  if (!(samples instanceof Int32Array)) throw new TypeError('int24ToFloat expects an Int32Array');
  return Float32Array.from(samples, (v, i) => {
    if (v < -8388608 || v > 8388607) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `Value ${v} at index ${i} is not a 24-bit sample (-8388608..8388607).`,
      );
    }
    return v / 8388608;
  });
}

/** 32-bit PCM to float in [-1, 1] (rounded to float32 precision). */
export function int32ToFloat(samples: Int32Array): Float32Array {
  if (!(samples instanceof Int32Array)) throw new TypeError('int32ToFloat expects an Int32Array');
  return Float32Array.from(samples, (v) => v / 2147483648);
}
