// The AI licenses of the knowledge base (data/licenses/ai-licenses.yaml): each
// corpus text is recognised as exactly its own profile, also reformatted or
// embedded in a model card; siblings are told apart; near-misses do not match;
// the recorded terms are sane.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <aperture/terms/fingerprint.hpp>
#include <aperture/terms/knowledge_base.hpp>

#include "support/test_support.hpp"

namespace aperture::terms {
namespace {

using IdSet = std::set<std::string>;

IdSet ids_of(std::string_view text) {
  IdSet out;
  for (const FingerprintMatch& m : find_fingerprints(text)) {
    out.insert(m.id);
  }
  return out;
}

std::string show(const IdSet& ids) {
  std::string out = "{";
  for (const std::string& id : ids) {
    out += (out.size() > 1 ? ", " : "") + id;
  }
  return out + "}";
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::filesystem::path corpus_dir(const std::filesystem::path& shared) {
  return shared / "corpus" / "ai-licenses";
}

// One text of ../shared/corpus/ai-licenses and the profiles it must yield.
struct CorpusCase {
  const char* name;
  const char* file;
  IdSet ids;
};

const std::vector<CorpusCase>& corpus_cases() {
  static const std::vector<CorpusCase> k_cases = {
      {"Llama 2 license", "llama2-community-license.txt", {"LicenseRef-Llama-2"}},
      {"Llama 2 AUP", "llama2-acceptable-use-policy.txt", {"LicenseRef-Llama-2-AUP"}},
      // The Llama 3 LICENSE file has its AUP appended.
      {"Llama 3 license", "llama3-community-license.txt", {"LicenseRef-Llama-3", "LicenseRef-Llama-3-AUP"}},
      {"Llama 3 AUP", "llama3-acceptable-use-policy.txt", {"LicenseRef-Llama-3-AUP"}},
      {"Llama 3.1 license", "llama3.1-community-license.txt", {"LicenseRef-Llama-3.1"}},
      {"Llama 3.1 AUP", "llama3.1-acceptable-use-policy.txt", {"LicenseRef-Llama-3.1-AUP"}},
      {"Llama 3.2 license", "llama3.2-community-license.txt", {"LicenseRef-Llama-3.2"}},
      {"Llama 3.2 AUP", "llama3.2-acceptable-use-policy.txt", {"LicenseRef-Llama-3.2-AUP"}},
      {"Llama 3.3 license", "llama3.3-community-license.txt", {"LicenseRef-Llama-3.3"}},
      {"Llama 3.3 AUP", "llama3.3-acceptable-use-policy.txt", {"LicenseRef-Llama-3.3-AUP"}},
      {"Llama 4 license", "llama4-community-license.txt", {"LicenseRef-Llama-4"}},
      {"Llama 4 AUP", "llama4-acceptable-use-policy.txt", {"LicenseRef-Llama-4-AUP"}},
      {"Gemma Terms of Use", "gemma-terms-of-use.txt", {"LicenseRef-Gemma"}},
      // An abridged restatement: the policy, never the Terms of Use.
      {"Gemma Prohibited Use Policy (abridged)",
       "gemma-prohibited-use-policy.ABRIDGED.txt",
       {"LicenseRef-Gemma-Prohibited-Use-Policy"}},
      {"Tongyi Qianwen", "tongyi-qianwen-license.txt", {"LicenseRef-Tongyi-Qianwen"}},
      {"Tongyi Qianwen research",
       "tongyi-qianwen-research-license.txt",
       {"LicenseRef-Tongyi-Qianwen-Research"}},
      {"Qwen research", "qwen-research-license.txt", {"LicenseRef-Qwen-Research"}},
      {"DeepSeek", "deepseek-model-license.txt", {"LicenseRef-DeepSeek-Model"}},
      {"FLUX.1 dev", "flux1-dev-non-commercial-license.txt", {"LicenseRef-FLUX.1-dev-Non-Commercial"}},
      {"CreativeML OpenRAIL-M", "creativeml-openrail-m.txt", {"LicenseRef-CreativeML-OpenRAIL-M"}},
      {"BigScience OpenRAIL-M", "bigscience-openrail-m.txt", {"LicenseRef-BigScience-OpenRAIL-M"}},
      {"BigScience BLOOM RAIL 1.0",
       "bigscience-bloom-rail-1.0.txt",
       {"LicenseRef-BigScience-BLOOM-RAIL-1.0"}},
      {"OPT-175B", "opt-175b-license.txt", {"LicenseRef-OPT-175B"}},
      {"Stability AI Community", "stability-ai-community-license.txt", {"LicenseRef-Stability-AI-Community"}},
      {"NVIDIA Open Model", "nvidia-open-model-license.txt", {"LicenseRef-NVIDIA-Open-Model"}},
      {"Apple AMLR", "apple-amlr-research-model-license.txt", {"LicenseRef-Apple-AMLR"}},
      {"Apple ASCL", "apple-sample-code-license-ascl.txt", {"LicenseRef-Apple-ASCL"}},
      {"Microsoft Research License",
       "microsoft-research-license-msr-la.txt",
       {"LicenseRef-Microsoft-Research-License"}},
      {"Mistral Research License",
       "mistral-research-license-mrl-0.1.txt",
       {"LicenseRef-Mistral-Research-License-0.1"}},
      {"Yi 2.1", "yi-model-license.txt", {"LicenseRef-Yi-2.1"}},
  };
  return k_cases;
}

// ----- reformatting helpers -----------------------------------------------------------------

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    lines.push_back(line);
  }
  return lines;
}

std::string join(const std::vector<std::string>& lines, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += (i ? sep : "") + lines[i];
  }
  return out;
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  std::string w;
  while (in >> w) {
    words.push_back(w);
  }
  return words;
}

