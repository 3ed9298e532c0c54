#include <algorithm>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/frameworks/assessment.hpp>
#include <aperture/hub/hub_release.hpp>
#include <aperture/scan/scanner.hpp>

#include "support/test_support.hpp"
#include "unit/hub/replay_server.hpp"

namespace aperture::hub {
namespace {

using release::ComponentKind;
using release::Presence;
using release::Release;
using testing::HubReplayTest;
using testing::ScopedEnv;

const release::FoundLicense* license(const Release& r, std::string_view id, std::string_view role) {
  for (const auto& l : r.licenses) {
    if (l.match.id == id && l.role == role) {
      return &l;
    }
  }
  return nullptr;
}

const release::Finding* finding(const std::vector<release::Finding>& findings, std::string_view rule) {
  return testing::first_with(findings, &release::Finding::rule, rule);
}

const release::FileEntry* file(const Release& r, std::string_view path) {
  return testing::first_with(r.files, &release::FileEntry::path, path);
}

bool is_weights_path(const std::string& path) {
  for (const char* ext :
       {".safetensors", ".bin", ".pth", ".pt", ".gguf", ".ckpt", ".onnx", ".h5", ".msgpack"}) {
    if (path.ends_with(ext)) {
      return true;
    }
  }
  return false;
}

class HubReleaseTest : public HubReplayTest {
protected:
  void TearDown() override {
    // Whatever a test did, no weights file was ever requested.
    for (const std::string& path : m_server->paths()) {
      EXPECT_FALSE(is_weights_path(path)) << "requested weights: " << path;
    }
    HubReplayTest::TearDown();
  }

  util::Result<Release> scan(std::string_view target) { return scan_hub(target, m_options); }
};

TEST_F(HubReleaseTest, FindsTheLicensesOfAGatedModelWithEvidence) {
  m_options.token = "hf_test_token";
  auto r = scan("hf:meta-llama/Llama-3.1-8B-Instruct");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->target, "hf:meta-llama/Llama-3.1-8B-Instruct");
  EXPECT_EQ(r->input_kind, "hub");
  EXPECT_EQ(r->name, "meta-llama/Llama-3.1-8B-Instruct");
  EXPECT_EQ(r->publisher, "meta-llama");
  EXPECT_EQ(r->version, "0e9e39f249a16976918f6564b8830bc894c89659");
  EXPECT_EQ(r->url, "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct");

  const auto* declared = license(*r, "LicenseRef-Llama-3.1", "card-metadata");
  ASSERT_NE(declared, nullptr);
  EXPECT_EQ(declared->file, "README.md");
  const auto* text = license(*r, "LicenseRef-Llama-3.1", "license-file");
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(text->file, "LICENSE");
  const auto* policy = license(*r, "LicenseRef-Llama-3.1-AUP", "license-file");
  ASSERT_NE(policy, nullptr);
  EXPECT_EQ(policy->file, "USE_POLICY.md");

  EXPECT_EQ(r->architecture, "llama (LlamaForCausalLM)");
  EXPECT_EQ(r->architecture_evidence.file, "config.json");
  ASSERT_FALSE(r->base_models.empty());
  EXPECT_EQ(r->base_models[0].name, "meta-llama/Meta-Llama-3.1-8B");

  const auto* gate = finding(r->findings, "gated:model-parameters-final");
  ASSERT_NE(gate, nullptr);
  EXPECT_EQ(gate->evidence.at(0).url, "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct");
  EXPECT_EQ(gate->evidence.at(0).quote, "gated: manual");

  // The token reached the Hub; the user agent names Aperture.
  for (const auto& request : m_server->requests()) {
    EXPECT_EQ(request.authorization, "Bearer hf_test_token") << request.path;
    EXPECT_TRUE(request.user_agent.starts_with("aperture/")) << request.user_agent;
  }
}

TEST_F(HubReleaseTest, TakesTheParameterCountFromSafetensorsTotal) {
  auto r = scan("hf:mistralai/Mistral-7B-v0.1");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_TRUE(r->parameter_count);
  EXPECT_EQ(*r->parameter_count, 7241732096u);
  EXPECT_EQ(r->parameter_evidence.url, "https://huggingface.co/mistralai/Mistral-7B-v0.1");
  EXPECT_EQ(r->parameter_evidence.quote, "safetensors.total = 7241732096");
  ASSERT_NE(license(*r, "Apache-2.0", "card-metadata"), nullptr);
  EXPECT_EQ(r->architecture, "mistral (MistralForCausalLM)");
}

TEST_F(HubReleaseTest, ListsFilesWithSizesAndFetchesNoWeights) {
  auto r = scan("hf:mistralai/Mistral-7B-v0.1");
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->files.size(), 14u);
  const auto* shard = file(*r, "model-00001-of-00002.safetensors");
  ASSERT_NE(shard, nullptr);
  EXPECT_EQ(shard->size, 9942981696u);
  EXPECT_EQ(shard->kind, "safetensors");
  const auto* pickle = file(*r, "pytorch_model-00002-of-00002.bin");
  ASSERT_NE(pickle, nullptr);
  EXPECT_EQ(pickle->kind, "pickle");
  EXPECT_EQ(pickle->size, 5064823659u);
  EXPECT_EQ(r->component(ComponentKind::model_parameters_final).presence, Presence::present);
  EXPECT_EQ(r->component(ComponentKind::training_code).presence, Presence::absent);
  EXPECT_NE(finding(r->findings, "pickle-weights"), nullptr);
  const auto* listed = finding(r->findings, "weights-not-downloaded");
  ASSERT_NE(listed, nullptr);
  EXPECT_NE(listed->message.find("4 weights files of 29491349743 bytes"), std::string::npos)
      << listed->message;

