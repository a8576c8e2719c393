#include "core/model_io.h"

#include <cmath>
#include <sstream>

#include "core/utf8.h"

namespace ll {

namespace {

std::string join_sizes(const std::vector<int>& sizes) {
  std::string s;
  for (size_t i = 0; i < sizes.size(); ++i) s += (i ? "," : "") + std::to_string(sizes[i]);
  return s;
}

std::string join_activations(const std::vector<Activation>& acts) {
  std::string s;
  for (size_t i = 0; i < acts.size(); ++i)
    s += std::string(i ? "," : "") + activation_name(acts[i]);
  return s;
}

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> parts;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, ',');) parts.push_back(part);
  return parts;
}

void add_tensors(std::vector<TensorRef>& out, const std::string& prefix, const ParamLayout& layout,
                 const Vector& params) {
  for (const TensorSlot& t : layout.slots())
    out.push_back({prefix + "." + t.name, std::vector<int64_t>(t.shape.begin(), t.shape.end()),
                   params.data() + t.offset});
}

// The file's tensors for `layout` under `prefix`, as a new buffer. Tensors
// that start with "<prefix>." but are not in the layout mean a different
// architecture and are refused too.
Vector read_params(const SafetensorsView& file, const std::string& prefix,
                   const ParamLayout& layout, const std::string& source) {
  Vector params(layout.size());
  for (const TensorSlot& t : layout.slots()) {
    const std::string name = prefix + "." + t.name;
    const TensorEntry* e = file.find(name);
    if (!e) throw FormatError(source + ": tensor '" + name + "' is missing");
    const std::vector<int64_t> expected(t.shape.begin(), t.shape.end());
    if (e->shape != expected)
      throw FormatError(source + ": tensor '" + name + "' has shape " + shape_to_string(e->shape) +
                        ", expected " + shape_to_string(expected));
    if (e->dtype != DType::F32)
      throw FormatError(source + ": tensor '" + name + "' has dtype " + dtype_name(e->dtype) +
                        ", expected F32");
    file.read(*e, params.data() + t.offset);
    // NaN or Inf weights would "train" into NaN at once and look like a diverged run.
    for (Index i = 0; i < t.size; ++i)
      if (!std::isfinite(params[t.offset + i]))
        throw FormatError(source + ": tensor '" + name + "' holds a non-finite value (" +
                          std::to_string(params[t.offset + i]) + " at element " + std::to_string(i) +
                          "): the file is damaged or was saved from a diverged run");
  }
  for (const TensorEntry& e : file.tensors) {
    if (e.name.compare(0, prefix.size() + 1, prefix + ".") != 0) continue;
    bool known = false;
    for (const TensorSlot& t : layout.slots()) known = known || e.name == prefix + "." + t.name;
    if (!known)
      throw FormatError(source + ": unexpected tensor '" + e.name +
                        "': the file holds a different architecture");
  }
  return params;
}

void check_metadata(const SafetensorsView& file, const std::string& key,
                    const std::string& expected, const std::string& source) {
  auto it = file.metadata.find(key);
  if (it != file.metadata.end() && it->second != expected)
    throw FormatError(source + ": metadata '" + utf8_shortened(key, 60) + "' is '" + utf8_shortened(it->second, 60) +
                      "', expected '" + expected + "'");
}

}  // namespace

std::vector<uint8_t> save_mlps(const std::vector<std::pair<std::string, const Mlp*>>& nets,
                               const Metadata& extra) {
  std::vector<TensorRef> tensors;
  Metadata meta = extra;
  meta["format"] = "latentlab";
  for (const auto& [prefix, net] : nets) {
    add_tensors(tensors, prefix, net->layout(), net->params());
    meta[prefix + ".sizes"] = join_sizes(net->sizes());
    meta[prefix + ".activations"] = join_activations(net->activations());
  }
  return write_safetensors(tensors, meta);
}

