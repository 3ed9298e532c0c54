// Tests src/aperture/bom/cyclonedx.cpp: the ML-BOM's structure (model
// component, model card, licenses by id or by name and URL, ancestors in the
// pedigree, data sets as data components) and its determinism.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <aperture/bom/bom.hpp>
#include <aperture/bom/cyclonedx.hpp>

#include "bom_fixture.hpp"
#include "support/test_support.hpp"

namespace aperture::bom {
namespace {

using nlohmann::json;

const DocumentStamp k_stamp = {"2025-01-02T00:00:00Z", "3e671687-395b-41f5-a30f-a58921a69b79", "9.9.9"};

json document() {
  return json::parse(cyclonedx_json(facts_of(testing::bom_fixture()), k_stamp));
}

const json* component_named(const json& list, const std::string& name) {
  for (const json& c : list) {
    if (c.value("name", "") == name) {
      return &c;
    }
  }
  return nullptr;
}

TEST(CycloneDxTest, HeaderNamesTheSpecSerialAndTime) {
  json d = document();
  EXPECT_EQ(d["bomFormat"], "CycloneDX");
  EXPECT_EQ(d["specVersion"], "1.6");
  EXPECT_EQ(d["serialNumber"], "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
  EXPECT_EQ(d["version"], 1);
  EXPECT_EQ(d["metadata"]["timestamp"], "2025-01-02T00:00:00Z");
  EXPECT_EQ(d["metadata"]["tools"]["components"][0]["version"], "9.9.9");
}

TEST(CycloneDxTest, ModelIsAMachineLearningModelWithItsCard) {
  json d = document();
  const json& model = d["components"][0];
  EXPECT_EQ(model["type"], "machine-learning-model");
  EXPECT_EQ(model["name"], "Example Chat 8B");
  EXPECT_EQ(model["supplier"]["name"], "Example Labs");
  const json& params = model["modelCard"]["modelParameters"];
  EXPECT_EQ(params["modelArchitecture"], "llama (LlamaForCausalLM)");
  EXPECT_EQ(params["outputs"], json::parse(R"([{"format": "text"}, {"format": "code"}])"));
  ASSERT_EQ(params["datasets"].size(), 1u);
  EXPECT_EQ(params["datasets"][0]["ref"], "dataset-1");
  EXPECT_EQ(model["modelCard"]["properties"][0]["value"], "8000000000");
  bool card_link = false;
  for (const json& ref : model["externalReferences"]) {
    card_link = card_link || ref["type"] == "model-card";
  }
  EXPECT_TRUE(card_link);
}

TEST(CycloneDxTest, CustomLicenseIsNamedWithItsUrlAndSpdxLicensesById) {
  json d = document();
  const json& license = d["components"][0]["licenses"][0]["license"];
  EXPECT_FALSE(license.contains("id"));
  EXPECT_NE(license["name"].get<std::string>().find("Llama 3.1"), std::string::npos) << license;
  EXPECT_EQ(license["url"].get<std::string>().rfind("https://", 0), 0u) << license;
  EXPECT_EQ(license["acknowledgement"], "declared");
  const json* alpaca = component_named(d["components"], "tatsu-lab/alpaca");
  ASSERT_NE(alpaca, nullptr);
  EXPECT_EQ((*alpaca)["licenses"][0]["license"]["id"], "CC-BY-NC-4.0");
}

TEST(CycloneDxTest, AnAlternativeIsWrittenAsOneExpression) {
  BomFacts f = facts_of(testing::bom_fixture());
  f.model.concluded = license_info("MIT OR Apache-2.0");
  json d = json::parse(cyclonedx_json(f, k_stamp));
  const json& licenses = d["components"][0]["licenses"];
  ASSERT_EQ(licenses.size(), 1u);
  EXPECT_EQ(licenses[0]["expression"], "MIT OR Apache-2.0");
  EXPECT_EQ(licenses[0]["acknowledgement"], "concluded");
}

TEST(CycloneDxTest, AncestorsAreInThePedigree) {
  json d = document();
  const json& ancestors = d["components"][0]["pedigree"]["ancestors"];
  ASSERT_EQ(ancestors.size(), 2u);
  EXPECT_EQ(ancestors[0]["type"], "machine-learning-model");
  EXPECT_EQ(ancestors[0]["name"], "meta-llama/Llama-3.1-8B");
  EXPECT_EQ(ancestors[1]["licenses"][0]["license"]["id"], "Apache-2.0");
  EXPECT_EQ(ancestors[0]["modelCard"]["modelParameters"]["datasets"][0]["ref"], "dataset-2");
  json relation = {{"name", "aperture:relation"}, {"value", "finetune"}};
  EXPECT_EQ(ancestors[0]["properties"][0], relation);
}

TEST(CycloneDxTest, DatasetsAreDataComponents) {
  json d = document();
  ASSERT_EQ(d["components"].size(), 3u);
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(d["components"][i]["type"], "data");
    EXPECT_EQ(d["components"][i]["data"][0]["type"], "dataset");
  }
  // Nothing is known of the root corpus's license: no licenses member at all.
  EXPECT_FALSE(d["components"][2].contains("licenses"));
}

TEST(CycloneDxTest, SameInputGivesTheSameBytesAndADerivedSerial) {
  BomOptions options;
  options.tool_version = "9.9.9";
  auto first = bom_document(testing::bom_fixture(), options);
  auto second = bom_document(testing::bom_fixture(), options);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(*first, *second);
  std::string serial = json::parse(*first)["serialNumber"];
  EXPECT_EQ(serial.substr(0, 9), "urn:uuid:");
  EXPECT_EQ(serial[23], '5') << serial;  // version 5
  EXPECT_NE(serial, "urn:uuid:00000000-0000-0000-0000-000000000000");
  frameworks::Assessment other = testing::bom_fixture();
  other.release.name = "Another Model";
  auto third = bom_document(other, options);
  ASSERT_TRUE(third);
  EXPECT_NE(json::parse(*third)["serialNumber"], serial);
}

TEST(CycloneDxTest, TimestampAndSerialCanBeGiven) {
  BomOptions options;
  options.timestamp = "2030-05-06";
  options.serial = "URN:UUID:3E671687-395B-41F5-A30F-A58921A69B79";
  auto doc = bom_document(testing::bom_fixture(), options);
  ASSERT_TRUE(doc) << doc.error().message;
  json d = json::parse(*doc);
  EXPECT_EQ(d["metadata"]["timestamp"], "2030-05-06T00:00:00Z");
  EXPECT_EQ(d["serialNumber"], "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
  options.serial = "not-a-uuid";
  EXPECT_FALSE(bom_document(testing::bom_fixture(), options));
  options.serial.clear();
  options.timestamp = "2030-13-01";
  EXPECT_FALSE(bom_document(testing::bom_fixture(), options));
}

TEST(CycloneDxTest, CommandWritesTheSameDocumentTwiceForACatalogId) {
  testing::CliResult a = testing::run_cli({"bom", "olmo-2-7b"});
  testing::CliResult b = testing::run_cli({"bom", "--format", "cyclonedx", "olmo-2-7b"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  json d = json::parse(a.out);
  EXPECT_EQ(d["components"][0]["type"], "machine-learning-model");
  EXPECT_GE(d["components"].size(), 3u);  // the model and the two data sets its manifest names
}

TEST(CycloneDxTest, CommandRejectsABadSerialAsAUsageError) {
  testing::CliResult r = testing::run_cli({"bom", "--serial", "nope", "olmo-2-7b"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad serial"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace aperture::bom
