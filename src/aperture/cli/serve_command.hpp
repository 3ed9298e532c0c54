// `aperture serve`: the catalog (bundled releases and submitted scans) in a
// database, the HTTP JSON API and the web page (docs/server.md).
// `aperture token create`: an API token for POST /api/releases, printed once.
#pragma once

#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

namespace aperture::cli {

struct ServeOptions {
  std::string db;  // "sqlite:PATH" or "postgresql://…"; empty: the default SQLite file
  std::string listen = "127.0.0.1:8080";
  std::size_t threads = 32;
  bool json = false;  // the start-up line as JSON
};

struct TokenOptions {
  std::string db;
  std::string name = "default";
  bool json = false;
};

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options);
int run_serve(const ServeOptions& options);

// Adds `token` with its subcommand `create`; returns `create`.
CLI::App* add_token_command(CLI::App& app, TokenOptions& options);
int run_token_create(const TokenOptions& options);

}  // namespace aperture::cli
