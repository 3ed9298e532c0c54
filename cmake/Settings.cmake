# INTERFACE targets linked PRIVATE by first-party code only.
add_library(aperture_settings INTERFACE)
add_library(aperture_warnings INTERFACE)
# Evidence-like structs grow optional members with defaults; brace-initialising
# the leading ones is intended, so -Wextra's missing-field-initializers is off.
target_compile_options(aperture_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(APERTURE_WERROR)
  target_compile_options(aperture_warnings INTERFACE -Werror)
endif()

if(APERTURE_SANITIZE)
  set(_san "-fsanitize=${APERTURE_SANITIZE}" -fno-omit-frame-pointer)
  if(APERTURE_SANITIZE MATCHES "undefined")
    list(APPEND _san -fno-sanitize-recover=undefined)
  endif()
  add_compile_options(${_san})
  add_link_options(${_san})
endif()
