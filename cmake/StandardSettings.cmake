# Settings for our own targets only: link techpass_settings to apply them.
# Third-party headers come from /usr/include and imported targets, which are
# treated as system headers, so these warnings never fire on them.
add_library(techpass_settings INTERFACE)
target_compile_options(techpass_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
# -Wnull-dereference: clang's is a check of the source; g++'s follows the
# optimiser's data flow, and once a unity batch lets it inline across files it
# reports null dereferences inside nlohmann/json's get<std::string>() that
# cannot happen (the type is checked first). Only clang (the asan preset) runs it.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  target_compile_options(techpass_settings INTERFACE -Wnull-dereference)
endif()
if(TECHPASS_WARNINGS_AS_ERRORS)
  target_compile_options(techpass_settings INTERFACE -Werror)
endif()
target_compile_definitions(techpass_settings INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)

if(TECHPASS_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_compile_options(techpass_settings INTERFACE ${_san})
  target_link_options(techpass_settings INTERFACE ${_san})
  # Position-dependent executables: the instrumented binaries carry millions
  # of relative relocations (the sanitizers' data), which a PIE applies at
  # every start: a sanitized techpass started in 0.58 s as a PIE and in
  # 0.21 s without (clang 14), and the test suite starts it thousands of times.
  target_compile_options(techpass_settings INTERFACE -fno-pie)
  target_link_options(techpass_settings INTERFACE -no-pie)
endif()

# The fuzz preset: every file of ours reports coverage to libFuzzer, so that
# the fuzz targets (fuzz/) explore the parsers' branches, not only their own.
if(TECHPASS_FUZZ)
  target_compile_options(techpass_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
