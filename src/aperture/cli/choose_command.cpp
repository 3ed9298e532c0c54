#include <cstdio>

#include <fmt/format.h>

#include <aperture/cli/choose_command.hpp>
#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/style.hpp>
#include <aperture/decide/choose.hpp>
#include <aperture/report/disclaimer.hpp>
#include <aperture/report/json_writer.hpp>
#include <aperture/util/text.hpp>

namespace aperture::cli {
namespace {

using decide::Candidate;

// "24GB", "24 GB", "24G", "24": gigabytes; nullopt when not a positive number.
std::optional<double> parse_gigabytes(std::string text) {
  text = util::ascii_lower(util::trim(text));
  for (std::string_view unit : {"gib", "gb", "g"}) {
    if (text.size() > unit.size() && text.ends_with(unit)) {
      text = util::trim(text.substr(0, text.size() - unit.size()));
      break;
    }
  }
  try {
    std::size_t used = 0;
    double gb = std::stod(text, &used);
    return used == text.size() && gb > 0 ? std::optional<double>(gb) : std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string memory_text(const Candidate& c) {
  if (!c.memory) {
    return c.assessment.release.access == "api" ? "API only" : "size unknown";
  }
  auto gb = [](double v) { return v < 10 ? fmt::format("{:.1f}", v) : fmt::format("{:.0f}", v); };
  return fmt::format("{}/{}/{} GB", gb(c.memory->gb16), gb(c.memory->gb8), gb(c.memory->gb4));
}

std::string fit_text(const Candidate& c) {
  if (c.fit_bits < 0) {
    return "-";
  }
  return c.fit_bits == 0 ? "no" : fmt::format("{}-bit", c.fit_bits);
}

std::string choose_text(const std::vector<Candidate>& all,
                        const decide::ChooseOptions& o,
                        const ChooseCliOptions& cli,
                        const Style& st) {
  std::string out = st.bold(
      fmt::format("Releases for: {}{}\n",
                  o.requirements.empty() ? std::string("no requirements") : decide::to_string(o.requirements),
                  o.gpu_gb ? fmt::format("   GPU {:.0f} GB", *o.gpu_gb) : std::string()));
  out += fmt::format("{:>3}  {:<26} {:<25} {:>5} {:>5}  {:<16} {}\n", "#", "ID", "VERDICT", "LEVEL", "OSAI",
                     "MEMORY 16/8/4", "FITS");
  int shown = 0;
  std::size_t excluded = 0;
  for (const Candidate& c : all) {
    if (!c.excluded.empty()) {
      ++excluded;
      continue;
    }
    if (shown == cli.top) {
      continue;
    }
    ++shown;
    const auto& level = c.assessment.spectrum.level;
    out += fmt::format("{:>3}  {:<26} {:<25} {:>5} {:>4.0f}%  {:<16} {}\n", shown, c.id,
                       decide::to_string(c.decision.verdict), level ? std::to_string(*level) : "?",
                       c.assessment.osai.score * 100, memory_text(c), fit_text(c));
  }
  out += fmt::format("\nExcluded ({}):\n", excluded);
  for (const Candidate& c : all) {
    if (!c.excluded.empty()) {
      out += fmt::format("  {:<26} {}\n", c.id, util::clip_utf8(c.excluded, 110));
    }
  }
  out += "\nMemory: the weights at 16, 8 and 4 bits plus 20% for activations and cache, a first estimate.\n"
         "`aperture check --require ... ID` gives the reasons and obligations with their clauses.\n";
  return out;
}

std::string cost_text(const decide::CostComparison& c, const decide::CostFigures& f) {
  return fmt::format(
      "\nCost per month from your figures: API {:.0f} M tokens x {:.2f} = {:.2f}; self-hosting {:g} "
      "GPU x {:g} h x {:.2f} = {:.2f}; the same cost at {:.0f} M tokens per month.\n",
      f.tokens_per_month / 1e6, f.api_price_per_mtok, c.api, f.gpus, f.hours_per_month, f.gpu_hour_price,
      c.self_hosting, c.break_even_tokens / 1e6);
}

std::string choose_json(const std::vector<Candidate>& all,
                        const decide::ChooseOptions& o,
                        const std::optional<decide::CostComparison>& cost) {
  report::JsonWriter w;
  w.begin_object().field("schema_version", 1).field("disclaimer", report::k_disclaimer);
  w.field("requirements", decide::to_string(o.requirements)).field("gpu_gb", o.gpu_gb);
  w.key("releases").begin_array();
  for (const Candidate& c : all) {
    w.begin_object().field("id", c.id).field("verdict", decide::to_string(c.decision.verdict));
    w.field("ranked", c.excluded.empty()).field_if("excluded", c.excluded);
    w.field("spectrum_level", c.assessment.spectrum.level).field("osai_score", c.assessment.osai.score);
    w.field("obligations", c.decision.obligations.size());
    if (c.memory) {
      w.key("memory_gb").begin_object().field("bits16", c.memory->gb16).field("bits8", c.memory->gb8);
      w.field("bits4", c.memory->gb4).end_object();
    }
    if (c.fit_bits >= 0) {
      w.field("fits_at_bits", c.fit_bits);
    }
    w.end_object();
  }
  w.end_array();
  if (cost) {
    w.key("cost_per_month").begin_object().field("api", cost->api).field("self_hosting", cost->self_hosting);
    w.field("break_even_tokens", cost->break_even_tokens).end_object();
  }
  w.end_object();
  return w.take();
}

}  // namespace

CLI::App* add_choose_command(CLI::App& app, ChooseCliOptions& o) {
  CLI::App* cmd =
      app.add_subcommand("choose", "Rank the catalog's releases for a team's needs, with the reason each "
                                   "excluded one was excluded, GPU fit and a cost comparison");
  cmd->add_option("--require", o.require,
                  "commercial, redistribute, fine-tune, on-prem, eu, users=N (comma-separated)");
  cmd->add_option("--gpu-memory", o.gpu_memory,
                  "Memory of the GPU to run on, e.g. 12GB (a consumer card) or 80GB");
  cmd->add_option("--min-level", o.min_level,
                  "Lowest openness spectrum level accepted (1 API only … 5 fully open)")
      ->check(CLI::Range(0, 5));
  cmd->add_flag("--strict", o.strict, "Exclude releases whose answer is unknown");
  cmd->add_option("--top", o.top, "How many ranked releases to show (text)")->check(CLI::PositiveNumber);
  cmd->add_flag("--json", o.json, "Print JSON");
  cmd->add_option("--api-price", o.api_price, "Your API's price per million tokens (no prices are built in)");
  cmd->add_option("--tokens-per-month", o.tokens_per_month, "Tokens you expect per month");
  cmd->add_option("--gpu-hour-price", o.gpu_hour_price, "Your price of one GPU-hour for self-hosting");
  cmd->add_option("--gpus", o.gpus, "GPUs for self-hosting (default 1)")->check(CLI::PositiveNumber);
  cmd->add_option("--hours-per-month", o.hours_per_month, "Hours the GPUs run per month (default 730)")
      ->check(CLI::PositiveNumber);
  cmd->footer("Exit status: 0 ranked, 1 error, 2 bad arguments. Information, not legal advice.");
  return cmd;
}

int run_choose(const ChooseCliOptions& cli) {
  decide::ChooseOptions o;
  auto req = decide::parse_requirements(cli.require);
  if (!req) {
    std::fprintf(stderr, "aperture: error: --require: %s\n", req.error().to_string().c_str());
    return k_exit_usage;
  }
  o.requirements = *req;
  o.min_level = cli.min_level;
  o.strict = cli.strict;
  if (!cli.gpu_memory.empty()) {
    o.gpu_gb = parse_gigabytes(cli.gpu_memory);
    if (!o.gpu_gb) {
      std::fprintf(stderr, "aperture: error: --gpu-memory: '%s' is not a size such as 12GB\n",
                   cli.gpu_memory.c_str());
      return k_exit_usage;
    }
  }
  int cost_figures = (cli.api_price ? 1 : 0) + (cli.tokens_per_month ? 1 : 0) + (cli.gpu_hour_price ? 1 : 0);
  if (cost_figures != 0 && cost_figures != 3) {
    std::fprintf(stderr, "aperture: error: a cost comparison needs --api-price, --tokens-per-month and "
                         "--gpu-hour-price\n");
    return k_exit_usage;
  }
  std::optional<decide::CostComparison> cost;
  decide::CostFigures figures;
  if (cost_figures == 3) {
    figures = {*cli.api_price, *cli.tokens_per_month, *cli.gpu_hour_price, cli.gpus, cli.hours_per_month};
    cost = decide::compare_costs(figures);
  }
  std::vector<Candidate> all = decide::choose(o);
  if (cli.json) {
    std::printf("%s\n", choose_json(all, o, cost).c_str());
    return k_exit_ok;
  }
  std::string out = choose_text(all, o, cli, Style::for_stream(stdout));
  if (cost) {
    out += cost_text(*cost, figures);
  }
  out += fmt::format("{}\n", report::k_disclaimer);
  std::fputs(out.c_str(), stdout);
  return k_exit_ok;
}

}  // namespace aperture::cli
