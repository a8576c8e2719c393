#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "core/model_io.h"

using namespace ll;

namespace {

Mlp make_net(const std::vector<int>& sizes, uint64_t seed) {
  std::vector<Activation> acts(sizes.size() - 1, Activation::Tanh);
  Mlp net(sizes, acts);
  Rng rng(seed);
  net.init(rng);
  for (int l = 0; l < net.num_layers(); ++l) net.b(l).setConstant(0.25f * float(l + 1));
  return net;
}

// A file with the given header text and `data_bytes` zero bytes of data.
std::vector<uint8_t> make_file(const std::string& header, size_t data_bytes) {
  std::vector<uint8_t> out(8 + header.size() + data_bytes, 0);
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i) out[i] = uint8_t(n >> (8 * i));
  std::memcpy(out.data() + 8, header.data(), header.size());
  return out;
}

// Loads `bytes` into `net`, expecting a FormatError whose message contains
// `phrase`, and the parameters to be unchanged.
void check_rejected(Mlp& net, const std::vector<uint8_t>& bytes, const std::string& phrase) {
  const Vector before = net.params();
  CHECK_THROWS_WITH_AS(load_mlp(net, bytes, "model.safetensors"), doctest::Contains(phrase.c_str()),
                       FormatError);
  CHECK(net.params() == before);
}

}  // namespace

TEST_CASE("model_io: save/load round trip; the data section is the parameter buffer") {
  Mlp net = make_net({6, 4, 6}, 1);
  std::vector<uint8_t> bytes = save_mlp(net);
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= uint64_t(bytes[i]) << (8 * i);
  CHECK(n % 8 == 0);  // padded so the float data is aligned
  REQUIRE(bytes.size() == 8 + n + 4 * size_t(net.params().size()));
  CHECK(std::memcmp(bytes.data() + 8 + n, net.params().data(), bytes.size() - 8 - n) == 0);

  SafetensorsView view = parse_safetensors(bytes.data(), bytes.size(), "model.safetensors");
  REQUIRE(view.find("mlp.0.W") != nullptr);
  CHECK(view.find("mlp.0.W")->shape == std::vector<int64_t>{4, 6});  // [out, in] like nn.Linear
  CHECK(view.metadata.at("mlp.activations") == "tanh,tanh");
  // W is stored in C order: element (1, 2) is at flat position 1 * 6 + 2.
  std::vector<float> w(24);
  view.read(*view.find("mlp.0.W"), w.data());
  CHECK(w[1 * 6 + 2] == net.W(0)(1, 2));

  Mlp other = make_net({6, 4, 6}, 2);
  CHECK(other.params() != net.params());
  load_mlp(other, bytes, "model.safetensors");
  CHECK(other.params() == net.params());

  Mlp rebuilt = mlp_from_safetensors(bytes, "model.safetensors");
  CHECK(rebuilt.sizes() == net.sizes());
  CHECK(rebuilt.params() == net.params());
}

TEST_CASE("model_io: round trip through a file") {
  Mlp net = make_net({5, 3, 5}, 3);
  const std::string path = "ll_test_model_io.safetensors";  // relative: also works in wasm's MEMFS
  write_file_bytes(path, save_mlp(net));
  Mlp other = make_net({5, 3, 5}, 4);
  load_mlp(other, read_file_bytes(path), path);
  std::remove(path.c_str());
  CHECK(other.params() == net.params());
  CHECK_THROWS_AS(read_file_bytes("no/such/dir/model.safetensors"), FormatError);
}

TEST_CASE("model_io: wrong shape is rejected with a precise message, model untouched") {
  Mlp saved = make_net({64, 16, 64}, 5);
  Mlp wider = make_net({64, 32, 64}, 6);
  const Vector before = wider.params();
  // The sizes metadata is checked first, then each tensor.
  CHECK_THROWS_WITH_AS(load_mlp(wider, save_mlp(saved), "model.safetensors"),
                       "model.safetensors: metadata 'mlp.sizes' is '64,16,64', expected '64,32,64'",
                       FormatError);
  // Without the metadata, the tensor shape check names the tensor.
  std::vector<TensorRef> refs;
  for (const TensorSlot& t : saved.layout().slots())
    refs.push_back(
        {"mlp." + t.name, {t.shape.begin(), t.shape.end()}, saved.params().data() + t.offset});
  CHECK_THROWS_WITH_AS(load_mlp(wider, write_safetensors(refs, {}), "model.safetensors"),
                       "model.safetensors: tensor 'mlp.0.W' has shape [16,64], expected [32,64]",
                       FormatError);
  CHECK(wider.params() == before);
}

