// The sequence of a stage's residual blocks, shared by the direct kernels (conv-stack-avx512.cpp,
// channels-first activations) and the Winograd ones (winograd-avx512.cpp, channels last), which
// differ only in their activation type and convolution.
#pragma once
#include <vector>

#include "conv-stack.hpp"

namespace voirs {

// What happens to a convolution's output y (every target optional): dst = y + residual;
// act = leaky_relu(dst); sum = dst (first block) or sum + dst.
template <class Buffer>
struct EpilogueOf {
  const Buffer* residual = nullptr;
  const Buffer* dst = nullptr;
  const Buffer* act = nullptr;
  float actSlope = 0.1f;
  const Buffer* sum = nullptr;
  bool sumFirst = false;
};

// Residual blocks `blocks` (indices, in order) of `st` on one time tile: `stream` is the tile's
// upsampled stream (the first residual), `shared` leaky_relu(stream), `h` the running residual,
// `a` and `inner` activations, `sum` receives the blocks' sum. conv(c, input, epilogue) runs one
// convolution with its epilogue. Per block: h = stream; per step, ResBlock1 h += conv2(lrelu(
// conv1(lrelu(h)))), ResBlock2 h += conv(lrelu(h)); the last step adds h to `sum` instead.
template <class Buffer, class ConvFn>
void runBlockSteps(const Stage& st, const std::vector<int>& blocks, const Buffer& stream, const Buffer& shared,
                   const Buffer& h, const Buffer& a, const Buffer& inner, const Buffer& sum, ConvFn conv) {
  using Epilogue = EpilogueOf<Buffer>;
  for (size_t b = 0; b < blocks.size(); b++) {
    const Block& block = st.blocks[blocks[b]];
    // the activation the next step reads; steps write theirs to whichever of a and inner the
    // step does not read (a convolution must not overwrite its own input)
    const Buffer* actIn = &shared;
    for (size_t k = 0; k < block.steps.size(); k++) {
      const auto& step = block.steps[k];
      const bool last = k + 1 == block.steps.size();
      Epilogue e;
      e.residual = k == 0 ? &stream : &h;
      e.dst = last ? nullptr : &h;
      e.actSlope = st.blockSlope;
      e.sum = last ? &sum : nullptr;
      e.sumFirst = b == 0;
      const Buffer* input = actIn;
      if (step.size() == 2) {
        // ResBlock1's first convolution: its activation goes to whichever buffer is free
        const Buffer* mid = input == &inner ? &a : &inner;
        Epilogue first;
        first.act = mid;
        first.actSlope = st.blockSlope;
        conv(step[0], *input, first);
        input = mid;
      }
      // ResBlock1's second convolution or ResBlock2's only one: h += conv(...)
      const Buffer* out = input == &a ? &inner : &a;
      e.act = last ? nullptr : out;
      conv(step.back(), *input, e);
      actIn = out;
    }
  }
}

}  // namespace voirs
