# `make format` rewrites first-party C++ sources with clang-format 14;
# `make check_format` fails, listing the files, when any would change.
# The version is pinned: other versions format differently (.clang-format).
find_program(APERTURE_CLANG_FORMAT NAMES clang-format-14
             DOC "clang-format 14 (Debian: apt-get install clang-format-14)")

set(_format_globs
    ${CMAKE_SOURCE_DIR}/src/*.cpp ${CMAKE_SOURCE_DIR}/src/*.hpp
    ${CMAKE_SOURCE_DIR}/tests/*.cpp ${CMAKE_SOURCE_DIR}/tests/*.hpp
    ${CMAKE_SOURCE_DIR}/tools/*.cpp ${CMAKE_SOURCE_DIR}/tools/*.hpp
    ${CMAKE_SOURCE_DIR}/fuzz/*.cpp ${CMAKE_SOURCE_DIR}/bench/*.cpp)
file(GLOB_RECURSE APERTURE_FORMAT_SOURCES CONFIGURE_DEPENDS ${_format_globs})
# The fuzz corpora hold inputs, not code.
list(FILTER APERTURE_FORMAT_SOURCES EXCLUDE REGEX "/tests/fuzz_corpus/")

if(APERTURE_CLANG_FORMAT)
  add_custom_target(format
    COMMAND ${APERTURE_CLANG_FORMAT} -i --style=file ${APERTURE_FORMAT_SOURCES}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    COMMENT "Formatting the C++ sources with clang-format 14"
    VERBATIM)
  add_custom_target(check_format
    COMMAND ${APERTURE_CLANG_FORMAT} --dry-run --Werror --style=file ${APERTURE_FORMAT_SOURCES}
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    COMMENT "Checking the format of the C++ sources (clang-format 14)"
    VERBATIM)
else()
  set(_missing ${CMAKE_COMMAND} -E echo
      "clang-format-14 not found: run scripts/install-deps.sh --lint, then re-run cmake")
  add_custom_target(format COMMAND ${_missing} COMMAND ${CMAKE_COMMAND} -E false VERBATIM)
  add_custom_target(check_format COMMAND ${_missing} COMMAND ${CMAKE_COMMAND} -E false VERBATIM)
endif()
