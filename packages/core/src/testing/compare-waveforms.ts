/**
 * How close a computed signal is to a reference (the parity tests' measure): the largest absolute
 * difference, and the SNR of the reference against the difference in dB.
 */
export function compareWaveforms(
  actual: Float32Array,
  expected: Float32Array,
): { maxAbs: number; snrDb: number } {
  if (actual.length !== expected.length)
    throw new Error(`length ${actual.length} != ${expected.length}`);
  let maxAbs = 0;
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = actual[i]! - expected[i]!;
    maxAbs = Math.max(maxAbs, Math.abs(d));
    signal += expected[i]! ** 2;
    noise += d * d;
  }
  return { maxAbs, snrDb: 10 * Math.log10(signal / Math.max(noise, 1e-30)) };
}
