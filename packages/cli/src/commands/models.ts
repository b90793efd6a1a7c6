/**
 * `voirs-vocoder models import|list|info|remove|pull`: the user model cache and the catalog.
 */
import { usageError } from '../args.js';
import type { Command } from '../command.js';
import type { ModelsSubcommand } from './models-context.js';
import { modelsImport } from './models-import.js';
import { modelsPull } from './models-pull.js';
import { modelsInfo, modelsList, modelsRemove } from './models-show.js';

const SUBCOMMANDS: readonly ModelsSubcommand[] = [
  modelsImport,
  modelsList,
  modelsInfo,
  modelsRemove,
  modelsPull,
];

export const modelsCommand: Command = {
  name: 'models',
  summary: 'import, pull, list, inspect and remove cached models',
  help: `Usage: voirs-vocoder models <import|list|info|remove|pull> [options]

  models import <checkpoint|folder> [--name <name>] [--arch v1|v2|v3] [--vocoder hifigan]
                [--precision fp32|int8] [--force]
      Converts a checkpoint (the config.json beside it is used) into an ONNX model in the cache,
      through the vocoder plugin. The name defaults to the file name (e.g. generator_v2).
      --precision int8 (hifigan) quantises it in TypeScript at import: int8 weights per output
      channel, uint8 activations calibrated on onnxruntime-node (faster, lower quality).
  models list [--available]
      Lists cached models; --available adds the catalog's models and how to get each.
  models info <name>
      Describes a cached model and/or its catalog entry (source, sha256, licence, notes).
  models remove <name>
      Deletes a cached model.
  models pull <name> [--name <as>] [--sha256 <hex>] [--url <url>] [--insecure-skip-checksum] [--force]
      Downloads a catalog model from its publisher (resuming an interrupted download), checks its
      sha256 (a mismatch deletes the file: E_CHECKSUM), then converts it into the cache. An entry
      whose sha256 is unknown is refused unless you pass --sha256 with a hash you trust, or
      --insecure-skip-checksum to accept whatever the server sends (not recommended). Entries the
      publisher offers only through a web page (Google Drive) need --url with a direct link, or a
      manual download and "models import".

Use a cached model with: voirs-vocoder vocode <in.wav> -o <out.wav> --vocoder hifigan --model <name>

Options:
  --cache-dir <folder>   the model cache (default: $VOIRS_CACHE_DIR, else $XDG_CACHE_HOME/voirs-vocoder
                         or ~/.cache/voirs-vocoder; ~/Library/Caches/voirs-vocoder on macOS;
                         %LOCALAPPDATA%\\voirs-vocoder\\Cache on Windows)
  --catalog <folder>     a folder of catalog manifests (default: $VOIRS_CATALOG_DIR, else the
                         official catalog shipped with @voirs/catalog)
  --force                replace a cached model of the same name
  -q, --quiet            no messages or progress bar
  --json                 print a JSON result on stdout`,
  async run(argv, context) {
    const [name, ...rest] = argv;
    const sub = SUBCOMMANDS.find((s) => s.name === name);
    if (sub === undefined) {
      usageError(
        name === undefined
          ? 'Missing a models sub-command.'
          : `Unknown models sub-command "${name}"; use import, list, info, remove or pull.`,
        'models',
      );
    }
    return sub.run(rest, context);
  },
};
