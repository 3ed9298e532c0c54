#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include <aperture/catalog/catalog.hpp>
#include <aperture/formats/mot_file.hpp>
#include <aperture/frameworks/mof.hpp>
#include <aperture/report/mot_export.hpp>

#include "support/test_support.hpp"

namespace aperture::report {
namespace {

using release::ComponentKind;
using release::Presence;

// What the MOT reads back must match what was written: each MOF component's
// presence and license, and so the MOF class.
void expect_same_reading(const release::Release& original, const std::string& name) {
  std::string yaml = mot_yaml(original);
  auto back = formats::read_mot_file(yaml, "exported.yml");
  ASSERT_TRUE(back) << name << ": " << back.error().to_string() << "\n" << yaml;
  for (std::size_t i = 0; i < release::k_mof_component_kinds; ++i) {
    const release::Component& a = original.components[i];
    const release::Component& b = back->components[i];
    bool present = a.presence == Presence::present;
    EXPECT_EQ(b.presence == Presence::present, present) << name << " " << release::to_string(a.kind);
    if (present) {
      EXPECT_EQ(b.license_id, a.license_id) << name << " " << release::to_string(a.kind);
    }
  }
  EXPECT_EQ(frameworks::judge_mof(*back).mof_class, frameworks::judge_mof(original).mof_class) << name;
  EXPECT_EQ(back->name, original.name);
  EXPECT_EQ(back->publisher, original.publisher);
}

TEST(MotExportTest, CatalogEntriesRoundTrip) {
  for (const char* id : {"olmo-2-7b", "llama-3.1-8b", "gpt-4o", "pythia-6.9b"}) {
    auto r = catalog::read_entry(*catalog::find(id));
    ASSERT_TRUE(r);
    expect_same_reading(*r, id);
  }
}

TEST(MotExportTest, LeavesOutWhatIsNotPresentAndKeepsUnlicensedEmpty) {
  release::Release r;
  r.target = "x";
  r.name = "X: \"quoted\" #1";
  r.publisher = "Lab";
  r.component(ComponentKind::training_code).presence = Presence::present;  // present, no license found
  r.component(ComponentKind::datasets).presence = Presence::absent;
  std::string yaml = mot_yaml(r);
  EXPECT_NE(yaml.find("name: Training code"), std::string::npos);
  EXPECT_EQ(yaml.find("Datasets"), std::string::npos);
  auto back = formats::read_mot_file(yaml, "x.yml");
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->name, r.name);  // quoting survives
  EXPECT_TRUE(back->component(ComponentKind::training_code).license_id.empty());
}

// Every MOT model file: read, write back, read again: the same reading.
TEST(MotExportTest, EveryMotModelFileRoundTrips) {
  APERTURE_REQUIRE_SHARED(shared);
  std::filesystem::path dir = shared / "corpus" / "mot" / "models";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    auto r = formats::read_mot_file(text.str(), entry.path().filename().string());
    if (!r) {
      continue;  // the reader's own test covers files it refuses
    }
    expect_same_reading(*r, entry.path().filename().string());
    ++count;
  }
  EXPECT_GE(count, 270);
}

}  // namespace
}  // namespace aperture::report
