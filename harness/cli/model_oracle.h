// `corscheck model --oracle chromium`: the model checked against a real headless Chromium.
#pragma once

#include <iosfwd>
#include <vector>

#include "cases/model_case.h"
#include "cli/model_command.h"
#include "model/profile.h"

namespace corscheck::cli {

// Runs every case in Chromium and in the model (under `profile`) and reports agreement per case.
// Exit 0: every case that claims chromium agrees; 1: one differs or could not run; 2: no Chromium.
int RunModelOracle(const ModelOptions& options, const std::vector<cases::ModelCase>& cases, model::ProfileId profile,
                   std::ostream& out, std::ostream& err);

}  // namespace corscheck::cli
