// The conv stack's kernels, AVX-512F (built with -mavx512f -mfma; only called on CPUs with it).
//
// Layout: every activation is [channels][time] with kMargin zero samples before and after each row
// (the convolutions' zero padding) and rows rounded up to whole tiles. A convolution computes tiles
// of kTile = 48 samples (3 vectors of 16) for 8 output channels at a time: 24 accumulators, and for
// each input channel and tap 3 input loads and 8 weight broadcasts feed 24 fused multiply-adds, so
// the kernel runs near the core's peak even with 8 or 16 channels, where onnxruntime's NCHWc
// kernels reach about 60 % of it. The epilogue fuses what follows the convolution in HiFi-GAN: the
// residual addition, the next leaky ReLU (a second output) and the sum of the blocks. Stages whose
// residual convolutions all have a Winograd form run their blocks in winograd-avx512.cpp instead.
#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <stdexcept>
#include <thread>

#include "avx512-support.hpp"
#include "conv-stack.hpp"
#include "residual-blocks.hpp"

namespace voirs {
namespace {

constexpr int kTile = 48;

// An activation: `channels` rows of `length` samples, row stride `stride`, zero margins.
struct Act {
  int channels = 0, length = 0, stride = 0;
  float* data = nullptr;
  float* row(int c) const { return data + static_cast<size_t>(c) * stride + kMargin; }
};

// Samples per time tile of a stage's residual blocks: the tile's six buffers (stream, shared
// activation, h, two activations, sum) plus its context fill about 1 MiB, half a core's L2 here,
// so that the blocks' 2 x 9 convolutions stream through L2 instead of L3.
int tileLength(int channels, int reach) {
  constexpr int kBudget = 1 << 20;
  int fit = kBudget / (6 * channels * static_cast<int>(sizeof(float))) - 2 * reach - 2 * kMargin;
  return roundUp(std::max(fit, 512), kTile);
}

// Lays out an activation in scratch slot `slot` (grown as needed) and zeroes its margins. Rows
// start on a cache line (the kernels' stores never split one), slots start at different offsets
// modulo 4 KiB and rows are an odd number of cache lines apart (buffers of one size otherwise
// share their low address bits, and a store to one with a load from another at the same offset
// can stall on 4K aliasing): 3 to 6 % faster on HiFi-GAN V2's stages than plain vectors.
Act layout(std::vector<std::vector<float>>& mem, int slot, int channels, int length) {
  Act a;
  a.channels = channels;
  a.length = length;
  a.stride = kMargin + roundUp(std::max(length, 1), kTile) + kMargin;
  if ((a.stride / kLine) % 2 == 0) a.stride += kLine;
  const size_t skew = static_cast<size_t>(slot) * 5 * kLine;
  // aligned to a cache line, then skewed
  a.data = cacheLineAligned(mem[slot], static_cast<size_t>(channels) * a.stride + skew) + skew;
  for (int c = 0; c < channels; c++) {
    float* r = a.row(c);
    std::memset(r - kMargin, 0, sizeof(float) * kMargin);
    std::memset(r + length, 0, sizeof(float) * (a.stride - kMargin - length));
  }
  return a;
}

// Zeroes what a kernel wrote past the end of each row (the right margin must stay zero).
void zeroTail(const Act& a, int channels) {
  for (int c = 0; c < channels; c++)
    std::memset(a.row(c) + a.length, 0, sizeof(float) * (a.stride - kMargin - a.length));
}

using Epilogue = EpilogueOf<Act>;  // residual-blocks.hpp

// The convolution with its epilogue's targets fixed at compile time (no per-vector branches).
// Never inlined: inlined into runWindow (where GCC 12 inlines the single-use instantiations) the
// kernel ran about 20 % slower.
template <bool Residual, bool Dst, bool Activation, bool Sum, bool SumFirst>
__attribute__((noinline)) void convWith(const Conv& cv, const Act& in, const Epilogue& e, int length) {
  const int groups = (cv.co + 7) / 8;
  const __m512 slope = _mm512_set1_ps(e.actSlope);
  const size_t groupSize = static_cast<size_t>(cv.ci) * cv.k * 8;
  for (int g = 0; g < groups; g++) {
    const int rows = std::min(8, cv.co - g * 8);
    // the epilogue's rows of this group (unused targets point at the input: never touched)
    const float* res[8];
    float* dst[8];
    float* act[8];
    float* sum[8];
    for (int c = 0; c < 8; c++) {
      const int co = g * 8 + std::min(c, rows - 1);
      res[c] = Residual ? e.residual->row(co) : nullptr;
      dst[c] = Dst ? e.dst->row(co) : nullptr;
      act[c] = Activation ? e.act->row(co) : nullptr;
      sum[c] = Sum ? e.sum->row(co) : nullptr;
    }
    const float* bias = cv.bias.data() + g * 8;
    const float* weights = cv.packed.data() + g * groupSize;
    for (int t = 0; t < length; t += kTile) {
      __m512 acc[8][3];
      for (int c = 0; c < 8; c++) {
        __m512 b = _mm512_set1_ps(bias[c]);
        acc[c][0] = b;
        acc[c][1] = b;
        acc[c][2] = b;
      }
      const float* w = weights;
      for (int ci = 0; ci < cv.ci; ci++) {
        const float* x = in.row(ci) + t - cv.padLeft;
        for (int j = 0; j < cv.k; j++, w += 8) {
          const float* p = x + j * cv.dilation;
          __m512 x0 = _mm512_loadu_ps(p);
          __m512 x1 = _mm512_loadu_ps(p + 16);
          __m512 x2 = _mm512_loadu_ps(p + 32);
          for (int c = 0; c < 8; c++) {
            __m512 wv = _mm512_set1_ps(w[c]);
            acc[c][0] = _mm512_fmadd_ps(wv, x0, acc[c][0]);
            acc[c][1] = _mm512_fmadd_ps(wv, x1, acc[c][1]);
            acc[c][2] = _mm512_fmadd_ps(wv, x2, acc[c][2]);
          }
        }
      }
      for (int c = 0; c < rows; c++) {
        for (int r = 0; r < 3; r++) {
          const int at = t + 16 * r;
          __m512 v = acc[c][r];
          if (Residual) v = _mm512_add_ps(v, _mm512_loadu_ps(res[c] + at));
          if (Dst) _mm512_storeu_ps(dst[c] + at, v);
          if (Activation) _mm512_storeu_ps(act[c] + at, leaky(v, slope));
          if (Sum) _mm512_storeu_ps(sum[c] + at, SumFirst ? v : _mm512_add_ps(v, _mm512_loadu_ps(sum[c] + at)));
        }
      }
    }
  }
  for (const Act* a : {e.dst, e.act, e.sum})
    if (a) zeroTail(*a, cv.co);
}

void conv(const Conv& cv, const Act& in, const Epilogue& e, int length) {
  const bool res = e.residual != nullptr, dst = e.dst != nullptr, act = e.act != nullptr;
  if (e.sum != nullptr) {
    if (!res || dst || act) throw std::logic_error("unsupported epilogue");
    return e.sumFirst ? convWith<true, false, false, true, true>(cv, in, e, length)
                      : convWith<true, false, false, true, false>(cv, in, e, length);
  }
  if (res && dst && act) return convWith<true, true, true, false, false>(cv, in, e, length);
  if (!res && dst && !act) return convWith<false, true, false, false, false>(cv, in, e, length);
  if (!res && !dst && act) return convWith<false, false, true, false, false>(cv, in, e, length);
  throw std::logic_error("unsupported epilogue");
}

void leakyRelu(const Act& in, const Act& out, float slopeValue) {
  const __m512 slope = _mm512_set1_ps(slopeValue);
  for (int c = 0; c < in.channels; c++) {
    const float* x = in.row(c);
    float* y = out.row(c);
    for (int t = 0; t < in.length; t += 16) _mm512_storeu_ps(y + t, leaky(_mm512_loadu_ps(x + t), slope));
  }
  zeroTail(out, in.channels);
}

// phases [stride * channels][m] -> out [channels][m * stride]: out[c][m * u + r] = phases[r * C + c][m]
void interleave(const Act& phases, const Act& out, int stride) {
  const int channels = out.channels;
  const int m = phases.length;
  for (int c = 0; c < channels; c++) {
    float* y = out.row(c);
    int start = 0;
    if (stride == 2) {
      // 16 samples of each phase -> 32 interleaved samples
      const __m512i lo = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
      const __m512i hi = _mm512_setr_epi32(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
      const float* p0 = phases.row(c);
      const float* p1 = phases.row(channels + c);
      for (; start + 16 <= m; start += 16) {
        __m512 a = _mm512_loadu_ps(p0 + start);
        __m512 b = _mm512_loadu_ps(p1 + start);
        _mm512_storeu_ps(y + 2 * start, _mm512_permutex2var_ps(a, lo, b));
        _mm512_storeu_ps(y + 2 * start + 16, _mm512_permutex2var_ps(a, hi, b));
      }
    }
    for (int r = 0; r < stride; r++) {
      const float* x = phases.row(r * channels + c);
      for (int i = start; i < m; i++) y[i * stride + r] = x[i];
    }
  }
}

// Samples [from, from + length) of `a`, as an activation whose margins are a's neighbouring
// samples (read only: a convolution over it sees the real context where a tile's own buffers see
// zeros, which the tile's context absorbs either way).
Act view(const Act& a, int from, int length) {
  Act v = a;
  v.data = a.data + from;
  v.length = length;
  return v;
}

// Runs fn(0), ..., fn(count - 1): fn(0) on this thread, the others on threads of their own (or
// here when no thread can be created). An exception must not leave a worker thread (that would
// terminate the process): the first one is kept and rethrown once every call has finished.
template <class Fn>
void runOnThreads(int count, Fn fn) {
  std::mutex failed;
  std::exception_ptr failure;
  auto guarded = [&](int i) {
    try {
      fn(i);
    } catch (...) {
      std::lock_guard<std::mutex> hold(failed);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  try {
    for (int i = 1; i < count; i++) pool.emplace_back(guarded, i);
  } catch (...) {
    for (int i = static_cast<int>(pool.size()) + 1; i < count; i++) guarded(i);
  }
  guarded(0);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

// Residual blocks `blocks` (indices, in order) of stage `st` on `stream` (len samples), their sum
// written to `sum`: in cache-sized time tiles, each with the blocks' reach as context, or channels
// last in Winograd form (winograd-avx512.cpp).
void runBlocks(const Stage& st, const std::vector<int>& blocks, Scratch& scratch, const Act& stream, int len,
               const Act& sum) {
  if (st.winograd)
    return runWinogradBlocksAvx512(st, blocks, scratch, stream.row(0), stream.stride, len, sum.row(0),
                                   sum.stride);
  auto& mem = scratch.buffers;
  if (mem.size() < 8) mem.resize(8);
  const int reach = st.reach;
  const int tile = tileLength(st.channels, reach);
  for (int t0 = 0; t0 < len; t0 += tile) {
    const int t1 = std::min(len, t0 + tile);
    const int a0 = std::max(0, t0 - reach);
    const int a1 = std::min(len, t1 + reach);
    const int n = a1 - a0;
    const Act ts = view(stream, a0, n);
    Act shared = layout(mem, 2, st.channels, n);
    leakyRelu(ts, shared, st.blockSlope);
    Act tsum = layout(mem, 7, st.channels, n);
    Act h = layout(mem, 5, st.channels, n);
    Act a = layout(mem, 3, st.channels, n);
    Act inner = layout(mem, 4, st.channels, n);
    runBlockSteps(st, blocks, ts, shared, h, a, inner, tsum,
                  [&](const Conv& c, const Act& input, const Epilogue& e) { conv(c, input, e, n); });
    for (int c = 0; c < st.channels; c++)
      std::memcpy(sum.row(c) + t0, tsum.row(c) + (t0 - a0), sizeof(float) * (t1 - t0));
  }
}

// The stage's blocks split over `workers` threads (scratch[0 .. workers)), at most one group per
// block: groups of about equal work (longest first, each to the least loaded group), blocks in
// order within a group. Group 0 writes `sum`, the others a partial sum each (slot 0 of their
// scratch), added after the join; for HiFi-GAN's three blocks on two threads ({k11}, {k3, k7})
// that is the sequential order of additions exactly.
void runBlocksParallel(const Stage& st, Scratch* scratch, int workers, const Act& stream, int len,
                       const Act& sum) {
  const int count = static_cast<int>(st.blocks.size());
  const int groups = std::min(workers, count);
  std::vector<std::vector<int>> members(groups);
  {
    std::vector<long long> cost(count, 0), load(groups, 0);
    std::vector<int> order(count);
    for (int b = 0; b < count; b++) {
      order[b] = b;
      for (const auto& step : st.blocks[b].steps)
        for (const Conv& c : step) cost[b] += c.k;
    }
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return cost[x] > cost[y]; });
    for (int b : order) {
      const int g = static_cast<int>(std::min_element(load.begin(), load.end()) - load.begin());
      load[g] += cost[b];
      members[g].push_back(b);
    }
    for (auto& m : members) std::sort(m.begin(), m.end());
  }
  if (groups == 1) return runBlocks(st, members[0], scratch[0], stream, len, sum);
  std::vector<Act> partial(groups);
  for (int g = 1; g < groups; g++) {
    auto& mem = scratch[g].buffers;
    if (mem.size() < 8) mem.resize(8);
    partial[g] = layout(mem, 0, st.channels, len);
  }
  runOnThreads(groups, [&](int g) {
    runBlocks(st, members[g], scratch[g], stream, len, g == 0 ? sum : partial[g]);
  });
  for (int g = 1; g < groups; g++)
    for (int c = 0; c < st.channels; c++) {
      float* y = sum.row(c);
      const float* p = partial[g].row(c);
      for (int t = 0; t < len; t += 16)
        _mm512_storeu_ps(y + t, _mm512_add_ps(_mm512_loadu_ps(y + t), _mm512_loadu_ps(p + t)));
    }
}

// Runs the stack on `length` samples of `input` rows (stride `inputStride`), writing the output
// samples [keepFrom, keepTo) (in output samples of this window) to `output`; the stages' blocks
// run on `workers` threads (scratch[0 .. workers)).
void runWindow(const ConvStack& s, Scratch* scratch, int workers, const float* input, size_t inputStride,
               int length, float* output, int keepFrom, int keepTo) {
  auto& mem = scratch[0].buffers;
  // slots: 0 the stage input, then the stage's sum (the next stage's input; the input is dead
  // once the upsampler has read it); 1 the upsampled stream; 2 a tile's shared first activation;
  // 3 an activation; 4 ResBlock1's inner activation; 5 the running residual h; 6 the upsampler's
  // phases, then conv_post's output; 7 a tile's sum of blocks
  if (mem.size() < 8) mem.resize(8);
  Act x = layout(mem, 0, s.inChannels, length);
  for (int c = 0; c < s.inChannels; c++)
    std::memcpy(x.row(c), input + c * inputStride, sizeof(float) * length);
  int len = length;
  for (const Stage& st : s.stages) {
    // leaky ReLU -> polyphase convolution -> interleave
    Act act = layout(mem, 3, x.channels, len);
    leakyRelu(x, act, st.slope);
    Act phases = layout(mem, 6, st.upsample.co, len);
    conv(st.upsample, act, {nullptr, &phases}, len);
    len *= st.stride;
    Act stream = layout(mem, 1, st.channels, len);
    interleave(phases, stream, st.stride);
    Act sum = layout(mem, 0, st.channels, len);
    runBlocksParallel(st, scratch, workers, stream, len, sum);
    x = sum;
  }
  // leaky_relu(0.01) -> conv_post -> tanh, clipped to [-1, 1]
  Act act = layout(mem, 3, x.channels, len);
  leakyRelu(x, act, s.postSlope);
  Act y = layout(mem, 6, s.post.co, len);
  conv(s.post, act, {nullptr, &y}, len);
  const float* r = y.row(0);
  for (int t = keepFrom; t < keepTo; t++) {
    // clipped to [-1, 1] (written so that a NaN stays NaN, as in the graph)
    float v = std::tanh(r[t]);
    output[t - keepFrom] = v > 1.f ? 1.f : v < -1.f ? -1.f : v;
  }
}

}  // namespace

void runConvStackAvx512(ConvStack& stack, const float* input, int length, float* output,
                        int windows, int halo, int threads) {
  std::lock_guard<std::mutex> lock(stack.running);
  if (stack.released) throw std::runtime_error("the conv stack was disposed");
  windows = std::max(1, std::min(windows, length));
  const int workers = std::max(1, threads / windows);  // per window
  if (static_cast<int>(stack.scratch.size()) < windows * workers) stack.scratch.resize(windows * workers);
  auto work = [&](int w) {
    int from = static_cast<int>(static_cast<long long>(length) * w / windows);
    int to = static_cast<int>(static_cast<long long>(length) * (w + 1) / windows);
    int start = std::max(0, from - halo);
    int end = std::min(length, to + halo);
    int u = stack.upsample;
    runWindow(stack, &stack.scratch[static_cast<size_t>(w) * workers], workers, input + start, length, end - start,
              output + static_cast<size_t>(from) * u, (from - start) * u, (to - start) * u);
  };
  runOnThreads(windows, work);
}

}  // namespace voirs
