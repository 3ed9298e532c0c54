// The knowledge base built into the binary: data/licenses/*.yaml, validated
// and turned into JSON at build time by tools/kbgen.cpp (cmake/KnowledgeBase.cmake).
#include <aperture/terms/knowledge_base.hpp>

#include <nlohmann/json.hpp>

#include <aperture/terms/fingerprint.hpp>

#include <aperture/util/error.hpp>

// Symbols of the embedded JSON; their names are the assembler's.
extern "C" {
extern const char aperture_kb_begin[];  // NOLINT(readability-identifier-naming)
extern const char aperture_kb_end[];    // NOLINT(readability-identifier-naming)
extern const char aperture_fingerprints_begin[];  // NOLINT(readability-identifier-naming)
extern const char aperture_fingerprints_end[];    // NOLINT(readability-identifier-naming)
}

namespace aperture::terms {

const KnowledgeBase& KnowledgeBase::embedded() {
  static const KnowledgeBase k_kb = [] {
    std::string_view data(aperture_kb_begin, static_cast<std::size_t>(aperture_kb_end - aperture_kb_begin));
    util::Result<KnowledgeBase> kb = from_json(data);
    if (!kb) {
      throw Error("the built-in license knowledge base is malformed: " + kb.error().message);
    }
    return std::move(kb).value();
  }();
  return k_kb;
}

const std::vector<Fingerprint>& embedded_fingerprints() {
  static const std::vector<Fingerprint> k_fingerprints = [] {
    std::string_view data(aperture_fingerprints_begin,
                          static_cast<std::size_t>(aperture_fingerprints_end - aperture_fingerprints_begin));
    std::vector<Fingerprint> out;
    try {
      for (const auto& f : nlohmann::json::parse(data)) {
        out.push_back(Fingerprint{f.at("id").get<std::string>(), f.at("all").get<std::vector<std::string>>(),
                                  f.at("none").get<std::vector<std::string>>()});
      }
    } catch (const nlohmann::json::exception& e) {
      throw Error(std::string("the built-in fingerprints are malformed: ") + e.what());
    }
    return out;
  }();
  return k_fingerprints;
}

}  // namespace aperture::terms