// Markdown -> plain: emphasis, heading marks, escapes and link targets removed.
std::string strip_markdown(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '*' || c == '`') {
      continue;
    }
    if (c == '_' && i + 1 < text.size() && text[i + 1] == '_') {
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1]))) {
      out.push_back(text[++i]);
      continue;
    }
    // "[label](target)" -> "label"
    if (c == ']' && i + 1 < text.size() && text[i + 1] == '(') {
      std::size_t close = text.find(')', i + 2);
      std::size_t open = out.rfind('[');
      if (close != std::string::npos && open != std::string::npos) {
        out.erase(open, 1);
        i = close;
        continue;
      }
    }
    out.push_back(c);
  }
  std::vector<std::string> lines = split_lines(out);
  for (std::string& line : lines) {
    std::size_t k = line.find_first_not_of(' ');
    if (k != std::string::npos && line[k] == '#') {
      std::size_t end = line.find_first_not_of('#', k);
      line.erase(k, (end == std::string::npos ? line.size() : end) - k);
    }
  }
  return join(lines, "\n");
}

// Plain -> Markdown: a heading mark on the first line, bold runs every few words.
std::string add_markdown(const std::string& text) {
  std::vector<std::string> lines = split_lines(text);
  std::size_t n = 0;
  bool first = true;
  for (std::string& line : lines) {
    if (line.find_first_not_of(" \t") == std::string::npos) {
      continue;
    }
    std::vector<std::string> words = words_of(line);
    std::string rebuilt;
    for (const std::string& w : words) {
      bool bold = (n++ % 5) == 0;
      rebuilt += (rebuilt.empty() ? "" : " ") + (bold ? "**" + w + "**" : w);
    }
    line = (first ? "# " : "") + rebuilt;
    first = false;
  }
  return join(lines, "\n\n");
}

std::string join_all_lines(const std::string& text) {
  return join(split_lines(text), " ");
}

std::string wrap(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t col = 0;
  for (const std::string& w : words_of(text)) {
    if (col > 0 && col + 1 + w.size() > width) {
      out += "\n";
      col = 0;
    } else if (col > 0) {
      out += " ";
      ++col;
    }
    out += w;
    col += w.size();
  }
  return out;
}

std::string crlf(const std::string& text) {
  return join(split_lines(text), "\r\n");
}

const char* const k_card_head =
    "---\nlicense: other\nlicense_name: custom\nlibrary_name: transformers\npipeline_tag: "
    "text-generation\n---\n\n"
    "# Example-7B-Instruct\n\nExample-7B-Instruct is a fine-tuned chat model. It was trained on public "
    "instruction data and evaluated on the usual benchmarks.\n\n## Usage\n\n```python\nfrom transformers "
    "import pipeline\n```\n\n## License\n\n";

std::string in_model_card(const std::string& text) {
  return k_card_head + text + "\n";
}

// The text as a YAML block scalar in the front matter's extra_gated_prompt.
std::string in_gated_prompt_block(const std::string& text) {
  std::string out = "---\nlicense: other\nlicense_name: custom\nextra_gated_prompt: |\n";
  for (const std::string& line : split_lines(text)) {
    out += line.empty() ? "\n" : "  " + line + "\n";
  }
  out +=
      "extra_gated_fields:\n  First Name: text\n  I accept the terms: checkbox\n---\n\n# Model\n\nA model.\n";
  return out;
}

// The text as a double-quoted YAML string with escapes ("...\n...").
std::string in_gated_prompt_quoted(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
    case '\\':
      escaped += "\\\\";
      break;
    case '"':
      escaped += "\\\"";
      break;
    case '\n':
      escaped += "\\n";
      break;
    case '\t':
      escaped += "\\t";
      break;
    case '\r':
      break;
    default:
      escaped.push_back(c);
    }
  }
  return "---\nlicense: other\nextra_gated_prompt: \"" + escaped +
         "\"\nextra_gated_button_content: Submit\n---\n\n# Model\n\nA model.\n";
}

struct Variant {
  const char* name;
  std::function<std::string(const std::string&)> make;
};

