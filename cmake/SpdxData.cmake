# The SPDX license list comes from the npm package spdx-license-list (pinned in
# package.json and package-lock.json). At build time `aperture_indexgen` turns it
# into Aperture's binary index, which is embedded in the library with .incbin so
# nothing is read or downloaded at run time.
set(APERTURE_SPDX_FULL "${APERTURE_NPM_DIR}/spdx-license-list/spdx-full.json")
set(APERTURE_SPDX_EXCEPTIONS "${APERTURE_NPM_DIR}/spdx-exceptions/index.json")
set(APERTURE_SPDX_DEPRECATED "${APERTURE_NPM_DIR}/spdx-license-ids/deprecated.json")
foreach(_f ${APERTURE_SPDX_FULL} ${APERTURE_SPDX_EXCEPTIONS} ${APERTURE_SPDX_DEPRECATED})
  if(NOT EXISTS "${_f}")
    message(FATAL_ERROR "Missing ${_f}: run `npm ci` in ${CMAKE_SOURCE_DIR} first "
                        "(scripts/install-deps.sh does it).")
  endif()
endforeach()

# The generator shares the normaliser with the library, so build-time and
# run-time tokenisation cannot drift apart.
file(GLOB APERTURE_NORMALIZE_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/src/aperture/license/normalize.cpp
     ${CMAKE_SOURCE_DIR}/src/aperture/license/index_format.cpp
     ${CMAKE_SOURCE_DIR}/src/aperture/util/*.cpp)
add_executable(aperture_indexgen tools/indexgen.cpp ${APERTURE_NORMALIZE_SOURCES})
target_include_directories(aperture_indexgen PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(aperture_indexgen PRIVATE fmt::fmt nlohmann_json::nlohmann_json
                      aperture_settings aperture_warnings)

set(APERTURE_SPDX_INDEX "${CMAKE_BINARY_DIR}/generated/spdx_index.bin")
add_custom_command(
  OUTPUT ${APERTURE_SPDX_INDEX}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated
  COMMAND aperture_indexgen --licenses ${APERTURE_SPDX_FULL}
          --exceptions ${APERTURE_SPDX_EXCEPTIONS}
          --deprecated ${APERTURE_SPDX_DEPRECATED}
          --out ${APERTURE_SPDX_INDEX}
  DEPENDS aperture_indexgen ${APERTURE_SPDX_FULL} ${APERTURE_SPDX_EXCEPTIONS}
          ${APERTURE_SPDX_DEPRECATED}
  COMMENT "Building the SPDX license index")
add_custom_target(aperture_spdx_index DEPENDS ${APERTURE_SPDX_INDEX})

include(${CMAKE_CURRENT_LIST_DIR}/Embed.cmake)
aperture_embed(aperture_spdx_index ${APERTURE_SPDX_INDEX} APERTURE_SPDX_EMBED)
