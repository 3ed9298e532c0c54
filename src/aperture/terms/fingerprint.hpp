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
  // REQUIRES: `text` outlives this object.
  explicit FingerprintText(std::string_view text);
  [[nodiscard]] const std::string& flat() const { return m_flat; }
  // Input offset of flat position `pos`; computed on demand (matches are
  // rare, and most inputs never need the map).
  [[nodiscard]] std::size_t source_offset(std::size_t pos) const;

private:
  // Calls `emit(char, input offset)` for each flat character.
  template <typename Emit> static void flatten(std::string_view text, Emit&& emit);

  std::string_view m_text;
  std::string m_flat;
};

// The patterns that recognise one license (a profile's `fingerprint`).
struct Fingerprint {
  std::string id;
  std::vector<std::string> all;
  std::vector<std::string> none;
};

// The fingerprints of the built-in knowledge base, loaded without loading the
// rest of it (identification runs on every input; terms are needed rarely).
const std::vector<Fingerprint>& embedded_fingerprints();

// The fingerprints of the profiles of `kb` that have one.
std::vector<Fingerprint> fingerprints_of(const KnowledgeBase& kb);

struct FingerprintMatch {
  std::string id;  // the profile's id
  std::size_t begin = 0;  // input byte offsets spanning the matched phrases
  std::size_t end = 0;
  std::string evidence;   // the first matched phrase, as flattened
};

// Every license whose fingerprint matches `text`, in order of appearance;
// by default the built-in knowledge base's.
std::vector<FingerprintMatch> find_fingerprints(std::string_view text,
                                                const std::vector<Fingerprint>& fingerprints = embedded_fingerprints());

}  // namespace aperture::terms
