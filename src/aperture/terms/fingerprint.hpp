// Recognises the licenses of the knowledge base that the SPDX list does not
// have (Llama, Gemma, Qwen, OpenRAIL, ...) by their fingerprints: phrases
// that survive reformatting and tell a license from its siblings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <aperture/terms/knowledge_base.hpp>

namespace aperture::terms {

// A text prepared for fingerprints: comment markers, Markdown emphasis and
// heading marks and escaped "\n" removed, lower case, all white space
// (line breaks too) folded into one space; each byte maps back to the input.
class FingerprintText {
public:
  explicit FingerprintText(std::string_view text);
  [[nodiscard]] const std::string& flat() const { return m_flat; }
  [[nodiscard]] std::size_t source_offset(std::size_t pos) const;

private:
  std::string m_flat;
  std::vector<std::size_t> m_source;
};

struct FingerprintMatch {
  const LicenseProfile* profile = nullptr;
  std::size_t begin = 0;  // input byte offsets spanning the matched phrases
  std::size_t end = 0;
  std::string evidence;   // the first matched phrase, as flattened
};

// Every knowledge-base license whose fingerprint matches `text`, in order of appearance.
std::vector<FingerprintMatch> find_fingerprints(std::string_view text,
                                                const KnowledgeBase& kb = KnowledgeBase::embedded());

}  // namespace aperture::terms
