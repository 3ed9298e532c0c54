// aperture_dumpgen: writes a synthetic Hugging Face Hub metadata dump (JSONL,
// one model-info record per line) for benchmarks of `aperture audit`
// (bench/audit_dump.sh): realistic `org/name` ids, a license mix like the
// Hub's, base_model chains with fine-tunes, adapters, merges and
// quantisations ("-GGUF", "-AWQ"), `tags` as the Hub writes them
// (`license:...`, `base_model:...`, `base_model:quantized:...`, `dataset:...`), `siblings`
// lists, and the faults a real dump has: broken lines, cycles, self-references,
// dangling ids and one 10,000-deep chain. Deterministic for a given --seed.
//
// Usage: aperture_dumpgen --records N [--seed S] [--output FILE]
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

// A small, portable generator (splitmix64): the same dump on every platform.
class Rng {
public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n). REQUIRES: n > 0.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  // True with probability `percent` / 1000.
  bool per_mille(std::uint64_t n) { return below(1000) < n; }
  template <typename T, std::size_t N> const T& pick(const std::array<T, N>& a) { return a[below(N)]; }

private:
  std::uint64_t m_state;
};

struct Family {
  std::string_view org;
  std::string_view name;
  std::string_view license;       // the Hub's id
  std::string_view license_name;  // with "other"
};

// Root models, as the Hub lists them (most are also in Aperture's catalog).
constexpr std::array<Family, 12> k_roots = {{
    {"meta-llama", "Llama-3.1-8B", "llama3.1", ""},
    {"meta-llama", "Llama-3.1-70B-Instruct", "llama3.1", ""},
    {"meta-llama", "Llama-2-7b-hf", "llama2", ""},
    {"google", "gemma-2-9b", "gemma", ""},
    {"mistralai", "Mistral-7B-v0.1", "apache-2.0", ""},
    {"Qwen", "Qwen2.5-7B", "apache-2.0", ""},
    {"microsoft", "phi-2", "mit", ""},
    {"tiiuae", "falcon-7b", "apache-2.0", ""},
    {"bigscience", "bloom-560m", "bigscience-bloom-rail-1.0", ""},
    {"deepseek-ai", "deepseek-llm-7b-base", "other", "deepseek"},
    {"stabilityai", "stablelm-2-1_6b", "other", "stabilityai-community"},
    {"CohereForAI", "c4ai-command-r-v01", "cc-by-nc-4.0", ""},
}};

constexpr std::array<std::string_view, 24> k_orgs = {"TheBloke",
                                                     "bartowski",
                                                     "mradermacher",
                                                     "unsloth",
                                                     "NousResearch",
                                                     "teknium",
                                                     "cognitivecomputations",
                                                     "lmstudio-community",
                                                     "QuantFactory",
                                                     "MaziyarPanahi",
                                                     "allenai",
                                                     "HuggingFaceH4",
                                                     "openchat",
                                                     "upstage",
                                                     "jondurbin",
                                                     "Weyaxi",
                                                     "abacusai",
                                                     "migtissera",
                                                     "ehartford",
                                                     "garage-bAInd",
                                                     "WizardLMTeam",
                                                     "zhengr",
                                                     "lightblue",
                                                     "nvidia"};
constexpr std::array<std::string_view, 16> k_words = {
    "chat", "instruct", "dolphin",    "hermes",    "orca",    "sft",   "dpo",     "coder",
    "math", "roleplay", "uncensored", "summarize", "medical", "legal", "finance", "tiny"};
// Derivatives' licenses: mostly their base's, the rest a Hub-like mix.
constexpr std::array<std::string_view, 10> k_mix = {"apache-2.0", "mit",          "apache-2.0", "llama3.1",
                                                    "gemma",      "cc-by-nc-4.0", "openrail",   "other",
                                                    "cc-by-4.0",  "llama3"};
constexpr std::array<std::string_view, 4> k_other_names = {"deepseek", "my-custom-license", "qwen",
                                                           "tongyi-qianwen"};
constexpr std::array<std::string_view, 4> k_quant_suffix = {"-GGUF", "-AWQ", "-GPTQ", "-4bit"};

enum class Kind { root, finetune, adapter, quantized, merge };

