#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/report/scan_report.hpp>
#include <aperture/scan/component_licenses.hpp>
#include <aperture/scan/scanner.hpp>
#include <aperture/scan/weight_files.hpp>

#include "support/test_support.hpp"
#include "unit/license/license_texts.hpp"

namespace aperture::scan {
namespace {

namespace fs = std::filesystem;
using release::ClaimKind;
using release::ComponentKind;
using release::Presence;
using release::Release;

const std::string k_oid(64, 'a');
const std::string k_lfs_pointer =
    "version https://git-lfs.github.com/spec/v1\noid sha256:" + k_oid + "\nsize 12345\n";

std::string le_u64(std::uint64_t v) {
  std::string out;
  for (int i = 0; i < 8; ++i) {
    out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  return out;
}

// A real (tiny) safetensors file: one F32 tensor of shape [2, 3].
std::string tiny_safetensors() {
  std::string header = R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}})";
  return le_u64(header.size()) + header + std::string(24, '\0');
}

const release::FoundLicense* license_with(const Release& r, std::string_view role) {
  return testing::first_with(r.licenses, &release::FoundLicense::role, role);
}

const release::Finding* finding(const Release& r, std::string_view rule) {
  return testing::first_with(r.findings, &release::Finding::rule, rule);
}

const release::FileEntry* file(const Release& r, std::string_view path) {
  for (const auto& f : r.files) {
    if (f.path == path) {
      return &f;
    }
  }
  return nullptr;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class ScannerTest : public aperture::testing::TempDirTest {
protected:
  void write_model_dir() {
    write("README.md", "---\nlicense: apache-2.0\n---\n# Demo\n\nDemo is an open-source model.\n"
                       "Code: https://github.com/example/demo\n");
    write("LICENSE", aperture::testing::k_mit_text);
    write("train.py", "# SPDX-License-Identifier: Apache-2.0\nprint('training')\n");
    write("config.json", "{\"model_type\": \"llama\"}\n");
    write("model.safetensors", k_lfs_pointer);
    write("pytorch_model.bin", std::string("\x80\x02}q\x00.", 6));
  }
};

TEST_F(ScannerTest, ScansAModelDirectory) {
  write_model_dir();
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->input_kind, "directory");
  EXPECT_EQ(r->target, m_dir.string());
  EXPECT_EQ(r->name, m_dir.filename().string());
  EXPECT_EQ(r->files.size(), 6u);

  // Components present, linked (unknown) and absent.
  EXPECT_EQ(r->component(ComponentKind::model_card).presence, Presence::present);
  EXPECT_EQ(r->component(ComponentKind::training_code).presence, Presence::present);
  EXPECT_EQ(r->component(ComponentKind::model_metadata).presence, Presence::present);
  EXPECT_EQ(r->component(ComponentKind::model_parameters_final).presence, Presence::present);
  EXPECT_EQ(r->component(ComponentKind::inference_code).presence, Presence::unknown);  // a GitHub link only
  EXPECT_FALSE(r->component(ComponentKind::inference_code).evidence.empty());
  EXPECT_EQ(r->component(ComponentKind::data_card).presence, Presence::absent);
  EXPECT_EQ(r->component(ComponentKind::evaluation_code).presence, Presence::absent);
  EXPECT_EQ(r->component(ComponentKind::model_parameters_intermediate).presence, Presence::absent);
  EXPECT_EQ(r->architecture, "llama");
  EXPECT_EQ(r->architecture_evidence.file, "config.json");
}

TEST_F(ScannerTest, JsonOfAFileNameThatIsNotUtf8) {
  write("model\xff.safetensors", "x");
  aperture::testing::CliResult out = aperture::testing::run_cli({"scan", "--json", m_dir.string()});
  EXPECT_EQ(out.exit_code, 0) << out.err;
  EXPECT_NE(out.out.find("model\xef\xbf\xbd.safetensors"), std::string::npos);  // U+FFFD
}

TEST_F(ScannerTest, ArchitectureFromConfigAndABrokenConfigIsAFinding) {
  write("config.json", "{\"model_type\": \"mistral\", \"architectures\": [\"MistralForCausalLM\"]}");
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r);
  EXPECT_EQ(r->architecture, "mistral (MistralForCausalLM)");
  write("config.json", "{ not json");
  r = scan_target(m_dir.string());
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->architecture.empty());
  bool found = false;
  for (const auto& f : r->findings) {
    found |= f.rule == "unreadable-file" && f.evidence.front().file == "config.json";
  }
  EXPECT_TRUE(found);
}

