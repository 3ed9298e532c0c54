// `aperture eu-ai-act TARGET`: what the EU AI Act's rules for general-purpose
// AI models (Regulation (EU) 2024/1689, Chapter V) say about one release:
// GPAI status, training compute, systemic risk, the open-source exemption, the
// duties and documents, and the provider rule for modifications
// (docs/eu-ai-act.md). Information, not legal advice.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace aperture::cli {

struct EuAiActOptions {
  std::string target;
  std::string format = "text";  // "text", "json", "markdown"
  bool json = false;            // --json: the same as format "json"
};

CLI::App* add_eu_ai_act_command(CLI::App& app, EuAiActOptions& options);

int run_eu_ai_act(const EuAiActOptions& options);

}  // namespace aperture::cli
