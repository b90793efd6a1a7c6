/**
 * The calibration workload: a fixed single-threaded JavaScript convolution, timed with tinybench at
 * the start and the end of a run. Its time tracks how fast this machine (and how loaded) was during
 * the run; the regression check divides metrics without an in-run peer by it.
 */
import { Bench } from 'tinybench';

const SIGNAL = 1 << 16;
const TAPS = 127;

/** The workload: a 127-tap FIR filter over 65,536 samples (about 8 M multiply-adds). */
function calibrationWork(): number {
  const x = new Float32Array(SIGNAL);
  const h = new Float32Array(TAPS);
  for (let i = 0; i < SIGNAL; i++) x[i] = Math.sin(i * 0.01);
  for (let k = 0; k < TAPS; k++) h[k] = 1 / (k + 1);
  let acc = 0;
  for (let i = TAPS; i < SIGNAL; i++) {
    let y = 0;
    for (let k = 0; k < TAPS; k++) y += x[i - k]! * h[k]!;
    acc += y;
  }
  return acc;
}

/** Times the workload; returns the samples in milliseconds. */
export async function timeCalibration(iterations = 15): Promise<number[]> {
  const bench = new Bench({ time: 0, iterations, warmupIterations: 3, throws: true });
  let sink = 0;
  bench.add('calibration', () => {
    sink += calibrationWork();
  });
  await bench.run();
  if (!Number.isFinite(sink)) throw new RangeError('the calibration workload overflowed');
  return [...bench.tasks[0]!.result!.latency.samples];
}
