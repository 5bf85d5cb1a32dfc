# Compile flags travel through INTERFACE targets, never through global CMAKE_CXX_FLAGS.
add_library(corscheck_warnings INTERFACE)
target_compile_options(corscheck_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual
  -Wimplicit-fallthrough)

add_library(corscheck_sanitizers INTERFACE)
if(CORSCHECK_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    list(APPEND _san -fno-sanitize=function)  # clang 14 + coroutines under UBSan
  endif()
  target_compile_options(corscheck_sanitizers INTERFACE ${_san})
  target_link_options(corscheck_sanitizers INTERFACE ${_san})
endif()

# Every corscheck library and executable links this one.
add_library(corscheck_options INTERFACE)
target_link_libraries(corscheck_options INTERFACE corscheck_warnings corscheck_sanitizers)

# corscheck_add_test(NAME SOURCES... LIBS ... LABELS ...): one GoogleTest executable per module.
function(corscheck_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  if(NOT CORSCHECK_TESTS)
    return()
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest_main GTest::gmock corscheck_options)
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "${T_LABELS}"
                       WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endfunction()
