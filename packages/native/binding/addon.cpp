// N-API glue of @voirs/native: reads a conv stack description from JavaScript, packs its weights
// for the kernels and runs it on libuv's thread pool (the kernels then split the work over their
// own threads). Built for any x86-64 CPU: the AVX-512 kernels live in their own translation unit
// and run only where the CPU has AVX-512F.
#include <node_api.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "conv-stack.hpp"

namespace voirs {
namespace {

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void check(napi_status status, const char* what) {
  if (status != napi_ok) throw Failure(std::string("N-API call failed: ") + what);
}

bool hasAvx512() {
#if defined(__x86_64__) || defined(_M_X64)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

napi_value property(napi_env env, napi_value object, const char* name) {
  napi_value value;
  check(napi_get_named_property(env, object, name, &value), name);
  return value;
}

double number(napi_env env, napi_value object, const char* name) {
  double value;
  if (napi_get_value_double(env, property(env, object, name), &value) != napi_ok || !std::isfinite(value))
    throw Failure(std::string(name) + " must be a finite number");
  return value;
}

int integer(napi_env env, napi_value object, const char* name, int min, int max) {
  double value = number(env, object, name);
  if (value != std::floor(value) || value < min || value > max)
    throw Failure(std::string(name) + " must be an integer in [" + std::to_string(min) + ", " +
                  std::to_string(max) + "]");
  return static_cast<int>(value);
}

// A Float32Array's data and length.
std::pair<float*, size_t> floats(napi_env env, napi_value value, const char* name) {
  bool typed = false;
  check(napi_is_typedarray(env, value, &typed), name);
  if (!typed) throw Failure(std::string(name) + " must be a Float32Array");
  napi_typedarray_type type;
  size_t length;
  void* data;
  check(napi_get_typedarray_info(env, value, &type, &length, &data, nullptr, nullptr), name);
  if (type != napi_float32_array) throw Failure(std::string(name) + " must be a Float32Array");
  return {static_cast<float*>(data), length};
}

std::vector<napi_value> elements(napi_env env, napi_value array, const char* name) {
  bool isArray = false;
  check(napi_is_array(env, array, &isArray), name);
  if (!isArray) throw Failure(std::string(name) + " must be an array");
  uint32_t length;
  check(napi_get_array_length(env, array, &length), name);
  std::vector<napi_value> out(length);
  for (uint32_t i = 0; i < length; i++) check(napi_get_element(env, array, i, &out[i]), name);
  return out;
}

// {weight [co][ci][k], bias [co], outChannels, inChannels, kernel, dilation, padLeft, padRight};
// `winograd`: also build its Winograd form where it has one (residual convolutions)
Conv readConv(napi_env env, napi_value object, bool winograd = false) {
  Conv c;
  c.co = integer(env, object, "outChannels", 1, 1 << 16);
  c.ci = integer(env, object, "inChannels", 1, 1 << 16);
  c.k = integer(env, object, "kernel", 1, 1024);
  c.dilation = integer(env, object, "dilation", 1, 1024);
  c.padLeft = integer(env, object, "padLeft", 0, kMargin);
  c.padRight = integer(env, object, "padRight", 0, kMargin);
  if ((c.k - 1) * c.dilation != c.padLeft + c.padRight)
    throw Failure("a convolution must keep the length: padLeft + padRight == (kernel - 1) * dilation");
  auto [weight, wl] = floats(env, property(env, object, "weight"), "weight");
  auto [bias, bl] = floats(env, property(env, object, "bias"), "bias");
  if (wl != static_cast<size_t>(c.co) * c.ci * c.k) throw Failure("weight length != out * in * kernel");
  if (bl != static_cast<size_t>(c.co)) throw Failure("bias length != outChannels");
  int groups = (c.co + 7) / 8;
  c.packed.assign(static_cast<size_t>(groups) * c.ci * c.k * 8, 0.f);
  for (int o = 0; o < c.co; o++)
    for (int i = 0; i < c.ci; i++)
      for (int j = 0; j < c.k; j++)
        c.packed[((static_cast<size_t>(o / 8) * c.ci + i) * c.k + j) * 8 + o % 8] =
            weight[(static_cast<size_t>(o) * c.ci + i) * c.k + j];
  c.bias.assign(static_cast<size_t>(groups) * 8, 0.f);
  std::memcpy(c.bias.data(), bias, sizeof(float) * c.co);
  if (winograd && winogradSuits(c)) c.winograd = winogradForm(c, weight);
  return c;
}

// An optional boolean property (absent or undefined: `fallback`).
bool flag(napi_env env, napi_value object, const char* name, bool fallback) {
  bool has = false;
  check(napi_has_named_property(env, object, name, &has), name);
  if (!has) return fallback;
  napi_value value = property(env, object, name);
  napi_valuetype type;
  check(napi_typeof(env, value, &type), name);
  if (type == napi_undefined) return fallback;
  bool out;
  if (type != napi_boolean || napi_get_value_bool(env, value, &out) != napi_ok)
    throw Failure(std::string(name) + " must be a boolean");
  return out;
}

void finalizeStack(napi_env, void* data, void*) { delete static_cast<ConvStack*>(data); }

ConvStack* readStack(napi_env env, napi_value spec) {
  auto stack = std::make_unique<ConvStack>();
  stack->inChannels = integer(env, spec, "inChannels", 1, 1 << 16);
  const bool winograd = flag(env, spec, "winograd", true);
  int channels = stack->inChannels;
  for (napi_value sv : elements(env, property(env, spec, "stages"), "stages")) {
    Stage st;
    st.slope = static_cast<float>(number(env, sv, "slope"));
    st.blockSlope = static_cast<float>(number(env, sv, "blockSlope"));
    if (st.slope < 0 || st.slope > 1 || st.blockSlope < 0 || st.blockSlope > 1)
      throw Failure("leaky ReLU slopes must be in [0, 1]");
    st.stride = integer(env, sv, "stride", 1, 1024);
    st.channels = integer(env, sv, "channels", 1, 1 << 16);
    st.upsample = readConv(env, property(env, sv, "upsample"));
    if (st.upsample.ci != channels || st.upsample.co != st.stride * st.channels)
      throw Failure("an upsampler's channels do not match its stage");
    for (napi_value bv : elements(env, property(env, sv, "blocks"), "blocks")) {
      Block block;
      for (napi_value pv : elements(env, bv, "block")) {
        std::vector<Conv> step;
        for (napi_value cv : elements(env, pv, "step")) step.push_back(readConv(env, cv, winograd));
        if (step.empty() || step.size() > 2) throw Failure("a residual step has 1 or 2 convolutions");
        for (const Conv& c : step)
          if (c.ci != st.channels || c.co != st.channels)
            throw Failure("a residual convolution must keep the stage's channels");
        block.steps.push_back(std::move(step));
      }
      if (block.steps.empty()) throw Failure("a residual block needs at least one step");
      int reach = 0;
      for (const auto& step : block.steps)
        for (const Conv& c : step) reach += std::max(c.padLeft, c.padRight);
      st.reach = std::max(st.reach, reach);
      st.blocks.push_back(std::move(block));
    }
    if (st.blocks.empty()) throw Failure("a stage needs at least one residual block");
    // channels last in Winograd form when every residual convolution has one
    st.winograd = true;
    for (const Block& block : st.blocks)
      for (const auto& step : block.steps)
        for (const Conv& c : step) st.winograd = st.winograd && c.winograd != nullptr;
    if (!st.winograd)
      for (Block& block : st.blocks)
        for (auto& step : block.steps)
          for (Conv& c : step) c.winograd.reset();
    channels = st.channels;
    stack->upsample *= st.stride;
    stack->stages.push_back(std::move(st));
  }
  stack->postSlope = static_cast<float>(number(env, spec, "postSlope"));
  stack->post = readConv(env, property(env, spec, "post"));
  if (stack->post.ci != channels || stack->post.co != 1)
    throw Failure("the final convolution must map the last stage's channels to 1");
  return stack.release();
}

napi_value throwFailure(napi_env env, const std::exception& e) {
  napi_throw_error(env, "E_INVALID_ARGUMENT", e.what());
  return nullptr;
}

napi_value Cpu(napi_env env, napi_callback_info) {
  napi_value out;
  napi_create_string_utf8(env, hasAvx512() ? "avx512" : "none", NAPI_AUTO_LENGTH, &out);
  return out;
}

napi_value PrepareConvStack(napi_env env, napi_callback_info info) {
  try {
    if (!hasAvx512()) throw Failure("this CPU has no AVX-512F");
    size_t argc = 1;
    napi_value argv[1];
    check(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "arguments");
    if (argc < 1) throw Failure("prepareConvStack(spec) needs a spec");
    ConvStack* stack = readStack(env, argv[0]);
    napi_value handle;
    if (napi_create_external(env, stack, finalizeStack, nullptr, &handle) != napi_ok) {
      delete stack;
      throw Failure("N-API call failed: create_external");
    }
    return handle;
  } catch (const std::exception& e) {
    return throwFailure(env, e);
  }
}

// releaseConvStack(handle): frees the weights and scratch buffers now (not at garbage
// collection); later runs fail. Idempotent.
napi_value ReleaseConvStack(napi_env env, napi_callback_info info) {
  try {
    size_t argc = 1;
    napi_value argv[1];
    check(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "arguments");
    void* external = nullptr;
    if (argc < 1 || napi_get_value_external(env, argv[0], &external) != napi_ok)
      throw Failure("releaseConvStack(handle) needs a conv stack handle");
    ConvStack* stack = static_cast<ConvStack*>(external);
    std::lock_guard<std::mutex> lock(stack->running);
    stack->released = true;
    std::vector<Stage>().swap(stack->stages);
    std::vector<Scratch>().swap(stack->scratch);
    stack->post = Conv();
    return nullptr;
  } catch (const std::exception& e) {
    return throwFailure(env, e);
  }
}

struct Job {
  ConvStack* stack = nullptr;
  const float* input = nullptr;
  float* output = nullptr;
  int length = 0, windows = 1, halo = 0, threads = 1;
  napi_ref refs[3] = {nullptr, nullptr, nullptr};  // stack handle, input, output: alive until done
  napi_deferred deferred = nullptr;
  napi_async_work work = nullptr;
  std::string error;
};

void execute(napi_env, void* data) {
  Job* job = static_cast<Job*>(data);
  try {
    runConvStackAvx512(*job->stack, job->input, job->length, job->output, job->windows, job->halo,
                       job->threads);
  } catch (const std::exception& e) {
    job->error = e.what();
  }
}

void complete(napi_env env, napi_status status, void* data) {
  Job* job = static_cast<Job*>(data);
  for (napi_ref ref : job->refs) napi_delete_reference(env, ref);
  if (status == napi_ok && job->error.empty()) {
    napi_value undefined;
    napi_get_undefined(env, &undefined);
    napi_resolve_deferred(env, job->deferred, undefined);
  } else {
    napi_value message, error;
    napi_create_string_utf8(env, job->error.empty() ? "the conv stack run failed" : job->error.c_str(),
                            NAPI_AUTO_LENGTH, &message);
    napi_create_error(env, nullptr, message, &error);
    napi_reject_deferred(env, job->deferred, error);
  }
  napi_delete_async_work(env, job->work);
  delete job;
}

// runConvStack(handle, input, length, output, windows, halo, threads = windows): Promise<void>
napi_value RunConvStack(napi_env env, napi_callback_info info) {
  auto job = std::make_unique<Job>();
  try {
    size_t argc = 7;
    napi_value argv[7];
    check(napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr), "arguments");
    if (argc < 6) throw Failure("runConvStack(handle, input, length, output, windows, halo, threads)");
    void* external = nullptr;
    check(napi_get_value_external(env, argv[0], &external), "handle");
    job->stack = static_cast<ConvStack*>(external);
    if (job->stack->released) throw Failure("the conv stack was disposed");
    auto readInt = [&](napi_value v, const char* name, int min, int max) {
      double d;
      if (napi_get_value_double(env, v, &d) != napi_ok || d != std::floor(d) || d < min || d > max)
        throw Failure(std::string(name) + " must be an integer in range");
      return static_cast<int>(d);
    };
    job->length = readInt(argv[2], "length", 1, 1 << 30);
    job->windows = readInt(argv[4], "windows", 1, 64);
    job->halo = readInt(argv[5], "halo", 0, 1 << 30);
    job->threads = argc < 7 ? job->windows : readInt(argv[6], "threads", 1, 64);
    auto [input, inLength] = floats(env, argv[1], "input");
    auto [output, outLength] = floats(env, argv[3], "output");
    if (inLength != static_cast<size_t>(job->stack->inChannels) * job->length)
      throw Failure("input length != inChannels * length");
    if (outLength != static_cast<size_t>(job->stack->upsample) * job->length)
      throw Failure("output length != length * upsample");
    job->input = input;
    job->output = output;
    for (int i = 0; i < 3; i++) {
      napi_value v = i == 0 ? argv[0] : i == 1 ? argv[1] : argv[3];
      check(napi_create_reference(env, v, 1, &job->refs[i]), "reference");
    }
    napi_value promise, name;
    check(napi_create_promise(env, &job->deferred, &promise), "promise");
    check(napi_create_string_utf8(env, "voirs.convStack", NAPI_AUTO_LENGTH, &name), "name");
    check(napi_create_async_work(env, nullptr, name, execute, complete, job.get(), &job->work), "work");
    check(napi_queue_async_work(env, job->work), "queue");
    job.release();
    return promise;
  } catch (const std::exception& e) {
    for (napi_ref ref : job->refs)
      if (ref != nullptr) napi_delete_reference(env, ref);
    return throwFailure(env, e);
  }
}

napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"cpu", nullptr, Cpu, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"prepareConvStack", nullptr, PrepareConvStack, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"runConvStack", nullptr, RunConvStack, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"releaseConvStack", nullptr, ReleaseConvStack, nullptr, nullptr, nullptr, napi_default,
       nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}

}  // namespace
}  // namespace voirs

NAPI_MODULE(NODE_GYP_MODULE_NAME, voirs::Init)
