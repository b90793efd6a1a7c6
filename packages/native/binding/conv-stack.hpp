// A prepared conv stack (see src/conv-stack.ts for the network it computes) and the entry point of
// its AVX-512 kernels. Shared by the N-API glue (addon.cpp, built for any x86-64 CPU) and the
// kernels (conv-stack-avx512.cpp, built with -mavx512f and only called on CPUs that have it).
#pragma once
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace voirs {

struct Winograd;

// One 1-D convolution. Weights packed for the kernel: [ceil(co / 8)][ci][k][8] (output channels in
// groups of 8, zero-filled past co); bias zero-filled to a multiple of 8.
struct Conv {
  int co = 0, ci = 0, k = 0, dilation = 1, padLeft = 0, padRight = 0;
  std::vector<float> packed;
  std::vector<float> bias;
  // set for the residual convolutions of a channels-last stage (Stage::winograd), else null
  std::shared_ptr<const Winograd> winograd;
};

// A residual convolution in Winograd form for channels-last kernels (winograd.cpp builds it,
// winograd-avx512.cpp runs it). Per dilation phase the output is cut into tiles of m = 4 samples; a
// tile reads alpha = m + r - 1 input samples, which the input transform `bt` maps to alpha points;
// each point is then a matrix product over the channels, summed over the kernel's pieces of r taps
// (piece j of a tile reads the points of tile t + j); the output transform `at` maps the alpha
// products back to m samples. Multiplications per output sample and channel pair: alpha * pieces /
// m instead of k (k = 3: 1.5; k = 7: 3.5; k = 11: 5.25).
struct Winograd {
  static constexpr int m = 4;
  int r = 0, alpha = 0, pieces = 0;
  int lanes = 0;            // output channels per column block of the packed weights (64 or 32)
  std::vector<float> bt;    // [alpha][alpha]: point p = sum_i bt[p][i] * input[i]
  std::vector<float> at;    // [m][alpha]: output i = sum_p at[i][p] * product[p]
  // [alpha][co / lanes][pieces][ci][lanes]: the kernel's pieces evaluated at each point, one
  // contiguous panel per point and column block
  std::vector<float> weights;
};

// Whether a residual convolution has a channels-last Winograd form: channels a multiple of 32
// (whole column blocks), at least 64 (the transforms then cost little beside the multiplications
// saved), kernel of at least 3 taps.
bool winogradSuits(const Conv& c);
// The Winograd form of `c` from its weights [co][ci][k] (PyTorch's layout).
std::shared_ptr<const Winograd> winogradForm(const Conv& c, const float* weight);

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
  // every residual convolution has a Winograd form: the blocks run channels last
  // (winograd-avx512.cpp), else channels first with the direct kernels
  bool winograd = false;
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
// on either side; with more `threads` than windows (short inputs), each window's stages also run
// their residual blocks on threads / windows threads. Kernels: AVX-512F; only call when the CPU
// has it.
void runConvStackAvx512(ConvStack& stack, const float* input, int length, float* output,
                        int windows, int halo, int threads);

// Residual blocks `blocks` (indices, in order) of a Winograd stage (winograd-avx512.cpp): reads
// `length` samples of the stream (channel rows `streamStride` apart) and writes the blocks' sum
// to `sum` (rows `sumStride` apart). Kernels: AVX-512F.
void runWinogradBlocksAvx512(const Stage& stage, const std::vector<int>& blocks, Scratch& scratch,
                             const float* stream, size_t streamStride, int length, float* sum,
                             size_t sumStride);

}  // namespace voirs
