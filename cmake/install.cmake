# `cmake --install` puts the proviso program, the room libraries, their public headers
# and a CMake package in the prefix: find_package(proviso CONFIG REQUIRED) then gives
# proviso::runtime, proviso::compiler and proviso::analysis.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS proviso RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS proviso_base proviso_program proviso_compiler proviso_runtime proviso_analysis
        EXPORT proviso-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
foreach(_room base program compiler runtime analysis)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${_room}/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endforeach()
install(EXPORT proviso-targets NAMESPACE proviso:: FILE proviso-targets.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/proviso)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/proviso-config.cmake.in
  ${PROJECT_BINARY_DIR}/proviso-config.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/proviso)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/proviso-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/proviso-config.cmake ${PROJECT_BINARY_DIR}/proviso-config-version.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/proviso)
