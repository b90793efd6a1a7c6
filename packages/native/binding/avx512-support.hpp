// Small pieces shared by the AVX-512 kernels (conv-stack-avx512.cpp, winograd-avx512.cpp): only
// included by translation units built with -mavx512f.
#pragma once
#include <immintrin.h>

#include <cstdint>
#include <vector>

namespace voirs {

constexpr int kLine = 16;  // floats per cache line

inline int roundUp(int n, int m) { return (n + m - 1) / m * m; }

inline __m512 leaky(__m512 v, __m512 slope) { return _mm512_max_ps(v, _mm512_mul_ps(v, slope)); }

// `floats` floats of `buffer` starting on a cache line (the buffer grows as needed, by a line more
// than asked for; contents kept).
inline float* cacheLineAligned(std::vector<float>& buffer, size_t floats) {
  if (buffer.size() < floats + kLine) buffer.resize(floats + kLine);
  const auto address = reinterpret_cast<std::uintptr_t>(buffer.data());
  return buffer.data() + (64 - address % 64) % 64 / sizeof(float);
}

}  // namespace voirs
