/**
 * Native CPU kernels a backend may offer beside its sessions, for layers its runtime runs slowly
 * (`@voirs/backend-node` offers `@voirs/native`'s on x86-64 CPUs with AVX-512). Vocoders use them
 * through `Backend.nativeKernels` and fall back to their ONNX graph when it returns nothing.
 *
 * The one network they run is a *conv stack*: a GAN vocoder's generator after its input convolution
 * (HiFi-GAN's upsampling stages, all or the last ones). On [inChannels, T] input it computes, per
 * stage, `leaky_relu(slope)` -> upsampler (a stride-1 convolution to `stride * channels` outputs
 * whose phases interleave into `channels` rows of `stride * T` samples: output[c][m * stride + r] =
 * y[r * channels + c][m]) -> `s` = the upsampled stream -> the sum over the stage's residual blocks
 * of: h = s; for each step, h += conv2(leaky_relu(conv1(leaky_relu(h)))) (two convolutions,
 * ResBlock1) or h += conv(leaky_relu(h)) (one, ResBlock2), all leaky ReLUs with `blockSlope`; the
 * sum is the next stage's input. Then `leaky_relu(postSlope)` -> `post` (to one channel) -> tanh,
 * clipped to [-1, 1]. Every convolution pads with zeros as given.
 */

/** A 1-D convolution: weight [outChannels, inChannels, kernel] (PyTorch's layout), bias [outChannels]. */
export interface ConvStackConv {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  readonly outChannels: number;
  readonly inChannels: number;
  readonly kernel: number;
  readonly dilation: number;
  /** Zero samples before and after the input. */
  readonly padLeft: number;
  readonly padRight: number;
}

/** One upsampling stage of a {@link ConvStackSpec}. */
export interface ConvStackStage {
  /** Slope of the leaky ReLU before the upsampler. */
  readonly slope: number;
  /** Upsampling factor: output samples per input sample. */
  readonly stride: number;
  /** Channels after interleaving (the upsampler has `stride * channels` outputs). */
  readonly channels: number;
  readonly upsample: ConvStackConv;
  /** Slope of the leaky ReLUs inside the residual blocks. */
  readonly blockSlope: number;
  /** Residual blocks, each a list of steps of one or two convolutions (see the file comment). */
  readonly blocks: readonly (readonly (readonly ConvStackConv[])[])[];
}

/** The network {@link NativeKernels.prepareConvStack} runs (see the file comment). */
export interface ConvStackSpec {
  readonly inChannels: number;
  readonly stages: readonly ConvStackStage[];
  readonly postSlope: number;
  /** The final convolution, to one channel. */
  readonly post: ConvStackConv;
  /**
   * Input samples of context each side of a time window needs for its output to equal the whole
   * input's (the stack's reach, rounded up): the kernels split the input into windows, one per
   * thread, that carry this much context.
   */
  readonly halo: number;
  /**
   * Whether the kernels may compute residual convolutions with fast algorithms (Winograd's
   * minimal filtering: the same convolution, rounded differently, about 2x fewer
   * multiplications) where they have them; default true. False: direct convolutions only.
   */
  readonly winograd?: boolean;
}

/** A prepared conv stack (weights packed for the kernels). */
export interface ConvStack {
  readonly inChannels: number;
  /** Output samples per input sample (the product of the strides). */
  readonly upsample: number;
  /**
   * Runs the stack on `input` [inChannels, length] (row-major); resolves with `length * upsample`
   * samples. Runs of one stack queue.
   * @throws ConfigError `E_INVALID_ARGUMENT` when `input` is not inChannels * length floats;
   * BackendError `E_DISPOSED` after {@link ConvStack.dispose}.
   */
  run(input: Float32Array, length: number): Promise<Float32Array>;
  /**
   * Waits for accepted runs, then frees the packed weights and scratch buffers (tens of MB for
   * long inputs) at once rather than at garbage collection. Idempotent; later runs throw
   * BackendError `E_DISPOSED`.
   */
  dispose(): Promise<void>;
}

/** Native kernels bound to one session configuration (their thread count). */
export interface NativeKernels {
  /** Instruction set the kernels use, e.g. `avx512`. */
  readonly isa: string;
  /** Threads (time windows) a run uses. */
  readonly threads: number;
  /**
   * Packs a conv stack's weights for the kernels.
   * @throws ConfigError `E_INVALID_ARGUMENT` for a spec the kernels cannot run.
   */
  prepareConvStack(spec: ConvStackSpec): ConvStack;
}
