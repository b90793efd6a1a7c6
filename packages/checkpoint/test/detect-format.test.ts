import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '@voirs/core/testing';
import { detectFormat, loadWeights } from '../src/index.js';
import { catchVocoderError, fixture } from './helpers/fixtures.js';

const bytes = (...values: (number | string)[]) =>
  new Uint8Array(
    values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])),
  );

/** A tiny protobuf ModelProto: ir_version 8, producer "t", graph {name "g"}, opset_import {version 13}. */
const ONNX = bytes(
  0x08,
  0x08,
  0x12,
  0x01,
  't',
  0x3a,
  0x03,
  0x12,
  0x01,
  'g',
  0x42,
  0x02,
  0x10,
  0x0d,
);

describe('detectFormat', () => {
  it('tells the fixture formats apart by content', () => {
    const expected: [string, string][] = [
      ['synthetic-zip-p2.pt', 'torch-zip'],
      ['synthetic-deflated.pt', 'torch-zip'],
      ['synthetic-legacy-p2.pt', 'torch-legacy'],
      ['synthetic-legacy-p4.pt', 'torch-legacy'],
      ['views-legacy.pt', 'torch-legacy'],
      ['tensors.safetensors', 'safetensors'],
      ['arrays.npz', 'npz'],
      ['arrays-compressed.npz', 'npz'],
      ['hostile/traversal-dotdot.zip', 'torch-zip'],
    ];
    for (const [name, format] of expected) expect(detectFormat(fixture(name)), name).toBe(format);
  });

  it('recognises npy, WAV and ONNX headers', () => {
    expect(detectFormat(bytes(0x93, 'NUMPY', 1, 0))).toBe('npy');
    expect(detectFormat(bytes('RIFF', 0, 0, 0, 0, 'WAVEfmt '))).toBe('wav');
    expect(detectFormat(bytes('RF64', 0, 0, 0, 0, 'WAVE'))).toBe('wav');
    expect(detectFormat(ONNX)).toBe('onnx');
  });

  it('the ONNX sniff rejects near misses', () => {
    expect(detectFormat(ONNX.subarray(0, 5))).toBe('unknown'); // no graph field
    expect(detectFormat(ONNX.subarray(0, ONNX.length - 1))).toBe('unknown'); // length runs past the end
    expect(detectFormat(bytes(0x08, 0x00, 0x3a, 0x00))).toBe('unknown'); // ir_version 0
    expect(detectFormat(bytes(0x12, 0x01, 't', 0x08, 0x08, 0x3a, 0x00))).toBe('unknown'); // ir_version not first
    expect(detectFormat(bytes(0x08, 0x08, 0x3a, 0x00, 0x48, 0x01))).toBe('unknown'); // field 9 is not ModelProto's
  });

  const onnx = sharedFile('models/dnsmos/sig_bak_ovr.onnx');
  it.skipIf(!onnx)('recognises a real ONNX model', () => {
    expect(detectFormat(new Uint8Array(readFileSync(onnx as string)))).toBe('onnx');
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(typeof detectFormat(data)).toBe('string');
      }),
      { numRuns: 2000 },
    );
    expect(detectFormat(new Uint8Array(0))).toBe('unknown');
    expect(() => detectFormat('x' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('loadWeights dispatch', () => {
  it('refuses formats that are not weights, with a hint', () => {
    expect(catchVocoderError(() => loadWeights(ONNX), 'E_UNSUPPORTED_FORMAT').message).toContain(
      'ONNX',
    );
    expect(
      catchVocoderError(
        () => loadWeights(bytes('RIFF', 0, 0, 0, 0, 'WAVE')),
        'E_UNSUPPORTED_FORMAT',
      ).message,
    ).toContain('WAV');
    expect(
      catchVocoderError(() => loadWeights(bytes(0x93, 'NUMPY', 1, 0)), 'E_UNSUPPORTED_FORMAT')
        .message,
    ).toContain('readNpy');
    catchVocoderError(() => loadWeights(new Uint8Array(64)), 'E_UNSUPPORTED_FORMAT');
  });

  it('a zip of other files is unsupported; a broken one reports the zip problem', () => {
    const other = fixture('hostile/traversal-absolute.zip');
    catchVocoderError(() => loadWeights(other), 'E_PATH_TRAVERSAL');
    catchVocoderError(
      () => loadWeights(bytes('PK', 3, 4, ...new Array(40).fill(0))),
      'E_ZIP_INVALID',
    );
  });
});
