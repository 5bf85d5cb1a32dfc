#include "cli/app.h"

int main(int argc, char** argv) { return corscheck::cli::Main(argc, argv); }
