// The SMTP transport over libcurl: the one file besides http.cpp that
// includes curl.  STARTTLS is required on smtp:// (CURLUSESSL_ALL), TLS is
// implicit on smtps://, certificates are always verified.
#pragma once
#include "channels/smtp.h"

#include <string>

namespace qw {

// Sends one RFC 5322 message (CRLF line ends; libcurl adds the dot-stuffing
// and the final dot).  4xx replies, connection errors and timeouts are
// retried; 5xx replies, a refused login, missing STARTTLS and a bad
// certificate fail.
Attempt smtp_send(const MailConfig& config, const std::string& message, const std::string& cacert,
                  long timeout_ms);

}  // namespace qw
