# The license knowledge base (data/licenses/*.yaml, reviewed data) is joined
# into one YAML stream at build time and embedded with .incbin; each file is
# its own YAML document (they begin with `---`).
file(GLOB APERTURE_KB_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/licenses/*.yaml)
list(SORT APERTURE_KB_FILES)
set(APERTURE_KB_YAML "${CMAKE_BINARY_DIR}/generated/knowledge_base.yaml")
add_custom_command(
  OUTPUT ${APERTURE_KB_YAML}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/generated
  COMMAND ${CMAKE_COMMAND} -E cat ${APERTURE_KB_FILES} > ${APERTURE_KB_YAML}
  DEPENDS ${APERTURE_KB_FILES}
  COMMENT "Joining the license knowledge base")
add_custom_target(aperture_kb DEPENDS ${APERTURE_KB_YAML})

include(${CMAKE_CURRENT_LIST_DIR}/Embed.cmake)
aperture_embed(aperture_kb ${APERTURE_KB_YAML} APERTURE_KB_EMBED)
