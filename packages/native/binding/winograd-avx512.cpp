// The residual blocks of a stage whose channels are a multiple of 32, channels last and in
// Winograd form (struct Winograd in conv-stack.hpp); AVX-512F (built with -mavx512f -mfma; only
// called on CPUs with it).
//
// Why channels last: the direct kernels (conv-stack-avx512.cpp) keep time in the vector lanes,
// which suits narrow layers; on 32 to 256 channels a convolution is a matrix product over the
// channels, and with output channels in the lanes and one input broadcast per row its inner loop
// is 28 fused multiply-adds for 2 weight loads and 14 broadcasts, as in a tuned GEMM. In that form
// the Winograd transforms are vertical operations on whole rows (no lane shuffles, any dilation):
// a tile's inputs are rows `dilation` apart. So a stage whose residual convolutions all have a
// Winograd form transposes its stream once per time tile, runs every block channels last with
// about half the multiplications (k = 11: 5.25 per output and channel pair instead of 11), and
// transposes the blocks' sum back.
//
// Layout: an activation is `length` rows of `channels` floats with `margin` zero rows before and
// after (the convolutions' zero padding and the transforms' overhang). Time tiles are long (the
// working set streams through L3 at a few bytes per cycle: the products are what counts), so the
// blocks' context costs little.
#include <immintrin.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "avx512-support.hpp"
#include "conv-stack.hpp"
#include "residual-blocks.hpp"

