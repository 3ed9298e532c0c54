# The catalogs, reviewed like code, are each joined into one file (every YAML
# file after a line "#@catalog-file NAME") and embedded with .incbin:
#   data/catalog/*.yaml   release manifests  → aperture_catalog_begin/_end
#   data/datasets/*.yaml  dataset entries    → aperture_datasets_begin/_end
# src/aperture/catalog/catalog.cpp splits and reads them; the unit tests read
# every entry, so a bad file fails the build's tests.
include(${CMAKE_CURRENT_LIST_DIR}/Embed.cmake)

# aperture_embed_yaml_dir(SYMBOL DIR OUT_VAR): DIR/*.yaml joined and embedded as SYMBOL.
function(aperture_embed_yaml_dir symbol dir out_var)
  file(GLOB _files CONFIGURE_DEPENDS ${dir}/*.yaml)
  list(SORT _files)
  set(_joined "${CMAKE_BINARY_DIR}/generated/${symbol}.yaml")
  string(REPLACE ";" "|" _arg "${_files}")  # one argument through the shell
  add_custom_command(
    OUTPUT ${_joined}
    COMMAND ${CMAKE_COMMAND} -DOUT=${_joined} "-DFILES=${_arg}" -P ${CMAKE_SOURCE_DIR}/cmake/JoinCatalog.cmake
    DEPENDS ${_files} ${CMAKE_SOURCE_DIR}/cmake/JoinCatalog.cmake
    COMMENT "Joining ${dir}"
    VERBATIM)
  add_custom_target(${symbol} DEPENDS ${_joined})
  aperture_embed(${symbol} ${_joined} _embed)
  set(${out_var} ${_embed} PARENT_SCOPE)
endfunction()

aperture_embed_yaml_dir(aperture_catalog ${CMAKE_SOURCE_DIR}/data/catalog APERTURE_CATALOG_EMBED)
aperture_embed_yaml_dir(aperture_datasets ${CMAKE_SOURCE_DIR}/data/datasets APERTURE_DATASETS_EMBED)