const std::vector<Variant>& variants() {
  static const std::vector<Variant> k_variants = {
      {"as is", [](const std::string& t) { return t; }},
      {"markdown stripped", strip_markdown},
      {"markdown added", [](const std::string& t) { return add_markdown(strip_markdown(t)); }},
      {"lines joined", join_all_lines},
      {"wrapped at 60", [](const std::string& t) { return wrap(t, 60); }},
      {"CRLF", crlf},
      {"model card body", in_model_card},
      {"gated prompt block scalar", in_gated_prompt_block},
      {"gated prompt quoted string", in_gated_prompt_quoted},
      {"quoted string of plain text",
       [](const std::string& t) { return in_gated_prompt_quoted(strip_markdown(t)); }},
  };
  return k_variants;
}

// ----- 1. every corpus text -> exactly its own profiles ----------------------------------------

TEST(AiLicensesTest, EveryCorpusTextIsItsOwnProfile) {
  APERTURE_REQUIRE_SHARED(shared);
  const std::filesystem::path dir = corpus_dir(shared);
  ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
  std::set<std::string> covered;
  for (const CorpusCase& c : corpus_cases()) {
    covered.insert(c.file);
    const std::filesystem::path p = dir / c.file;
    ASSERT_TRUE(std::filesystem::exists(p)) << c.name << ": " << p;
    EXPECT_EQ(show(ids_of(read_text(p))), show(c.ids)) << c.name;
  }
  // A new license text in the corpus needs a case (and a profile).
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string file = entry.path().filename().string();
    if (entry.path().extension() == ".txt" && file != "hub-license-ids.txt") {
      EXPECT_TRUE(covered.count(file) == 1) << "no case for corpus text " << file;
    }
  }
}

TEST(AiLicensesTest, NonLicenseCorpusFilesMatchNothing) {
  APERTURE_REQUIRE_SHARED(shared);
  for (const char* file : {"hub-license-ids.txt", "SOURCES.tsv"}) {
    EXPECT_EQ(show(ids_of(read_text(corpus_dir(shared) / file))), "{}") << file;
  }
}

// ----- 2. reformatted and embedded variants keep their ids --------------------------------------

TEST(AiLicensesTest, ReformattedVariantsKeepTheirIds) {
  APERTURE_REQUIRE_SHARED(shared);
  for (const CorpusCase& c : corpus_cases()) {
    const std::string text = read_text(corpus_dir(shared) / c.file);
    for (const Variant& v : variants()) {
      EXPECT_EQ(show(ids_of(v.make(text))), show(c.ids)) << c.name << " / " << v.name;
    }
  }
}

TEST(AiLicensesTest, PolicyAppendedToItsLicenseYieldsBoth) {
  APERTURE_REQUIRE_SHARED(shared);
  struct Pair {
    const char* name;
    const char* license;
    const char* policy;
    IdSet ids;
  };
  const Pair pairs[] = {
      {"Llama 2",
       "llama2-community-license.txt",
       "llama2-acceptable-use-policy.txt",
       {"LicenseRef-Llama-2", "LicenseRef-Llama-2-AUP"}},
      {"Llama 3",
       "llama3-community-license.txt",
       "llama3-acceptable-use-policy.txt",
       {"LicenseRef-Llama-3", "LicenseRef-Llama-3-AUP"}},
      {"Llama 3.1",
       "llama3.1-community-license.txt",
       "llama3.1-acceptable-use-policy.txt",
       {"LicenseRef-Llama-3.1", "LicenseRef-Llama-3.1-AUP"}},
      {"Llama 3.2",
       "llama3.2-community-license.txt",
       "llama3.2-acceptable-use-policy.txt",
       {"LicenseRef-Llama-3.2", "LicenseRef-Llama-3.2-AUP"}},
      {"Llama 3.3",
       "llama3.3-community-license.txt",
       "llama3.3-acceptable-use-policy.txt",
       {"LicenseRef-Llama-3.3", "LicenseRef-Llama-3.3-AUP"}},
      {"Llama 4",
       "llama4-community-license.txt",
       "llama4-acceptable-use-policy.txt",
       {"LicenseRef-Llama-4", "LicenseRef-Llama-4-AUP"}},
      {"Gemma",
       "gemma-terms-of-use.txt",
       "gemma-prohibited-use-policy.ABRIDGED.txt",
       {"LicenseRef-Gemma", "LicenseRef-Gemma-Prohibited-Use-Policy"}},
  };
  for (const Pair& c : pairs) {
    const std::string both =
        read_text(corpus_dir(shared) / c.license) + "\n\n" + read_text(corpus_dir(shared) / c.policy);
    for (const Variant& v : variants()) {
      EXPECT_EQ(show(ids_of(v.make(both))), show(c.ids)) << c.name << " / " << v.name;
    }
  }
}

// ----- 3. synthetic siblings and near-misses (always run) ---------------------------------------

struct TextCase {
  const char* name;
  const char* text;
  IdSet ids;
};

