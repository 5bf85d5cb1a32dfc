#include "cli/serve_command.h"

#include <csignal>
#include <ostream>

#include <pthread.h>

#include "cases/policy_loader.h"
#include "cli/exit_codes.h"
#include "target/factory.h"
#include "target/reference.h"
#include "transport/http_server.h"
#include "transport/tls_cert.h"

namespace corscheck::cli {

int RunServeCommand(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  if (options.list_faults) {
    for (target::Fault f : target::AllFaults()) out << target::Name(f) << "\t" << target::Describe(f) << "\n";
    return kExitOk;
  }
  target::ReferenceOptions reference;
  if (options.policy.empty()) {
    reference.policy = target::DemoPolicy();
  } else {
    auto policy = cases::LoadPolicy(options.policy);
    if (!policy) {
      err << "corscheck serve: " << policy.error().message << "\n";
      return kExitUsage;
    }
    reference.policy = *policy;
  }
  for (const std::string& name : options.faults) {
    const auto fault = target::FaultFromName(name);
    if (!fault) {
      err << "corscheck serve: --fault: unknown fault '" << name << "' (corscheck serve --list-faults)\n";
      return kExitUsage;
    }
    reference.faults.push_back(*fault);
  }
  const std::size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos || options.listen.find_first_not_of("0123456789", colon + 1) != std::string::npos ||
      colon + 1 == options.listen.size() || std::stoul(options.listen.substr(colon + 1)) > 65535) {
    err << "corscheck serve: --listen: expected ADDRESS:PORT, got '" << options.listen << "'\n";
    return kExitUsage;
  }
  std::string address = options.listen.substr(0, colon);
  if (address.size() > 2 && address.front() == '[') address = address.substr(1, address.size() - 2);
  const auto port = static_cast<std::uint16_t>(std::stoul(options.listen.substr(colon + 1)));

  transport::HttpServerOptions server_options;
  if (!options.tls_host.empty()) {
    auto cert = transport::MakeSelfSignedCertificate({options.tls_host}, {"127.0.0.1", "::1"});
    if (!cert) {
      err << "corscheck serve: " << cert.error().message << "\n";
      return kExitUsage;
    }
    server_options.cert_pem = cert->cert_pem;
    server_options.key_pem = cert->key_pem;
    out << cert->cert_pem;  // so a client can trust it (--cacert)
  }
  // Block SIGINT/SIGTERM before any server thread exists, so a signal that arrives at any point
  // after "listening" is printed waits for sigwait() below instead of killing the process.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  transport::HttpServer server([reference](const core::HttpRequest& r) { return target::HandleReferenceRequest(reference, r); },
                               server_options);
  auto started = server.Start(address, port);
  if (!started) {
    err << "corscheck serve: " << started.error().message << "\n";
    return kExitUsage;
  }
  out << "corscheck serve: listening on " << server.BaseUrl();
  if (!reference.faults.empty()) {
    out << " with faults:";
    for (target::Fault f : reference.faults) out << " " << target::Name(f);
  }
  out << std::endl;
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  server.Stop();
  return kExitOk;
}

}  // namespace corscheck::cli