// Training data fine-tunes name (`cardData.datasets` and `dataset:` tags), as
// cards on the Hub name them: some the dataset catalog knows, some it does not.
constexpr std::array<std::string_view, 8> k_datasets = {
    "tatsu-lab/alpaca",        "databricks/databricks-dolly-15k", "Open-Orca/OpenOrca",
    "HuggingFaceH4/ultrachat_200k", "teknium/OpenHermes-2.5",   "wikipedia",
    "my-org/private-sft-mix",  "c4"};

struct Node {
  std::string id;
  std::string license;  // empty = none declared
  std::string license_name;
};

class Generator {
public:
  Generator(std::uint64_t records, std::uint64_t seed, std::FILE* out)
      : m_records(records), m_rng(seed), m_out(out) {}

  void run();

private:
  void write_line(const std::string& line);
  void emit_regular(std::uint64_t i);
  void emit_deep_chain(std::uint64_t length);
  void emit_fault(std::uint64_t i);
  std::string record(const Node& node, Kind kind, const std::vector<std::string>& bases, bool card);
  std::string siblings(Kind kind, const std::string& id);
  std::string new_id(Kind kind, std::string_view base_name, std::uint64_t i);
  const Node& parent();

  std::uint64_t m_records;
  Rng m_rng;
  std::FILE* m_out;
  std::vector<Node> m_nodes;  // every model written so far, to pick bases from
  std::uint64_t m_written = 0;
  std::string m_buffer;
};

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  out += '"';
}

std::string_view kind_name(Kind kind) {
  switch (kind) {
  case Kind::finetune:
    return "finetune";
  case Kind::adapter:
    return "adapter";
  case Kind::quantized:
    return "quantized";
  case Kind::merge:
    return "merge";
  default:
    return "";
  }
}

std::string hex(Rng& rng, std::size_t digits) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  while (out.size() < digits) {
    out += k_hex[rng.below(16)];
  }
  return out;
}

void Generator::write_line(const std::string& line) {
  m_buffer += line;
  m_buffer += '\n';
  ++m_written;
  if (m_buffer.size() > (1u << 20)) {
    std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_out);
    m_buffer.clear();
  }
}

const Node& Generator::parent() {
  // Recent models more often than old ones: chains grow, fan-out stays uneven.
  std::size_t n = m_nodes.size();
  if (m_rng.per_mille(600)) {
    std::size_t window = std::min<std::size_t>(n, 2000);
    return m_nodes[n - 1 - m_rng.below(window)];
  }
  return m_nodes[m_rng.below(n)];
}

std::string Generator::new_id(Kind kind, std::string_view base_name, std::uint64_t i) {
  std::string name(base_name.substr(0, 40));
  if (kind != Kind::quantized) {
    name += "-" + std::string(m_rng.pick(k_words)) + "-" + std::to_string(i);
  } else {
    name += "-q" + std::to_string(i) + std::string(m_rng.pick(k_quant_suffix));
  }
  return std::string(m_rng.pick(k_orgs)) + "/" + name;
}

std::string Generator::siblings(Kind kind, const std::string& id) {
  std::vector<std::string> files = {".gitattributes", "README.md"};
  if (kind == Kind::quantized && id.ends_with("-GGUF")) {
    for (std::string_view q : {"Q4_K_M", "Q5_K_M", "Q8_0"}) {
      files.push_back("model." + std::string(q) + ".gguf");
    }
  } else if (kind == Kind::adapter) {
    files.insert(files.end(), {"adapter_config.json", "adapter_model.safetensors"});
  } else {
    std::uint64_t shards = 1 + m_rng.below(8);
    files.insert(files.end(), {"config.json", "generation_config.json", "tokenizer.json",
                               "tokenizer_config.json", "special_tokens_map.json"});
    for (std::uint64_t s = 1; s <= shards; ++s) {
      char shard[64];
      std::snprintf(shard, sizeof shard, "model-%05llu-of-%05llu.safetensors",
                    static_cast<unsigned long long>(s), static_cast<unsigned long long>(shards));
      files.emplace_back(shard);
    }
    files.emplace_back("model.safetensors.index.json");
  }
  if (m_rng.per_mille(250)) {
    files.emplace_back("LICENSE");
  }
  std::string out = "[";
  for (std::size_t i = 0; i < files.size(); ++i) {
    out += i == 0 ? "{\"rfilename\":" : ",{\"rfilename\":";
    append_json_string(out, files[i]);
    out += '}';
  }
  return out + "]";
}

