// aperture_kbgen: validates the license knowledge base (data/licenses/*.yaml,
// joined) with the library's own loader and writes it as JSON for embedding.
// Runs at build time only; a schema error fails the build, naming the entry.

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include <aperture/terms/knowledge_base.hpp>
#include <aperture/util/file.hpp>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: aperture_kbgen JOINED.yaml OUT.json FINGERPRINTS.json\n");
    return 2;
  }
  auto yaml = aperture::util::read_file(argv[1]);
  if (!yaml) {
    std::fprintf(stderr, "aperture_kbgen: error: %s\n", yaml.error().to_string().c_str());
    return 1;
  }
  auto kb = aperture::terms::KnowledgeBase::parse(*yaml);
  if (!kb) {
    std::fprintf(stderr, "aperture_kbgen: error: data/licenses: %s\n", kb.error().message.c_str());
    return 1;
  }
  auto status = aperture::util::write_file_atomic(argv[2], kb->to_json());
  if (!status) {
    std::fprintf(stderr, "aperture_kbgen: error: %s\n", status.error().to_string().c_str());
    return 1;
  }
  // The fingerprints alone, so identification loads them without the rest.
  nlohmann::json fingerprints = nlohmann::json::array();
  for (const auto& p : kb->profiles()) {
    if (!p.fingerprint_all.empty()) {
      fingerprints.push_back({{"id", p.id}, {"all", p.fingerprint_all}, {"none", p.fingerprint_none}});
    }
  }
  status = aperture::util::write_file_atomic(argv[3], fingerprints.dump());
  if (!status) {
    std::fprintf(stderr, "aperture_kbgen: error: %s\n", status.error().to_string().c_str());
    return 1;
  }
  std::printf("aperture_kbgen: %zu licenses, %zu fingerprints\n", kb->profiles().size(), fingerprints.size());
  return 0;
}
