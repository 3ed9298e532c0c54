#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include <aperture/catalog/catalog.hpp>
#include <aperture/frameworks/assessment.hpp>
#include <aperture/util/text.hpp>

namespace aperture::catalog {
namespace {

using release::ComponentKind;

bool is_url(const std::string& s) {
  return s.starts_with("https://") || s.starts_with("http://");
}

TEST(CatalogTest, HoldsAtLeastFortyReleasesWithUniqueIds) {
  const auto& all = entries();
  EXPECT_GE(all.size(), 40u);
  std::set<std::string> ids;
  for (const CatalogEntry& e : all) {
    EXPECT_TRUE(ids.insert(e.id).second) << "repeated id " << e.id;
    EXPECT_EQ(e.file, "data/catalog/" + e.id + ".yaml") << "the file is named after its id";
  }
}

TEST(CatalogTest, EveryEntryReadsAndEveryFactHasASourceAndDate) {
  for (const CatalogEntry& e : entries()) {
    auto r = read_entry(e);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(r->target, e.id);
    EXPECT_FALSE(r->name.empty()) << e.id;
    EXPECT_FALSE(r->publisher.empty()) << e.id;
    EXPECT_TRUE(r->access == "weights" || r->access == "api") << e.id;
    for (const release::Component& c : r->components) {
      for (const release::Evidence& ev : c.evidence) {
        EXPECT_TRUE(is_url(ev.url)) << e.id << " " << release::to_string(c.kind) << " has no source URL";
        EXPECT_EQ(ev.checked.size(), 10u) << e.id << " " << release::to_string(c.kind) << " has no date";
      }
    }
    for (const release::FoundLicense& f : r->licenses) {
      EXPECT_EQ(f.role, "manifest") << e.id;
    }
    if (r->parameter_count) {
      EXPECT_TRUE(is_url(r->parameter_evidence.url)) << e.id;
    }
    for (const release::Claim& c : r->claims) {
      EXPECT_TRUE(is_url(c.evidence.url)) << e.id << " claim " << c.value;
    }
  }
}

TEST(CatalogTest, EveryHubPathBelongsToOneEntry) {
  std::map<std::string, std::string> owner;
  for (const CatalogEntry& e : entries()) {
    auto r = read_entry(e);
    ASSERT_TRUE(r) << r.error().to_string();
    for (const release::Evidence& v : r->variants) {
      EXPECT_TRUE(is_url(v.url)) << e.id << " variant " << v.quote << " has no source";
      EXPECT_EQ(v.checked.size(), 10u) << e.id << " variant " << v.quote;
    }
    for (const std::string& path : hub_paths(*r)) {
      EXPECT_EQ(path.find("https://"), std::string::npos) << path;
      auto [it, fresh] = owner.emplace(path, e.id);
      EXPECT_TRUE(fresh) << path << " is claimed by " << it->second << " and " << e.id;
    }
  }
  EXPECT_EQ(owner.count("meta-llama/llama-3.1-8b"), 1u);
}

TEST(CatalogTest, EveryDatasetEntryReadsWithASourcedLicense) {
  std::map<std::string, std::string> owner;
  for (const CatalogEntry& e : dataset_entries()) {
    auto d = formats::read_dataset_manifest(e.text, e.file);
    ASSERT_TRUE(d) << d.error().to_string();
    EXPECT_EQ(e.file, "data/datasets/" + d->id + ".yaml");
    EXPECT_FALSE(d->license.empty()) << d->id;
    EXPECT_TRUE(is_url(d->license_evidence.url)) << d->id << " license has no source";
    EXPECT_EQ(d->license_evidence.checked.size(), 10u) << d->id;
    if (!d->note.quote.empty()) {
      EXPECT_TRUE(is_url(d->note.url)) << d->id << " note has no source";
    }
    for (const std::string& name : d->hub_ids) {
      auto [it, fresh] = owner.emplace(util::ascii_lower(name), d->id);
      EXPECT_TRUE(fresh) << name << " is claimed by " << it->second << " and " << d->id;
      const formats::DatasetManifest* found = find_dataset(name);
      ASSERT_NE(found, nullptr) << name;
      EXPECT_EQ(found->id, d->id);
      found = find_dataset("https://huggingface.co/datasets/" + name);
      ASSERT_NE(found, nullptr) << name;
      EXPECT_EQ(found->id, d->id);
    }
  }
  EXPECT_GE(owner.size(), 20u);
  EXPECT_EQ(find_dataset("nobody/no-such-dataset"), nullptr);
  EXPECT_EQ(find_dataset(""), nullptr);
}

TEST(CatalogTest, HasTheReleasesTheIssueNames) {
  for (const char* id : {"llama-2-7b-chat",
                         "llama-3.1-8b",
                         "llama-3.3-70b",
                         "llama-4-scout",
                         "mistral-7b-v0.1",
                         "mixtral-8x7b",
                         "mistral-large-2407",
                         "gemma-2-9b",
                         "gemma-3-27b",
                         "qwen2.5-7b",
                         "deepseek-v3",
                         "deepseek-r1",
                         "olmo-2-7b",
                         "pythia-6.9b",
                         "bloom",
                         "falcon-40b",
                         "phi-3-mini",
                         "phi-4",
                         "starcoder2-15b",
                         "granite-3.0-8b",
                         "smollm2-1.7b",
                         "gpt-oss-120b",
                         "stable-diffusion-v1.5",
                         "flux.1-dev",
                         "whisper-large-v3",
                         "gpt-4o",
                         "claude-3.5-sonnet",
                         "gemini-1.5-pro"}) {
    EXPECT_NE(find(id), nullptr) << id;
  }
  EXPECT_EQ(find("no-such-model"), nullptr);
}

// Facts anyone can check against the licenses' own texts: the verdicts follow.
TEST(CatalogTest, VerdictsFollowFromTheFacts) {
  auto assess = [](const char* id) {
    auto r = read_entry(*find(id));
    EXPECT_TRUE(r);
    return frameworks::assess_release(std::move(*r));
  };
  frameworks::Assessment llama = assess("llama-3.1-8b");
  EXPECT_EQ(release::release_license(llama.release), "LicenseRef-Llama-3.1");
  EXPECT_EQ(llama.osd.outcome, assess::Outcome::fail);
  EXPECT_EQ(llama.spectrum.level, 3);
  frameworks::Assessment olmo = assess("olmo-2-7b");
  EXPECT_EQ(olmo.osd.outcome, assess::Outcome::pass);
  EXPECT_EQ(olmo.spectrum.level, 5);
  for (const char* api : {"gpt-4o", "claude-3.5-sonnet", "gemini-1.5-pro"}) {
    frameworks::Assessment a = assess(api);
    EXPECT_EQ(a.release.access, "api") << api;
    EXPECT_EQ(a.release.component(ComponentKind::model_parameters_final).presence, release::Presence::absent)
        << api;
    ASSERT_TRUE(a.spectrum.level) << api;
    EXPECT_LE(*a.spectrum.level, 2) << api;
  }
}

}  // namespace
}  // namespace aperture::catalog
