#include <condition_variable>
#include <mutex>
#include <pqxx/pqxx>
#include <vector>

#include <aperture/store/migrations.hpp>
#include <aperture/store/pg_store.hpp>
#include <aperture/store/sql.hpp>

namespace aperture::store {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr std::size_t k_max_connections = 16;
constexpr int k_migration_lock = 0x41505254;  // "APRT": one migrating server at a time

// The parameters as libpq takes them: NULL as a null pointer. Values never
// hold NUL bytes (the server refuses them in query values; JSON escapes them).
struct PgParams {
  explicit PgParams(const std::vector<SqlValue>& values) {
    texts.reserve(values.size());
    for (const SqlValue& v : values) {
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        texts.push_back(std::to_string(*n));
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        texts.push_back(*s);
      } else {
        texts.emplace_back();
      }
      nulls.push_back(std::holds_alternative<std::monostate>(v));
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
      pointers.push_back(nulls[i] ? nullptr : texts[i].c_str());
    }
  }
  std::vector<std::string> texts;
  std::vector<bool> nulls;
  std::vector<const char*> pointers;
};

pqxx::result exec(pqxx::transaction_base& tx, std::string_view sql, const std::vector<SqlValue>& values) {
  PgParams params(values);
  return tx.exec_params(numbered_placeholders(sql), pqxx::prepare::make_dynamic_params(params.pointers));
}

class PgStore final : public Store {
public:
  explicit PgStore(std::string url) : m_url(std::move(url)) {}

  // Opens the first connection, so a bad URL fails at start.
  util::Status connect() {
    return with_connection([](pqxx::connection&) {});
  }

  util::Status migrate() override {
    return with_connection([](pqxx::connection& c) {
      for (const Migration& m : migrations()) {
        pqxx::work tx(c);
        tx.exec("SELECT pg_advisory_xact_lock(" + std::to_string(k_migration_lock) + ")");
        tx.exec(std::string(k_schema_version_table));
        if (tx.exec(std::string(statements::k_max_version))[0][0].as<int>() < m.version) {
          tx.exec(std::string(m.postgres));
          exec(tx, statements::k_insert_version,
               {static_cast<std::int64_t>(m.version), std::string(m.summary), utc_now()});
        }
        tx.commit();
      }
    });
  }

  util::Result<int> schema_version() override {
    int version = 0;
    TRY(with_connection([&](pqxx::connection& c) {
      pqxx::work tx(c);
      tx.exec(std::string(k_schema_version_table));
      version = tx.exec(std::string(statements::k_max_version))[0][0].as<int>();
      tx.commit();
    }));
    return version;
  }

  util::Result<PutOutcome> put_release(const ReleaseRecord& record) override {
    PutOutcome outcome = PutOutcome::unchanged;
    TRY(with_connection([&](pqxx::connection& c) {
      std::string hash = record_hash(record);
      pqxx::work tx(c);
      pqxx::result existing = exec(tx, std::string(statements::k_select_hash) + " FOR UPDATE", {record.id});
      if (!existing.empty() && existing[0][0].as<std::string>() == hash) {
        outcome = PutOutcome::unchanged;
        tx.commit();
        return;
      }
      exec(tx, statements::k_upsert_release, release_params(record, hash));
      exec(tx, statements::k_delete_licenses, {record.id});
      for (const std::string& key : license_keys(record)) {
        exec(tx, statements::k_insert_license, {record.id, key});
      }
      exec(tx, statements::k_insert_assessment,
           {record.id, record.assessed_at, hash, record.summary_json, record.scan_json, record.input});
      tx.commit();  // synchronous_commit (on by default): durable when this returns
      outcome = existing.empty() ? PutOutcome::added : PutOutcome::changed;
    }));
    return outcome;
  }

  util::Result<std::optional<std::string>> source_of(std::string_view id) override {
    std::optional<std::string> source;
    TRY(with_connection([&](pqxx::connection& c) {
      pqxx::read_transaction tx(c);
      pqxx::result r = exec(tx, statements::k_select_source, {std::string(id)});
      if (!r.empty()) {
        source = r[0][0].as<std::string>();
      }
    }));
    return source;
  }