TEST_F(ScannerTest, FindsLicensesWithTheirRoles) {
  write_model_dir();
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  const release::FoundLicense* file_license = license_with(*r, "license-file");
  ASSERT_NE(file_license, nullptr);
  EXPECT_EQ(file_license->match.id, "MIT");
  EXPECT_EQ(file_license->file, "LICENSE");
  const release::FoundLicense* declared = license_with(*r, "card-metadata");
  ASSERT_NE(declared, nullptr);
  EXPECT_EQ(declared->match.id, "Apache-2.0");
  EXPECT_EQ(declared->file, "README.md");
  const release::FoundLicense* code = license_with(*r, "code");
  ASSERT_NE(code, nullptr);
  EXPECT_EQ(code->match.id, "Apache-2.0");
  EXPECT_EQ(code->file, "train.py");

  EXPECT_EQ(license_expression(*r, "license-file"), "MIT");
  EXPECT_EQ(license_expression(*r, "card-metadata"), "Apache-2.0");
  EXPECT_EQ(license_expression(*r, "gguf-metadata"), "");

  // The card's declared license covers the weights; the code's own tag the code.
  EXPECT_EQ(r->component(ComponentKind::model_parameters_final).license_id, "Apache-2.0");
  EXPECT_EQ(r->component(ComponentKind::training_code).license_id, "Apache-2.0");
  // Documents get the repository's LICENSE file.
  EXPECT_EQ(r->component(ComponentKind::model_card).license_id, "MIT");
  // Absent components get none.
  EXPECT_EQ(r->component(ComponentKind::data_card).license_id, "");

  auto has_claim = [&](ClaimKind k, std::string_view v) {
    return std::any_of(r->claims.begin(), r->claims.end(), [&](const release::Claim& c) {
      return c.kind == k && c.value.find(v) != std::string::npos;
    });
  };
  EXPECT_TRUE(has_claim(ClaimKind::declared_license, "apache-2.0"));
  EXPECT_TRUE(has_claim(ClaimKind::open_source, "open-source model"));
}

TEST_F(ScannerTest, LfsPointersAndPickleFiles) {
  write_model_dir();
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  const release::FileEntry* pointer = file(*r, "model.safetensors");
  ASSERT_NE(pointer, nullptr);
  EXPECT_EQ(pointer->stands_for, 12345u);
  EXPECT_EQ(pointer->kind, "lfs-pointer:safetensors");
  EXPECT_EQ(pointer->size, k_lfs_pointer.size());
  const release::FileEntry* pickle = file(*r, "pytorch_model.bin");
  ASSERT_NE(pickle, nullptr);
  EXPECT_EQ(pickle->kind, "pickle");
  EXPECT_EQ(pickle->stands_for, 0u);

  const release::Finding* lfs = finding(*r, "lfs-pointers");
  ASSERT_NE(lfs, nullptr);
  EXPECT_EQ(lfs->severity, release::Severity::info);
  EXPECT_NE(lfs->message.find("12.3 kB"), std::string::npos) << lfs->message;
  ASSERT_EQ(lfs->evidence.size(), 1u);
  EXPECT_EQ(lfs->evidence[0].file, "model.safetensors");

  const release::Finding* pk = finding(*r, "pickle-weights");
  ASSERT_NE(pk, nullptr);
  EXPECT_EQ(pk->severity, release::Severity::warning);
  ASSERT_EQ(pk->evidence.size(), 1u);
  EXPECT_EQ(pk->evidence[0].file, "pytorch_model.bin");
  EXPECT_FALSE(r->parameter_count.has_value());  // no header was readable
}

TEST_F(ScannerTest, CountsParametersOfARealSafetensorsFile) {
  write("model.safetensors", tiny_safetensors());
  write("config.json", "{}");
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(r->parameter_count.has_value());
  EXPECT_EQ(*r->parameter_count, 6u);
  EXPECT_EQ(r->parameter_evidence.file, "model.safetensors");
  const release::FileEntry* f = file(*r, "model.safetensors");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, "safetensors");
  EXPECT_EQ(f->parameters, 6u);
  EXPECT_EQ(finding(*r, "pickle-weights"), nullptr);
  EXPECT_EQ(finding(*r, "lfs-pointers"), nullptr);
}

TEST_F(ScannerTest, SumsShardsButNotIntermediateCheckpoints) {
  write("model-00001-of-00002.safetensors", tiny_safetensors());
  write("model-00002-of-00002.safetensors", tiny_safetensors());
  write("checkpoints/step-1000/model.safetensors", tiny_safetensors());
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(r->parameter_count.has_value());
  EXPECT_EQ(*r->parameter_count, 12u);
  EXPECT_EQ(r->component(ComponentKind::model_parameters_intermediate).presence, Presence::present);
}

