// The SMTP transport over libcurl: the one file besides http.cpp that
// includes curl.  STARTTLS is required on smtp:// (CURLUSESSL_ALL) unless
// the configuration asks for clear text, TLS is implicit on smtps://,
// certificates are always verified.  EHLO names the system's FQDN.
#pragma once
#include "channels/smtp.h"

#include <string>
#include <vector>

namespace qw {

// A recipient the server refused, and how: its reply to RCPT TO.
struct Refusal {
    std::string address;
    long code = 0;                      // 4xx: for now, 5xx: for good
    std::string reply;                  // the server's words, on one line
};

// "ADDRESS refused: REPLY".
std::string refusal_text(const Refusal& r);

// Sends one RFC 5322 message (CRLF line ends; libcurl adds the dot-stuffing
// and the final dot) to config.to.  4xx replies, connection errors and
// timeouts are retried; 5xx replies, a refused login, missing STARTTLS and a
// bad certificate fail.  A recipient the server refuses does not stop the
// others (CURLOPT_MAIL_RCPT_ALLOWFAILS): refused gets each, with the
// server's words; when every recipient is refused, the attempt fails
// (retried when every refusal is 4xx) with those lines.
Attempt smtp_send(const MailConfig& config, const std::string& message, const std::string& cacert,
                  long timeout_ms, std::vector<Refusal>& refused);

// The host name EHLO gives: the system's FQDN (its canonical name), else
// its host name.  Empty when it has none.
std::string ehlo_name();

// url with the EHLO name as its path (libcurl says EHLO with the path), unless
// the URL already has a path or name is empty.
std::string url_with_ehlo(const std::string& url, const std::string& name);

}  // namespace qw