namespace voirs {
namespace {

constexpr int kFirstSlot = 8;      // scratch slots 0-7 are runWindow's (conv-stack-avx512.cpp)
constexpr int kMinTile = 4096;     // samples a time tile keeps, at least
constexpr int kLanes = 32;         // output channels per column block (Winograd::lanes)
constexpr int kRows = 14;          // tile rows per product
constexpr int kChunk = 4 * kRows;  // tiles per chunk

struct Rows {
  int channels = 0, length = 0, margin = 0;
  float* data = nullptr;
  float* row(int t) const { return data + static_cast<std::ptrdiff_t>(t) * channels; }
};

// Rows in scratch slot `slot` (grown as needed; cache-line aligned, slots skewed modulo 4 KiB as
// in conv-stack-avx512.cpp's layout), margins zeroed.
Rows rows(std::vector<std::vector<float>>& mem, int slot, int channels, int length, int margin) {
  Rows r;
  r.channels = channels;
  r.length = length;
  r.margin = margin;
  const size_t skew = static_cast<size_t>(slot % 8) * 5 * kLine;
  const size_t span = static_cast<size_t>(length + 2 * margin) * channels;
  if (mem.size() <= static_cast<size_t>(slot)) mem.resize(slot + 1);
  float* base = cacheLineAligned(mem[slot], span + skew) + skew;
  r.data = base + static_cast<size_t>(margin) * channels;
  std::memset(base, 0, sizeof(float) * margin * channels);
  std::memset(r.row(length), 0, sizeof(float) * margin * channels);
  return r;
}

// A scratch array of `size` floats in slot `slot`, cache-line aligned (contents undefined).
float* array(std::vector<std::vector<float>>& mem, int slot, size_t size) {
  if (mem.size() <= static_cast<size_t>(slot)) mem.resize(slot + 1);
  return cacheLineAligned(mem[slot], size);
}

// Channels-first rows (`stride` apart), samples [from, from + out.length) -> `out`, and
// leaky_relu(out) -> `act`. In 16 x 16 blocks, so that both sides stay in L1.
void toRows(const float* src, size_t stride, int from, const Rows& out, const Rows& act, float slopeValue) {
  const int n = out.length, channels = out.channels;
  for (int t0 = 0; t0 < n; t0 += 16) {
    const int t1 = std::min(n, t0 + 16);
    for (int c0 = 0; c0 < channels; c0 += 16)
      for (int c = c0; c < c0 + 16; c++) {
        const float* s = src + c * stride + from;
        for (int t = t0; t < t1; t++) out.row(t)[c] = s[t];
      }
  }
  const __m512 slope = _mm512_set1_ps(slopeValue);
  const size_t total = static_cast<size_t>(n) * channels;
  for (size_t i = 0; i < total; i += 16)
    _mm512_storeu_ps(act.data + i, leaky(_mm512_loadu_ps(out.data + i), slope));
}

// Rows [from, from + count) of `in` -> channels-first rows of `dst` (`stride` apart).
void fromRows(const Rows& in, int from, int count, float* dst, size_t stride) {
  const int channels = in.channels;
  for (int t0 = 0; t0 < count; t0 += 16) {
    const int t1 = std::min(count, t0 + 16);
    for (int c0 = 0; c0 < channels; c0 += 16)
      for (int c = c0; c < c0 + 16; c++) {
        float* d = dst + c * stride;
        for (int t = t0; t < t1; t++) d[t] = in.row(from + t)[c];
      }
  }
}

// Zero rows a convolution's transforms read beyond its input, each side.
int marginOf(const Conv& cv) {
  const Winograd& w = *cv.winograd;
  const int after = cv.dilation * (Winograd::m * (w.pieces - 1) + w.alpha - 1) - cv.padLeft;
  return std::max(cv.padLeft, after);
}

// Output tiles of phase `phase` (outputs phase, phase + d, ...) on `n` samples.
int tilesOf(int n, int phase, int d) {
  const int span = Winograd::m * d;
  return phase < n ? (n - phase + span - 1) / span : 0;
}

// R tile rows x 2 vectors (kLanes output channels) of one point's product: out[r][kLanes] = sum
// over the pieces j and input channels c of a[(r + j) * channels + c] * b[(j * channels + c) *
// kLanes]. 28 accumulators; per input channel 2 weight loads and R broadcasts feed 2 R fused
// multiply-adds.
template <int R>
inline void product(const float* a, int channels, const float* b, int pieces, float* out, int outStride) {
  __m512 acc[R][2];
  for (int r = 0; r < R; r++) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
  for (int j = 0; j < pieces; j++) {
    const float* ar = a + static_cast<size_t>(j) * channels;
    const float* br = b + static_cast<size_t>(j) * channels * kLanes;
    for (int c = 0; c < channels; c++, br += kLanes) {
      const __m512 b0 = _mm512_loadu_ps(br);
      const __m512 b1 = _mm512_loadu_ps(br + 16);
      for (int r = 0; r < R; r++) {
        const __m512 av = _mm512_set1_ps(ar[static_cast<size_t>(r) * channels + c]);
        acc[r][0] = _mm512_fmadd_ps(av, b0, acc[r][0]);
        acc[r][1] = _mm512_fmadd_ps(av, b1, acc[r][1]);
      }
    }
  }
  for (int r = 0; r < R; r++) {
    _mm512_store_ps(out + static_cast<size_t>(r) * outStride, acc[r][0]);
    _mm512_store_ps(out + static_cast<size_t>(r) * outStride + 16, acc[r][1]);
  }
}

// `rows` (<= R) tile rows.
template <int R>
inline void productTail(int rows, const float* a, int channels, const float* b, int pieces, float* out,
                        int outStride) {
  if (rows == R) return product<R>(a, channels, b, pieces, out, outStride);
  if constexpr (R > 1) productTail<R - 1>(rows, a, channels, b, pieces, out, outStride);
}

using Epilogue = EpilogueOf<Rows>;  // residual-blocks.hpp

// One convolution in Winograd form on `in` (its length in rows), with its epilogue fixed at
// compile time; Alpha points per tile (6 for 3-tap kernels, else 7).
//
// Per dilation phase, the tiles run in chunks of kChunk: the chunk's input transform (its tiles
// plus pieces - 1, every point: ~200 KB at 128 channels, in L2), then per column block of output
// channels the products of every point (a chunk's products[tile][point][kLanes]: 50 KB, in L1/L2)
// and the output transform with the epilogue. The weights (every point and block, up to 1.4 MB
// at 128 channels and k = 11) stream from L2/L3 once per chunk, at about 3 bytes per cycle.
template <int Alpha, bool Residual, bool Dst, bool Activation, bool Sum, bool SumFirst>
__attribute__((noinline)) void winogradWith(const Conv& cv, const Rows& in, const Epilogue& e,
                                            std::vector<std::vector<float>>& mem) {
  constexpr int m = Winograd::m;
  const Winograd& w = *cv.winograd;
  if (w.alpha != Alpha || w.lanes != kLanes) throw std::logic_error("Winograd form does not match the kernel");
  const int n = in.length, channels = cv.ci, d = cv.dilation, pieces = w.pieces;
  const int blocks = cv.co / kLanes;
  const size_t panelSize = static_cast<size_t>(pieces) * channels * kLanes;
  float bt[Alpha][Alpha], at[m][Alpha];
  for (int p = 0; p < Alpha; p++)
    for (int i = 0; i < Alpha; i++) bt[p][i] = w.bt[p * Alpha + i];
  for (int i = 0; i < m; i++)
    for (int p = 0; p < Alpha; p++) at[i][p] = w.at[i * Alpha + p];
  const int span = kChunk + pieces - 1;  // input tiles of a chunk
  float* v = array(mem, kFirstSlot + 6, static_cast<size_t>(Alpha) * span * channels);
  float* products = array(mem, kFirstSlot + 7, static_cast<size_t>(kChunk) * Alpha * kLanes);
  const __m512 slope = _mm512_set1_ps(e.actSlope);

  for (int phase = 0; phase < d; phase++) {
    const int tiles = tilesOf(n, phase, d);
    for (int q0 = 0; q0 < tiles; q0 += kChunk) {
      const int count = std::min(kChunk, tiles - q0);
      const int inputs = count + pieces - 1;
      // input transform: v[p][tile][channel] for this chunk's tiles q0 .. q0 + inputs
      for (int q = 0; q < inputs; q++) {
        const float* x[Alpha];
        for (int i = 0; i < Alpha; i++) x[i] = in.row(phase - cv.padLeft + d * (m * (q0 + q) + i));
        for (int c = 0; c < channels; c += 16) {
          __m512 xi[Alpha];
          for (int i = 0; i < Alpha; i++) xi[i] = _mm512_load_ps(x[i] + c);
          for (int p = 0; p < Alpha; p++) {
            __m512 s = _mm512_mul_ps(_mm512_set1_ps(bt[p][0]), xi[0]);
            for (int i = 1; i < Alpha; i++) s = _mm512_fmadd_ps(_mm512_set1_ps(bt[p][i]), xi[i], s);
            _mm512_store_ps(v + (static_cast<size_t>(p) * span + q) * channels + c, s);
          }
        }
      }
      for (int block = 0; block < blocks; block++) {
        for (int p = 0; p < Alpha; p++) {
          const float* panel = w.weights.data() + (static_cast<size_t>(p) * blocks + block) * panelSize;
          const float* a = v + static_cast<size_t>(p) * span * channels;
          int q = 0;
          for (; q + kRows <= count; q += kRows)
            product<kRows>(a + static_cast<size_t>(q) * channels, channels, panel, pieces,
                           products + (static_cast<size_t>(q) * Alpha + p) * kLanes, Alpha * kLanes);
          if (q < count)
            productTail<kRows - 1>(count - q, a + static_cast<size_t>(q) * channels, channels, panel, pieces,
                                   products + (static_cast<size_t>(q) * Alpha + p) * kLanes, Alpha * kLanes);
        }
        // output transform and epilogue
        const int col = block * kLanes;
        const __m512 bias0 = _mm512_loadu_ps(cv.bias.data() + col);
        const __m512 bias1 = _mm512_loadu_ps(cv.bias.data() + col + 16);
        for (int q = 0; q < count; q++) {
          const float* t = products + static_cast<size_t>(q) * Alpha * kLanes;
          __m512 pt[Alpha][2];
          for (int p = 0; p < Alpha; p++) {
            pt[p][0] = _mm512_load_ps(t + p * kLanes);
            pt[p][1] = _mm512_load_ps(t + p * kLanes + 16);
          }
          for (int i = 0; i < m; i++) {
            const int row = phase + d * (m * (q0 + q) + i);
            if (row >= n) break;
            for (int u = 0; u < 2; u++) {
              __m512 y = u == 0 ? bias0 : bias1;
              for (int p = 0; p < Alpha; p++) y = _mm512_fmadd_ps(_mm512_set1_ps(at[i][p]), pt[p][u], y);
              const int at0 = col + 16 * u;
              if (Residual) y = _mm512_add_ps(y, _mm512_load_ps(e.residual->row(row) + at0));
              if (Dst) _mm512_store_ps(e.dst->row(row) + at0, y);
              if (Activation) _mm512_store_ps(e.act->row(row) + at0, leaky(y, slope));
              if (Sum) {
                float* s = e.sum->row(row) + at0;
                _mm512_store_ps(s, SumFirst ? y : _mm512_add_ps(y, _mm512_load_ps(s)));
              }
            }
          }
        }
      }
    }
  }
}

template <int Alpha>
void convAlpha(const Conv& cv, const Rows& in, const Epilogue& e, std::vector<std::vector<float>>& mem) {
  const bool res = e.residual != nullptr, dst = e.dst != nullptr, act = e.act != nullptr;
  if (e.sum != nullptr) {
    if (!res || dst || act) throw std::logic_error("unsupported epilogue");
    return e.sumFirst ? winogradWith<Alpha, true, false, false, true, true>(cv, in, e, mem)
                      : winogradWith<Alpha, true, false, false, true, false>(cv, in, e, mem);
  }
  if (res && dst && act) return winogradWith<Alpha, true, true, true, false, false>(cv, in, e, mem);
  if (!res && !dst && act) return winogradWith<Alpha, false, false, true, false, false>(cv, in, e, mem);
  throw std::logic_error("unsupported epilogue");
}

void conv(const Conv& cv, const Rows& in, const Epilogue& e, std::vector<std::vector<float>>& mem) {
  if (!cv.winograd) throw std::logic_error("a channels-last stage needs Winograd forms");
  if (cv.winograd->alpha == 6) return convAlpha<6>(cv, in, e, mem);
  if (cv.winograd->alpha == 7) return convAlpha<7>(cv, in, e, mem);
  throw std::logic_error("no kernel for this Winograd form");
}

}  // namespace

void runWinogradBlocksAvx512(const Stage& st, const std::vector<int>& blocks, Scratch& scratch,
                             const float* stream, size_t streamStride, int len, float* sum,
                             size_t sumStride) {
  auto& mem = scratch.buffers;
  const int channels = st.channels, reach = st.reach;
  int margin = 0;
  for (const Block& block : st.blocks)
    for (const auto& step : block.steps)
      for (const Conv& cv : step) margin = std::max(margin, marginOf(cv));
  margin = roundUp(margin, 4);
  const int tile = roundUp(std::max(kMinTile, 32 * reach), 16);
  for (int t0 = 0; t0 < len; t0 += tile) {
    const int t1 = std::min(len, t0 + tile);
    const int a0 = std::max(0, t0 - reach);
    const int a1 = std::min(len, t1 + reach);
    const int n = a1 - a0;
    Rows ts = rows(mem, kFirstSlot + 0, channels, n, 0);  // read only as the residual
    Rows shared = rows(mem, kFirstSlot + 1, channels, n, margin);
    toRows(stream, streamStride, a0, ts, shared, st.blockSlope);
    Rows tsum = rows(mem, kFirstSlot + 2, channels, n, 0);
    Rows h = rows(mem, kFirstSlot + 3, channels, n, 0);
    Rows a = rows(mem, kFirstSlot + 4, channels, n, margin);
    Rows inner = rows(mem, kFirstSlot + 5, channels, n, margin);
    runBlockSteps(st, blocks, ts, shared, h, a, inner, tsum,
                  [&](const Conv& c, const Rows& input, const Epilogue& e) { conv(c, input, e, mem); });
    fromRows(tsum, t0 - a0, t1 - t0, sum + t0, sumStride);
  }
}

}  // namespace voirs
