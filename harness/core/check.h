// CORSCHECK_CHECK: an always-on assertion for bugs in corscheck itself (never for anything a
// target or an input file controls). Prints file:line and aborts.
#pragma once

#include <cstdio>
#include <cstdlib>

#define CORSCHECK_CHECK(cond)                                                                  \
  do {                                                                                         \
    if (!(cond)) {                                                                             \
      std::fprintf(stderr, "%s:%d: corscheck internal check failed: %s\n", __FILE__, __LINE__, \
                   #cond);                                                                     \
      std::abort();                                                                            \
    }                                                                                          \
  } while (0)
