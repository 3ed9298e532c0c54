#include <algorithm>

#include <gtest/gtest.h>

#include <aperture/decide/choose.hpp>

namespace aperture::decide {
namespace {

const Candidate& find(const std::vector<Candidate>& all, std::string_view id) {
  auto it = std::find_if(all.begin(), all.end(), [&](const Candidate& c) { return c.id == id; });
  EXPECT_NE(it, all.end()) << id;
  return *it;
}

TEST(ChooseTest, MemoryAtSixteenEightAndFourBits) {
  MemoryNeed m = memory_need(8'000'000'000ULL);  // 8B parameters, 20% overhead
  EXPECT_DOUBLE_EQ(m.gb16, 19.2);
  EXPECT_DOUBLE_EQ(m.gb8, 9.6);
  EXPECT_DOUBLE_EQ(m.gb4, 4.8);
  EXPECT_EQ(fits_at(m, 24), 16);
  EXPECT_EQ(fits_at(m, 12), 8);
  EXPECT_EQ(fits_at(m, 6), 4);
  EXPECT_EQ(fits_at(m, 4), 0);
}

TEST(ChooseTest, CostsFromTheUsersFigures) {
  CostComparison c = compare_costs({5.0, 30e6, 1.2, 1, 730});
  EXPECT_DOUBLE_EQ(c.api, 150.0);
  EXPECT_DOUBLE_EQ(c.self_hosting, 876.0);
  EXPECT_DOUBLE_EQ(c.break_even_tokens, 175.2e6);
}

TEST(ChooseTest, ExcludesWithReasonsAndRanksTheRest) {
  ChooseOptions o;
  o.requirements = *parse_requirements("commercial,on-prem");
  o.gpu_gb = 24;
  std::vector<Candidate> all = choose(o);
  EXPECT_GE(all.size(), 40u);
  const Candidate& api = find(all, "gpt-4o");
  EXPECT_NE(api.excluded.find("on-prem"), std::string::npos) << api.excluded;
  const Candidate& nc = find(all, "command-r-plus");
  EXPECT_NE(nc.excluded.find("commercial"), std::string::npos) << nc.excluded;
  const Candidate& big = find(all, "llama-3.1-405b");
  EXPECT_NE(big.excluded.find("even at 4 bits"), std::string::npos) << big.excluded;
  // Ranked ones come first, none blocked, best verdicts first.
  ASSERT_TRUE(all.front().excluded.empty());
  bool seen_excluded = false;
  for (std::size_t i = 0; i < all.size(); ++i) {
    seen_excluded = seen_excluded || !all[i].excluded.empty();
    EXPECT_FALSE(seen_excluded && all[i].excluded.empty()) << "ranked after an excluded one: " << all[i].id;
    if (all[i].excluded.empty()) {
      EXPECT_NE(all[i].decision.verdict, Verdict::blocked) << all[i].id;
      EXPECT_NE(all[i].fit_bits, 0) << all[i].id;
    }
  }
}

TEST(ChooseTest, MinimumOpennessLevel) {
  ChooseOptions o;
  o.min_level = 5;
  for (const Candidate& c : choose(o)) {
    if (c.excluded.empty()) {
      EXPECT_EQ(c.assessment.spectrum.level, 5) << c.id;
    }
  }
  EXPECT_TRUE(find(choose(o), "olmo-2-7b").excluded.empty());
}

}  // namespace
}  // namespace aperture::decide
