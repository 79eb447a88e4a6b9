// Secrets never leave a tool (DESIGN.md §4): every secret is registered when
// it is read, and redacted once, where text leaves the tool (stdout, stderr,
// the database), in the forms a server may echo it in.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace qw {

// Registers a secret of this process (shorter than 4 bytes: ignored).
void add_secret(std::string_view secret);

// Registers a secret URL (a webhook): the URL, its path and query, its last
// path segment (the token) and each query value of 8 bytes or more.
void add_url_secret(std::string_view url);

// Replaces each secret in text with "[redacted]": as it is, URL-encoded
// (either hex case, even mixed), JSON-escaped (\uXXXX, \/), and within
// Base64 or Base64url text at each of the three alignments (so also inside
// "Basic" user:key credentials).
void redact(std::string& text, const std::vector<std::string>& secrets);

// redact() with every registered secret.
void redact_secrets(std::string& text);

// Whether any secret is registered.
bool holds_secrets();

}  // namespace qw
