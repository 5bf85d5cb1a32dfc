// The response parser both the HTTP target and ParseHttpResponse use. Beast's response_parser
// stores fields in http::fields, which inserts a repeated name right after the last field of that
// name (the wire order of interleaved lines is lost) and appends chunked trailer fields to the
// header. This parser records each header line as it arrives, in order, and ignores trailers (a
// browser never reads CORS headers from a trailer). Only transport/ includes it.
#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <string>

#include "core/http.h"

namespace corscheck::transport {

class WireOrderParser final : public boost::beast::http::basic_parser<false> {
  using error_code = boost::beast::error_code;
  using string_view = boost::beast::string_view;

 public:
  core::HttpResponse response;

 private:
  void on_request_impl(boost::beast::http::verb, string_view, string_view, int, error_code&) override {}
  void on_response_impl(int code, string_view reason, int, error_code& ec) override {
    // Beast takes any three digits; 000..099 is no status a server can mean (RFC 9110 §15).
    if (code < 100) ec = boost::beast::http::error::bad_status;
    response.status = code;
    response.reason = std::string(reason);
  }
  void on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code&) override {
    if (!is_header_done()) response.headers.Append(std::string(name), std::string(value));
  }
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) override {}
  std::size_t on_body_impl(string_view body, error_code&) override {
    response.body.append(body.data(), body.size());
    return body.size();
  }
  void on_chunk_header_impl(std::uint64_t, string_view, error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t, string_view body, error_code&) override {
    response.body.append(body.data(), body.size());
    return body.size();
  }
  void on_finish_impl(error_code&) override {}
};

}  // namespace corscheck::transport
