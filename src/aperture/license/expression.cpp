// Interim: a single-id parser; the full grammar replaces it.
#include <aperture/license/expression.hpp>

namespace aperture::license {

util::Result<Expression> parse_expression(std::string_view text, const SpdxIndex& index) {
  auto found = index.find(text);
  if (!found) {
    return util::make_error(util::ErrorCode::parse, "unknown license id '" + std::string(text) + "' at column 1");
  }
  Expression e;
  e.id = std::string(index.license(*found).id);
  return e;
}

std::string to_string(const Expression& e) {
  return e.id;
}

std::vector<std::string> leaf_terms(const Expression& e) {
  return {e.id};
}

}  // namespace aperture::license