std::string Generator::record(const Node& node, Kind kind, const std::vector<std::string>& bases, bool card) {
  std::string r = "{\"_id\":\"" + hex(m_rng, 24) + "\",\"id\":";
  append_json_string(r, node.id);
  r += ",\"author\":";
  append_json_string(r, std::string_view(node.id).substr(0, node.id.find('/')));
  r += ",\"sha\":\"" + hex(m_rng, 40) + "\",\"lastModified\":\"2024-0" + std::to_string(1 + m_rng.below(9)) +
       "-1" + std::to_string(m_rng.below(10)) + "T12:00:00.000Z\",\"private\":false,\"gated\":false";
  r += ",\"downloads\":" + std::to_string(m_rng.below(100000)) +
       ",\"likes\":" + std::to_string(m_rng.below(500));
  r += ",\"pipeline_tag\":\"text-generation\",\"library_name\":\"" +
       std::string(kind == Kind::quantized ? "gguf"
                   : kind == Kind::adapter ? "peft"
                                           : "transformers") +
       "\"";
  // Tags as the Hub derives them from the card.
  r += ",\"tags\":[\"transformers\",\"safetensors\",\"text-generation\",\"en\"";
  // A third of fine-tunes name their training data: 1 to 3 data sets.
  std::vector<std::string_view> datasets;
  if (kind == Kind::finetune && m_rng.per_mille(333)) {
    for (std::size_t n = 1 + m_rng.below(3); datasets.size() < n;) {
      datasets.push_back(m_rng.pick(k_datasets));
    }
  }
  for (std::string_view d : datasets) {
    r += ",";
    append_json_string(r, "dataset:" + std::string(d));
  }
  bool claims_open = m_rng.per_mille(40);
  if (claims_open) {
    r += ",\"open-source\"";
  }
  for (const std::string& b : bases) {
    r += ",";
    append_json_string(r, "base_model:" + b);
    r += ",";
    append_json_string(r, "base_model:" + std::string(kind_name(kind)) + ":" + b);
  }
  if (!node.license.empty()) {
    r += ",";
    append_json_string(r, "license:" + node.license);
  }
  r += ",\"region:us\"]";
  if (card) {
    r += ",\"cardData\":{";
    bool first = true;
    auto sep = [&r, &first]() {
      r += first ? "" : ",";
      first = false;
    };
    if (!node.license.empty()) {
      sep();
      r += "\"license\":";
      append_json_string(r, node.license);
    }
    if (!node.license_name.empty()) {
      sep();
      r += "\"license_name\":";
      append_json_string(r, node.license_name);
    }
    if (bases.size() == 1) {
      sep();
      r += "\"base_model\":";
      append_json_string(r, bases[0]);
    } else if (bases.size() > 1) {
      sep();
      r += "\"base_model\":[";
      for (std::size_t i = 0; i < bases.size(); ++i) {
        r += i == 0 ? "" : ",";
        append_json_string(r, bases[i]);
      }
      r += "]";
    }
    if (!datasets.empty()) {
      sep();
      r += "\"datasets\":[";
      for (std::size_t i = 0; i < datasets.size(); ++i) {
        r += i == 0 ? "" : ",";
        append_json_string(r, std::string(datasets[i]));
      }
      r += "]";
    }
    if (!bases.empty() && m_rng.per_mille(700)) {
      sep();
      r += "\"base_model_relation\":\"" + std::string(kind_name(kind)) + "\"";
    }
    sep();
    r += std::string("\"tags\":[\"text-generation\"") + (claims_open ? ",\"open-source\"" : "") + "]";
    r += "}";
  }
  r += ",\"siblings\":" + siblings(kind, node.id) + ",\"createdAt\":\"2024-01-01T00:00:00.000Z\"}";
  return r;
}

