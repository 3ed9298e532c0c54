#include <cctype>

#include <aperture/bom/bom.hpp>
#include <aperture/bom/cyclonedx.hpp>
#include <aperture/bom/facts.hpp>
#include <aperture/bom/spdx3.hpp>
#include <aperture/bom/uuid.hpp>

namespace aperture::bom {

namespace {

// Aperture's namespace for the serial numbers of its documents (a random UUID, fixed forever).
constexpr std::string_view k_serial_namespace = "5b0c3e1a-8f47-4d2e-9c61-2a7d94e0b3f5";
constexpr std::string_view k_nil_uuid = "00000000-0000-0000-0000-000000000000";

bool digits_at(std::string_view text, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
      return false;
    }
  }
  return true;
}

int number_at(std::string_view text, std::size_t from, std::size_t count) {
  int n = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    n = n * 10 + (text[i] - '0');
  }
  return n;
}

bool valid_date(std::string_view t) {
  if (t.size() < 10 || !digits_at(t, 0, 4) || t[4] != '-' || !digits_at(t, 5, 2) || t[7] != '-' ||
      !digits_at(t, 8, 2)) {
    return false;
  }
  int month = number_at(t, 5, 2);
  int day = number_at(t, 8, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool valid_time(std::string_view t) {
  // "Thh:mm:ssZ" after the date.
  if (t.size() != 20 || t[10] != 'T' || !digits_at(t, 11, 2) || t[13] != ':' || !digits_at(t, 14, 2) ||
      t[16] != ':' || !digits_at(t, 17, 2) || t[19] != 'Z') {
    return false;
  }
  return number_at(t, 11, 2) <= 23 && number_at(t, 14, 2) <= 59 && number_at(t, 17, 2) <= 59;
}

std::string render(const BomFacts& facts, BomFormat format, const DocumentStamp& stamp) {
  return format == BomFormat::spdx ? spdx3_json(facts, stamp) : cyclonedx_json(facts, stamp);
}

}  // namespace

std::optional<BomFormat> bom_format_from_string(std::string_view name) {
  if (name == "cyclonedx") {
    return BomFormat::cyclonedx;
  }
  if (name == "spdx") {
    return BomFormat::spdx;
  }
  return std::nullopt;
}

util::Result<std::string> parse_timestamp(std::string_view text) {
  if (text.size() == 10 && valid_date(text)) {
    return std::string(text) + "T00:00:00Z";
  }
  if (valid_date(text) && valid_time(text)) {
    return std::string(text);
  }
  return util::make_error(util::ErrorCode::invalid,
                          "bad timestamp '" + std::string(text) +
                              "': give a UTC date YYYY-MM-DD or a time YYYY-MM-DDThh:mm:ssZ");
}

util::Status check_options(const BomOptions& options) {
  if (!options.timestamp.empty()) {
    TRY(parse_timestamp(options.timestamp));
  }
  if (!options.serial.empty() && !parse_uuid(options.serial)) {
    return util::make_error(
        util::ErrorCode::invalid,
        "bad serial '" + options.serial +
            "': give a UUID xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (with or without urn:uuid:)");
  }
  return util::Ok{};
}

util::Result<std::string> bom_document(const frameworks::Assessment& assessment, const BomOptions& options) {
  TRY(check_options(options));
  DocumentStamp stamp;
  stamp.tool_version = options.tool_version;
  stamp.timestamp = options.timestamp.empty() ? default_timestamp(assessment.release)
                                              : parse_timestamp(options.timestamp).value();
  BomFacts facts = facts_of(assessment);
  if (!options.serial.empty()) {
    stamp.uuid = parse_uuid(options.serial).value();
    return render(facts, options.format, stamp);
  }
  // The serial is derived from the document written with the nil UUID in its
  // place: the same content gives the same serial, other content another.
  stamp.uuid = std::string(k_nil_uuid);
  std::string draft = render(facts, options.format, stamp);
  stamp.uuid = uuid_v5(k_serial_namespace, draft);
  return render(facts, options.format, stamp);
}

}  // namespace aperture::bom