TEST_CASE("model_io: missing, extra and mismatching tensors are rejected") {
  Mlp net = make_net({4, 3, 4}, 7);
  check_rejected(net, save_mlp(make_net({4, 3, 4}, 8), "encoder"), "tensor 'mlp.0.W' is missing");
  check_rejected(net, save_mlp(make_net({4, 3, 3, 4}, 9)), "metadata 'mlp.sizes'");
  Mlp relu({4, 3, 4}, {Activation::ReLU, Activation::Tanh});
  check_rejected(net, save_mlp(relu),
                 "metadata 'mlp.activations' is 'relu,tanh', expected 'tanh,tanh'");
}

TEST_CASE("model_io: every truncation of a file is rejected, model untouched") {
  Mlp net = make_net({3, 2, 3}, 10);
  const Vector before = net.params();
  const std::vector<uint8_t> bytes = save_mlp(make_net({3, 2, 3}, 11));
  for (size_t len = 0; len < bytes.size(); ++len) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + long(len));
    CHECK_THROWS_AS(load_mlp(net, cut, "model.safetensors"), FormatError);
  }
  CHECK(net.params() == before);
  check_rejected(net, std::vector<uint8_t>(bytes.begin(), bytes.begin() + 5), "too short");
  check_rejected(net, std::vector<uint8_t>(bytes.begin(), bytes.begin() + 40), "truncated");
  check_rejected(net, std::vector<uint8_t>(bytes.begin(), bytes.end() - 4),
                 "beyond the data section");
}

TEST_CASE("model_io: corrupt headers are rejected with the reason") {
  Mlp net = make_net({2, 2}, 12);
  auto W = [](const std::string& dtype, const std::string& shape, const std::string& offsets) {
    return "\"mlp.0.W\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape +
           ",\"data_offsets\":" + offsets + "}";
  };
  const std::string b = "\"mlp.0.b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}";
  // Sanity: the hand-made file is accepted.
  load_mlp(net, make_file("{" + W("F32", "[2,2]", "[0,16]") + "," + b + "}", 24),
           "model.safetensors");

  std::vector<uint8_t> huge = make_file("{}", 0);
  huge[7] = 0x7f;
  check_rejected(net, huge, "exceeds the 100 MB limit");
  check_rejected(net, make_file("{\"mlp.0.W\": [1,2", 0), "header is not valid JSON");
  check_rejected(net, make_file("[1,2,3]", 0), "header is not a JSON object");
  check_rejected(net, make_file("{" + W("F16", "[2,2]", "[0,8]") + "," + b + "}", 24),
                 "tensor 'mlp.0.W' has dtype 'F16', only F32 and U8 are supported");
  // U8 is a valid safetensors dtype (datasets) but not for model parameters.
  check_rejected(net, make_file("{" + W("U8", "[2,2]", "[0,4]") + "," + b + "}", 24),
                 "tensor 'mlp.0.W' has dtype U8, expected F32");
  check_rejected(net, make_file("{" + W("U8", "[2,2]", "[0,16]") + "," + b + "}", 24),
                 "tensor 'mlp.0.W' has shape [2,2] but data_offsets [0,16] hold 16 bytes");
  check_rejected(net, make_file("{" + W("F32", "[2,-2]", "[0,16]") + "," + b + "}", 24),
                 "tensor 'mlp.0.W' has a shape entry that is not a non-negative integer");
  check_rejected(net, make_file("{" + W("F32", "[2,2]", "[0,12]") + "," + b + "}", 24),
                 "tensor 'mlp.0.W' has shape [2,2] but data_offsets [0,12] hold 12 bytes");
  check_rejected(net, make_file("{" + W("F32", "[2,2]", "[8,24]") + "," + b + "}", 24),
                 "tensors 'mlp.0.W' and 'mlp.0.b' overlap");
  check_rejected(net, make_file("{" + W("F32", "[2,2]", "[0,16]") + "," + b + "}", 20),
                 "tensor 'mlp.0.b' has data_offsets [16,24] beyond the data section (20 bytes)");
  check_rejected(net, make_file("{" + W("F32", "[2,2]", "[16,0]") + "," + b + "}", 24),
                 "with begin > end");
  check_rejected(net,
                 make_file("{" + W("F32", "[4294967296,4294967296]", "[0,16]") + "," + b + "}", 24),
                 "has shape [4294967296,4294967296] but data_offsets [0,16] hold 16 bytes");
  check_rejected(net, make_file("{\"__metadata__\":{\"a\":1}}", 0), "is not a string");
}

