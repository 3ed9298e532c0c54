// `aperture choose`: the catalog's releases ranked for a team's needs, with
// the reason each excluded release was excluded, whether each fits a GPU
// (memory at 16, 8 and 4 bits) and, from figures the user gives, what an API
// costs against self-hosting. No prices are built in: they go stale.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <aperture/decide/decision.hpp>

namespace aperture::decide {

// Memory to hold the weights at 16, 8 and 4 bits, plus 20% for activations
// and the KV cache at modest context lengths: a first estimate, said as such.
struct MemoryNeed {
  double gb16 = 0;
  double gb8 = 0;
  double gb4 = 0;
};
MemoryNeed memory_need(std::uint64_t parameters);

// The fewest bits (16, 8, 4) at which `need` fits in `gpu_gb`; 0 when none does.
int fits_at(const MemoryNeed& need, double gpu_gb);

struct ChooseOptions {
  Requirements requirements;
  std::optional<double> gpu_gb;  // --gpu-memory 24GB
  int min_level = 0;             // --min-level: lowest openness spectrum level accepted
  bool strict = false;           // --strict: an unknown answer excludes too
};

struct Candidate {
  std::string id;
  frameworks::Assessment assessment;
  Decision decision;
  std::optional<MemoryNeed> memory;  // unknown when the parameter count is
  int fit_bits = -1;                 // fits_at() when a GPU was given and the size is known; -1 otherwise
  std::string excluded;              // why it was left out; empty when ranked
};

// Every catalog release, ranked ones first (best first), then the excluded
// ones, each with its reason.
std::vector<Candidate> choose(const ChooseOptions& options);

// Costs per month from the user's figures.
struct CostFigures {
  double api_price_per_mtok = 0;  // currency per million tokens
  double tokens_per_month = 0;
  double gpu_hour_price = 0;  // currency per GPU-hour
  double gpus = 1;
  double hours_per_month = 730;
};
struct CostComparison {
  double api = 0;
  double self_hosting = 0;
  double break_even_tokens = 0;  // tokens per month at which both cost the same
};
CostComparison compare_costs(const CostFigures& figures);

}  // namespace aperture::decide
