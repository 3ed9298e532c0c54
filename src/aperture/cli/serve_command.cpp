#include <csignal>
#include <cstdio>
#include <memory>
#include <pthread.h>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <aperture/cli/cli_main.hpp>
#include <aperture/cli/serve_command.hpp>
#include <aperture/server/catalog_sync.hpp>
#include <aperture/server/server.hpp>
#include <aperture/store/store.hpp>
#include <aperture/store/token.hpp>
#include <aperture/util/error.hpp>

namespace aperture::cli {
namespace {

// The store `db` names (the default SQLite file when empty), migrated.
std::unique_ptr<store::Store> open_migrated(const std::string& db) {
  std::string url = db;
  if (url.empty()) {
    auto fallback = store::default_database_url();
    if (!fallback) {
      throw aperture::Error(fallback.error().to_string());
    }
    url = *fallback;
  }
  auto opened = store::open_store(url);
  if (!opened) {
    throw aperture::Error(opened.error().to_string());
  }
  std::unique_ptr<store::Store> s = std::move(*opened);
  if (auto migrated = s->migrate(); !migrated) {
    throw aperture::Error("migrating the database: " + migrated.error().to_string());
  }
  return s;
}

// SIGINT and SIGTERM are blocked in every thread and taken by one waiting
// thread, which stops the server: no work in a signal handler.
sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the catalog (bundled releases and submitted scans) over an HTTP JSON API with a web page "
      "(docs/server.md)");
  cmd->add_option("--db", options.db,
                  "sqlite:PATH or postgresql://USER:PASS@HOST/DB (default: sqlite: in "
                  "$XDG_DATA_HOME/aperture/aperture.db)");
  cmd->add_option("--listen", options.listen, "ADDR:PORT to listen on (port 0: any free port)")
      ->capture_default_str();
  cmd->add_option("--threads", options.threads, "Requests served at once")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_flag("--json", options.json, "Print the start-up line as JSON");
  cmd->footer("Prints the URL it listens on, then serves until SIGINT or SIGTERM. Exit status: 0 stopped, "
              "1 the database or address failed, 2 bad arguments.");
  return cmd;
}

int run_serve(const ServeOptions& options) {
  auto listen = server::parse_listen(options.listen);
  if (!listen) {
    std::fprintf(stderr, "aperture: error: %s\n", listen.error().message.c_str());
    return k_exit_usage;
  }
  listen->threads = options.threads;
  sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts: all inherit it

  std::unique_ptr<store::Store> db = open_migrated(options.db);
  auto synced = server::sync_catalog(*db);
  if (!synced) {
    throw aperture::Error("loading the catalog: " + synced.error().to_string());
  }
  server::Server http(*db, *listen);
  auto port = http.bind();
  if (!port) {
    std::fprintf(stderr, "aperture: error: %s\n", port.error().message.c_str());
    return k_exit_error;
  }
  std::string host = listen->host.find(':') != std::string::npos ? "[" + listen->host + "]" : listen->host;
  std::string url = fmt::format("http://{}:{}/", host, *port);
  if (options.json) {
    nlohmann::ordered_json j{
        {"url", url},
        {"catalog",
         {{"added", synced->added}, {"changed", synced->changed}, {"unchanged", synced->unchanged}}}};
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("aperture: serving on %s (catalog: %zu added, %zu changed, %zu unchanged)\n", url.c_str(),
                synced->added, synced->changed, synced->unchanged);
  }
  std::fflush(stdout);

  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    http.stop();
  });
  http.run();
  // run() also returns if listening failed; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::fprintf(stderr, "aperture: stopped\n");
  return k_exit_ok;
}

CLI::App* add_token_command(CLI::App& app, TokenOptions& options) {
  CLI::App* token = app.add_subcommand("token", "API tokens for `aperture serve` (POST /api/releases)");
  token->require_subcommand(1);
  CLI::App* create =
      token->add_subcommand("create", "Create a token; it is printed once and stored only as its SHA-256");
  create->add_option("--db", options.db,
                     "The database `aperture serve` uses (default: its default SQLite file)");
  create->add_option("--name", options.name, "What the token is for")->capture_default_str();
  create->add_flag("--json", options.json, "Print JSON");
  return create;
}

int run_token_create(const TokenOptions& options) {
  std::unique_ptr<store::Store> db = open_migrated(options.db);
  std::string token = store::new_token();
  if (auto added = db->add_token(options.name, store::sha256_hex(token), store::utc_now()); !added) {
    throw aperture::Error("storing the token: " + added.error().to_string());
  }
  if (options.json) {
    std::printf("%s\n", nlohmann::ordered_json{{"name", options.name}, {"token", token}}.dump().c_str());
  } else {
    std::printf("%s\n", token.c_str());
    std::fprintf(stderr, "aperture: token '%s' created; it is shown only now: keep it secret\n",
                 options.name.c_str());
  }
  return k_exit_ok;
}

}  // namespace aperture::cli