TEST(AiLicensesTest, SyntheticSiblingsAreToldApart) {
  const TextCase cases[] = {
      {"Llama 3.2 naming its predecessor",
       "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024\n"
       "This text replaces the Llama 3.1 Community License Agreement and the Llama 3.1 Acceptable Use "
       "Policy.\n"
       "2. Additional Commercial Terms. If, on the Llama 3.2 version release date, the monthly active users "
       "of "
       "the products or services made available by or for Licensee exceed a number, ask Meta.",
       {"LicenseRef-Llama-3.2"}},
      {"Llama 3.1 naming its successor",
       "**LLAMA 3.1 COMMUNITY LICENSE AGREEMENT**\n\n**Llama 3.1 Version Release Date:** July 23, 2024\n\n"
       "See also the Llama 3.2 Community License Agreement, Llama 3.2 Version Release Date to be announced. "
       "The monthly active users of the products or services made available by or for Licensee count.",
       {"LicenseRef-Llama-3.1"}},
      {"Llama 3.3",
       "# LLAMA 3.3 COMMUNITY LICENSE AGREEMENT\n Llama 3.3 Version Release Date: December 6, 2024\n"
       "... the monthly active users of the products or services made available by or for Licensee ...",
       {"LicenseRef-Llama-3.3"}},
      {"Llama 4 (effective date)",
       "LLAMA 4 COMMUNITY LICENSE AGREEMENT\nLlama 4 Version Effective Date: April 5, 2025\n"
       "... the monthly active users of the products or services made available by or for Licensee ...",
       {"LicenseRef-Llama-4"}},
      {"Meta Llama 3 and a Llama 3.1 name",
       "META LLAMA 3 COMMUNITY LICENSE AGREEMENT\nMeta Llama 3 Version Release Date: April 18, 2024\n"
       "Unlike the Llama 3.1 Community License Agreement, ... the monthly active users of the products or "
       "services made available by or for Licensee ...",
       {"LicenseRef-Llama-3"}},
      {"Llama 3.3 AUP naming the 3.2 AUP",
       "**Llama 3.3** **Acceptable Use Policy**\nThis replaces the Llama 3.2 Acceptable Use Policy.\n"
       "We want everyone to use Llama 3.3 safely and responsibly. You agree you will not use, or allow "
       "others "
       "to use, Llama 3.3 to:\n1. Violate the law",
       {"LicenseRef-Llama-3.3-AUP"}},
      {"Llama 3.2 AUP names the 3.2 license but is not it",
       "Llama 3.2 Acceptable Use Policy\nYou agree you will not use, or allow others to use, Llama 3.2 to: "
       "...\n"
       "With respect to any multimodal models included in Llama 3.2, the rights granted under Section 1(a) "
       "of "
       "the Llama 3.2 Community License Agreement are not being granted to you ...",
       {"LicenseRef-Llama-3.2-AUP"}},
      {"Tongyi Qianwen license",
       "Tongyi Qianwen LICENSE AGREEMENT\n4. Restrictions\nIf you are commercially using the Materials, and "
       "your product or service has more than 100 million monthly active users, You shall request a license.",
       {"LicenseRef-Tongyi-Qianwen"}},
      {"Tongyi Qianwen research license",
       "Tongyi Qianwen RESEARCH LICENSE AGREEMENT\n1. i. \"Non-Commercial\" shall mean for research or "
       "evaluation purposes only.\nUnlike the Tongyi Qianwen LICENSE AGREEMENT, no MAU threshold applies.",
       {"LicenseRef-Tongyi-Qianwen-Research"}},
      {"Qwen research license",
       "Qwen RESEARCH LICENSE AGREEMENT\ni. “Non-Commercial” shall mean for research or evaluation purposes "
       "only.",
       {"LicenseRef-Qwen-Research"}},
      {"BigScience OpenRAIL-M",
       "BigScience Open RAIL-M License\ndated August 18, 2022\nWhile a similar license was originally "
       "designed "
       "for the BLOOM model ...\na. Use-based restrictions as referenced in paragraph 5 MUST be included as "
       "an "
       "enforceable provision by You in any type of legal agreement",
       {"LicenseRef-BigScience-OpenRAIL-M"}},
      {"BigScience BLOOM RAIL 1.0",
       "BigScience RAIL License v1.0\ndated May 19, 2022\nThis License governs the use of the BigScience "
       "BLOOM "
       "models.\n1. Use-based restrictions as referenced in paragraph 5 MUST be included as an enforceable "
       "provision by You",
       {"LicenseRef-BigScience-BLOOM-RAIL-1.0"}},
      {"CreativeML OpenRAIL-M",
       "CreativeML Open RAIL-M\ndated August 22, 2022\nUse-based restrictions as referenced in paragraph 5 "
       "MUST "
       "be included as an enforceable provision by You",
       {"LicenseRef-CreativeML-OpenRAIL-M"}},
      {"CreativeML Open RAIL++-M is another license",
       "CreativeML Open RAIL++-M License\ndated July 26, 2023\nUse-based restrictions as referenced in "
       "paragraph 5 MUST be included as an enforceable provision by You",
       {}},
      {"DeepSeek",
       "DEEPSEEK LICENSE AGREEMENT\nVersion 1.0, 23 October 2023\na. Use-based restrictions as referenced in "
       "paragraph 5 MUST be included as an enforceable provision by You",
       {"LicenseRef-DeepSeek-Model"}},
  };
  for (const TextCase& c : cases) {
    EXPECT_EQ(show(ids_of(c.text)), show(c.ids)) << c.name;
  }
}

