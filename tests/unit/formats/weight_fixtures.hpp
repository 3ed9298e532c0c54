// Builders that turn readable descriptions of model weight files into bytes,
// so the tests (and the fuzz seeds) never check in opaque binaries:
//
//   SafetensorsBuilder().tensor("w", "F16", {4096, 4096}).metadata("format", "pt").build()
//   GgufBuilder().kv_string("general.architecture", "llama")
//       .tensor("blk.0.attn_q.weight", {4096, 4096}, GgmlType::q4_k).build()
//
// Header-only: the unit-test target compiles only *_test.cpp files.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace aperture::testing {

// Little-endian encodings.
inline std::string le_u32(std::uint32_t v) {
  std::string out;
  for (int i = 0; i < 4; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  return out;
}

inline std::string le_u64(std::uint64_t v) {
  std::string out;
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  return out;
}

inline std::string le_f32(float v) {
  std::uint32_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  return le_u32(bits);
}

inline std::string le_f64(double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  return le_u64(bits);
}

// ---------------------------------------------------------------- safetensors

class SafetensorsBuilder {
public:
  // A tensor whose data follows the previous one's; the byte size comes from
  // the dtype (the dtypes below; others need tensor_entry()).
  SafetensorsBuilder&
  tensor(const std::string& name, const std::string& dtype, std::vector<std::uint64_t> shape) {
    std::uint64_t bytes = element_bytes(dtype);
    for (std::uint64_t d : shape) {
      bytes *= d;
    }
    nlohmann::ordered_json entry = {
        {"dtype", dtype}, {"shape", shape}, {"data_offsets", {m_data, m_data + bytes}}};
    m_data += bytes;
    return tensor_entry(name, entry.dump());
  }
  // A tensor entry given as raw JSON text (for malformed entries).
  SafetensorsBuilder& tensor_entry(const std::string& name, const std::string& json) {
    m_entries.emplace_back(nlohmann::json(name).dump(), json);
    return *this;
  }
  SafetensorsBuilder& metadata(const std::string& key, const std::string& value) {
    m_metadata[key] = value;
    return *this;
  }
  // Replaces the whole generated JSON.
  SafetensorsBuilder& header_json(std::string json) {
    m_json_override = std::move(json);
    m_has_override = true;
    return *this;
  }
  // Announces `length` instead of the real header length.
  SafetensorsBuilder& header_length(std::uint64_t length) {
    m_length_override = length;
    m_has_length_override = true;
    return *this;
  }

  [[nodiscard]] std::string json() const {
    if (m_has_override) {
      return m_json_override;
    }
    std::string out = "{";
    if (!m_metadata.empty()) {
      out += "\"__metadata__\":" + m_metadata.dump();
    }
    for (const auto& [name, entry] : m_entries) {
      out += (out.size() > 1 ? "," : "") + name + ":" + entry;
    }
    return out + "}";
  }
  // The length, then the JSON padded with spaces to a multiple of 8 (as the
  // reference writer does).
  [[nodiscard]] std::string header_bytes() const {
    std::string text = json();
    text.append((8 - text.size() % 8) % 8, ' ');
    return le_u64(m_has_length_override ? m_length_override : text.size()) + text;
  }
  [[nodiscard]] std::uint64_t data_size() const { return m_data; }
  // The whole file: header and zeroed tensor data (keep shapes small).
  [[nodiscard]] std::string build() const { return header_bytes() + std::string(m_data, '\0'); }

private:
  static std::uint64_t element_bytes(const std::string& dtype) {
    if (dtype == "F64" || dtype == "I64" || dtype == "U64") {
      return 8;
    }
    if (dtype == "F32" || dtype == "I32" || dtype == "U32") {
      return 4;
    }
    if (dtype == "F16" || dtype == "BF16" || dtype == "I16" || dtype == "U16") {
      return 2;
    }
    return 1;  // I8, U8, BOOL, F8_*
  }

  std::vector<std::pair<std::string, std::string>> m_entries;  // quoted name, entry JSON
  nlohmann::ordered_json m_metadata = nlohmann::ordered_json::object();
  std::uint64_t m_data = 0;
  std::string m_json_override;
  bool m_has_override = false;
  std::uint64_t m_length_override = 0;
  bool m_has_length_override = false;
};

// ----------------------------------------------------------------------- GGUF

// ggml tensor types used in the tests, with the value ggml.h gives them.
enum class GgmlType : std::uint32_t {
  f32 = 0,
  f16 = 1,
  q4_0 = 2,
  q8_0 = 8,
  q4_k = 12,
  q5_k = 13,
  q6_k = 14,
  bf16 = 30,
};

// GGUF metadata value types.
enum class GgufValue : std::uint32_t {
  u8 = 0,
  i8 = 1,
  u16 = 2,
  i16 = 3,
  u32 = 4,
  i32 = 5,
  f32 = 6,
  boolean = 7,
  string = 8,
  array = 9,
  u64 = 10,
  i64 = 11,
  f64 = 12,
};

inline std::string gguf_string(const std::string& s) {
  return le_u64(s.size()) + s;
}

class GgufBuilder {
public:
  GgufBuilder& magic(std::string magic) {
    m_magic = std::move(magic);
    return *this;
  }
  GgufBuilder& version(std::uint32_t version) {
    m_version = version;
    return *this;
  }
  // Header counts that differ from the entries actually written.
  GgufBuilder& kv_count(std::uint64_t n) {
    m_kv_count = n;
    m_has_kv_count = true;
    return *this;
  }
  GgufBuilder& tensor_count(std::uint64_t n) {
    m_tensor_count = n;
    m_has_tensor_count = true;
    return *this;
  }

  // A metadata entry whose value is `value_bytes` as encoded for `type`.
  GgufBuilder& kv_raw(const std::string& key, std::uint32_t type, const std::string& value_bytes) {
    m_kvs += gguf_string(key) + le_u32(type) + value_bytes;
    ++m_kvs_written;
    return *this;
  }
  GgufBuilder& kv_raw(const std::string& key, GgufValue type, const std::string& value_bytes) {
    return kv_raw(key, static_cast<std::uint32_t>(type), value_bytes);
  }
  GgufBuilder& kv_u8(const std::string& key, std::uint8_t v) {
    return kv_raw(key, GgufValue::u8, std::string(1, static_cast<char>(v)));
  }
  GgufBuilder& kv_i8(const std::string& key, std::int8_t v) {
    return kv_raw(key, GgufValue::i8, std::string(1, static_cast<char>(v)));
  }
  GgufBuilder& kv_u16(const std::string& key, std::uint16_t v) {
    return kv_raw(key, GgufValue::u16, le_u32(v).substr(0, 2));
  }
  GgufBuilder& kv_i16(const std::string& key, std::int16_t v) {
    return kv_raw(key, GgufValue::i16, le_u32(static_cast<std::uint16_t>(v)).substr(0, 2));
  }
  GgufBuilder& kv_u32(const std::string& key, std::uint32_t v) {
    return kv_raw(key, GgufValue::u32, le_u32(v));
  }
  GgufBuilder& kv_i32(const std::string& key, std::int32_t v) {
    return kv_raw(key, GgufValue::i32, le_u32(static_cast<std::uint32_t>(v)));
  }
  GgufBuilder& kv_u64(const std::string& key, std::uint64_t v) {
    return kv_raw(key, GgufValue::u64, le_u64(v));
  }
  GgufBuilder& kv_i64(const std::string& key, std::int64_t v) {
    return kv_raw(key, GgufValue::i64, le_u64(static_cast<std::uint64_t>(v)));
  }
  GgufBuilder& kv_f32(const std::string& key, float v) { return kv_raw(key, GgufValue::f32, le_f32(v)); }
  GgufBuilder& kv_f64(const std::string& key, double v) { return kv_raw(key, GgufValue::f64, le_f64(v)); }
  GgufBuilder& kv_bool(const std::string& key, bool v) {
    return kv_raw(key, GgufValue::boolean, std::string(1, v ? '\1' : '\0'));
  }
  GgufBuilder& kv_string(const std::string& key, const std::string& v) {
    return kv_raw(key, GgufValue::string, gguf_string(v));
  }
  GgufBuilder& kv_array_str(const std::string& key, const std::vector<std::string>& values) {
    std::string bytes = le_u32(static_cast<std::uint32_t>(GgufValue::string)) + le_u64(values.size());
    for (const std::string& v : values) {
      bytes += gguf_string(v);
    }
    return kv_raw(key, GgufValue::array, bytes);
  }
  GgufBuilder& kv_array_f32(const std::string& key, const std::vector<float>& values) {
    std::string bytes = le_u32(static_cast<std::uint32_t>(GgufValue::f32)) + le_u64(values.size());
    for (float v : values) {
      bytes += le_f32(v);
    }
    return kv_raw(key, GgufValue::array, bytes);
  }
  GgufBuilder& kv_array_i32(const std::string& key, const std::vector<std::int32_t>& values) {
    std::string bytes = le_u32(static_cast<std::uint32_t>(GgufValue::i32)) + le_u64(values.size());
    for (std::int32_t v : values) {
      bytes += le_u32(static_cast<std::uint32_t>(v));
    }
    return kv_raw(key, GgufValue::array, bytes);
  }

  // A tensor info; its offset follows the previous tensor's data, aligned.
  // `dims` in GGUF order (ne[0], the row length, first).
  GgufBuilder& tensor(const std::string& name, const std::vector<std::uint64_t>& dims, GgmlType type) {
    std::uint64_t elements = 1;
    for (std::uint64_t d : dims) {
      elements *= d;
    }
    auto [block, bytes] = type_size(type);
    m_data = (m_data + m_alignment - 1) / m_alignment * m_alignment;
    tensor_info(name, dims, static_cast<std::uint32_t>(type), m_data);
    m_data += elements / block * bytes;
    return *this;
  }
  // A tensor info with every field given.
  GgufBuilder& tensor_info(const std::string& name,
                           const std::vector<std::uint64_t>& dims,
                           std::uint32_t type,
                           std::uint64_t offset) {
    std::string info = gguf_string(name) + le_u32(static_cast<std::uint32_t>(dims.size()));
    for (std::uint64_t d : dims) {
      info += le_u64(d);
    }
    m_infos += info + le_u32(type) + le_u64(offset);
    ++m_tensors_written;
    return *this;
  }
  // Bytes appended after the tensor infos as they are (no alignment padding).
  GgufBuilder& raw_tail(std::string bytes) {
    m_tail = std::move(bytes);
    return *this;
  }

  // Header, metadata and tensor infos, padded to the 32-byte alignment: the
  // file up to where tensor data starts.
  [[nodiscard]] std::string build() const {
    std::string out = m_magic + le_u32(m_version);
    out += le_u64(m_has_tensor_count ? m_tensor_count : m_tensors_written);
    out += le_u64(m_has_kv_count ? m_kv_count : m_kvs_written);
    out += m_kvs + m_infos;
    if (!m_tail.empty()) {
      return out + m_tail;
    }
    out.append((m_alignment - out.size() % m_alignment) % m_alignment, '\0');
    return out;
  }
  // Bytes of tensor data that would follow build().
  [[nodiscard]] std::uint64_t data_size() const { return m_data; }

private:
  static std::pair<std::uint64_t, std::uint64_t> type_size(GgmlType type) {
    switch (type) {
    case GgmlType::f32:
      return {1, 4};
    case GgmlType::f16:
    case GgmlType::bf16:
      return {1, 2};
    case GgmlType::q4_0:
      return {32, 18};
    case GgmlType::q8_0:
      return {32, 34};
    case GgmlType::q4_k:
      return {256, 144};
    case GgmlType::q5_k:
      return {256, 176};
    case GgmlType::q6_k:
      return {256, 210};
    }
    return {1, 1};
  }

  std::string m_magic = "GGUF";
  std::uint32_t m_version = 3;
  std::uint64_t m_kv_count = 0;
  bool m_has_kv_count = false;
  std::uint64_t m_tensor_count = 0;
  bool m_has_tensor_count = false;
  std::string m_kvs;
  std::uint64_t m_kvs_written = 0;
  std::string m_infos;
  std::uint64_t m_tensors_written = 0;
  std::string m_tail;
  std::uint64_t m_data = 0;
  std::uint64_t m_alignment = 32;
};

// A small llama-like GGUF: what most tests start from.
inline GgufBuilder small_llama_gguf() {
  return GgufBuilder()
      .kv_string("general.architecture", "llama")
      .kv_string("general.name", "Tiny Llama")
      .kv_string("general.license", "apache-2.0")
      .kv_u32("general.file_type", 15)
      .kv_u32("llama.context_length", 4096)
      .kv_array_str("tokenizer.ggml.tokens", {"<s>", "</s>", "a", "b"})
      .kv_array_f32("tokenizer.ggml.scores", {0.0f, 0.0f, -1.0f, -2.0f})
      .tensor("token_embd.weight", {256, 4}, GgmlType::q4_k)
      .tensor("blk.0.attn_q.weight", {256, 256}, GgmlType::q4_k)
      .tensor("output_norm.weight", {256}, GgmlType::f32);
}

// ------------------------------------------------------------ fuzz seeds

using Seed = std::pair<std::string, std::string>;  // file name, bytes

// tests/fuzz_corpus/safetensors/: valid headers of several shapes and a few
// near misses, all under 300 bytes.
inline std::vector<Seed> safetensors_fuzz_seeds() {
  return {
      {"two_tensors.safetensors", SafetensorsBuilder()
                                      .metadata("format", "pt")
                                      .tensor("w", "F16", {2, 3})
                                      .tensor("b", "F32", {3})
                                      .build()},
      {"dtypes.safetensors", SafetensorsBuilder()
                                 .tensor("a", "BF16", {2})
                                 .tensor("b", "I64", {1})
                                 .tensor("c", "BOOL", {3})
                                 .tensor("d", "F8_E4M3", {2})
                                 .build()},
      {"sub_byte_and_unknown.safetensors",
       SafetensorsBuilder()
           .tensor_entry("f4", R"({"dtype":"F4","shape":[2,3],"data_offsets":[0,3]})")
           .tensor_entry("q", R"({"dtype":"Q4X","shape":[8],"data_offsets":[3,7]})")
           .build()},
      {"empty.safetensors", SafetensorsBuilder().build()},
      {"metadata_only.safetensors",
       SafetensorsBuilder().metadata("format", "pt").metadata("license", "mit").build()},
      {"ignored_field.safetensors",
       SafetensorsBuilder()
           .tensor_entry("x", R"({"extra":{"a":[1,[2,{}]]},"dtype":"U8","shape":[],"data_offsets":[0,1]})")
           .build()},
      {"scalar_and_zero.safetensors",
       SafetensorsBuilder().tensor("s", "F32", {}).tensor("z", "F16", {0, 5}).build()},
      {"overflowing_shape.safetensors",
       SafetensorsBuilder()
           .tensor_entry("h", R"({"dtype":"F16","shape":[4294967296,4294967296,2],"data_offsets":[0,0]})")
           .build()},
      {"not_an_object.safetensors", SafetensorsBuilder().header_json("[1, 2, 3]").build()},
      {"length_past_end.safetensors",
       SafetensorsBuilder().tensor("w", "U8", {4}).header_length(4096).build()},
  };
}

// tests/fuzz_corpus/gguf/: small files of each version and value type.
inline std::vector<Seed> gguf_fuzz_seeds() {
  std::string nested = le_u32(static_cast<std::uint32_t>(GgufValue::array)) + le_u64(2);
  for (int i = 0; i < 2; ++i) {
    nested += le_u32(static_cast<std::uint32_t>(GgufValue::u8)) + le_u64(2) + "\1\2";
  }
  return {
      {"llama_q4_k_m.gguf", GgufBuilder()
                                .kv_string("general.architecture", "llama")
                                .kv_u32("general.file_type", 15)
                                .kv_array_str("tokenizer.ggml.tokens", {"<s>", "a"})
                                .tensor("blk.0.attn_q.weight", {256, 2}, GgmlType::q4_k)
                                .tensor("norm", {8}, GgmlType::f32)
                                .build()},
      {"version2.gguf",
       GgufBuilder().version(2).kv_string("general.name", "v2").tensor("t", {4}, GgmlType::f16).build()},
      {"scalar_types.gguf", GgufBuilder()
                                .kv_u8("a", 1)
                                .kv_i8("b", -1)
                                .kv_u16("c", 2)
                                .kv_i16("d", -2)
                                .kv_i32("e", -3)
                                .kv_u64("f", 4)
                                .kv_i64("g", -5)
                                .kv_f32("h", 0.5f)
                                .kv_f64("i", 0.25)
                                .kv_bool("j", true)
                                .build()},
      {"nested_array.gguf", GgufBuilder().kv_raw("n", GgufValue::array, nested).build()},
      {"base_models.gguf", GgufBuilder()
                               .kv_u32("general.base_model.count", 1)
                               .kv_string("general.base_model.0.name", "Base")
                               .kv_string("general.base_model.0.organization", "Org")
                               .build()},
      {"alignment.gguf", GgufBuilder().kv_u32("general.alignment", 64).tensor_info("t", {32}, 8, 64).build()},
      {"empty.gguf", GgufBuilder().build()},
      {"version1.gguf", GgufBuilder().version(1).build()},
      {"big_endian.gguf", GgufBuilder().version(0x03000000).build()},
      {"five_dims.gguf", GgufBuilder().tensor_info("t", {1, 2, 3, 4, 5}, 0, 0).build()},
  };
}

}  // namespace aperture::testing
