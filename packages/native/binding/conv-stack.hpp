// A prepared conv stack (see src/conv-stack.ts for the network it computes) and the entry point of
// its AVX-512 kernels. Shared by the N-API glue (addon.cpp, built for any x86-64 CPU) and the
// kernels (conv-stack-avx512.cpp, built with -mavx512f and only called on CPUs that have it).
#pragma once
#include <cstddef>
#include <mutex>
#include <vector>

namespace voirs {

// One 1-D convolution. Weights packed for the kernel: [ceil(co / 8)][ci][k][8] (output channels in
// groups of 8, zero-filled past co); bias zero-filled to a multiple of 8.
struct Conv {
  int co = 0, ci = 0, k = 0, dilation = 1, padLeft = 0, padRight = 0;
  std::vector<float> packed;
  std::vector<float> bias;
};

// A residual block: pairs (ResBlock1: [convs1[n], convs2[n]]) or single convolutions (ResBlock2).
struct Block {
  std::vector<std::vector<Conv>> steps;
};

// leaky_relu(slope) -> upsampler (polyphase convolution: stride * channels outputs, interleaved)
// -> sum of the residual blocks.
struct Stage {
  float slope = 0.1f;
  int stride = 1;
  int channels = 0;  // after interleaving
  Conv upsample;
  float blockSlope = 0.1f;
  std::vector<Block> blocks;
  int reach = 0;  // of the largest block, in samples each side (the context of a time tile)
};

// Scratch buffers of one worker, kept between runs so that a run touches no fresh pages.
struct Scratch {
  std::vector<std::vector<float>> buffers;
};

struct ConvStack {
  int inChannels = 0;
  int upsample = 1;  // output samples per input sample
  std::vector<Stage> stages;
  float postSlope = 0.01f;
  Conv post;
  std::mutex running;  // one run at a time: runs share the scratch buffers
  std::vector<Scratch> scratch;
  bool released = false;  // weights and scratch freed (releaseConvStack); runs fail
};

// Largest zero margin a convolution may read beyond its input (its padding), in samples.
constexpr int kMargin = 64;

// Runs `stack` on input [inChannels][length] (row-major), writing [length * upsample] samples to
// `output`, as `windows` time windows (one per thread) each carrying `halo` input samples of context
// on either side. Kernels: AVX-512F; only call when the CPU has it.
void runConvStackAvx512(ConvStack& stack, const float* input, int length, float* output,
                        int windows, int halo);

}  // namespace voirs