TEST(AiLicensesTest, NearMissesDoNotMatch) {
  const TextCase cases[] = {
      {"fine-tune of Llama 3.1",
       "---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n# Llama-3.1-Example-8B\n"
       "This model is a fine-tune of Llama 3.1 8B Instruct. Built with Llama.\n"
       "Llama 3.1 is licensed under the Llama 3.1 Community License, Copyright © Meta Platforms, Inc. All "
       "Rights Reserved.\nUse is governed by the Llama 3.1 Community License Agreement and the Llama 3.1 "
       "Acceptable Use Policy.",
       {}},
      {"Llama 2 license named",
       "This model is released under the LLAMA 2 Community License Agreement (Llama 2 Version Release Date: "
       "July 18, 2023).",
       {}},
      {"Llama 3.2 card with the release date but no license body",
       "# Llama 3.2 Community License Agreement\nLlama 3.2 Version Release Date: September 25, 2024\n"
       "Please read the license on the Meta website.",
       {}},
      {"Gemma in passing",
       "This model is a fine-tune of Gemma 2 9B. Gemma is provided under and subject to the Gemma Terms of "
       "Use "
       "found at ai.google.dev/gemma/terms. See the Gemma Prohibited Use Policy.",
       {}},
      {"Qwen card naming its license",
       "---\nlicense: other\nlicense_name: qwen-research\n---\nReleased under the Qwen RESEARCH LICENSE "
       "AGREEMENT, for non-commercial purposes only. Qwen is licensed under the Qwen RESEARCH LICENSE "
       "AGREEMENT, Copyright (c) Alibaba Cloud.",
       {}},
      {"FLUX LoRA card with the attribution notice",
       "This LoRA for FLUX.1 [dev] is non-commercial. The FLUX.1 [dev] Model is licensed by Black Forest "
       "Labs "
       "Inc. under the FLUX.1 [dev] Non-Commercial License. Copyright Black Forest Labs Inc.",
       {}},
      {"Stability derivative notice",
       "This model is licensed under the Stability AI Community License Agreement. Powered by Stability AI. "
       "This Stability AI Model is licensed under the Stability AI Community License, Copyright © Stability "
       "AI Ltd. All Rights Reserved",
       {}},
      {"NVIDIA notice file",
       "NVIDIA Open Model License Agreement\nLicensed by NVIDIA Corporation under the NVIDIA Open Model "
       "License",
       {}},
      {"OPT notice",
       "OPT-175B LICENSE AGREEMENT applies. OPT-175B is licensed under the OPT-175B license, Copyright (c) "
       "Meta Platforms, Inc. All Rights Reserved.",
       {}},
      {"Mistral notice",
       "Licensed by Mistral AI under the Mistral AI Research License. Research Purposes only.",
       {}},
      {"Yi README",
       "The Yi Series Models Community License Agreement (Version 2.1) applies; for commercial use apply for "
       "the Yi Series Models Commercial License Agreement.",
       {}},
      {"Apple notice",
       "Apple Machine Learning Research Model is licensed under the Apple Machine Learning Research Model "
       "License Agreement.",
       {}},
      {"OpenRAIL named in a card",
       "---\nlicense: creativeml-openrail-m\n---\nThis checkpoint is under the CreativeML Open RAIL-M "
       "license; "
       "see also the BigScience Open RAIL-M License and the BigScience RAIL License v1.0.",
       {}},
      {"DeepSeek named", "Model weights: DEEPSEEK LICENSE AGREEMENT. Code: MIT.", {}},
      {"Tongyi named",
       "The Tongyi Qianwen LICENSE AGREEMENT and the Tongyi Qianwen RESEARCH LICENSE AGREEMENT.",
       {}},
      {"Microsoft Research License named",
       "This model is released under the Microsoft Research License (MSR-LA).",
       {}},
  };
  for (const TextCase& c : cases) {
    EXPECT_EQ(show(ids_of(c.text)), show(c.ids)) << c.name;
  }
}

// ----- 4. the recorded terms --------------------------------------------------------------------

const char* const k_ids[] = {
    "LicenseRef-Llama-2",
    "LicenseRef-Llama-2-AUP",
    "LicenseRef-Llama-3",
    "LicenseRef-Llama-3-AUP",
    "LicenseRef-Llama-3.1",
    "LicenseRef-Llama-3.1-AUP",
    "LicenseRef-Llama-3.2",
    "LicenseRef-Llama-3.2-AUP",
    "LicenseRef-Llama-3.3",
    "LicenseRef-Llama-3.3-AUP",
    "LicenseRef-Llama-4",
    "LicenseRef-Llama-4-AUP",
    "LicenseRef-Gemma",
    "LicenseRef-Gemma-Prohibited-Use-Policy",
    "LicenseRef-Tongyi-Qianwen",
    "LicenseRef-Tongyi-Qianwen-Research",
    "LicenseRef-Qwen-Research",
    "LicenseRef-DeepSeek-Model",
    "LicenseRef-FLUX.1-dev-Non-Commercial",
    "LicenseRef-CreativeML-OpenRAIL-M",
    "LicenseRef-BigScience-OpenRAIL-M",
    "LicenseRef-BigScience-BLOOM-RAIL-1.0",
    "LicenseRef-OPT-175B",
    "LicenseRef-Stability-AI-Community",
    "LicenseRef-NVIDIA-Open-Model",
    "LicenseRef-Apple-AMLR",
    "LicenseRef-Apple-ASCL",
    "LicenseRef-Microsoft-Research-License",
    "LicenseRef-Mistral-Research-License-0.1",
    "LicenseRef-Yi-2.1",
};

