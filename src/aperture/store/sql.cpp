#include <algorithm>

#include <aperture/store/sql.hpp>

namespace aperture::store {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

// " WHERE …" for the filters set in `query` (fixed fragments; values as parameters).
void add_where(const ReleaseQuery& query, Sql& sql) {
  std::vector<std::string> conditions;
  auto equals = [&](std::string_view column, const std::string& value) {
    if (!value.empty()) {
      conditions.push_back(std::string(column) + " = ?");
      sql.params.emplace_back(value);
    }
  };
  if (!query.license.empty()) {
    conditions.push_back("id IN (SELECT release_id FROM release_licenses WHERE license = ?)");
    sql.params.emplace_back(lower(query.license));
  }
  if (query.level) {
    conditions.push_back("level = ?");
    sql.params.emplace_back(static_cast<std::int64_t>(*query.level));
  }
  equals("commercial", query.commercial);
  equals("osd", query.osd);
  equals("osaid", query.osaid);
  equals("mof", query.mof);
  equals("source", query.source);
  if (query.open_washing) {
    conditions.push_back("open_washing = ?");
    sql.params.emplace_back(static_cast<std::int64_t>(*query.open_washing ? 1 : 0));
  }
  if (!query.text.empty()) {
    conditions.push_back("(lower(id) LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\' OR "
                         "lower(publisher) LIKE ? ESCAPE '\\')");
    std::string pattern = like_pattern(query.text);
    for (int i = 0; i < 3; ++i) {
      sql.params.emplace_back(pattern);
    }
  }
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    sql.text += (i == 0 ? " WHERE " : " AND ") + conditions[i];
  }
}

std::string_view order_by(SortKey key) {
  switch (key) {
  case SortKey::name:
    return " ORDER BY lower(name), id";
  case SortKey::level:
    return " ORDER BY (level IS NULL), level DESC, id";
  case SortKey::id:
    break;
  }
  return " ORDER BY id";
}

}  // namespace

Sql list_sql(const ReleaseQuery& query) {
  Sql sql{"SELECT summary FROM releases", {}};
  add_where(query, sql);
  sql.text += order_by(query.sort);
  sql.text += " LIMIT ? OFFSET ?";
  sql.params.emplace_back(query.per_page);
  sql.params.emplace_back((query.page - 1) * query.per_page);
  return sql;
}

Sql count_sql(const ReleaseQuery& query) {
  Sql sql{"SELECT COUNT(*) FROM releases", {}};
  add_where(query, sql);
  return sql;
}

std::string numbered_placeholders(std::string_view text) {
  std::string out;
  int n = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '\'') {
      quoted = !quoted;
    }
    if (c == '?' && !quoted) {
      out += "$" + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::string like_pattern(std::string_view text) {
  std::string out = "%";
  for (char c : lower(text)) {
    if (c == '%' || c == '_' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "%";
}

std::vector<std::string> license_keys(const ReleaseRecord& record) {
  std::vector<std::string> keys;
  for (const std::string& id : record.licenses) {
    keys.push_back(lower(id));
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace aperture::store

#include <aperture/store/token.hpp>

namespace aperture::store {

std::vector<SqlValue> release_params(const ReleaseRecord& r, const std::string& hash) {
  SqlValue level = r.level ? SqlValue(static_cast<std::int64_t>(*r.level)) : SqlValue();
  return {r.id,          r.name, r.publisher,   r.source, level,
          r.commercial,  r.osd,  r.osaid,       r.mof,    static_cast<std::int64_t>(r.open_washing ? 1 : 0),
          r.assessed_at, hash,   r.summary_json};
}

std::string record_hash(const ReleaseRecord& r) {
  std::string key = r.id + '\n' + r.name + '\n' + r.publisher + '\n' + r.source + '\n' +
                    (r.level ? std::to_string(*r.level) : "-") + '\n' + r.commercial + '\n' + r.osd + '\n' +
                    r.osaid + '\n' + r.mof + '\n' + (r.open_washing ? "1" : "0") + '\n';
  for (const std::string& id : r.licenses) {
    key += id + '\n';
  }
  return sha256_hex(key + r.scan_json);
}

}  // namespace aperture::store
