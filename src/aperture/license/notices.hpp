// License notices and references ("Licensed under the Apache License, Version
// 2.0", "either version 2 of the License, or (at your option) any later
// version", "released under the MIT license") and SPDX-License-Identifier tags.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aperture::license {

enum class NoticeKind {
  spdx_tag,      // "SPDX-License-Identifier: EXPR": `id` holds the expression
  id_reference,  // "License: Zlib", "opensource.org/licenses/MIT": `id` holds a candidate id
  notice,        // a notice naming a license: `id` is its SPDX id
};

struct Notice {
  std::string id;  // SPDX id, or a WITH expression for tags
  NoticeKind kind = NoticeKind::notice;
  std::size_t begin = 0;  // byte offsets in the input text
  std::size_t end = 0;
  std::string evidence;  // the words that decided, as they read in the input
  double confidence = 0.9;
};

// A text prepared for notice rules: comment markers stripped, lower case,
// white space collapsed, each byte mapped back to the input.
class NoticeText {
public:
  explicit NoticeText(std::string_view text);
  [[nodiscard]] const std::string& flat() const { return m_flat; }
  // Input byte offset of flat position `pos`.
  [[nodiscard]] std::size_t source_offset(std::size_t pos) const;

private:
  template <typename Emit> static void flatten(std::string_view text, Emit&& emit);

  std::string_view m_text;  // REQUIRES: outlives this object
  std::string m_flat;
  std::vector<std::uint32_t> m_source;  // per flat byte: its input offset
};

// Every notice or tag in `text`, in order of appearance.
std::vector<Notice> find_notices(std::string_view text);

}  // namespace aperture::license