const LicenseProfile& profile(const char* id) {
  const LicenseProfile* p = KnowledgeBase::embedded().find(id);
  if (p == nullptr) {
    throw std::runtime_error(std::string("no profile ") + id);
  }
  return *p;
}

// Every citation of a profile's terms, named by term.
std::vector<std::pair<std::string, Citation>> citations(const Terms& t) {
  std::vector<std::pair<std::string, Citation>> out;
  auto one = [&](const char* name, const auto& term) {
    if (term) {
      out.emplace_back(name, term->cite);
    }
  };
  auto many = [&](const char* name, const auto& list) {
    for (const auto& item : list) {
      out.emplace_back(name, item.cite);
    }
  };
  one("commercial_use", t.commercial_use);
  one("user_threshold", t.user_threshold);
  one("revenue_threshold", t.revenue_threshold);
  many("field_of_use", t.field_of_use);
  one("improve_other_models", t.improve_other_models);
  many("attribution", t.attribution);
  one("acceptable_use_policy", t.acceptable_use_policy);
  one("flow_down", t.flow_down);
  many("geographic", t.geographic);
  many("termination", t.termination);
  one("governing_law", t.governing_law);
  one("modification", t.modification);
  one("redistribution", t.redistribution);
  one("copyleft", t.copyleft);
  one("patent_grant", t.patent_grant);
  one("acceptance", t.acceptance);
  one("registration", t.registration);
  return out;
}

bool has_duty(const LicenseProfile& p, const std::string& duty, const std::string& text) {
  return std::any_of(p.terms.attribution.begin(), p.terms.attribution.end(),
                     [&](const Duty& d) { return d.duty == duty && d.text == text; });
}

TEST(AiLicensesTest, EveryProfileIsCompleteAndCited) {
  for (const char* id : k_ids) {
    const LicenseProfile* p = KnowledgeBase::embedded().find(id);
    ASSERT_NE(p, nullptr) << id;
    EXPECT_EQ(p->id, id);
    EXPECT_FALSE(p->name.empty()) << id;
    EXPECT_FALSE(p->family.empty()) << id;
    EXPECT_FALSE(p->publisher.empty()) << id;
    EXPECT_EQ(p->url.rfind("https://", 0), 0U) << id;
    EXPECT_FALSE(p->fingerprint_all.empty()) << id;
    ASSERT_FALSE(p->sources.empty()) << id;
    for (const Source& s : p->sources) {
      EXPECT_EQ(s.url.rfind("https://", 0), 0U) << id << ": " << s.url;
      EXPECT_EQ(s.checked, "2026-11-28") << id;
    }
    EXPECT_TRUE(p->date.empty() || p->date.size() == 10) << id << ": " << p->date;
    if (p->kind == "use-policy") {
      EXPECT_FALSE(p->terms.field_of_use.empty()) << id;
      EXPECT_TRUE(p->hub_ids.empty()) << id;
    } else {
      EXPECT_EQ(p->kind, "license") << id;
      EXPECT_TRUE(p->terms.commercial_use.has_value()) << id;
      EXPECT_TRUE(p->terms.modification.has_value()) << id;
      EXPECT_TRUE(p->terms.redistribution.has_value()) << id;
    }
    auto cites = citations(p->terms);
    EXPECT_FALSE(cites.empty()) << id;
    for (const auto& [term, cite] : cites) {
      EXPECT_FALSE(cite.clause.empty()) << id << ": " << term;
      EXPECT_LE(cite.quote.size(), 220U)
          << id << ": " << term;  // ~200 characters; UTF-8 quotes count 3 bytes
    }
  }
}

TEST(AiLicensesTest, FingerprintPatternsAreFlat) {
  for (const char* id : k_ids) {
    const LicenseProfile& p = profile(id);
    std::vector<std::string> patterns = p.fingerprint_all;
    patterns.insert(patterns.end(), p.fingerprint_none.begin(), p.fingerprint_none.end());
    for (const std::string& pattern : patterns) {
      EXPECT_EQ(pattern.find("  "), std::string::npos) << id << ": " << pattern;
      EXPECT_TRUE(std::none_of(pattern.begin(), pattern.end(), [](char c) { return std::isupper(c) != 0; }))
          << id << ": " << pattern;
      for (const char* bad : {"\"", "“", "”", "’", "*", "#", "__"}) {
        EXPECT_EQ(pattern.find(bad), std::string::npos) << id << ": " << pattern;
      }
    }
  }
  EXPECT_NO_THROW(find_fingerprints("compiles every pattern"));
}

