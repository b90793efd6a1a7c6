/**
 * The allow-list that decides what a pickled global may resolve to. Nothing outside it is ever
 * resolved: an unknown global fails with `E_CHECKPOINT_UNSAFE` the moment the GLOBAL (or
 * STACK_GLOBAL) opcode is read, before any further opcode runs.
 *
 * - callables: a fixed table of torch rebuild functions and container constructors that the
 *   unpickler interprets itself (see `reduce.ts`); callers can never add one;
 * - storages: `torch.FloatStorage` and the other storage types (also under `torch.cuda`);
 * - classes: `torch.nn.modules.*` classes, `WeightNorm`, plus the classes a caller allows with
 *   `allowGlobals`; they only ever become inert {@link InstanceRecord}s;
 * - markers: opaque names that rebuild functions take as arguments (`builtins.object`, dtypes).
 */
import { ConfigError, FormatError, ModelError } from '@voirs/core';
import { GlobalRef } from './values.js';

const CALLABLES = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch.nn.parameter.Parameter',
  'torch._tensor._rebuild_from_type',
  'torch._tensor._rebuild_from_type_v2',
  'torch.tensor._rebuild_from_type_v2',
  '__builtin__.set',
  'builtins.set',
  '__builtin__.frozenset',
  'builtins.frozenset',
  '__builtin__.bytes',
  'builtins.bytes',
  '_codecs.encode',
  'copy_reg._reconstructor',
  'copyreg._reconstructor',
  'torch.Size',
  'torch.device',
  'torch.nn.backends.thnn._get_thnn_function_backend',
]);

const MARKERS = new Set([
  '__builtin__.object',
  'builtins.object',
  '__builtin__.dict',
  'builtins.dict',
  '__builtin__.list',
  'builtins.list',
  'torch.Tensor',
  ...[
    'float32',
    'float',
    'float16',
    'half',
    'bfloat16',
    'float64',
    'double',
    'int64',
    'long',
    'int32',
    'int',
    'int16',
    'short',
    'int8',
    'uint8',
    'bool',
  ].map((d) => `torch.${d}`),
]);

const BUILTIN_CLASSES = new Set([
  'torch.nn.utils.weight_norm.WeightNorm',
  'torch.nn.utils.spectral_norm.SpectralNorm',
]);

/** Storage class names and the dtype of their elements. */
export const STORAGE_DTYPES = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
  UntypedStorage: 'uint8',
  _UntypedStorage: 'uint8',
} as const;

const UNSUPPORTED_STORAGES =
  /^(?:Complex(?:Float|Double|Half)|QU?Int(?:8|32|4x2|2x4)|Float8_\w+|UInt(?:16|32|64))Storage$/;
/** torch's own rebuild functions for tensor kinds this reader does not represent (refused, not run). */
const UNSUPPORTED_TENSOR_KINDS =
  /^torch\._utils\._rebuild_(?:sparse_tensor|sparse_csr_tensor|sparse_compressed_tensor|qtensor|meta_tensor_no_storage|wrapper_subclass|device_tensor_from_numpy|device_tensor_from_cpu_tensor|nested_tensor|xla_tensor|mps_tensor)$/;
const MODULE_CLASS = /^torch\.nn\.modules\.[a-z_][a-z0-9_]*$/;
const CLASS_NAME = /^[A-Z][A-Za-z0-9_]*$/;
const QUALIFIED = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * Modules whose globals are code-execution primitives. Such globals are never resolved, and a
 * caller cannot allow a class from them either.
 */
const DANGEROUS_MODULES =
  /^(?:os|posix|nt|subprocess|sys|builtins|__builtin__|shutil|socket|importlib|runpy|pickle|_pickle|marshal|types|functools|operator|codecs|_codecs|pty|ctypes|code|commands|platform|webbrowser|requests|urllib|http|asyncio|multiprocessing|threading|signal|io|tempfile|pathlib|glob|eval|exec)(?:\.|$)/;

/**
 * Validates a caller's `allowGlobals` list into a set of `module.Class` names.
 * @throws TypeError when it is not an array of strings.
 * @throws ConfigError `E_INVALID_ARGUMENT` for a malformed name or one from a dangerous module.
 */
export function parseAllowGlobals(
  allowGlobals: readonly string[] | undefined,
): ReadonlySet<string> {
  if (allowGlobals === undefined) return new Set();
  if (!Array.isArray(allowGlobals) || !allowGlobals.every((g) => typeof g === 'string')) {
    throw new TypeError('allowGlobals must be an array of "module.Class" strings.');
  }
  for (const name of allowGlobals) {
    if (!QUALIFIED.test(name)) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `allowGlobals entry "${name}" is not a "module.Class" name.`,
      );
    }
    if (DANGEROUS_MODULES.test(name) || CALLABLES.has(name)) {
      throw new ConfigError(
        'E_INVALID_ARGUMENT',
        `allowGlobals entry "${name}" names a function or a module that can run code; only model classes can be allowed.`,
      );
    }
  }
  return new Set(allowGlobals);
}

/**
 * Resolves the global `module.name` against the allow-list.
 * @throws ModelError `E_CHECKPOINT_UNSAFE` when it is not allowed.
 * @throws FormatError `E_CHECKPOINT_UNSUPPORTED` for a known torch storage this reader cannot read.
 */
export function resolveGlobal(
  module: string,
  name: string,
  allowedClasses: ReadonlySet<string>,
): GlobalRef {
  const full = `${module}.${name}`;
  if (CALLABLES.has(full)) return new GlobalRef('callable', module, name);
  if (MARKERS.has(full)) return new GlobalRef('marker', module, name);
  if (module === 'torch' || module === 'torch.cuda' || module === 'torch.storage') {
    if (Object.hasOwn(STORAGE_DTYPES, name)) return new GlobalRef('storage', module, name);
    if (UNSUPPORTED_STORAGES.test(name)) {
      throw new FormatError(
        'E_CHECKPOINT_UNSUPPORTED',
        `The checkpoint holds a ${full}, a storage type this reader does not support.`,
        {
          details: { global: full },
        },
      );
    }
  }
  if (BUILTIN_CLASSES.has(full) || (MODULE_CLASS.test(module) && CLASS_NAME.test(name))) {
    return new GlobalRef('class', module, name);
  }
  if (allowedClasses.has(full) && !DANGEROUS_MODULES.test(full))
    return new GlobalRef('class', module, name);
  if (UNSUPPORTED_TENSOR_KINDS.test(full)) {
    throw new FormatError(
      'E_CHECKPOINT_UNSUPPORTED',
      `The checkpoint holds a tensor kind this reader does not support (${full}: sparse, quantized, meta, nested or device-specific tensors); save dense CPU tensors instead.`,
      { details: { global: full } },
    );
  }
  throw unsafeGlobal(full);
}

/** The `E_CHECKPOINT_UNSAFE` error for a refused global. */
export function unsafeGlobal(full: string): ModelError {
  const hint = DANGEROUS_MODULES.test(full)
    ? 'It is a code-execution primitive: the file is probably malicious. Do not load it with torch.load either.'
    : 'If it is one of your model classes, pass allowGlobals: ["' +
      full +
      '"] (it becomes an inert record); functions can never be allowed.';
  return new ModelError(
    'E_CHECKPOINT_UNSAFE',
    `The checkpoint references the global ${full}, which is not on the allow-list; it was refused and nothing was executed. ${hint}`,
    {
      details: { global: full },
    },
  );
}
