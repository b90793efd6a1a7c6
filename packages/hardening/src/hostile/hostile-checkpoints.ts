/**
 * Hostile PyTorch checkpoints, made in memory: the classic code-execution pickles (`os.system`,
 * `posix.system`, `builtins.eval`, `subprocess.Popen`, `getattr(__import__('os'), 'system')`,
 * STACK_GLOBAL and INST spellings, REDUCE of a computed value) in both the zip and the legacy
 * serialisation, and zip archives that are bombs (sizes that lie, 4 GiB claims, overlapping
 * entries) or that name paths outside the archive. Each payload would create `canary` if it ran.
 */
import { PickleWriter, callPickle } from './pickle-writer.js';
import { overlappingZip, writeZip, type ZipMember } from './zip-writer.js';

/** A named hostile file and the error code every public entry point must answer with. */
export interface HostileFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly code: string;
}

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

/** Pickles that would run a command creating `canary`. */
export function payloads(canary: string): Record<string, Uint8Array> {
  const shell = `touch ${canary}`;
  return {
    'os.system': callPickle('os', 'system', shell),
    'posix.system': callPickle('posix', 'system', shell),
    'builtins.eval': callPickle(
      'builtins',
      'eval',
      `__import__('os').system(${JSON.stringify(shell)})`,
    ),
    'subprocess.Popen': new PickleWriter()
      .global('subprocess', 'Popen')
      .mark()
      .string('touch')
      .string(canary)
      .tuple()
      .tupleOf(1)
      .reduce()
      .stop(),
    'getattr(__import__)': new PickleWriter()
      .global('builtins', 'getattr')
      .global('builtins', '__import__')
      .string('os')
      .tupleOf(1)
      .reduce()
      .string('system')
      .tupleOf(2)
      .reduce()
      .string(shell)
      .tupleOf(1)
      .reduce()
      .stop(),
    'STACK_GLOBAL os.system': new PickleWriter()
      .string('os')
      .string('system')
      .stackGlobal()
      .string(shell)
      .tupleOf(1)
      .reduce()
      .stop(),
    'INST os.system': new PickleWriter().mark().string(shell).inst('os', 'system').stop(),
    // REDUCE of a value an allowed call returned (a dict): a nested-REDUCE trick needing no global
    'REDUCE of a computed value': new PickleWriter()
      .global('collections', 'OrderedDict')
      .emptyTuple()
      .reduce()
      .string(shell)
      .tupleOf(1)
      .reduce()
      .stop(),
    // a real-looking state dict whose value is the payload
    'state dict holding os.system': new PickleWriter()
      .global('collections', 'OrderedDict')
      .emptyTuple()
      .reduce()
      .mark()
      .string('conv_pre.weight')
      .global('os', 'system')
      .string(shell)
      .tupleOf(1)
      .reduce()
      .setItems()
      .stop(),
  };
}

/** `torch.save` zip layout around a data.pkl. */
export function torchZip(
  dataPkl: Uint8Array,
  storages: Record<string, Uint8Array> = {},
  extra: ZipMember[] = [],
): Uint8Array {
  return writeZip([
    { name: 'archive/data.pkl', data: dataPkl },
    { name: 'archive/byteorder', data: new TextEncoder().encode('little') },
    ...Object.entries(storages).map(([key, data]) => ({ name: `archive/data/${key}`, data })),
    { name: 'archive/version', data: new TextEncoder().encode('3\n') },
    ...extra,
  ]);
}

/** The legacy serialisation: magic, protocol, sys info, the object pickle, an empty key list. */
export function torchLegacy(objectPkl: Uint8Array): Uint8Array {
  const parts = [
    new PickleWriter().long(LEGACY_MAGIC).stop(),
    new PickleWriter().int(1001).stop(),
    new PickleWriter()
      .emptyDict()
      .mark()
      .string('protocol_version')
      .int(1001)
      .string('little_endian')
      .bool(true)
      .string('type_sizes')
      .emptyDict()
      .mark()
      .string('short')
      .int(2)
      .string('int')
      .int(4)
      .string('long')
      .int(4)
      .setItems()
      .setItems()
      .stop(),
    objectPkl,
    new PickleWriter().emptyList().stop(),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

/** A state dict `{w: FloatTensor[numel]}` whose storage is key `0` (protocol 2, zip layout). */
export function stateDictPickle(numel: number): Uint8Array {
  return new PickleWriter()
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce()
    .mark()
    .string('w')
    .global('torch._utils', '_rebuild_tensor_v2')
    .mark()
    .mark()
    .string('storage')
    .global('torch', 'FloatStorage')
    .string('0')
    .string('cpu')
    .int(numel)
    .tuple()
    .persistentId()
    .int(0)
    .int(numel)
    .tupleOf(1)
    .int(1)
    .tupleOf(1)
    .bool(false)
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce()
    .tuple()
    .reduce()
    .setItems()
    .stop();
}

/** Every hostile checkpoint, with the code it must be refused with. */
export function hostileCheckpoints(canary: string): HostileFile[] {
  const files: HostileFile[] = [];
  for (const [name, pkl] of Object.entries(payloads(canary))) {
    files.push({ name: `${name} (zip)`, bytes: torchZip(pkl), code: 'E_CHECKPOINT_UNSAFE' });
    files.push({ name: `${name} (legacy)`, bytes: torchLegacy(pkl), code: 'E_CHECKPOINT_UNSAFE' });
  }
  const zeros = new Uint8Array(16 * 1024 * 1024);
  files.push(
    {
      name: 'zip bomb: a 1 KiB entry that inflates to 16 MiB',
      bytes: writeZip([
        { name: 'archive/data.pkl', data: stateDictPickle(256) },
        { name: 'archive/data/0', data: zeros, method: 'deflate', declaredSize: 1024 },
      ]),
      code: 'E_ZIP_BOMB',
    },
    {
      name: 'zip bomb: an entry claiming 4 GiB',
      bytes: writeZip([
        { name: 'archive/data.pkl', data: stateDictPickle(0x3fffffff) },
        {
          name: 'archive/data/0',
          data: zeros.subarray(0, 4096),
          method: 'deflate',
          declaredSize: 0xfffffffc,
        },
      ]),
      code: 'E_ZIP_BOMB',
    },
    {
      name: 'zip bomb: overlapping entries',
      bytes: overlappingZip(
        { name: 'archive/data.pkl', data: stateDictPickle(1024) },
        { name: 'archive/data/0', data: zeros.subarray(0, 4096) },
        'archive/data/1',
      ),
      code: 'E_ZIP_BOMB',
    },
  );
  const dict = stateDictPickle(1);
  for (const bad of [
    '../evil/data.pkl',
    '/tmp/evil/data.pkl',
    'archive/../../evil/data.pkl',
    'archive\\..\\..\\evil.pkl',
    'C:/evil/data.pkl',
  ]) {
    files.push({
      name: `zip path traversal: ${bad}`,
      bytes: writeZip([
        { name: 'archive/data.pkl', data: dict },
        { name: bad, data: Uint8Array.of(1) },
      ]),
      code: 'E_PATH_TRAVERSAL',
    });
  }
  return files;
}