TEST(AiLicensesTest, PoliciesAndHubNamesResolve) {
  const KnowledgeBase& kb = KnowledgeBase::embedded();
  for (const char* id : k_ids) {
    const LicenseProfile& p = profile(id);
    if (!p.policy.empty()) {
      const LicenseProfile* policy = kb.find(p.policy);
      ASSERT_NE(policy, nullptr) << id << ": " << p.policy;
      EXPECT_EQ(policy->kind, "use-policy") << id;
      ASSERT_TRUE(p.terms.acceptable_use_policy.has_value()) << id;
      EXPECT_EQ(p.terms.acceptable_use_policy->policy, p.policy) << id;
      EXPECT_TRUE(p.terms.acceptable_use_policy->incorporated) << id;
    }
    if (p.terms.acceptable_use_policy && !p.terms.acceptable_use_policy->policy.empty()) {
      EXPECT_NE(kb.find(p.terms.acceptable_use_policy->policy), nullptr) << id;
    }
    for (const std::string& hub : p.hub_ids) {
      auto found = kb.find_hub(hub);
      ASSERT_EQ(found.size(), 1U) << id << ": " << hub;
      EXPECT_EQ(found[0]->id, id) << hub;
    }
    for (const std::string& name : p.hub_names) {
      auto found = kb.find_hub("other", name);
      ASSERT_EQ(found.size(), 1U) << id << ": " << name;
      EXPECT_EQ(found[0]->id, id) << name;
    }
  }
}

TEST(AiLicensesTest, LlamaTerms) {
  const LicenseProfile& l2 = profile("LicenseRef-Llama-2");
  ASSERT_TRUE(l2.terms.user_threshold.has_value());
  EXPECT_EQ(l2.terms.user_threshold->value, 700000000);
  EXPECT_EQ(l2.terms.user_threshold->unit, "monthly active users");
  ASSERT_TRUE(l2.terms.improve_other_models.has_value());
  EXPECT_EQ(l2.terms.improve_other_models->value, "banned");
  EXPECT_EQ(l2.terms.improve_other_models->cite.clause, "1.b.v");
  EXPECT_TRUE(
      has_duty(l2, "notice",
               "Llama 2 is licensed under the LLAMA 2 Community License, Copyright (c) Meta Platforms, Inc. "
               "All Rights Reserved."));

  const LicenseProfile& l3 = profile("LicenseRef-Llama-3");
  EXPECT_EQ(l3.terms.improve_other_models->value, "banned");
  EXPECT_TRUE(has_duty(l3, "display", "Built with Meta Llama 3"));
  EXPECT_TRUE(has_duty(l3, "name-prefix", "Llama 3"));

  for (const char* id :
       {"LicenseRef-Llama-3.1", "LicenseRef-Llama-3.2", "LicenseRef-Llama-3.3", "LicenseRef-Llama-4"}) {
    const LicenseProfile& p = profile(id);
    EXPECT_TRUE(has_duty(p, "display", "Built with Llama")) << id;
    EXPECT_TRUE(has_duty(p, "name-prefix", "Llama")) << id;
    ASSERT_TRUE(p.terms.improve_other_models.has_value()) << id;
    EXPECT_EQ(p.terms.improve_other_models->value, "conditional") << id;
    EXPECT_EQ(p.terms.improve_other_models->cite.clause, "1.b.i") << id;
  }
  for (const char* id : {"LicenseRef-Llama-2", "LicenseRef-Llama-3", "LicenseRef-Llama-3.1",
                         "LicenseRef-Llama-3.2", "LicenseRef-Llama-3.3", "LicenseRef-Llama-4"}) {
    const LicenseProfile& p = profile(id);
    EXPECT_EQ(p.terms.commercial_use->value, "conditional") << id;
    EXPECT_EQ(p.terms.user_threshold->value, 700000000) << id;
    ASSERT_TRUE(p.terms.acceptable_use_policy.has_value()) << id;
    EXPECT_TRUE(p.terms.acceptable_use_policy->changeable_by_licensor) << id;
    EXPECT_EQ(p.terms.acceptable_use_policy->policy, std::string(id) + "-AUP") << id;
    EXPECT_EQ(p.terms.acceptance->value, "click-through") << id;
    EXPECT_EQ(p.terms.governing_law->value, "California, USA") << id;
    EXPECT_FALSE(p.terms.field_of_use.empty()) << id;
  }
  // The EU carve-out for multimodal models is in the 3.2, 3.3 and 4 policies only.
  for (const char* id : {"LicenseRef-Llama-3.2", "LicenseRef-Llama-3.2-AUP", "LicenseRef-Llama-3.3",
                         "LicenseRef-Llama-3.3-AUP", "LicenseRef-Llama-4", "LicenseRef-Llama-4-AUP"}) {
    ASSERT_EQ(profile(id).terms.geographic.size(), 1U) << id;
    EXPECT_NE(profile(id).terms.geographic[0].text.find("European Union"), std::string::npos) << id;
  }
  for (const char* id : {"LicenseRef-Llama-2", "LicenseRef-Llama-3", "LicenseRef-Llama-3.1"}) {
    EXPECT_TRUE(profile(id).terms.geographic.empty()) << id;
  }
}

