// RFC 2045 quoted-printable, the body encoding of notify-smtp's mail: text
// that mail readers show as it travels, within SMTP's line limits.
#pragma once
#include <string>

namespace qw {

// Quoted-printable of UTF-8 text: \n line ends become CRLF, lines stay
// within 76 characters (soft breaks), '=', bytes outside printable ASCII and
// white space before a line end are encoded.
std::string quoted_printable(const std::string& text);

}  // namespace qw
