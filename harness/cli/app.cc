// corscheck's command line: subcommands are thin (parse options, call a module, map the outcome
// to an exit code, cli/exit_codes.h). main.cc calls Main(); an executable that links its own
// in-process adapters calls it too, after RegisterAdapter() (docs/adapters.md).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/exit_codes.h"
#include "cli/app.h"
#include "cli/model_command.h"
#include "cli/run_command.h"
#include "cli/serve_command.h"

namespace corscheck::cli {

int Main(int argc, char** argv) {
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
  model_cmd->add_option("--oracle", model.oracle, "Also run every case in a real browser and compare: chromium")
      ->check(CLI::IsMember({"chromium"}));
  model_cmd->add_option("--chromium", model.chromium, "Chromium executable for --oracle chromium");

  ServeOptions serve;
  CLI::App* serve_cmd = app.add_subcommand("serve", "Run the reference CORS server (correct, or with --fault mistakes)");
  serve_cmd->add_option("--policy", serve.policy, "Policy file (JSON); default: the demo policy");
  serve_cmd->add_option("--listen", serve.listen, "ADDRESS:PORT to listen on (port 0: any free port)")->capture_default_str();
  serve_cmd->add_option("--fault", serve.faults, "Reproduce a common CORS mistake (repeatable; --list-faults)");
  serve_cmd->add_option("--tls", serve.tls_host, "Serve https with a self-signed certificate for this host name");
  serve_cmd->add_flag("--list-faults", serve.list_faults, "List the faults and exit");

  auto add_target_flags = [](CLI::App* cmd, TargetFlags& f) {
    cmd->add_option("--concurrency", f.concurrency, "Requests in flight at once")->capture_default_str();
    cmd->add_option("--timeout", f.timeout_ms, "Read timeout per request, ms (total: 3x)")->capture_default_str();
    cmd->add_option("--connect-timeout", f.connect_timeout_ms, "Connect timeout, ms")->capture_default_str();
    cmd->add_option("--cacert", f.cacert, "PEM CA bundle to verify TLS with (default: the system store)");
    cmd->add_flag("--insecure,-k", f.insecure, "Do not verify TLS certificates");
    cmd->add_option("--resolve", f.resolve, "host:port:address, like curl (repeatable)");
    cmd->add_option("-H,--header", f.headers, "Extra request header 'Name: value' (repeatable; cookies, Authorization)");
    cmd->add_option("--rate", f.rate, "At most this many requests per second (0: unlimited)");
    cmd->add_option("--adapter-option", f.adapter_options, "Option for an adapter: target (repeatable; reference: fault names)");
  };
  auto add_output_flags = [](CLI::App* cmd, OutputFlags& f) {
    cmd->add_option("--format", f.formats, "console, json, junit, sarif, markdown, html, svg (repeatable, paired with -o)");
    cmd->add_option("-o,--output", f.outputs, "Output file for the --format at the same position ('-': stdout)");
    cmd->add_option("--fail-on", f.fail_on, "Exit 1 when a finding has this severity or higher")->capture_default_str();
    cmd->add_flag("--no-progress", f.no_progress, "No progress line");
    cmd->add_flag("!--no-color", f.color, "No colors on the console");
  };

  RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "Probe a target against its intended CORS policy and report every finding");
  run_cmd->add_option("target,--target", run.target, "http(s) URL, adapter:NAME or exec:'COMMAND'")->required();
  run_cmd->add_option("--policy", run.policy, "Policy file (JSON)")->required();
  run_cmd->add_option("--profile", run.profile, "Browser profile: chromium, spec, firefox, webkit")->capture_default_str();
  run_cmd->add_option("--probes,--cases", run.probes, "Probe template files or directories (default: the shipped ones; fuzz findings replay here)");
  run_cmd->add_option("--error-path", run.error_paths, "A path that answers 4xx/5xx (repeatable)");
  run_cmd->add_flag("--verify-in-browser", run.verify_in_browser,
                    "Replay each readable/blocked finding in headless Chromium against the target (http(s) URLs)");
  add_target_flags(run_cmd, run.target_flags);
  add_output_flags(run_cmd, run.output);

  FuzzOptions fuzz;
  CLI::App* fuzz_cmd = app.add_subcommand("fuzz", "Fuzz a live target: mutated origins, methods, headers, judged like run");
  fuzz_cmd->add_option("target,--target", fuzz.target, "http(s) URL, adapter:NAME or exec:'COMMAND'")->required();
  fuzz_cmd->add_option("--policy", fuzz.policy, "Policy file (JSON)")->required();
  fuzz_cmd->add_option("--profile", fuzz.profile, "Browser profile")->capture_default_str();
  fuzz_cmd->add_option("--duration", fuzz.duration, "Stop after this long (60s, 2m, 500ms); overrides --runs");
  fuzz_cmd->add_option("--runs", fuzz.runs, "Mutated probes after the seed probes")->capture_default_str();
  fuzz_cmd->add_option("--seed", fuzz.seed, "Random seed: the same seed replays the same campaign")->capture_default_str();
  fuzz_cmd->add_option("--save", fuzz.save, "Write unique findings as replayable probes here ('' to skip)")->capture_default_str();
  fuzz_cmd->add_option("--probes", fuzz.probes, "Seed probe templates (default: the shipped ones)");
  fuzz_cmd->add_option("--error-path", fuzz.error_paths, "A path that answers 4xx/5xx (repeatable)");
  fuzz_cmd->add_flag("--verify-in-browser", fuzz.verify_in_browser,
                     "Replay the unique findings that mean 'readable' or 'blocked' in headless Chromium");
  add_target_flags(fuzz_cmd, fuzz.target_flags);
  add_output_flags(fuzz_cmd, fuzz.output);

  ScanOptions scan;
  CLI::App* scan_cmd = app.add_subcommand("scan", "Why does my browser block this? Typical requests from ORIGIN, plus security probes");
  scan_cmd->add_option("url", scan.url, "The API URL the page calls")->required();
  scan_cmd->add_option("--origin", scan.origin, "The page's origin, e.g. https://app.example.com")->required();
  scan_cmd->add_option("--profile", scan.profile, "Browser profile")->capture_default_str();
  scan_cmd->add_flag("--verify-in-browser", scan.verify_in_browser,
                     "Replay each readable finding in headless Chromium against the URL");
  add_target_flags(scan_cmd, scan.target_flags);
  add_output_flags(scan_cmd, scan.output);

  std::string rules_format = "text";
  CLI::App* rules_cmd = app.add_subcommand("rules", "List the rule catalog");
  rules_cmd->add_option("--format", rules_format, "text, json or markdown")
      ->check(CLI::IsMember({"text", "json", "markdown"}))
      ->capture_default_str();

  OutputFlags demo;
  CLI::App* demo_cmd = app.add_subcommand("demo", "Run against the built-in reference server and common faulty variants");
  demo_cmd->add_flag("!--no-color", demo.color, "No colors");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (*model_cmd) return RunModelCommand(model, std::cout, std::cerr);
  if (*serve_cmd) return RunServeCommand(serve, std::cout, std::cerr);
  if (*run_cmd) return RunRunCommand(run, std::cout, std::cerr);
  if (*scan_cmd) return RunScanCommand(scan, std::cout, std::cerr);
  if (*fuzz_cmd) return RunFuzzCommand(fuzz, std::cout, std::cerr);
  if (*rules_cmd) return RunRulesCommand(rules_format, std::cout);
  if (*demo_cmd) return RunDemoCommand(demo, std::cout, std::cerr);
  return kExitUsage;
}

}  // namespace corscheck::cli