TEST_F(ScannerTest, ABrokenSafetensorsHeaderIsAFinding) {
  std::string header = R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}})";
  write("model.safetensors", le_u64(header.size()) + header.substr(0, header.size() - 1) + "x");
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_NE(finding(*r, "weights-header"), nullptr);
  EXPECT_FALSE(r->parameter_count.has_value());
}

TEST_F(ScannerTest, ASingleWeightsFile) {
  fs::path p = write("model.safetensors", tiny_safetensors());
  auto r = scan_target(p.string());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->input_kind, "weights-file");
  EXPECT_EQ(r->component(ComponentKind::model_parameters_final).presence, Presence::present);
  ASSERT_TRUE(r->parameter_count.has_value());
  EXPECT_EQ(*r->parameter_count, 6u);
}

TEST_F(ScannerTest, MissingTargetIsAnError) {
  auto r = scan_target((m_dir / "does-not-exist").string());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, util::ErrorCode::not_found);
}

TEST_F(ScannerTest, AModelCardAloneLeavesOtherComponentsUnknown) {
  fs::path p = write("card.md", "---\nlicense: apache-2.0\ndatasets:\n- allenai/dolma\n---\n# Card\n"
                                "Paper: https://arxiv.org/abs/2402.00838\n");
  auto r = scan_target(p.string());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->input_kind, "model-card");
  EXPECT_EQ(r->target, p.string());
  EXPECT_EQ(r->name, "card");
  EXPECT_EQ(r->component(ComponentKind::model_card).presence, Presence::present);
  EXPECT_EQ(r->component(ComponentKind::model_card).license_id, "Apache-2.0");
  for (ComponentKind k :
       {ComponentKind::training_code, ComponentKind::inference_code, ComponentKind::data_card,
        ComponentKind::model_parameters_final, ComponentKind::evaluation_code, ComponentKind::datasets,
        ComponentKind::research_paper}) {
    EXPECT_EQ(r->component(k).presence, Presence::unknown) << release::to_string(k);
  }
  EXPECT_FALSE(r->component(ComponentKind::datasets).evidence.empty());
  EXPECT_FALSE(r->component(ComponentKind::research_paper).evidence.empty());
  EXPECT_EQ(r->component(ComponentKind::model_parameters_final).license_id, "");
}

TEST_F(ScannerTest, ModelIndexMarksEvaluationResults) {
  Release r = scan_model_card_text("---\nmodel-index:\n- name: demo\n  results: []\n---\n", "README.md");
  EXPECT_EQ(r.component(ComponentKind::evaluation_results).presence, Presence::present);
  EXPECT_EQ(r.name, "demo");
}

TEST_F(ScannerTest, BrokenCardFrontMatterIsAFinding) {
  Release r = scan_model_card_text("---\nlicense: [mit\n---\nWe open-source the model.\n", "README.md");
  const release::Finding* f = finding(r, "card-front-matter");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, release::Severity::warning);
  EXPECT_TRUE(std::any_of(r.claims.begin(), r.claims.end(),
                          [](const release::Claim& c) { return c.kind == ClaimKind::open_source; }));
}

TEST_F(ScannerTest, OpenSourceTagIsAClaim) {
  Release r = scan_model_card_text("---\ntags:\n- open-source\n---\n", "README.md");
  ASSERT_EQ(r.claims.size(), 1u);
  EXPECT_EQ(r.claims[0].kind, ClaimKind::open_source);
  EXPECT_EQ(r.claims[0].source, "tags");
  EXPECT_EQ(r.claims[0].evidence.line, 3u);
}

TEST_F(ScannerTest, BaseModelsFromTheCard) {
  Release r = scan_model_card_text(
      "---\nbase_model: meta-llama/Llama-3.1-8B\nbase_model_relation: finetune\n---\n", "README.md");
  ASSERT_EQ(r.base_models.size(), 1u);
  EXPECT_EQ(r.base_models[0].name, "meta-llama/Llama-3.1-8B");
  EXPECT_EQ(r.base_models[0].relation, "finetune");
  EXPECT_EQ(r.base_models[0].evidence.line, 2u);
  EXPECT_EQ(r.base_models[0].evidence.url, "https://huggingface.co/meta-llama/Llama-3.1-8B");
}

TEST_F(ScannerTest, APlainLicenseText) {
  fs::path p = write("LICENSE.txt", aperture::testing::k_mit_text);
  auto r = scan_target(p.string());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->input_kind, "license-text");
  ASSERT_FALSE(r->licenses.empty());
  EXPECT_EQ(r->licenses[0].match.id, "MIT");
  EXPECT_EQ(r->licenses[0].role, "license-file");
  for (const auto& c : r->components) {
    EXPECT_EQ(c.presence, Presence::unknown);
  }
}

