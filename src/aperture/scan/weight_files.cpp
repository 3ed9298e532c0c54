#include <aperture/scan/weight_files.hpp>

#include <array>

#include <fmt/format.h>

#include <aperture/assess/verdict.hpp>
#include <aperture/formats/gguf.hpp>
#include <aperture/formats/safetensors.hpp>
#include <aperture/formats/weights.hpp>
#include <aperture/license/spdx_index.hpp>
#include <aperture/terms/hub_license.hpp>
#include <aperture/util/file.hpp>

namespace aperture::scan {
namespace {

using release::ClaimKind;
using release::Evidence;
using release::Release;
using release::Severity;

constexpr std::size_t k_max_listed = 8;

void header_error(Release& r, const std::string& path, const util::Error& e) {
  r.findings.push_back({"weights-header", Severity::warning,
                        fmt::format("cannot read the header of {}: {}", path, e.message), {{path, 0, {}, {}}}});
}

void add_gguf_license(Release& r, const std::string& path, const formats::GgufInfo& g) {
  if (g.license.empty() && g.license_name.empty()) {
    return;
  }
  std::string written = g.license.empty() ? g.license_name : g.license;
  Evidence e{path, 0, g.license_link, "general.license = " + written};
  r.claims.push_back({ClaimKind::declared_license, written, "gguf-metadata", e});
  terms::DeclaredLicense d = terms::resolve_hub_license(g.license, g.license_name);
  if (auto m = terms::declared_match(d, e.quote, 0)) {
    r.licenses.push_back({std::move(*m), path, "gguf-metadata"});
  }
}

void read_gguf(Release& r, const std::string& absolute, release::FileEntry& file) {
  auto g = formats::read_gguf_file(absolute);
  if (!g) {
    header_error(r, file.path, g.error());
    return;
  }
  file.parameters = g->parameter_count;
  add_gguf_license(r, file.path, *g);
  if (r.architecture.empty() && !g->architecture.empty()) {
    r.architecture = g->architecture;
    r.architecture_evidence = {file.path, 0, {}, "general.architecture"};
  }
  for (const auto& b : g->base_models) {
    std::string name = b.organization.empty() ? b.name : b.organization + "/" + b.name;
    release::BaseModel base;
    base.name = name;
    base.evidence = {file.path, 0, b.repo_url, "general.base_model: " + name};
    r.base_models.push_back(base);
  }
  if (!g->file_type_name.empty()) {
    file.kind = fmt::format("gguf:{}", g->file_type_name);
  }
}

}  // namespace

std::string weight_kind_id(formats::WeightFormat f) {
  using W = formats::WeightFormat;
  switch (f) {
  case W::lfs_pointer: return "lfs-pointer";
  case W::safetensors: return "safetensors";
  case W::gguf: return "gguf";
  case W::ggml: return "ggml";
  case W::pytorch_zip: return "pytorch-zip";
  case W::pickle: return "pickle";
  case W::onnx: return "onnx";
  case W::keras: return "keras";
  case W::tflite: return "tflite";
  case W::flax_msgpack: return "flax-msgpack";
  case W::numpy: return "numpy";
  case W::unknown: break;
  }
  return "weights";
}

void read_weight_file(const std::string& absolute, const InventoryEntry& entry, release::FileEntry& file,
                      Release& r) {
  auto head = util::read_file_head(absolute, formats::k_max_lfs_pointer_bytes);
  if (!head) {
    header_error(r, entry.path, head.error());
    return;
  }
  formats::WeightFormat format = formats::classify_weight_file(entry.path, head->bytes);
  file.kind = weight_kind_id(format);
  switch (format) {
  case formats::WeightFormat::lfs_pointer:
    if (auto p = formats::read_lfs_pointer(head->bytes)) {
      file.stands_for = p->size;
      // What the pointer stands for, by its name: "lfs-pointer:pickle".
      file.kind = fmt::format("{}:{}", file.kind, weight_kind_id(formats::classify_weight_file(entry.path, {})));
    }
    break;
  case formats::WeightFormat::safetensors:
    if (auto h = formats::read_safetensors_file(absolute)) {
      file.parameters = h->parameter_count;
    } else {
      header_error(r, entry.path, h.error());
    }
    break;
  case formats::WeightFormat::gguf: read_gguf(r, absolute, file); break;
  default: break;
  }
}

namespace {

std::vector<const release::FileEntry*> files_of(const Release& r, auto pred) {
  std::vector<const release::FileEntry*> out;
  for (const auto& f : r.files) {
    if (pred(f)) {
      out.push_back(&f);
    }
  }
  return out;
}

std::vector<Evidence> listed(const std::vector<const release::FileEntry*>& files) {
  std::vector<Evidence> out;
  for (std::size_t i = 0; i < files.size() && i < k_max_listed; ++i) {
    out.push_back({files[i]->path, 0, {}, files[i]->kind});
  }
  return out;
}

bool is_final(const release::FileEntry& f) {
  InventoryEntry e = classify_path(f.path, f.size);
  return e.component == release::ComponentKind::model_parameters_final;
}

void count_parameters(Release& r) {
  auto safetensors = files_of(r, [](const auto& f) { return f.kind == "safetensors" && f.parameters > 0 && is_final(f); });
  auto gguf = files_of(r, [](const auto& f) { return f.kind.starts_with("gguf") && f.parameters > 0; });
  if (!safetensors.empty()) {
    std::uint64_t sum = 0;
    for (const auto* f : safetensors) {
      sum += f->parameters;
    }
    r.parameter_count = sum;
    r.parameter_evidence = {safetensors.front()->path, 0, {},
                            safetensors.size() == 1 ? "safetensors header"
                                                    : fmt::format("safetensors headers of {} files", safetensors.size())};
  } else if (!gguf.empty()) {
    const release::FileEntry* best = gguf.front();
    for (const auto* f : gguf) {
      best = f->parameters > best->parameters ? f : best;
    }
    r.parameter_count = best->parameters;
    r.parameter_evidence = {best->path, 0, {}, "GGUF tensor infos"};
  }
}

// "6.1 GB", "7.2 kB": sizes as people read them (decimal units, like Git LFS).
std::string format_bytes(std::uint64_t bytes) {
  static constexpr std::array<const char*, 5> k_units = {"bytes", "kB", "MB", "GB", "TB"};
  double v = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (v >= 1000 && unit + 1 < k_units.size()) {
    v /= 1000;
    ++unit;
  }
  return unit == 0 ? fmt::format("{} bytes", bytes) : fmt::format("{:.1f} {}", v, k_units[unit]);
}

}  // namespace

void finish_weights(Release& r) {
  count_parameters(r);
  auto pickles = files_of(r, [](const auto& f) {
    return f.kind.ends_with("pickle") || f.kind.ends_with("pytorch-zip");
  });
  if (!pickles.empty()) {
    r.findings.push_back({"pickle-weights", Severity::warning,
                          fmt::format("{} file{} in pickle format: loading {} can run arbitrary code (Aperture never "
                                      "unpickles); prefer safetensors",
                                      pickles.size(), pickles.size() == 1 ? " is" : "s are",
                                      pickles.size() == 1 ? "it" : "them"),
                          listed(pickles)});
  }
  auto pointers = files_of(r, [](const auto& f) { return f.stands_for > 0; });
  if (!pointers.empty()) {
    std::uint64_t bytes = 0;
    for (const auto* f : pointers) {
      bytes += f->stands_for;
    }
    r.findings.push_back({"lfs-pointers", Severity::info,
                          fmt::format("{} file{} Git LFS pointer{} standing for {} not downloaded; {} not read "
                                      "(run `git lfs pull` to read {})",
                                      pointers.size(), pointers.size() == 1 ? " is a" : "s are",
                                      pointers.size() == 1 ? "" : "s", format_bytes(bytes),
                                      pointers.size() == 1 ? "its header was" : "their headers were",
                                      pointers.size() == 1 ? "it" : "them"),
                          listed(pointers)});
  }
}

}  // namespace aperture::scan