TEST(AiLicensesTest, GemmaTerms) {
  const LicenseProfile& g = profile("LicenseRef-Gemma");
  ASSERT_TRUE(g.terms.flow_down.has_value());
  EXPECT_EQ(g.terms.flow_down->value, "yes");
  ASSERT_TRUE(g.terms.acceptable_use_policy.has_value());
  EXPECT_EQ(g.terms.acceptable_use_policy->policy, "LicenseRef-Gemma-Prohibited-Use-Policy");
  EXPECT_TRUE(g.terms.acceptable_use_policy->incorporated);
  EXPECT_TRUE(g.terms.acceptable_use_policy->changeable_by_licensor);
  EXPECT_TRUE(has_duty(
      g, "notice",
      "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms"));
  EXPECT_EQ(profile("LicenseRef-Gemma-Prohibited-Use-Policy").kind, "use-policy");
}

TEST(AiLicensesTest, CommercialUse) {
  struct Case {
    const char* id;
    const char* value;
  };
  const Case cases[] = {
      {"LicenseRef-FLUX.1-dev-Non-Commercial", "banned"},
      {"LicenseRef-Tongyi-Qianwen-Research", "banned"},
      {"LicenseRef-Qwen-Research", "banned"},
      {"LicenseRef-Mistral-Research-License-0.1", "banned"},
      {"LicenseRef-Apple-AMLR", "banned"},
      {"LicenseRef-Microsoft-Research-License", "banned"},
      {"LicenseRef-OPT-175B", "banned"},
      {"LicenseRef-Tongyi-Qianwen", "conditional"},
      {"LicenseRef-Stability-AI-Community", "conditional"},
      {"LicenseRef-Yi-2.1", "conditional"},
      {"LicenseRef-Gemma", "allowed"},
      {"LicenseRef-DeepSeek-Model", "allowed"},
      {"LicenseRef-CreativeML-OpenRAIL-M", "allowed"},
      {"LicenseRef-NVIDIA-Open-Model", "allowed"},
      {"LicenseRef-Apple-ASCL", "allowed"},
  };
  for (const Case& c : cases) {
    ASSERT_TRUE(profile(c.id).terms.commercial_use.has_value()) << c.id;
    EXPECT_EQ(profile(c.id).terms.commercial_use->value, c.value) << c.id;
  }
  EXPECT_EQ(profile("LicenseRef-Tongyi-Qianwen").terms.user_threshold->value, 100000000);
  EXPECT_EQ(profile("LicenseRef-Stability-AI-Community").terms.revenue_threshold->value, 1000000);
  EXPECT_EQ(profile("LicenseRef-Stability-AI-Community").terms.registration->value, "required");
  EXPECT_TRUE(has_duty(profile("LicenseRef-Stability-AI-Community"), "display", "Powered by Stability AI"));
  EXPECT_TRUE(has_duty(profile("LicenseRef-Qwen-Research"), "display", "Built with Qwen"));
}

TEST(AiLicensesTest, OpenRailTermsFlowDown) {
  for (const char* id : {"LicenseRef-CreativeML-OpenRAIL-M", "LicenseRef-BigScience-OpenRAIL-M",
                         "LicenseRef-BigScience-BLOOM-RAIL-1.0", "LicenseRef-DeepSeek-Model"}) {
    const LicenseProfile& p = profile(id);
    ASSERT_TRUE(p.terms.flow_down.has_value()) << id;
    EXPECT_EQ(p.terms.flow_down->value, "yes") << id;
    EXPECT_EQ(p.terms.flow_down->cite.clause, "4.a; 5") << id;
    EXPECT_GE(p.terms.field_of_use.size(), 10U) << id;
    EXPECT_EQ(p.terms.patent_grant->value, "yes") << id;
  }
  // Medical advice and law-enforcement uses are banned by the three RAIL texts, not by DeepSeek's.
  auto bans = [](const char* id, const char* word) {
    const auto& f = profile(id).terms.field_of_use;
    return std::any_of(f.begin(), f.end(),
                       [&](const Restriction& r) { return r.text.find(word) != std::string::npos; });
  };
  for (const char* id : {"LicenseRef-CreativeML-OpenRAIL-M", "LicenseRef-BigScience-OpenRAIL-M",
                         "LicenseRef-BigScience-BLOOM-RAIL-1.0"}) {
    EXPECT_TRUE(bans(id, "medical advice")) << id;
    EXPECT_TRUE(bans(id, "law enforcement")) << id;
  }
  EXPECT_FALSE(bans("LicenseRef-DeepSeek-Model", "medical advice"));
  EXPECT_TRUE(bans("LicenseRef-DeepSeek-Model", "military"));
}

}  // namespace
}  // namespace aperture::terms
