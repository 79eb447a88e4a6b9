// The few cryptographic pieces the channels need, over OpenSSL: Base64,
// HMAC-SHA256 (Feishu's signature) and random bytes (mail Message-IDs).
#pragma once
#include <string>
#include <string_view>

namespace qw {

// Standard Base64 with + / and = padding, on one line.
std::string base64(std::string_view bytes);

// The 32-byte HMAC-SHA256 of message under key.
std::string hmac_sha256(std::string_view key, std::string_view message);

// n random bytes as 2n lowercase hex digits.  Throws Error when the system
// has no randomness to give.
std::string random_hex(size_t n);

}  // namespace qw