TEST_F(ScannerTest, AShortApacheNoticeInLicenseFile) {
  write("LICENSE", "Licensed under the Apache License, Version 2.0 (the \"License\");\n"
                   "you may not use this file except in compliance with the License.\n");
  write("train.py", "print(1)\n");
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(license_expression(*r, "license-file"), "Apache-2.0");
  // No code tag: the code gets the LICENSE file's license.
  EXPECT_EQ(r->component(ComponentKind::training_code).license_id, "Apache-2.0");
}

// The MIT text with a use ban after its conditions (line 13 of the result).
std::string mit_with_a_ban() {
  std::string text = aperture::testing::k_mit_text;
  const std::string conditions = "copies or substantial portions of the Software.\n";
  text.insert(text.find(conditions) + conditions.size(),
              "\nThe licensee shall not use the Software for any military purpose.\n");
  return text;
}

TEST_F(ScannerTest, AChangedLicenseFileIsKeptWithItsClauses) {
  write("README.md", "---\nlicense: mit\n---\n# Demo\n");
  write("LICENSE", mit_with_a_ban());
  // A changed header in a source file is that file's business, not the release's license.
  write("train.py", "# Permission is hereby granted, free of charge, to any person obtaining a copy of this\n"
                    "# software, to deal in the Software without restriction, except for military use.\n");
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(license_expression(*r, "license-file").empty());
  ASSERT_EQ(r->modified_licenses.size(), 1u);
  const release::ModifiedLicense& m = r->modified_licenses[0];
  EXPECT_EQ(m.file, "LICENSE");
  EXPECT_EQ(m.closest, "MIT");
  EXPECT_GT(m.coverage, 0.9);
  EXPECT_LE(m.lines.first, 3u);
  EXPECT_GE(m.lines.last, 21u);
  ASSERT_EQ(m.clauses.size(), 1u);
  EXPECT_EQ(m.clauses[0].kind, "field-of-use-ban");
  EXPECT_EQ(m.clauses[0].evidence.file, "LICENSE");
  EXPECT_EQ(m.clauses[0].evidence.line, 15u);
  EXPECT_NE(m.clauses[0].evidence.quote.find("military"), std::string::npos);

  // The card's MIT does not make the release pass: the LICENSE file's ban fails OSD 6.
  frameworks::Assessment a = frameworks::assess_release(std::move(*r));
  EXPECT_EQ(a.osd.outcome, assess::Outcome::fail);
  ASSERT_EQ(a.osd.failing.size(), 1u);
  EXPECT_EQ(a.osd.failing[0].id, "osd-6");
  ASSERT_EQ(a.osd.failing[0].evidence.size(), 1u);
  EXPECT_EQ(a.osd.failing[0].evidence[0].clause, "LICENSE:15");
}

TEST_F(ScannerTest, AChangedLicenseWithoutARestrictionLeavesTheOsdUnknown) {
  std::string text = aperture::testing::k_mit_text;
  const std::string conditions = "copies or substantial portions of the Software.\n";
  text.insert(text.find(conditions) + conditions.size(),
              "\nYou must send the authors a postcard from your home town and a short note\n"
              "describing what you built with it, once a year, every year, in the month of May.\n");
  write("README.md", "---\nlicense: mit\n---\n# Demo\n");
  write("LICENSE", text);
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->modified_licenses.size(), 1u);
  EXPECT_TRUE(r->modified_licenses[0].clauses.empty());
  frameworks::Assessment a = frameworks::assess_release(std::move(*r));
  EXPECT_EQ(a.osd.outcome, assess::Outcome::unknown);
  EXPECT_NE(a.osd.reason.find("LICENSE holds a changed MIT text"), std::string::npos) << a.osd.reason;
}

TEST_F(ScannerTest, AnUnchangedLicenseFileIsNotModified) {
  write_model_dir();
  auto r = scan_target(m_dir.string());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->modified_licenses.empty());
}

TEST(ComponentLicensesTest, ExpressionJoinsDistinctIds) {
  Release r;
  license::LicenseMatch mit;
  mit.id = "MIT";
  license::LicenseMatch apache;
  apache.id = "Apache-2.0";
  r.licenses.push_back({mit, "LICENSE", "license-file"});
  r.licenses.push_back({apache, "LICENSE-APACHE", "license-file"});
  r.licenses.push_back({mit, "LICENSE-MIT", "license-file"});
  r.licenses.push_back({apache, "README.md", "card-metadata"});
  EXPECT_EQ(license_expression(r, "license-file"), "MIT AND Apache-2.0");
  EXPECT_EQ(license_expression(r, "card-metadata"), "Apache-2.0");
  EXPECT_EQ(license_expression(r, "code"), "");
}

