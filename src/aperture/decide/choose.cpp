#include <algorithm>

#include <fmt/format.h>

#include <aperture/catalog/catalog.hpp>
#include <aperture/decide/choose.hpp>
#include <aperture/util/error.hpp>

namespace aperture::decide {
namespace {

constexpr double k_overhead = 1.2;

// Why a release is left out, or empty: blocked checks, a level below the
// minimum, weights that fit no GPU, an unknown answer when strict.
std::string exclusion(const Candidate& c, const ChooseOptions& o) {
  if (c.decision.verdict == Verdict::blocked) {
    for (const Check& check : c.decision.checks) {
      if (check.outcome == Verdict::blocked) {
        return fmt::format("blocked: {}: {}", check.rule, check.message);
      }
    }
    return "blocked";
  }
  if (o.strict && c.decision.verdict == Verdict::unknown) {
    return "unknown: the evidence does not settle the requirements (--strict)";
  }
  const auto& level = c.assessment.spectrum.level;
  if (o.min_level > 0 && (!level || *level < o.min_level)) {
    return level ? fmt::format("openness level {} is below {}", *level, o.min_level)
                 : fmt::format("openness level unknown, {} required", o.min_level);
  }
  if (o.gpu_gb && c.memory && c.fit_bits == 0) {
    return fmt::format("needs {:.1f} GB even at 4 bits; the GPU has {:.0f} GB", c.memory->gb4, *o.gpu_gb);
  }
  return {};
}

// Better first: the verdict, then openness (level, OSAI score), then fewer
// obligations, then the id.
bool ranks_before(const Candidate& a, const Candidate& b) {
  auto key = [](const Candidate& c) {
    return std::make_tuple(static_cast<int>(c.decision.verdict), -c.assessment.spectrum.level.value_or(0),
                           -c.assessment.osai.score, c.decision.obligations.size());
  };
  return key(a) != key(b) ? key(a) < key(b) : a.id < b.id;
}

}  // namespace

MemoryNeed memory_need(std::uint64_t parameters) {
  double gb = static_cast<double>(parameters) * k_overhead / 1e9;
  return {gb * 2, gb, gb / 2};
}

int fits_at(const MemoryNeed& need, double gpu_gb) {
  if (need.gb16 <= gpu_gb) {
    return 16;
  }
  if (need.gb8 <= gpu_gb) {
    return 8;
  }
  return need.gb4 <= gpu_gb ? 4 : 0;
}

std::vector<Candidate> choose(const ChooseOptions& options) {
  std::vector<Candidate> out;
  for (const catalog::CatalogEntry& e : catalog::entries()) {
    auto release = catalog::read_entry(e);
    if (!release) {
      throw Error(release.error().to_string());  // the catalog test keeps this from shipping
    }
    Candidate c;
    c.id = e.id;
    c.assessment = frameworks::assess_release(std::move(*release));
    c.decision = decide(c.assessment, options.requirements);
    const release::Release& r = c.assessment.release;
    bool weights =
        r.component(release::ComponentKind::model_parameters_final).presence == release::Presence::present;
    if (r.parameter_count && weights) {
      c.memory = memory_need(*r.parameter_count);
      c.fit_bits = options.gpu_gb ? fits_at(*c.memory, *options.gpu_gb) : -1;
    }
    c.excluded = exclusion(c, options);
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    if (a.excluded.empty() != b.excluded.empty()) {
      return a.excluded.empty();
    }
    return ranks_before(a, b);
  });
  return out;
}

CostComparison compare_costs(const CostFigures& f) {
  CostComparison c;
  c.api = f.tokens_per_month / 1e6 * f.api_price_per_mtok;
  c.self_hosting = f.gpus * f.hours_per_month * f.gpu_hour_price;
  c.break_even_tokens = f.api_price_per_mtok > 0 ? c.self_hosting / f.api_price_per_mtok * 1e6 : 0;
  return c;
}

}  // namespace aperture::decide
