#include <aperture/catalog/catalog.hpp>
#include <aperture/frameworks/assessment.hpp>
#include <aperture/server/catalog_sync.hpp>
#include <aperture/server/release_summary.hpp>

namespace aperture::server {

util::Result<SyncCounts> sync_catalog(store::Store& store) {
  SyncCounts counts;
  std::string now = store::utc_now();
  for (const catalog::CatalogEntry& entry : catalog::entries()) {
    TRY_ASSIGN(release, catalog::read_entry(entry));
    frameworks::Assessment assessment = frameworks::assess_release(std::move(release));
    TRY_ASSIGN(outcome, store.put_release(release_record(assessment, entry.id, "catalog", now)));
    switch (outcome) {
    case store::PutOutcome::added:
      ++counts.added;
      break;
    case store::PutOutcome::changed:
      ++counts.changed;
      break;
    case store::PutOutcome::unchanged:
      ++counts.unchanged;
      break;
    }
  }
  return counts;
}

}  // namespace aperture::server
