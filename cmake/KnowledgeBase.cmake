# The license knowledge base (data/licenses/*.yaml, reviewed data) is joined
# into one YAML stream (each file is its own document, starting with `---`),
# validated by aperture_kbgen with the library's loader, stored as JSON (fast
# to load) and embedded with .incbin.
file(GLOB APERTURE_KB_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/licenses/*.yaml)
list(SORT APERTURE_KB_FILES)
set(APERTURE_KB_YAML "${CMAKE_BINARY_DIR}/generated/knowledge_base.yaml")
set(APERTURE_KB_JSON "${CMAKE_BINARY_DIR}/generated/knowledge_base.json")
set(APERTURE_FINGERPRINTS_JSON "${CMAKE_BINARY_DIR}/generated/fingerprints.json")

add_executable(aperture_kbgen tools/kbgen.cpp
               ${CMAKE_SOURCE_DIR}/src/aperture/terms/knowledge_base.cpp
               ${CMAKE_SOURCE_DIR}/src/aperture/util/file.cpp
               ${CMAKE_SOURCE_DIR}/src/aperture/util/rtf.cpp
               ${CMAKE_SOURCE_DIR}/src/aperture/util/text.cpp)
target_include_directories(aperture_kbgen PRIVATE ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(aperture_kbgen PRIVATE yaml-cpp nlohmann_json::nlohmann_json
                      aperture_settings aperture_warnings)

add_custom_command(
  OUTPUT ${APERTURE_KB_JSON} ${APERTURE_FINGERPRINTS_JSON}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated
  COMMAND ${CMAKE_COMMAND} -E cat ${APERTURE_KB_FILES} > ${APERTURE_KB_YAML}
  COMMAND aperture_kbgen ${APERTURE_KB_YAML} ${APERTURE_KB_JSON} ${APERTURE_FINGERPRINTS_JSON}
  DEPENDS ${APERTURE_KB_FILES} aperture_kbgen
  COMMENT "Validating and embedding the license knowledge base")
add_custom_target(aperture_kb DEPENDS ${APERTURE_KB_JSON} ${APERTURE_FINGERPRINTS_JSON})

include(${CMAKE_CURRENT_LIST_DIR}/Embed.cmake)
aperture_embed(aperture_kb ${APERTURE_KB_JSON} APERTURE_KB_EMBED)
aperture_embed(aperture_fingerprints ${APERTURE_FINGERPRINTS_JSON} APERTURE_FINGERPRINTS_EMBED)
