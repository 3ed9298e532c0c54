#include <aperture/scan/structured_inputs.hpp>

#include <filesystem>

#include <aperture/formats/manifest.hpp>
#include <aperture/formats/mot_file.hpp>
#include <aperture/formats/osai_file.hpp>
#include <aperture/util/file.hpp>
#include <aperture/util/text.hpp>

namespace aperture::scan {

util::Result<release::Release> scan_structured_file(const std::string& path) {
  auto bytes = util::read_file(path, formats::k_max_mot_file_bytes);
  if (!bytes) {
    return util::Unexpected{bytes.error()};
  }
  TRY_ASSIGN(text, util::decode_text(*bytes, path));
  // Which reader to ask, from the keys each format must have; the readers
  // parse (with their limits against hostile YAML) and check properly.
  if (formats::looks_like_manifest(text)) {
    TRY_ASSIGN(manifest, formats::read_manifest(text, path));
    return std::move(manifest.release);
  }
  bool osai = text.find("datasources_basemodel:") != std::string::npos ||
              (text.find("system:") != std::string::npos && text.find("weights_endmodel:") != std::string::npos);
  bool mot = text.find("release:") != std::string::npos &&
             (text.find("Model Openness Framework") != std::string::npos || text.find("components:") != std::string::npos);
  if (osai) {
    TRY_ASSIGN(file, formats::read_osai_file(text, path));
    release::Release r = std::move(file.release);
    r.target = path;
    for (const formats::OsaiEntry& e : file.index) {
      std::string rating = e.present && e.rating != frameworks::OsaiClass::unknown
                               ? std::string(frameworks::to_string(e.rating))
                               : std::string();
      r.external_ratings.push_back(
          {"osai-index", std::string(frameworks::info(e.parameter).ref), rating, {path, e.line, {}, e.notes}});
    }
    return r;
  }
  if (mot) {
    TRY_ASSIGN(r, formats::read_mot_file(text, path));
    r.target = path;
    return r;
  }
  return util::make_error(util::ErrorCode::invalid,
                          "not an Aperture release manifest, a Model Openness Tool model file or an Open Source AI Index entry", path);
}

}  // namespace aperture::scan
