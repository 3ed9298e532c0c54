#include <mutex>

#include <sqlite3.h>

#include <aperture/store/migrations.hpp>
#include <aperture/store/sql.hpp>
#include <aperture/store/sqlite_store.hpp>

namespace aperture::store {
namespace {

using util::ErrorCode;
using util::make_error;

util::Unexpected db_error(sqlite3* db, std::string_view what) {
  return make_error(ErrorCode::io, std::string(what) + ": " + sqlite3_errmsg(db));
}

// A prepared statement with its parameters bound; finalized on destruction.
class Statement {
public:
  Statement(sqlite3* db, std::string_view text) {
    m_rc = sqlite3_prepare_v2(db, text.data(), static_cast<int>(text.size()), &m_stmt, nullptr);
  }
  ~Statement() { sqlite3_finalize(m_stmt); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  [[nodiscard]] bool ok() const { return m_rc == SQLITE_OK; }

  void bind(const std::vector<SqlValue>& params) {
    for (std::size_t i = 0; i < params.size() && ok(); ++i) {
      int index = static_cast<int>(i + 1);
      const SqlValue& v = params[i];
      if (const auto* n = std::get_if<std::int64_t>(&v)) {
        m_rc = sqlite3_bind_int64(m_stmt, index, *n);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        m_rc = sqlite3_bind_text(m_stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      } else {
        m_rc = sqlite3_bind_null(m_stmt, index);
      }
    }
  }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(m_stmt); }

  std::string text(int column) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p == nullptr ? std::string()
                        : std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
  }
  std::int64_t integer(int column) const { return sqlite3_column_int64(m_stmt, column); }

private:
  sqlite3_stmt* m_stmt = nullptr;
  int m_rc;
};

class SqliteStore final : public Store {
public:
  explicit SqliteStore(sqlite3* db) : m_db(db) {}
  ~SqliteStore() override { sqlite3_close_v2(m_db); }

  util::Status configure() {
    // WAL lets readers run beside a writer; FULL syncs the WAL on every commit,
    // so an acknowledged write is on disk before the client hears of it.
    for (std::string_view pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                                    "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000"}) {
      TRY(exec(pragma));
    }
    return util::Ok{};
  }

  util::Status migrate() override {
    std::lock_guard lock(m_mutex);
    TRY(exec(k_schema_version_table));
    for (const Migration& m : migrations()) {
      TRY(apply(m));
    }
    return util::Ok{};
  }

  util::Result<int> schema_version() override {
    std::lock_guard lock(m_mutex);
    TRY(exec(k_schema_version_table));
    TRY_ASSIGN(rows, query_ints(statements::k_max_version, {}));
    return static_cast<int>(rows.empty() ? 0 : rows.front());
  }

  util::Result<PutOutcome> put_release(const ReleaseRecord& record) override {
    std::lock_guard lock(m_mutex);
    TRY(exec("BEGIN IMMEDIATE"));
    auto outcome = put_in_transaction(record);
    if (!outcome) {
      (void)exec("ROLLBACK");
      return outcome;
    }
    TRY(exec("COMMIT"));
    return outcome;
  }

  util::Result<std::optional<std::string>> source_of(std::string_view id) override {
    std::lock_guard lock(m_mutex);
    TRY_ASSIGN(rows, query_texts(statements::k_select_source, {std::string(id)}, 1));
    if (rows.empty()) {
      return std::optional<std::string>();
    }
    return std::optional<std::string>(rows.front().front());
  }

  util::Result<ReleasePage> list_releases(const ReleaseQuery& query) override {
    std::lock_guard lock(m_mutex);
    ReleasePage page;
    Sql count = count_sql(query);
    TRY_ASSIGN(totals, query_ints(count.text, count.params));
    page.total = totals.empty() ? 0 : totals.front();
    Sql list = list_sql(query);
    TRY_ASSIGN(rows, query_texts(list.text, list.params, 1));
    for (auto& row : rows) {
      page.summaries.push_back(std::move(row.front()));
    }
    return page;
  }

  util::Result<std::optional<StoredRelease>> get_release(std::string_view id) override {
    std::lock_guard lock(m_mutex);
    std::vector<SqlValue> key{std::string(id)};
    TRY_ASSIGN(rows, query_texts(statements::k_select_release, key, 2));
    if (rows.empty()) {
      return std::optional<StoredRelease>();
    }
    StoredRelease out{std::string(id), rows[0][0], rows[0][1], {}, {}, {}};
    TRY_ASSIGN(history, query_texts(statements::k_select_history, key, 2));
    for (auto& h : history) {
      out.history.push_back({std::move(h[0]), std::move(h[1])});
    }
    TRY_ASSIGN(latest, query_texts(statements::k_select_latest, key, 2));
    if (!latest.empty()) {
      out.scan_json = std::move(latest[0][0]);
      out.input = std::move(latest[0][1]);
    }
    return std::optional<StoredRelease>(std::move(out));
  }

