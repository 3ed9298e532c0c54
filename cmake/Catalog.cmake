# The catalog (data/catalog/*.yaml, reviewed release manifests) is joined into
# one file, each manifest after a line "#@catalog-file NAME", and embedded
# with .incbin. src/aperture/catalog/catalog.cpp splits and reads it; the unit
# tests read every entry, so a bad manifest fails the build's tests.
file(GLOB APERTURE_CATALOG_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/catalog/*.yaml)
list(SORT APERTURE_CATALOG_FILES)
set(APERTURE_CATALOG_JOINED "${CMAKE_BINARY_DIR}/generated/catalog.yaml")
string(REPLACE ";" "|" _catalog_files "${APERTURE_CATALOG_FILES}")  # one argument through the shell

add_custom_command(
  OUTPUT ${APERTURE_CATALOG_JOINED}
  COMMAND ${CMAKE_COMMAND} -DOUT=${APERTURE_CATALOG_JOINED} "-DFILES=${_catalog_files}"
          -P ${CMAKE_CURRENT_LIST_DIR}/JoinCatalog.cmake
  DEPENDS ${APERTURE_CATALOG_FILES} ${CMAKE_CURRENT_LIST_DIR}/JoinCatalog.cmake
  COMMENT "Joining the release catalog"
  VERBATIM)
add_custom_target(aperture_catalog DEPENDS ${APERTURE_CATALOG_JOINED})

include(${CMAKE_CURRENT_LIST_DIR}/Embed.cmake)
aperture_embed(aperture_catalog ${APERTURE_CATALOG_JOINED} APERTURE_CATALOG_EMBED)