  util::Result<ReleasePage> list_releases(const ReleaseQuery& query) override {
    ReleasePage page;
    TRY(with_connection([&](pqxx::connection& c) {
      pqxx::read_transaction tx(c);
      Sql count = count_sql(query);
      page.total = exec(tx, count.text, count.params)[0][0].as<std::int64_t>();
      Sql list = list_sql(query);
      for (const pqxx::row& row : exec(tx, list.text, list.params)) {
        page.summaries.push_back(row[0].as<std::string>());
      }
    }));
    return page;
  }

  util::Result<std::optional<StoredRelease>> get_release(std::string_view id) override {
    std::optional<StoredRelease> out;
    TRY(with_connection([&](pqxx::connection& c) {
      pqxx::read_transaction tx(c);
      std::vector<SqlValue> key{std::string(id)};
      pqxx::result r = exec(tx, statements::k_select_release, key);
      if (r.empty()) {
        return;
      }
      StoredRelease s{std::string(id), r[0][0].as<std::string>(), r[0][1].as<std::string>(), {}, {}, {}};
      for (const pqxx::row& h : exec(tx, statements::k_select_history, key)) {
        s.history.push_back({h[0].as<std::string>(), h[1].as<std::string>()});
      }
      pqxx::result latest = exec(tx, statements::k_select_latest, key);
      if (!latest.empty()) {
        s.scan_json = latest[0][0].as<std::string>();
        s.input = latest[0][1].as<std::string>();
      }
      out = std::move(s);
    }));
    return out;
  }

  util::Status
  add_token(std::string_view name, std::string_view token_hash, std::string_view created_at) override {
    return with_connection([&](pqxx::connection& c) {
      pqxx::work tx(c);
      exec(tx, statements::k_insert_token,
           {std::string(name), std::string(token_hash), std::string(created_at)});
      tx.commit();
    });
  }

  util::Result<bool> has_token(std::string_view token_hash) override {
    bool found = false;
    TRY(with_connection([&](pqxx::connection& c) {
      pqxx::read_transaction tx(c);
      found = !exec(tx, statements::k_select_token, {std::string(token_hash)}).empty();
    }));
    return found;
  }

private:
  // Runs `body` on a pooled connection; libpqxx's exceptions become an Error,
  // and a broken connection is not returned to the pool.
  template <typename F> util::Status with_connection(F&& body) {
    std::unique_ptr<pqxx::connection> c;
    try {
      c = acquire();
    } catch (const std::exception& e) {
      return make_error(ErrorCode::io, std::string("postgresql: cannot connect: ") + e.what());
    }
    try {
      body(*c);
    } catch (const std::exception& e) {
      bool usable = c->is_open() && dynamic_cast<const pqxx::broken_connection*>(&e) == nullptr;
      if (usable) {
        release(std::move(c));
      } else {
        c.reset();
        forget();
      }
      return make_error(ErrorCode::io, std::string("postgresql: ") + e.what());
    }
    release(std::move(c));
    return util::Ok{};
  }

  std::unique_ptr<pqxx::connection> acquire() {
    std::unique_lock lock(m_mutex);
    m_free.wait(lock, [&] { return !m_idle.empty() || m_open < k_max_connections; });
    if (!m_idle.empty()) {
      std::unique_ptr<pqxx::connection> c = std::move(m_idle.back());
      m_idle.pop_back();
      return c;
    }
    ++m_open;
    lock.unlock();
    try {
      return std::make_unique<pqxx::connection>(m_url);
    } catch (...) {
      forget();
      throw;
    }
  }

  void release(std::unique_ptr<pqxx::connection> c) {
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(c));
    m_free.notify_one();
  }

  // A connection that will not come back: another may be opened.
  void forget() {
    std::lock_guard lock(m_mutex);
    --m_open;
    m_free.notify_one();
  }

  std::string m_url;
  std::mutex m_mutex;
  std::condition_variable m_free;
  std::vector<std::unique_ptr<pqxx::connection>> m_idle;
  std::size_t m_open = 0;
};

}  // namespace

util::Result<std::unique_ptr<Store>> open_pg_store(const std::string& url) {
  auto store = std::make_unique<PgStore>(url);
  TRY(store->connect());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace aperture::store
