# One ctest per golden and hostile case, so that `ctest -R golden/check/` picks one
# command's cases and a failure names its case. Conventions: tests/golden/README.md and
# tests/bad/README.md. CONFIGURE_DEPENDS: a new case file registers its test on the next build.

file(GLOB _golden_cases CONFIGURE_DEPENDS RELATIVE ${CMAKE_CURRENT_LIST_DIR}/golden
     ${CMAKE_CURRENT_LIST_DIR}/golden/*/*.cmd)
foreach(_case IN LISTS _golden_cases)
  string(REGEX REPLACE "\\.cmd$" "" _case "${_case}")
  add_test(NAME golden/${_case}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/golden/run_case.sh $<TARGET_FILE:proviso>
                   ${CMAKE_CURRENT_LIST_DIR}/golden/${_case})
  set_tests_properties(golden/${_case} PROPERTIES LABELS golden)
endforeach()

file(GLOB_RECURSE _hostile_cases CONFIGURE_DEPENDS RELATIVE ${CMAKE_CURRENT_LIST_DIR}/bad
     ${CMAKE_CURRENT_LIST_DIR}/bad/*.expected)
foreach(_case IN LISTS _hostile_cases)
  string(REGEX REPLACE "\\.expected$" "" _case "${_case}")
  add_test(NAME hostile/${_case}
           COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/bad/run.sh $<TARGET_FILE:proviso> ${_case})
  set_tests_properties(hostile/${_case} PROPERTIES LABELS hostile)
endforeach()