  // Only the model info, the card and config.json were asked for.
  std::vector<std::string> paths = m_server->paths();
  std::sort(paths.begin(), paths.end());
  EXPECT_EQ(paths, (std::vector<std::string>{"/api/models/mistralai/Mistral-7B-v0.1?blobs=true",
                                             "/mistralai/Mistral-7B-v0.1/resolve/main/README.md",
                                             "/mistralai/Mistral-7B-v0.1/resolve/main/config.json"}));
}

TEST_F(HubReleaseTest, FindsACardAndALicenseFileThatDisagree) {
  auto r = scan("hf:example-org/mismatch-1b");
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_NE(license(*r, "Apache-2.0", "card-metadata"), nullptr);
  const auto* mit = license(*r, "MIT", "license-file");
  ASSERT_NE(mit, nullptr);
  EXPECT_EQ(mit->file, "LICENSE");
  EXPECT_EQ(r->component(ComponentKind::training_code).presence, Presence::present);
  frameworks::Assessment a = frameworks::assess_release(std::move(*r));
  const auto* mismatch = finding(a.findings, "license-mismatch");
  ASSERT_NE(mismatch, nullptr);
  EXPECT_NE(mismatch->message.find("MIT"), std::string::npos) << mismatch->message;
  // Source files are listed, not fetched.
  for (const std::string& path : m_server->paths()) {
    EXPECT_FALSE(path.ends_with(".py")) << path;
  }
}

TEST_F(HubReleaseTest, AGatedLicenseFileIsAFindingNotAFailure) {
  auto r = scan("hf:acme/gated-no-access");
  ASSERT_TRUE(r) << r.error().to_string();
  const auto* unreadable = finding(r->findings, "unreadable-file");
  ASSERT_NE(unreadable, nullptr);
  EXPECT_EQ(unreadable->evidence.at(0).file, "LICENSE.md");
  EXPECT_NE(unreadable->message.find("gated or private"), std::string::npos) << unreadable->message;
  EXPECT_NE(unreadable->message.find("/acme/gated-no-access/resolve/main/LICENSE.md"), std::string::npos);
  EXPECT_NE(finding(r->findings, "gated:model-parameters-final"), nullptr);
  const auto* gguf = file(*r, "acme-7b.Q4_K_M.gguf");
  ASSERT_NE(gguf, nullptr);
  EXPECT_EQ(gguf->kind, "gguf");
}

TEST_F(HubReleaseTest, ACardLargerThanTheLimitIsAFinding) {
  auto r = scan("hf:acme/huge-card");
  ASSERT_TRUE(r) << r.error().to_string();
  const auto* unreadable = finding(r->findings, "unreadable-file");
  ASSERT_NE(unreadable, nullptr);
  EXPECT_EQ(unreadable->evidence.at(0).file, "README.md");
  EXPECT_NE(unreadable->message.find("larger than"), std::string::npos) << unreadable->message;
}

