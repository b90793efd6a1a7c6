/**
 * The JSON form of an effect chain and its validation:
 *
 * ```json
 * [
 *   { "effect": "compressor", "params": { "thresholdDb": -20, "ratio": 3 } },
 *   { "effect": "reverb", "params": { "rt60": 0.8 }, "mix": 0.3,
 *     "automation": [{ "time": 2, "params": { "wet": 0.6 }, "rampSeconds": 1 }] },
 *   { "effect": "limiter", "params": { "ceilingDb": -1 }, "bypass": false }
 * ]
 * ```
 */
import * as v from 'valibot';
import { ConfigError } from '@voirs/core';

/** Most slots a chain may have. */
export const MAX_CHAIN_LENGTH = 64;

const params = v.record(v.string(), v.unknown());
const mix = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));

/** One automation point: values reached at `time`, ramped linearly over the `rampSeconds` before. */
export const AutomationPointSchema = v.strictObject({
  /** Seconds from the start of the stream. */
  time: v.pipe(v.number(), v.finite(), v.minValue(0)),
  /** Parameters to reach (numbers ramp; other values switch at `time`). */
  params: v.optional(params),
  mix: v.optional(mix),
  /** Switches at `time` (with the usual 20 ms crossfade). */
  bypass: v.optional(v.boolean()),
  /** Length of the ramp ending at `time`, s (0: a step, still de-zippered by the effect). */
  rampSeconds: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(3600)), 0),
});
export type AutomationPoint = v.InferInput<typeof AutomationPointSchema>;

/** One effect of a chain. */
export const ChainSlotSchema = v.strictObject({
  /** Registered effect name. */
  effect: v.pipe(v.string(), v.minLength(1)),
  params: v.optional(params, {}),
  /** Skip the effect (its latency is kept, so the timing does not change). */
  bypass: v.optional(v.boolean(), false),
  /** Wet/dry balance: 0 = dry (latency-compensated), 1 = fully processed. */
  mix: v.optional(mix, 1),
  /** Parameter changes over time, in time order. */
  automation: v.optional(
    v.pipe(
      v.array(AutomationPointSchema),
      v.check(
        (points) => points.every((p, i) => i === 0 || p.time >= points[i - 1]!.time),
        'automation points must be in time order',
      ),
    ),
  ),
});
export type ChainSlotSpec = v.InferInput<typeof ChainSlotSchema>;
export type ResolvedChainSlot = v.InferOutput<typeof ChainSlotSchema>;

/** A chain: effects applied in order. */
export const ChainSchema = v.pipe(v.array(ChainSlotSchema), v.maxLength(MAX_CHAIN_LENGTH));
export type ChainSpec = ChainSlotSpec[];

/** `chain[2].params.ratio` from a dot path `2.params.ratio`. */
function fieldOf(path: string | null): { index: number | undefined; field: string; where: string } {
  if (!path) return { index: undefined, field: '', where: 'chain' };
  const [head, ...rest] = path.split('.');
  const index = Number(head);
  const field = rest
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  return {
    index,
    field,
    where: `chain[${index}]${field ? (field.startsWith('[') ? field : `.${field}`) : ''}`,
  };
}

/** The `E_EFFECT_CHAIN` error for slot `index`, `field`. */
export function chainError(
  index: number | undefined,
  field: string,
  message: string,
  cause?: unknown,
): ConfigError {
  const where = index === undefined ? 'chain' : `chain[${index}]${field ? `.${field}` : ''}`;
  return new ConfigError('E_EFFECT_CHAIN', `Invalid effect chain: ${where}: ${message}`, {
    cause,
    details: { index, field },
  });
}

/**
 * Parses and validates a chain (a JSON string or the parsed value). Returns the slots with
 * defaults filled in (`params: {}`, `bypass: false`, `mix: 1`).
 * @throws ConfigError `E_EFFECT_CHAIN` naming the slot index and field.
 */
export function parseChainSpec(input: unknown): ResolvedChainSlot[] {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new ConfigError(
        'E_EFFECT_CHAIN',
        `Invalid effect chain: not valid JSON (${(error as Error).message}).`,
        {
          cause: error,
          details: { index: undefined, field: '' },
        },
      );
    }
  }
  const result = v.safeParse(ChainSchema, value);
  if (!result.success) {
    const issue = result.issues[0]!;
    const { index, field, where } = fieldOf(v.getDotPath(issue));
    const hint = Array.isArray(value)
      ? ''
      : ' A chain is a JSON array of {"effect", "params", "bypass", "mix"} objects.';
    throw new ConfigError(
      'E_EFFECT_CHAIN',
      `Invalid effect chain: ${where}: ${issue.message}.${hint}`,
      {
        details: {
          index,
          field,
          issues: result.issues.map((i) => ({ path: v.getDotPath(i), message: i.message })),
        },
      },
    );
  }
  return result.output;
}
