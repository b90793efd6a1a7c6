/**
 * `defineEffect`: turns a valibot parameter schema and a factory into an {@link EffectPlugin} whose
 * `create` and every `setParams` validate parameters the same way, failing with `E_EFFECT_PARAMS`
 * that names the offending field.
 */
import * as v from 'valibot';
import {
  ConfigError,
  InputError,
  MAX_CHANNELS,
  assertSampleRate,
  type Effect,
  type EffectContext,
  type EffectPlugin,
} from '@voirs/core';

/** A parameter schema: a (strict) object schema, possibly piped through cross-field checks. */
export type ParamsSchema = v.GenericSchema<Record<string, unknown>, Record<string, unknown>> & {
  readonly entries: v.ObjectEntries;
};

/** Validates a whole parameter object for one context; throws `E_EFFECT_PARAMS`. */
export type ParamsValidator<P> = (input: unknown) => P;

/** What {@link defineEffect} needs. */
export interface EffectDefinition<S extends ParamsSchema> {
  readonly name: string;
  readonly description: string;
  readonly capabilities?: readonly string[];
  readonly schema: S;
  /** Checks that depend on the context (a frequency below Nyquist…); throw with {@link paramError}. */
  check?(params: v.InferOutput<S>, context: EffectContext): void;
  /** Builds the effect from validated parameters; `validate` is for its `setParams`. */
  create(
    params: v.InferOutput<S>,
    context: EffectContext,
    validate: ParamsValidator<v.InferOutput<S>>,
  ): Effect;
}

/** An effect plugin made by {@link defineEffect}: also exposes its schema and a validator. */
export interface DefinedEffectPlugin<P = Record<string, unknown>> extends EffectPlugin {
  /** The valibot schema of the parameters (defaults included). */
  readonly schema: ParamsSchema;
  /** Validates `params` (defaults filled in) for `context` without creating an effect. */
  parseParams(params: unknown, context: EffectContext): P;
}

/** The `E_EFFECT_PARAMS` error for one field of one effect. */
export function paramError(
  effect: string,
  field: string,
  message: string,
  cause?: unknown,
): ConfigError {
  return new ConfigError('E_EFFECT_PARAMS', `Invalid ${effect} parameter "${field}": ${message}`, {
    cause,
    details: { effect, field },
  });
}

function describeIssues(effect: string, issues: readonly v.BaseIssue<unknown>[]): ConfigError {
  const list = issues.map((issue) => ({
    field: v.getDotPath(issue) ?? '(params)',
    message: issue.message,
  }));
  const first = list[0]!;
  const text = list.map((i) => `"${i.field}": ${i.message}`).join('; ');
  return new ConfigError(
    'E_EFFECT_PARAMS',
    `Invalid ${effect} parameters: ${text}. See the @voirs/effects README for ranges.`,
    {
      details: { effect, field: first.field, issues: list },
    },
  );
}

/** Checks an {@link EffectContext}: TypeError for wrong types, `E_SAMPLE_RATE` / `E_AUDIO_INVALID` for bad values. */
export function assertEffectContext(context: EffectContext): void {
  if (context === null || typeof context !== 'object')
    throw new TypeError('effect context must be an object');
  if (typeof context.channels !== 'number')
    throw new TypeError('context.channels must be a number');
  assertSampleRate(context.sampleRate);
  if (
    !Number.isInteger(context.channels) ||
    context.channels < 1 ||
    context.channels > MAX_CHANNELS
  ) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `Effects need 1 to ${MAX_CHANNELS} channels, got ${context.channels}.`,
    );
  }
}

/** Default values of the schema's optional entries (required entries have none). */
function defaultsOf(schema: ParamsSchema): Readonly<Record<string, unknown>> {
  const all = v.getDefaults(schema as v.GenericSchema) as Record<string, unknown> | undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(all ?? {})) if (value !== undefined) out[key] = value;
  return Object.freeze(out);
}

/**
 * Defines an effect plugin. Parameters are validated by `schema` (strict: unknown names fail),
 * then by `check` with the context; both on `create` and on every `setParams`.
 */
export function defineEffect<S extends ParamsSchema>(
  definition: EffectDefinition<S>,
): DefinedEffectPlugin<v.InferOutput<S>> {
  const { name, schema } = definition;
  type P = v.InferOutput<S>;
  const validatorFor =
    (context: EffectContext): ParamsValidator<P> =>
    (input) => {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new TypeError(`${name} parameters must be an object`);
      }
      const result = v.safeParse(schema, input);
      if (!result.success) throw describeIssues(name, result.issues);
      const params = Object.freeze(result.output) as P;
      definition.check?.(params, context);
      return params;
    };
  return Object.freeze({
    kind: 'effect' as const,
    name,
    description: definition.description,
    capabilities: Object.freeze([...(definition.capabilities ?? []), 'streaming', 'browser']),
    schema,
    defaults: defaultsOf(schema),
    parseParams(params: unknown, context: EffectContext): P {
      assertEffectContext(context);
      return validatorFor(context)(params ?? {});
    },
    create(params: Readonly<Record<string, unknown>>, context: EffectContext): Effect {
      assertEffectContext(context);
      const validate = validatorFor(context);
      return definition.create(
        validate(params ?? {}),
        { sampleRate: context.sampleRate, channels: context.channels },
        validate,
      );
    },
  });
}