  util::Status
  add_token(std::string_view name, std::string_view token_hash, std::string_view created_at) override {
    std::lock_guard lock(m_mutex);
    return run(statements::k_insert_token,
               {std::string(name), std::string(token_hash), std::string(created_at)});
  }

  util::Result<bool> has_token(std::string_view token_hash) override {
    std::lock_guard lock(m_mutex);
    TRY_ASSIGN(rows, query_ints(statements::k_select_token, {std::string(token_hash)}));
    return !rows.empty();
  }

private:
  // Statements without parameters or user input (pragmas, DDL, transactions).
  util::Status exec(std::string_view sql) {
    char* message = nullptr;
    if (sqlite3_exec(m_db, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message != nullptr ? message : "unknown error";
      sqlite3_free(message);
      return make_error(ErrorCode::io, "sqlite: " + text);
    }
    return util::Ok{};
  }

  util::Status run(std::string_view sql, const std::vector<SqlValue>& params) {
    Statement st(m_db, sql);
    st.bind(params);
    if (!st.ok() || st.step() != SQLITE_DONE) {
      return db_error(m_db, "sqlite");
    }
    return util::Ok{};
  }

  util::Result<std::vector<std::vector<std::string>>>
  query_texts(std::string_view sql, const std::vector<SqlValue>& params, int columns) {
    Statement st(m_db, sql);
    st.bind(params);
    if (!st.ok()) {
      return db_error(m_db, "sqlite");
    }
    std::vector<std::vector<std::string>> rows;
    int rc = 0;
    while ((rc = st.step()) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int c = 0; c < columns; ++c) {
        row.push_back(st.text(c));
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
      return db_error(m_db, "sqlite");
    }
    return rows;
  }

  util::Result<std::vector<std::int64_t>> query_ints(std::string_view sql,
                                                     const std::vector<SqlValue>& params) {
    Statement st(m_db, sql);
    st.bind(params);
    if (!st.ok()) {
      return db_error(m_db, "sqlite");
    }
    std::vector<std::int64_t> rows;
    int rc = 0;
    while ((rc = st.step()) == SQLITE_ROW) {
      rows.push_back(st.integer(0));
    }
    if (rc != SQLITE_DONE) {
      return db_error(m_db, "sqlite");
    }
    return rows;
  }

  // One migration in its own transaction, unless schema_version says it ran.
  util::Status apply(const Migration& m) {
    TRY(exec("BEGIN IMMEDIATE"));
    auto done = query_ints(statements::k_max_version, {});
    util::Status status = done ? util::Status(util::Ok{}) : util::Status(done.error());
    if (status && done->front() < m.version) {
      status = exec(m.sqlite);
      if (status) {
        status = run(statements::k_insert_version,
                     {static_cast<std::int64_t>(m.version), std::string(m.summary), utc_now()});
      }
    }
    if (!status) {
      (void)exec("ROLLBACK");
      return status;
    }
    return exec("COMMIT");
  }

  util::Result<PutOutcome> put_in_transaction(const ReleaseRecord& record) {
    std::string hash = record_hash(record);
    TRY_ASSIGN(existing, query_texts(statements::k_select_hash, {record.id}, 1));
    if (!existing.empty() && existing[0][0] == hash) {
      return PutOutcome::unchanged;
    }
    TRY(run(statements::k_upsert_release, release_params(record, hash)));
    TRY(run(statements::k_delete_licenses, {record.id}));
    for (const std::string& key : license_keys(record)) {
      TRY(run(statements::k_insert_license, {record.id, key}));
    }
    TRY(run(statements::k_insert_assessment,
            {record.id, record.assessed_at, hash, record.summary_json, record.scan_json, record.input}));
    return existing.empty() ? PutOutcome::added : PutOutcome::changed;
  }

  sqlite3* m_db;
  std::mutex m_mutex;
};

}  // namespace

util::Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return make_error(ErrorCode::io, "cannot open the database: " + message, path);
  }
  auto store = std::make_unique<SqliteStore>(db);
  TRY(util::with_path(store->configure(), path));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace aperture::store
