/**
 * Recognises weight and audio files by their content, never by their extension.
 */
import { LEGACY_MAGIC } from './torch/torch-legacy.js';
import { unpickle } from './pickle/unpickler.js';
import { looksLikeOnnx } from './onnx-sniff.js';
import { hasZipMagic, readZipDirectory } from './zip/zip-directory.js';
import { resolveZipLimits } from './zip/zip-limits.js';

/** The formats {@link detectFormat} tells apart. */
export type WeightFormat =
  'torch-zip' | 'torch-legacy' | 'safetensors' | 'onnx' | 'npy' | 'npz' | 'wav' | 'unknown';

const SAFETENSORS_MAX_HEADER = 100_000_000;
const NO_CLASSES: ReadonlySet<string> = new Set();

function ascii(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** True when the file starts with the legacy torch magic-number pickle (any protocol). */
function isTorchLegacy(bytes: Uint8Array): boolean {
  const first = bytes[0];
  if (first !== 0x80 && first !== 0x8a && first !== 0x4c) return false;
  try {
    return unpickle(bytes.subarray(0, 64), { allowedClasses: NO_CLASSES }).value === LEGACY_MAGIC;
  } catch {
    return false;
  }
}

function isSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n < 2n || n > BigInt(Math.min(SAFETENSORS_MAX_HEADER, bytes.length - 8))) return false;
  let end = 8 + Number(n) - 1;
  while (end > 8 && bytes[end] === 0x20) end--;
  return bytes[8] === 0x7b && bytes[end] === 0x7d;
}

/** Classifies a zip by its entry names: torch archives hold `<folder>/data.pkl`, npz only `.npy` files. */
function zipKind(bytes: Uint8Array): WeightFormat {
  let names: string[];
  try {
    names = readZipDirectory(
      bytes,
      resolveZipLimits({ maxEntryBytes: Infinity, maxTotalBytes: Infinity, maxRatio: Infinity }),
    ).map((e) => e.name);
  } catch {
    // An unreadable directory: judge by the first local header's name so that the matching
    // reader reports the real problem.
    const len = bytes.length >= 30 ? (bytes[26] as number) | ((bytes[27] as number) << 8) : 0;
    names = [new TextDecoder('latin1').decode(bytes.subarray(30, 30 + len))];
  }
  if (names.some((n) => /^[^/]+\/data\.pkl$/.test(n))) return 'torch-zip';
  const files = names.filter((n) => !n.endsWith('/'));
  if (files.length > 0 && files.every((n) => n.endsWith('.npy'))) return 'npz';
  return 'unknown';
}

/**
 * The format of `bytes`, judged by content: zip archives are told apart by their entries, legacy
 * torch files by their magic-number pickle, safetensors by a JSON header behind a sane length,
 * npy by `\x93NUMPY`, WAV by `RIFF…WAVE` (also RF64/BW64), ONNX by a protobuf walk (see
 * `onnx-sniff.ts` for the heuristic). Never throws for any byte content.
 * @throws TypeError when `bytes` is not a Uint8Array.
 */
export function detectFormat(bytes: Uint8Array): WeightFormat {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('detectFormat needs a Uint8Array.');
  if (hasZipMagic(bytes)) return zipKind(bytes);
  if (ascii(bytes, 0, '\x93NUMPY')) return 'npy';
  if (
    (ascii(bytes, 0, 'RIFF') || ascii(bytes, 0, 'RF64') || ascii(bytes, 0, 'BW64')) &&
    ascii(bytes, 8, 'WAVE')
  )
    return 'wav';
  if (isTorchLegacy(bytes)) return 'torch-legacy';
  if (isSafetensors(bytes)) return 'safetensors';
  if (looksLikeOnnx(bytes)) return 'onnx';
  return 'unknown';
}