TEST(ComponentLicensesTest, AssignsBySourcePriority) {
  Release r;
  license::LicenseMatch mit;
  mit.id = "MIT";
  mit.lines = {{3, 20}};
  license::LicenseMatch llama;
  llama.id = "LicenseRef-Llama-3.1";
  r.licenses.push_back({mit, "LICENSE", "license-file"});
  r.licenses.push_back({llama, "README.md", "card-metadata"});
  r.component(ComponentKind::model_parameters_final).presence = Presence::present;
  r.component(ComponentKind::inference_code).presence = Presence::present;
  r.component(ComponentKind::model_card).presence = Presence::present;
  r.component(ComponentKind::training_code).presence = Presence::absent;
  r.component(ComponentKind::evaluation_code).presence = Presence::present;
  r.component(ComponentKind::evaluation_code).license_id = "BSD-3-Clause";
  assign_component_licenses(r);
  EXPECT_EQ(r.component(ComponentKind::model_parameters_final).license_id, "LicenseRef-Llama-3.1");
  EXPECT_EQ(r.component(ComponentKind::inference_code).license_id, "MIT");
  EXPECT_EQ(r.component(ComponentKind::model_card).license_id, "MIT");
  EXPECT_EQ(r.component(ComponentKind::training_code).license_id, "");
  EXPECT_EQ(r.component(ComponentKind::evaluation_code).license_id, "BSD-3-Clause");  // kept
  const auto& ev = r.component(ComponentKind::inference_code).evidence;
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev.back().file, "LICENSE");
  EXPECT_EQ(ev.back().line, 3u);
  EXPECT_EQ(ev.back().quote, "MIT");
}

TEST(ComponentLicensesTest, NothingFoundAssignsNothing) {
  Release r;
  r.component(ComponentKind::model_parameters_final).presence = Presence::present;
  assign_component_licenses(r);
  EXPECT_EQ(r.component(ComponentKind::model_parameters_final).license_id, "");
  EXPECT_TRUE(r.component(ComponentKind::model_parameters_final).evidence.empty());
}

TEST(ScannerSharedTest, EveryCorpusModelCardScansAndAssesses) {
  APERTURE_REQUIRE_SHARED(shared);
  fs::path dir = shared / "corpus" / "model-cards";
  ASSERT_TRUE(fs::is_directory(dir));
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    ++count;
    std::string text = read_all(entry.path());
    std::string name = entry.path().filename().string();
    try {
      Release r = scan_model_card_text(text, name);
      EXPECT_EQ(r.input_kind, "model-card") << name;
      frameworks::Assessment a = frameworks::assess_release(std::move(r));
      nlohmann::json j = nlohmann::json::parse(report::scan_json(a));  // throws on invalid JSON
      EXPECT_EQ(j["target"], name) << name;
    } catch (const std::exception& e) {
      ADD_FAILURE() << name << " threw: " << e.what();
    }
  }
  EXPECT_EQ(count, 2799u);
}

TEST(ScannerSharedTest, EveryMotAndOsaiFileScans) {
  APERTURE_REQUIRE_SHARED(shared);
  std::size_t mot = 0;
  std::size_t osai = 0;
  for (const auto& entry : fs::directory_iterator(shared / "corpus" / "mot" / "models")) {
    // "_parameters.yml" and "_parameters-descriptions.yml" describe the format, not a model.
    if (entry.path().extension() != ".yml" || entry.path().filename().string().starts_with("_")) {
      continue;
    }
    ++mot;
    auto r = scan_target(entry.path().string());
    EXPECT_TRUE(r) << entry.path() << ": " << (r ? "" : r.error().message);
    if (r) {
      EXPECT_EQ(r->input_kind, "mot") << entry.path();
    }
  }
  for (const auto& entry : fs::directory_iterator(shared / "corpus" / "osai")) {
    if (entry.path().extension() != ".yaml") {
      continue;
    }
    ++osai;
    auto r = scan_target(entry.path().string());
    EXPECT_TRUE(r) << entry.path() << ": " << (r ? "" : r.error().message);
    if (r) {
      EXPECT_EQ(r->input_kind, "osai") << entry.path();
    }
  }
  EXPECT_GT(mot, 0u);
  EXPECT_GT(osai, 0u);
}

}  // namespace
}  // namespace aperture::scan