TEST_CASE("model_io: random corruption never escapes as anything but FormatError") {
  // A miniature of fuzz/fuzz_safetensors.cpp that runs with the tests.
  Mlp net = make_net({3, 2, 3}, 13);
  const std::vector<uint8_t> good = save_mlp(make_net({3, 2, 3}, 14));
  Rng rng(15);
  int accepted = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<uint8_t> bytes = good;
    for (int k = 0; k < 1 + int(rng.uniform_int(4)); ++k)
      bytes[rng.uniform_int(uint32_t(bytes.size()))] = uint8_t(rng.next_u32());
    try {
      load_mlp(net, bytes, "fuzz");
      ++accepted;  // e.g. a flipped bit in the float data
    } catch (const FormatError&) {
    }
  }
  CHECK(accepted < 300);
}

TEST_CASE("model_io: GAN generator and discriminator in one file; RBM round trip") {
  Mlp g = make_net({4, 8, 6}, 16), d = make_net({6, 3, 1}, 17);
  std::vector<uint8_t> bytes = save_mlps({{"G", &g}, {"D", &d}});
  Mlp g2 = make_net({4, 8, 6}, 18), d2 = make_net({6, 3, 1}, 19);
  load_mlps({{"G", &g2}, {"D", &d2}}, bytes.data(), bytes.size(), "gan.safetensors");
  CHECK(g2.params() == g.params());
  CHECK(d2.params() == d.params());

  Rbm rbm(5, 3, HiddenUnits::Gaussian), other(5, 3, HiddenUnits::Gaussian), binary(5, 3);
  Rng rng(20);
  rbm.init(rng);
  load_rbm(other, save_rbm(rbm), "rbm.safetensors");
  CHECK(other.params() == rbm.params());
  CHECK_THROWS_WITH_AS(
      load_rbm(binary, save_rbm(rbm), "rbm.safetensors"),
      "rbm.safetensors: metadata 'rbm.hidden_units' is 'gaussian', expected 'binary'", FormatError);
  // Gaussian visible units (the faces' first layer) round-trip and are told apart too.
  Rbm faces(5, 3, HiddenUnits::Binary, VisibleUnits::Gaussian), faces2(5, 3, HiddenUnits::Binary, VisibleUnits::Gaussian);
  faces.init(rng);
  load_rbm(faces2, save_rbm(faces), "faces.safetensors");
  CHECK(faces2.params() == faces.params());
  CHECK_THROWS_WITH_AS(
      load_rbm(binary, save_rbm(faces), "faces.safetensors"),
      "faces.safetensors: metadata 'rbm.visible_units' is 'gaussian', expected 'binary'", FormatError);
}

TEST_CASE("safetensors: U8 tensors round-trip next to F32 ones, dtype checked on read") {
  const uint8_t pixels[6] = {0, 1, 127, 128, 254, 255};
  const float scale[2] = {0.5f, -2.0f};
  const std::vector<uint8_t> bytes =
      write_safetensors({{"images", {1, 2, 3}, pixels, DType::U8}, {"scale", {2}, scale}}, {{"k", "v"}});
  const SafetensorsView view = parse_safetensors(bytes.data(), bytes.size(), "mixed");
  REQUIRE(view.tensors.size() == 2);
  const TensorEntry* img = view.find("images");
  REQUIRE(img);
  CHECK(img->dtype == DType::U8);
  CHECK(img->shape == std::vector<int64_t>{1, 2, 3});
  CHECK(img->end - img->begin == 6);
  uint8_t back[6] = {};
  view.read(*img, back);
  CHECK(std::memcmp(back, pixels, 6) == 0);
  float f[2] = {};
  view.read(*view.find("scale"), f);
  CHECK(f[1] == -2.0f);
  CHECK_THROWS_WITH_AS(view.read(*img, f), "tensor 'images' has dtype U8, expected F32", FormatError);
  CHECK(view.metadata.at("k") == "v");
}