void Generator::emit_regular(std::uint64_t i) {
  Kind kind = Kind::root;
  std::uint64_t roll = m_rng.below(1000);
  if (m_nodes.size() >= 2 && roll >= 60) {
    kind = roll < 480   ? Kind::finetune
           : roll < 660 ? Kind::adapter
           : roll < 920 ? Kind::quantized
                        : Kind::merge;
  }
  Node node;
  std::vector<std::string> bases;
  if (kind == Kind::root) {
    const Family& f = m_rng.pick(k_roots);
    node.id = std::string(f.org) + "/" + std::string(f.name) + "-r" + std::to_string(i);
    node.license = std::string(f.license);
    node.license_name = std::string(f.license_name);
  } else {
    const Node& p = parent();
    bases.push_back(p.id);
    if (kind == Kind::merge) {
      bases.push_back(parent().id);
    }
    std::string_view base_name = std::string_view(bases[0]).substr(bases[0].find('/') + 1);
    node.id = new_id(kind, base_name, i);
    // Most derivatives keep their base's license; quantisations mostly do.
    std::uint64_t keep = kind == Kind::quantized ? 800 : 550;
    if (m_rng.per_mille(keep)) {
      node.license = p.license;
      node.license_name = p.license_name;
    } else if (!m_rng.per_mille(250)) {
      node.license = std::string(m_rng.pick(k_mix));
      if (node.license == "other") {
        node.license_name = std::string(m_rng.pick(k_other_names));
      }
    }
  }
  // A base outside the dump: a catalogued model, or one that does not exist.
  if (kind == Kind::finetune && m_rng.per_mille(30)) {
    const Family& f = m_rng.pick(k_roots);
    bases[0] = m_rng.per_mille(500) ? std::string(f.org) + "/" + std::string(f.name)
                                    : "deleted-org/removed-model-" + std::to_string(i);
  }
  write_line(record(node, kind, bases, !m_rng.per_mille(100)));
  m_nodes.push_back(std::move(node));
}

// Lines a real dump gets wrong now and then, and lineage faults.
void Generator::emit_fault(std::uint64_t i) {
  std::string id = "broken-org/model-" + std::to_string(i);
  switch (m_rng.below(7)) {
  case 0:
    write_line("{\"id\":\"" + id + "\",\"tags\":[\"license:mit\",");  // truncated
    break;
  case 1:
    write_line("<html><body>502 Bad Gateway</body></html>");
    break;
  case 2:
    write_line("{\"id\":" + std::to_string(i) + ",\"tags\":[]}");  // a number for an id
    break;
  case 3: {  // a self-reference
    Node n{id, "apache-2.0", ""};
    write_line(record(n, Kind::finetune, {id}, true));
    break;
  }
  case 4: {  // a two-model cycle
    Node a{id + "-a", "mit", ""};
    Node b{id + "-b", "llama3.1", ""};
    write_line(record(a, Kind::finetune, {b.id}, true));
    write_line(record(b, Kind::finetune, {a.id}, true));
    break;
  }
  case 5:
    write_line("{\"id\":\"" + id + "\",\"cardData\":{\"license\":\"apache-2.0\"}}}");  // trailing brace
    break;
  default:
    write_line("[\"not\",\"a\",\"record\"]");
    break;
  }
}

// One chain `length` deep: each model the fine-tune of the one before.
void Generator::emit_deep_chain(std::uint64_t length) {
  std::string previous = "meta-llama/Llama-3.1-8B";
  for (std::uint64_t d = 0; d < length; ++d) {
    Node n{"deep-chain/step-" + std::to_string(d), d % 2 == 0 ? "llama3.1" : "", ""};
    write_line(record(n, Kind::finetune, {previous}, true));
    previous = n.id;
  }
}

void Generator::run() {
  std::uint64_t chain = m_records >= 40000 ? 10000 : m_records / 4;
  std::uint64_t chain_at = m_records / 2;
  std::uint64_t i = 0;
  while (m_written < m_records) {
    if (i == chain_at && chain > 0) {
      emit_deep_chain(std::min(chain, m_records - m_written));
    } else if (m_rng.per_mille(2)) {
      emit_fault(i);
    } else {
      emit_regular(i);
    }
    ++i;
  }
  std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_out);
}

int usage() {
  std::fputs("usage: aperture_dumpgen --records N [--seed S] [--output FILE]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t records = 0;
  std::uint64_t seed = 1;
  const char* output = nullptr;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--records") {
      records = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (flag == "--seed") {
      seed = std::strtoull(argv[i + 1], nullptr, 10);
    } else if (flag == "--output") {
      output = argv[i + 1];
    } else {
      return usage();
    }
  }
  if (records == 0 || argc % 2 == 0) {
    return usage();
  }
  std::FILE* out = output == nullptr ? stdout : std::fopen(output, "wb");
  if (out == nullptr) {
    std::fprintf(stderr, "aperture_dumpgen: cannot write %s\n", output);
    return 1;
  }
  Generator(records, seed, out).run();
  if (std::fflush(out) != 0 || (output != nullptr && std::fclose(out) != 0)) {
    std::fprintf(stderr, "aperture_dumpgen: write failed\n");
    return 1;
  }
  return 0;
}
