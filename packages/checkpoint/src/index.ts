/**
 * @voirs/checkpoint: safe, pure-TypeScript readers for model weights. PyTorch files (zip and
 * legacy serialisations) are read by an unpickler that never executes anything; safetensors and
 * npz are validated against their formats; weight norm can be folded for inference. Works on
 * Uint8Array in Node and browsers (file helpers: `@voirs/checkpoint/node`).
 * @packageDocumentation
 */
export {
  CHECKPOINT_DTYPES,
  elementSize,
  isTensorData,
  makeTensorData,
  shapeSize,
  tensorBytes,
  type CheckpointArrayMap,
  type CheckpointDType,
  type TensorData,
  type TensorOf,
} from './tensor-data.js';
export { bfloat16ToFloat, halfToFloat, toFloat32 } from './to-float32.js';
export {
  GlobalRef,
  InstanceRecord,
  PyDict,
  describeValue,
  isList,
  isTuple,
  type PickleOpaque,
  type PickleValue,
} from './pickle/values.js';
export { unpickle, type UnpickleOptions, type UnpickleResult } from './pickle/unpickler.js';
export type { TensorHooks } from './pickle/reduce.js';
export {
  loadTorchCheckpoint,
  type TorchCheckpoint,
  type TorchLoadOptions,
} from './torch/load-torch-checkpoint.js';
export {
  STATE_DICT_KEYS,
  isModuleRecord,
  moduleRecords,
  stateDict,
  weightsRoot,
} from './torch/state-dict.js';
export { readSafetensors, type SafetensorsFile } from './safetensors/read-safetensors.js';
export { writeSafetensors } from './safetensors/write-safetensors.js';
export { readNpz } from './npz/read-npz.js';
export { ZipArchive } from './zip/zip-archive.js';
export type { ZipEntry } from './zip/zip-directory.js';
export type { ZipLimits } from './zip/zip-limits.js';
export { detectFormat, type WeightFormat } from './detect-format.js';
export { loadWeights, type LoadWeightsOptions } from './load-weights.js';
export { foldWeightNorm, foldWeightNormStateDict } from './weight-norm.js';
