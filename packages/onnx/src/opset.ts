/**
 * Which ONNX opsets the builder emits, and the IR version each one needs.
 */
import { ConfigError } from '@voirs/core';

/** Lowest default-domain opset the builder emits (axes/split/pads are inputs from 13 on). */
export const MIN_OPSET = 13;
/** Highest default-domain opset the builder emits (ONNX 1.19; onnxruntime 1.30 loads it). */
export const MAX_OPSET = 24;
/** The builder's default opset. */
export const DEFAULT_OPSET = 17;

/**
 * IR version introduced together with each opset (the ONNX release table): a model gets the
 * lowest IR version its opset requires, so older runtimes can still load it.
 */
const IR_FOR_OPSET: Readonly<Record<number, number>> = {
  13: 7,
  14: 7,
  15: 8,
  16: 8,
  17: 8,
  18: 8,
  19: 9,
  20: 9,
  21: 10,
  22: 10,
  23: 11,
  24: 12,
};

/**
 * The IR version a model importing `opset` of the default domain must declare.
 * @throws ConfigError `E_CONFIG_INVALID` when the opset is outside {@link MIN_OPSET}..{@link MAX_OPSET}.
 */
export function irVersionForOpset(opset: number): number {
  const ir = Number.isInteger(opset) ? IR_FOR_OPSET[opset] : undefined;
  if (ir === undefined) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `ONNX opset ${opset} is not supported by the graph builder; use an integer from ${MIN_OPSET} to ${MAX_OPSET} (default ${DEFAULT_OPSET}).`,
      { details: { opset } },
    );
  }
  return ir;
}
