/**
 * Writes a legacy-format torch checkpoint `{'generator': OrderedDict(name -> float32 tensor)}`
 * in memory, so that the bench can measure a HiFi-GAN V1-sized file (55 MB) without shipping one.
 * The layout follows REFERENCE.md "PyTorch serialisation": magic, protocol, sys info, the object
 * pickle with persistent storage ids, the storage keys, then count + raw bytes per storage.
 */

/** Name and shape of one tensor. */
export type TensorSpec = readonly [string, readonly number[]];

/** The state-dict layout of a HiFi-GAN V1 generator (weight norm everywhere, ResBlock1). */
export function hifiganV1Specs(): TensorSpec[] {
  const specs: TensorSpec[] = [];
  const conv = (name: string, out: number, inp: number, k: number) => {
    specs.push(
      [`${name}.bias`, [out]],
      [`${name}.weight_g`, [out, 1, 1]],
      [`${name}.weight_v`, [out, inp, k]],
    );
  };
  conv('conv_pre', 512, 80, 7);
  const kernels = [16, 16, 4, 4];
  for (let i = 0; i < 4; i++) {
    const c = 512 >> i;
    specs.push(
      [`ups.${i}.bias`, [c / 2]],
      [`ups.${i}.weight_g`, [c, 1, 1]],
      [`ups.${i}.weight_v`, [c, c / 2, kernels[i] as number]],
    );
  }
  for (let i = 0; i < 4; i++) {
    const c = 256 >> i;
    [3, 7, 11].forEach((k, j) => {
      for (const group of ['convs1', 'convs2'])
        for (let n = 0; n < 3; n++) conv(`resblocks.${i * 3 + j}.${group}.${n}`, c, c, k);
    });
  }
  conv('conv_post', 1, 32, 7);
  return specs;
}

const enc = new TextEncoder();
const MAGIC = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

class Writer {
  readonly parts: Uint8Array[] = [];
  bytes(...b: number[]): void {
    this.parts.push(Uint8Array.from(b));
  }
  text(s: string): void {
    this.parts.push(enc.encode(s));
  }
  int(v: number): void {
    const b = new Uint8Array(5);
    b[0] = 0x4a; // BININT
    new DataView(b.buffer).setInt32(1, v, true);
    this.parts.push(b);
  }
  str(s: string): void {
    const body = enc.encode(s);
    const b = new Uint8Array(5);
    b[0] = 0x58; // BINUNICODE
    new DataView(b.buffer).setUint32(1, body.length, true);
    this.parts.push(b, body);
  }
  tuple(values: readonly number[]): void {
    this.bytes(0x28);
    for (const v of values) this.int(v);
    this.bytes(0x74);
  }
}

/** A legacy torch checkpoint holding float32 tensors of the given shapes (random values). */
export function syntheticLegacyCheckpoint(specs: readonly TensorSpec[]): Uint8Array {
  const w = new Writer();
  w.bytes(0x80, 0x02, 0x8a, 0x0a, ...MAGIC, 0x2e); // magic number
  w.bytes(0x80, 0x02, 0x4d, 0xe9, 0x03, 0x2e); // protocol 1001
  w.bytes(0x80, 0x02, 0x7d, 0x2e); // sys info {}
  w.bytes(0x80, 0x02, 0x7d);
  w.str('generator');
  w.text('ccollections\nOrderedDict\n)R(');
  specs.forEach(([name, shape], i) => {
    const numel = shape.reduce((a, b) => a * b, 1);
    const strides = shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
    w.str(name);
    w.text('ctorch._utils\n_rebuild_tensor_v2\n((');
    w.str('storage');
    w.text('ctorch\nFloatStorage\n');
    w.str(String(i));
    w.str('cpu');
    w.int(numel);
    w.bytes(0x4e, 0x74, 0x51); // None, TUPLE, BINPERSID
    w.int(0);
    w.tuple(shape);
    w.tuple(strides);
    w.bytes(0x89); // requires_grad False
    w.text('ccollections\nOrderedDict\n)RtR');
  });
  w.bytes(0x75, 0x73, 0x2e); // SETITEMS, SETITEM, STOP
  w.bytes(0x80, 0x02, 0x28);
  specs.forEach((_, i) => w.str(String(i)));
  w.bytes(0x6c, 0x2e); // LIST, STOP
  let seed = 1;
  for (const [, shape] of specs) {
    const numel = shape.reduce((a, b) => a * b, 1);
    const count = new Uint8Array(8);
    new DataView(count.buffer).setBigInt64(0, BigInt(numel), true);
    const data = new Float32Array(numel);
    for (let j = 0; j < numel; j++)
      data[j] = ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    w.parts.push(count, new Uint8Array(data.buffer));
  }
  const total = w.parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of w.parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
