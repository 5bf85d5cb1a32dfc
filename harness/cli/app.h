// The corscheck command line as a function, so an executable can register in-process adapters
// (corscheck/adapter.hpp) and then hand over: `return corscheck::cli::Main(argc, argv);`.
#pragma once

namespace corscheck::cli {

int Main(int argc, char** argv);

}  // namespace corscheck::cli
