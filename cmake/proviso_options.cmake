# Warnings, sanitizers and fuzzing instrumentation for Proviso's own targets. They are
# applied PRIVATE to each target (proviso_target_options), never through a linked
# interface library, so nothing leaks to the consumers of an installed Proviso.
set(_proviso_warnings -Wall -Wextra -Wpedantic)
if(PROVISO_WERROR)
  list(APPEND _proviso_warnings -Werror)
endif()
# GCC 12's optimiser reports -Wrestrict on plain std::string concatenation (GCC bug
# 105329) and -Wmaybe-uninitialized on temporaries and inside Boost 1.74's graph
# iterators; both are false positives that no code change removes reliably, so with
# GCC < 13 they are off in optimised builds (Debug and sanitizer builds keep them).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND _proviso_warnings $<$<NOT:$<CONFIG:Debug>>:-Wno-restrict -Wno-maybe-uninitialized>)
endif()
set(_proviso_compile "")
set(_proviso_link "")
if(PROVISO_SANITIZE)
  list(JOIN PROVISO_SANITIZE "," _san)
  list(APPEND _proviso_compile -fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  list(APPEND _proviso_link -fsanitize=${_san})
endif()
if(PROVISO_FUZZ)
  # Instrument the libraries for coverage; only the fuzz executables link the driver.
  list(APPEND _proviso_compile -fsanitize=fuzzer-no-link,address,undefined)
  list(APPEND _proviso_link -fsanitize=address,undefined)
endif()

function(proviso_target_options target)
  target_compile_options(${target} PRIVATE ${_proviso_warnings} ${_proviso_compile})
  get_target_property(_type ${target} TYPE)
  if(NOT _type STREQUAL "STATIC_LIBRARY")
    target_link_options(${target} PRIVATE ${_proviso_link})
  endif()
endfunction()

# A room's library: proviso_<room>, alias proviso::<room>, public headers under
# <room>/include, private headers found from the room's folder.
function(proviso_room_library room)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(proviso_${room} STATIC ${ARG_SOURCES})
  add_library(proviso::${room} ALIAS proviso_${room})
  set_target_properties(proviso_${room} PROPERTIES EXPORT_NAME ${room} POSITION_INDEPENDENT_CODE ON)
  target_include_directories(proviso_${room}
    PUBLIC $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_features(proviso_${room} PUBLIC cxx_std_20)
  proviso_target_options(proviso_${room})
endfunction()
