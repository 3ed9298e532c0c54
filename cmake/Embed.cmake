# aperture_embed(SYMBOL FILE OUT_VAR): writes an assembler file that embeds
# FILE in the binary between the symbols SYMBOL_begin and SYMBOL_end (.incbin),
# and puts its path in OUT_VAR for add_library. The object is rebuilt when FILE changes.
function(aperture_embed symbol file out_var)
  set(_asm "${CMAKE_BINARY_DIR}/generated/${symbol}_embed.S")
  file(WRITE ${_asm}.in
"    .section .rodata
    .global ${symbol}_begin
    .global ${symbol}_end
    .balign 16
${symbol}_begin:
    .incbin \"${file}\"
${symbol}_end:
    .byte 0
    .section .note.GNU-stack,\"\",@progbits
")
  configure_file(${_asm}.in ${_asm} COPYONLY)
  set_source_files_properties(${_asm} PROPERTIES OBJECT_DEPENDS ${file})
  set(${out_var} ${_asm} PARENT_SCOPE)
endfunction()
