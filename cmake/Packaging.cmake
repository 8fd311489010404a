# Debian packages: `cpack -G DEB` in a build directory (or the `package`
# preset) makes two packages from one build:
#   techpass           the CLI, its man pages and shell completions
#   techpass-emulator  the local portal and its man page
# Two, because operators install the CLI alone on their machines, while the
# emulator (SQLite, an HTTP server) belongs on developer machines and CI
# runners; the emulator's package recommends the CLI.
# Dependencies come from the shared libraries each binary links
# (dpkg-shlibdeps); binaries are stripped; the man pages and changelog are
# compressed as Debian policy wants.

set(TECHPASS_MAINTAINER "techpass maintainers <techpass-maintainers@tech.gov.sg>"
  CACHE STRING "Maintainer field of the Debian packages")

# Debian wants man pages and the changelog compressed with gzip -9n (no name,
# no time stamp: the same bytes on every build).
find_program(GZIP gzip REQUIRED)
set(_pkg ${PROJECT_BINARY_DIR}/packaging)
file(MAKE_DIRECTORY ${_pkg}/man ${_pkg}/doc)
file(GLOB _cli_pages CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.[1-9])
set(_pages ${_cli_pages} ${PROJECT_SOURCE_DIR}/emulator/techpass-emulator.1)
set(_compressed)
foreach(_page IN LISTS _pages)
  get_filename_component(_name ${_page} NAME)
  add_custom_command(OUTPUT ${_pkg}/man/${_name}.gz
    COMMAND ${GZIP} -9n -c ${_page} > ${_pkg}/man/${_name}.gz
    DEPENDS ${_page} VERBATIM)
  list(APPEND _compressed ${_pkg}/man/${_name}.gz)
endforeach()
string(TIMESTAMP _changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.in ${_pkg}/doc/changelog @ONLY)
add_custom_command(OUTPUT ${_pkg}/doc/changelog.gz
  COMMAND ${GZIP} -9n -c ${_pkg}/doc/changelog > ${_pkg}/doc/changelog.gz
  DEPENDS ${_pkg}/doc/changelog VERBATIM)
add_custom_target(techpass_package_files ALL DEPENDS ${_compressed} ${_pkg}/doc/changelog.gz)

foreach(_page IN LISTS _pages)
  get_filename_component(_name ${_page} NAME)
  string(REGEX REPLACE ".*\\.([1-9])$" "\\1" _section ${_name})
  set(_component cli)
  if(_name STREQUAL "techpass-emulator.1")
    set(_component emulator)
  endif()
  install(FILES ${_pkg}/man/${_name}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${_section}
    COMPONENT ${_component})
endforeach()
install(FILES completions/techpass.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
  RENAME techpass COMPONENT cli)
install(FILES completions/_techpass DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
  COMPONENT cli)
install(FILES completions/techpass.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d
  COMPONENT cli)
install(FILES ${_pkg}/doc/changelog.gz packaging/copyright
  DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/techpass COMPONENT cli)
install(FILES ${_pkg}/doc/changelog.gz packaging/copyright
  DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/techpass-emulator COMPONENT emulator)

set(CPACK_GENERATOR DEB)
# Each package's description below starts with its own synopsis line. CPack
# 3.25 prepends the package-wide summary to them unless it is CPack's own
# default, hence this (CMake issue 23032; fixed by per-component summaries later).
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_NAME techpass)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${TECHPASS_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli emulator)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${TECHPASS_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_CLI_PACKAGE_NAME techpass)
set(CPACK_DEBIAN_EMULATOR_PACKAGE_NAME techpass-emulator)
set(CPACK_DEBIAN_EMULATOR_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_EMULATOR_PACKAGE_RECOMMENDS techpass)
set(CPACK_DEBIAN_CLI_DESCRIPTION
"command-line administration for TechPass
techpass administers TechPass, the identity and access management service
of Singapore's Government Technology Stack, through its Automation API:
registering public officers, inviting and onboarding vendors (one at a time
or thousands from a spreadsheet, resumable), tenant namespaces and their
admins, groups, apps (redirect URLs, secrets, certificates, assignments),
API keys, webhooks and OTP whitelists, access reviews, and declarative
provisioning from a tenant file (plan, apply, export) for CI pipelines.

Endpoints and credentials come from TOML profiles (techpass-config(5)).
Man pages and bash, zsh and fish completions are included.")
set(CPACK_DEBIAN_EMULATOR_DESCRIPTION
"local TechPass portal for trying techpass and testing pipelines
techpass-emulator serves the TechPass Automation API and identity endpoints
that mirror the Microsoft identity platform (client credentials, device
code, authorization code with PKCE) on a loopback port, with its state in
SQLite. Test controls move its clock, show the mails it would send, and
inject faults, so that scripts and CI pipelines can be tested without the
real service.")
include(CPack)