TEST_F(HubReleaseTest, FailsWithOneLineErrors) {
  struct Case {
    const char* target;
    util::ErrorCode code;
    const char* says;
  };
  const Case cases[] = {
      {"hf:acme/does-not-exist", util::ErrorCode::not_found, "no such model on the Hub"},
      {"hf:acme/private-model", util::ErrorCode::invalid, "gated or private"},
      {"hf:acme/forbidden-model", util::ErrorCode::invalid, "HF_TOKEN"},
      {"hf:acme/server-error", util::ErrorCode::io, "HTTP 503"},
      {"hf:acme/broken-json", util::ErrorCode::parse, "not valid JSON"},
      {"hf:acme/not-an-object", util::ErrorCode::parse, "not a JSON object"},
      {"hf:acme/huge-info", util::ErrorCode::too_large, "larger than 16777216 bytes"},
      {"hf:acme/redirect-loop", util::ErrorCode::io, "more than 5 redirects"},
  };
  for (const Case& c : cases) {
    auto r = scan(c.target);
    ASSERT_FALSE(r) << c.target;
    std::string line = r.error().to_string();
    EXPECT_EQ(r.error().code, c.code) << c.target << ": " << line;
    EXPECT_NE(line.find(c.says), std::string::npos) << c.target << ": " << line;
    EXPECT_NE(line.find(std::string(c.target).substr(3)), std::string::npos) << c.target << ": " << line;
    EXPECT_EQ(line.find('\n'), std::string::npos) << c.target;
  }
}

TEST_F(HubReleaseTest, SaysOfflineWhenTheEndpointCannotBeReached) {
  m_options.endpoint = "http://127.0.0.1:1";
  auto r = scan("hf:mistralai/Mistral-7B-v0.1");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().to_string().find("cannot reach http://127.0.0.1:1: offline?"), std::string::npos)
      << r.error().to_string();
}

TEST_F(HubReleaseTest, RejectsABadIdWithoutAskingTheHub) {
  for (const char* target : {"hf:", "hf:mistralai", "hf:/Mistral", "hf:mistralai/", "hf:-a/b", "hf:a/.b",
                             "hf:a/b/c", "hf:a b/c", "hf:a/b c", "hf:a/b@", "hf:a/b@../main", "hf:a/b@/x",
                             "hf:a/b@x/", "hf:a/b@x?y", "hf:a/b#c", "hf:a/b\n", "hf:ä/b"}) {
    auto r = scan(target);
    ASSERT_FALSE(r) << target;
    EXPECT_EQ(r.error().code, util::ErrorCode::invalid) << target;
    EXPECT_NE(r.error().message.find("hf:OWNER/NAME"), std::string::npos) << r.error().message;
    EXPECT_EQ(r.error().to_string().find('\n'), std::string::npos) << target;
  }
  std::string long_name = "hf:a/" + std::string(97, 'b');
  EXPECT_FALSE(scan(long_name));
  EXPECT_TRUE(m_server->paths().empty());
}

TEST_F(HubReleaseTest, AsksForTheRevisionGiven) {
  auto r = scan("hf:example-org/mismatch-1b@refs/pr/1");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("no such model or revision"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().path, "hf:example-org/mismatch-1b@refs/pr/1");
  EXPECT_EQ(m_server->paths(), std::vector<std::string>{
                                   "/api/models/example-org/mismatch-1b/revision/refs%2Fpr%2F1?blobs=true"});
}

TEST(HubRefTest, ParsesIdsAndRevisions) {
  auto ref = parse_hub_ref("hf:meta-llama/Llama-3.1-8B-Instruct");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->id, "meta-llama/Llama-3.1-8B-Instruct");
  EXPECT_EQ(ref->revision, "");
  ref = parse_hub_ref("hf:org_1/model.v2@v1.0");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->id, "org_1/model.v2");
  EXPECT_EQ(ref->revision, "v1.0");
}

// The command line, end to end: `aperture scan hf:...` with HF_ENDPOINT set.
using HubCliTest = HubReleaseTest;

TEST_F(HubCliTest, ScansAHubModel) {
  ScopedEnv endpoint("HF_ENDPOINT", m_options.endpoint.c_str());
  ScopedEnv token("HF_TOKEN", nullptr);
  testing::CliResult run = testing::run_cli({"scan", "--json", "hf:mistralai/Mistral-7B-v0.1"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json j = nlohmann::json::parse(run.out);
  EXPECT_EQ(j["target"], "hf:mistralai/Mistral-7B-v0.1");
  EXPECT_EQ(j["input_kind"], "hub");
  EXPECT_EQ(j["url"], "https://huggingface.co/mistralai/Mistral-7B-v0.1");
  EXPECT_EQ(j["parameters"]["count"], 7241732096u);
  EXPECT_EQ(j["verdicts"]["osd"]["license"], "Apache-2.0");
}

TEST_F(HubCliTest, SaysOfflineInOneLine) {
  ScopedEnv endpoint("HF_ENDPOINT", "http://127.0.0.1:1");
  testing::CliResult run = testing::run_cli({"scan", "hf:mistralai/Mistral-7B-v0.1"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.err.starts_with("aperture: error: ")) << run.err;
  EXPECT_NE(run.err.find("offline?"), std::string::npos) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
}

}  // namespace
}  // namespace aperture::hub
