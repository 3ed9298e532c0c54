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

set(APERTURE_KB_EMBED "${CMAKE_BINARY_DIR}/generated/knowledge_base_embed.S")
file(WRITE ${APERTURE_KB_EMBED}.in
"    .section .rodata
    .global aperture_kb_begin
    .global aperture_kb_end
    .balign 16
aperture_kb_begin:
    .incbin \"${APERTURE_KB_YAML}\"
aperture_kb_end:
    .byte 0
    .section .note.GNU-stack,\"\",@progbits
")
configure_file(${APERTURE_KB_EMBED}.in ${APERTURE_KB_EMBED} COPYONLY)
set_source_files_properties(${APERTURE_KB_EMBED} PROPERTIES OBJECT_DEPENDS ${APERTURE_KB_YAML})
