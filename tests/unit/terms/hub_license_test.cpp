#include <aperture/terms/hub_license.hpp>

#include <gtest/gtest.h>

namespace aperture::terms {
namespace {

TEST(HubLicenseTest, ResolvesSpdxIdsAliasesFamiliesAndUnknowns) {
  struct Case {
    const char* license;
    const char* name;
    const char* id;
    const char* note;
  };
  const Case cases[] = {
      {"apache-2.0", "", "Apache-2.0", ""},
      {"MIT", "", "MIT", ""},
      {"gpl-3.0", "", "GPL-3.0-only", ""},
      {"cc-by-nc-4.0", "", "CC-BY-NC-4.0", ""},
      {"odc-by", "", "ODC-By-1.0", ""},
      {"lgpl-lr", "", "LGPLLR", ""},
      {"openrail", "", "", "a family of licenses, not one license"},
      {"gpl", "", "", "a family of licenses, not one license"},
      {"other", "", "", "'other' without a license_name"},
      {"other", "my-own-license", "", "a license Aperture does not know by that name"},
      {"unknown", "", "", "no license declared"},
      {"not-a-license", "", "", "not a license identifier Aperture knows"},
  };
  for (const Case& c : cases) {
    DeclaredLicense d = resolve_hub_license(c.license, c.name);
    EXPECT_EQ(d.id, c.id) << c.license;
    EXPECT_EQ(d.note, c.note) << c.license;
  }
}

TEST(HubLicenseTest, KnowledgeBaseHubIdsWin) {
  KnowledgeBase::embedded();  // loads
  for (const LicenseProfile& p : KnowledgeBase::embedded().profiles()) {
    for (const std::string& hub : p.hub_ids) {
      DeclaredLicense d = resolve_hub_license(hub);
      EXPECT_EQ(d.id, p.id) << hub;
    }
  }
}

}  // namespace
}  // namespace aperture::terms