void load_mlps(const std::vector<std::pair<std::string, Mlp*>>& nets, const uint8_t* bytes,
               size_t size, const std::string& source) {
  const SafetensorsView file = parse_safetensors(bytes, size, source);
  std::vector<Vector> loaded;
  for (const auto& [prefix, net] : nets) {
    check_metadata(file, prefix + ".sizes", join_sizes(net->sizes()), source);
    check_metadata(file, prefix + ".activations", join_activations(net->activations()), source);
    loaded.push_back(read_params(file, prefix, net->layout(), source));
  }
  // Everything checked: now (and only now) replace the parameters.
  for (size_t i = 0; i < nets.size(); ++i) nets[i].second->params().swap(loaded[i]);
}

std::vector<uint8_t> save_mlp(const Mlp& net, const std::string& prefix, const Metadata& extra) {
  return save_mlps({{prefix, &net}}, extra);
}

void load_mlp(Mlp& net, const std::vector<uint8_t>& bytes, const std::string& source,
              const std::string& prefix) {
  load_mlps({{prefix, &net}}, bytes.data(), bytes.size(), source);
}

Mlp mlp_from_safetensors(const std::vector<uint8_t>& bytes, const std::string& source,
                         const std::string& prefix) {
  const SafetensorsView file = parse_safetensors(bytes.data(), bytes.size(), source);
  auto sizes_it = file.metadata.find(prefix + ".sizes");
  auto acts_it = file.metadata.find(prefix + ".activations");
  if (sizes_it == file.metadata.end() || acts_it == file.metadata.end())
    throw FormatError(source + ": metadata '" + prefix + ".sizes' and '" + prefix +
                      ".activations' are needed to rebuild the network");
  std::vector<int> sizes;
  std::vector<Activation> acts;
  try {
    for (const std::string& s : split(sizes_it->second)) {
      size_t used = 0;
      int n = std::stoi(s, &used);
      if (used != s.size() || n <= 0 || n > (1 << 24)) throw std::invalid_argument(s);
      sizes.push_back(n);
    }
    for (const std::string& s : split(acts_it->second)) acts.push_back(activation_from_name(s));
    // Check the size before allocating: corrupt metadata must not ask for terabytes.
    uint64_t count = 0;
    for (size_t l = 0; l + 1 < sizes.size(); ++l) count += uint64_t(sizes[l + 1]) * (sizes[l] + 1);
    if (count > file.data_size / 4)
      throw FormatError(source + ": metadata describes " + std::to_string(count) +
                        " parameters but the file holds " + std::to_string(file.data_size / 4));
    Mlp net(sizes, acts);
    net.params() = read_params(file, prefix, net.layout(), source);
    return net;
  } catch (const std::logic_error& e) {  // stoi, activation names, Mlp shape checks
    throw FormatError(source + ": metadata does not describe a valid network (" + e.what() + ")");
  }
}

std::vector<uint8_t> save_rbm(const Rbm& rbm, const std::string& prefix) {
  std::vector<TensorRef> tensors;
  add_tensors(tensors, prefix, rbm.layout(), rbm.params());
  const char* units = rbm.units() == HiddenUnits::Binary ? "binary" : "gaussian";
  const char* visible = rbm.visible_units() == VisibleUnits::Binary ? "binary" : "gaussian";
  return write_safetensors(tensors, {{"format", "latentlab"}, {prefix + ".hidden_units", units},
                                     {prefix + ".visible_units", visible}});
}

void load_rbm(Rbm& rbm, const std::vector<uint8_t>& bytes, const std::string& source,
              const std::string& prefix) {
  const SafetensorsView file = parse_safetensors(bytes.data(), bytes.size(), source);
  check_metadata(file, prefix + ".hidden_units",
                 rbm.units() == HiddenUnits::Binary ? "binary" : "gaussian", source);
  // Files from before visible units had a kind lack the key (binary RBMs): accepted.
  check_metadata(file, prefix + ".visible_units",
                 rbm.visible_units() == VisibleUnits::Binary ? "binary" : "gaussian", source);
  Vector params = read_params(file, prefix, rbm.layout(), source);
  rbm.params().swap(params);
  rbm.reset_momentum();
}

}  // namespace ll
