# Every dependency comes from a Debian package; nothing is downloaded.
# A missing one stops configuration with the package to install.
find_package(PkgConfig QUIET)

macro(techpass_require found debian_package what)
  if(NOT ${found})
    message(FATAL_ERROR
      "${what} was not found. Install it with:\n"
      "  apt-get install ${debian_package}\n"
      "(or run scripts/install-deps, which installs every build dependency)")
  endif()
endmacro()

if(NOT PkgConfig_FOUND)
  techpass_require(PkgConfig_FOUND pkg-config "pkg-config")
endif()

find_package(CLI11 CONFIG QUIET)
techpass_require(CLI11_FOUND libcli11-dev "CLI11")
find_package(nlohmann_json CONFIG QUIET)
techpass_require(nlohmann_json_FOUND nlohmann-json3-dev "nlohmann/json")
find_package(fmt CONFIG QUIET)
techpass_require(fmt_FOUND libfmt-dev "fmt")
find_package(tomlplusplus CONFIG QUIET)
techpass_require(tomlplusplus_FOUND libtomlplusplus-dev "toml++")
# fmt and toml++ are compiled into our code from their headers rather than
# linked as shared libraries: every run of techpass would otherwise load and
# relocate two more C++ libraries, and the C++ runtime they need (see
# cli/CMakeLists.txt), a measurable part of its start-up time. Each is
# compiled once, in its own small static library (lib/techpass_fmt.cpp,
# lib/techpass_toml.cpp); defining FMT_HEADER_ONLY everywhere compiled fmt
# again in every file. Sanitizer builds, where start-up time does not
# matter, link the shared libraries.
if(NOT TARGET techpass::fmt)
  add_library(techpass::fmt INTERFACE IMPORTED)
  if(TECHPASS_SANITIZE)
    set_target_properties(techpass::fmt PROPERTIES INTERFACE_LINK_LIBRARIES fmt::fmt)
  else()
    add_library(techpass_fmt STATIC ${PROJECT_SOURCE_DIR}/lib/techpass_fmt.cpp)
    target_include_directories(techpass_fmt SYSTEM PUBLIC
      $<TARGET_PROPERTY:fmt::fmt,INTERFACE_INCLUDE_DIRECTORIES>)
    set_target_properties(techpass::fmt PROPERTIES INTERFACE_LINK_LIBRARIES techpass_fmt)
  endif()
endif()
if(NOT TARGET techpass::toml)
  add_library(techpass::toml INTERFACE IMPORTED)
  if(TECHPASS_SANITIZE)
    set_target_properties(techpass::toml PROPERTIES
      INTERFACE_LINK_LIBRARIES tomlplusplus::tomlplusplus)
  else()
    get_target_property(_toml_include tomlplusplus::tomlplusplus INTERFACE_INCLUDE_DIRECTORIES)
    add_library(techpass_toml STATIC ${PROJECT_SOURCE_DIR}/lib/techpass_toml.cpp)
    target_include_directories(techpass_toml SYSTEM PUBLIC ${_toml_include})
    target_compile_definitions(techpass_toml PUBLIC TOML_HEADER_ONLY=0)
    set_target_properties(techpass::toml PROPERTIES INTERFACE_LINK_LIBRARIES techpass_toml)
  endif()
endif()
find_package(CURL QUIET)
techpass_require(CURL_FOUND libcurl4-openssl-dev "libcurl")
find_package(SQLite3 QUIET)
techpass_require(SQLite3_FOUND libsqlite3-dev "SQLite")
find_package(OpenSSL 3 QUIET)
techpass_require(OPENSSL_FOUND libssl-dev "OpenSSL 3")
pkg_check_modules(HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
techpass_require(HTTPLIB_FOUND libcpp-httplib-dev "cpp-httplib")
# The receiver of `techpass webhooks listen`: a C library, so that techpass
# still loads no shared C++ runtime (cpp-httplib is one, for the emulator).
pkg_check_modules(MHD QUIET IMPORTED_TARGET libmicrohttpd)
techpass_require(MHD_FOUND libmicrohttpd-dev "GNU libmicrohttpd")

find_path(JQ_INCLUDE_DIR jq.h)
find_library(JQ_LIBRARY jq)
if(JQ_INCLUDE_DIR AND JQ_LIBRARY)
  set(JQ_FOUND TRUE)
endif()
techpass_require(JQ_FOUND libjq-dev "libjq")
if(NOT TARGET techpass::jq)
  add_library(techpass::jq UNKNOWN IMPORTED)
  set_target_properties(techpass::jq PROPERTIES
    IMPORTED_LOCATION "${JQ_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${JQ_INCLUDE_DIR}")
endif()

if(TECHPASS_BUILD_TESTS)
  find_package(doctest CONFIG QUIET)
  techpass_require(doctest_FOUND doctest-dev "doctest")
endif()

find_package(Threads REQUIRED)
