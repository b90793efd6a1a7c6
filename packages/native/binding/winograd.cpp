// Winograd forms of the residual convolutions (struct Winograd in conv-stack.hpp), built once when
// a conv stack is prepared; generic C++ (any x86-64 CPU, like the glue).
//
// A tile computes the correlation y[i] = sum_k g[k] x[i + k] (i < m, k < r) from alpha = m + r - 1
// inputs. It is the transpose of the polynomial product s = g * h (h of degree m - 1), which
// evaluation at alpha points computes exactly: s = A (G g . H h), with G, H the evaluation matrices
// of g and h and A the interpolation (the inverse of the alpha x alpha evaluation matrix), so
// y = H^T (G g . A^T x): input transform bt = A^T, output transform at = H^T, kernel G g. The points
// are 0, 1, -1, 2, -2, 1/2 and infinity (the leading coefficient): small ones, so that float32
// tiles of m = 4 stay near a direct convolution's rounding error. A kernel longer than m taps is cut
// into pieces of r = m taps (the last zero-filled): piece j of tile t reads the inputs of tile t + j.
// The matrices are computed in double and rounded once.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "conv-stack.hpp"

namespace voirs {
namespace {

constexpr double kPoints[] = {0, 1, -1, 2, -2, 0.5};

// An evaluation matrix [alpha][n] for polynomials of `n` coefficients: row p holds the powers of
// point p, the last row (the point at infinity) the leading coefficient.
std::vector<double> evaluation(int alpha, int n) {
  std::vector<double> e(static_cast<size_t>(alpha) * n, 0.0);
  for (int p = 0; p < alpha; p++)
    for (int j = 0; j < n; j++)
      e[p * n + j] = p == alpha - 1 ? (j == n - 1 ? 1.0 : 0.0) : std::pow(kPoints[p], j);
  return e;
}

// Inverse of a square matrix (Gauss-Jordan with partial pivoting).
std::vector<double> inverse(std::vector<double> a, int n) {
  std::vector<double> inv(static_cast<size_t>(n) * n, 0.0);
  for (int i = 0; i < n; i++) inv[i * n + i] = 1.0;
  for (int c = 0; c < n; c++) {
    int pivot = c;
    for (int r = c + 1; r < n; r++)
      if (std::fabs(a[r * n + c]) > std::fabs(a[pivot * n + c])) pivot = r;
    if (a[pivot * n + c] == 0.0) throw std::logic_error("singular Winograd evaluation matrix");
    for (int j = 0; j < n; j++) {
      std::swap(a[c * n + j], a[pivot * n + j]);
      std::swap(inv[c * n + j], inv[pivot * n + j]);
    }
    const double d = a[c * n + c];
    for (int j = 0; j < n; j++) {
      a[c * n + j] /= d;
      inv[c * n + j] /= d;
    }
    for (int r = 0; r < n; r++) {
      if (r == c || a[r * n + c] == 0.0) continue;
      const double f = a[r * n + c];
      for (int j = 0; j < n; j++) {
        a[r * n + j] -= f * a[c * n + j];
        inv[r * n + j] -= f * inv[c * n + j];
      }
    }
  }
  return inv;
}

}  // namespace

bool winogradSuits(const Conv& c) {
  return c.ci >= 32 && c.co >= 32 && c.ci % 32 == 0 && c.co % 32 == 0 && c.k >= 3 && c.k <= 16;
}

std::shared_ptr<const Winograd> winogradForm(const Conv& c, const float* weight) {
  if (!winogradSuits(c)) throw std::logic_error("this convolution has no Winograd form");
  auto w = std::make_shared<Winograd>();
  constexpr int m = Winograd::m;
  w->r = std::min(c.k, m);
  w->pieces = (c.k + w->r - 1) / w->r;
  const int alpha = w->alpha = m + w->r - 1;
  w->lanes = 32;

  const std::vector<double> g = evaluation(alpha, w->r);                   // [alpha][r]
  const std::vector<double> h = evaluation(alpha, m);                      // [alpha][m]
  const std::vector<double> a = inverse(evaluation(alpha, alpha), alpha);  // [alpha][alpha]
  w->bt.resize(static_cast<size_t>(alpha) * alpha);
  for (int p = 0; p < alpha; p++)
    for (int i = 0; i < alpha; i++) w->bt[p * alpha + i] = static_cast<float>(a[i * alpha + p]);
  w->at.resize(static_cast<size_t>(m) * alpha);
  for (int i = 0; i < m; i++)
    for (int p = 0; p < alpha; p++) w->at[i * alpha + p] = static_cast<float>(h[p * m + i]);

  const int pieces = w->pieces, lanes = w->lanes, blocks = c.co / lanes;
  w->weights.assign(static_cast<size_t>(alpha) * c.co * pieces * c.ci, 0.f);
  for (int p = 0; p < alpha; p++)
    for (int o = 0; o < c.co; o++)
      for (int i = 0; i < c.ci; i++)
        for (int j = 0; j < pieces; j++) {
          double u = 0;
          for (int t = 0; t < w->r; t++) {
            const int tap = j * w->r + t;
            if (tap < c.k) u += g[p * w->r + t] * weight[(static_cast<size_t>(o) * c.ci + i) * c.k + tap];
          }
          const size_t panel = static_cast<size_t>(p) * blocks + o / lanes;
          w->weights[((panel * pieces + j) * c.ci + i) * lanes + o % lanes] = static_cast<float>(u);
        }
  return w;
}

}  // namespace voirs
