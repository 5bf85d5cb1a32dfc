// corscheck: CORS conformance and fuzz suite. Subcommands are thin: parse options, call a module,
// map the outcome to an exit code (cli/exit_codes.h).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/exit_codes.h"
#include "cli/model_command.h"
#include "cli/serve_command.h"

int main(int argc, char** argv) {
  using namespace corscheck::cli;
  CLI::App app{"corscheck: browser-faithful CORS conformance and fuzz testing"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("corscheck 0.1.0"));

  ModelOptions model;
  CLI::App* model_cmd = app.add_subcommand("model", "Evaluate browser-model cases (conformance/model) and check their expectations");
  model_cmd->add_option("--cases", model.cases, "Case files or directories")->required();
  model_cmd->add_option("--profile", model.profile, "Browser profile: spec, chromium, firefox, webkit")
      ->check(CLI::IsMember({"spec", "chromium", "firefox", "webkit"}))
      ->capture_default_str();
  model_cmd->add_option("--format", model.format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  model_cmd->add_flag("--only-failures", model.only_failures, "Print only failing cases");

  ServeOptions serve;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Run the reference CORS server (correct, or with --fault mistakes)");
  serve_cmd->add_option("--policy", serve.policy, "Policy file (JSON); default: the demo policy");
  serve_cmd->add_option("--listen", serve.listen, "ADDRESS:PORT to listen on (port 0: any free port)")->capture_default_str();
  serve_cmd->add_option("--fault", serve.faults, "Reproduce a common CORS mistake (repeatable; --list-faults)");
  serve_cmd->add_option("--tls", serve.tls_host, "Serve https with a self-signed certificate for this host name");
  serve_cmd->add_flag("--list-faults", serve.list_faults, "List the faults and exit");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (*model_cmd) return RunModelCommand(model, std::cout, std::cerr);
  if (*serve_cmd) return RunServeCommand(serve, std::cout, std::cerr);
  return kExitUsage;
}
