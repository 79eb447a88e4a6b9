#include "display.h"

#include "redact.h"

#include <cstdint>

namespace qw {

namespace {

bool wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x1F680 && c <= 0x1F6FF) ||
           (c >= 0x20000 && c <= 0x3FFFD) || c == 0x2705 || c == 0x274C || c == 0x2753 ||
           (c >= 0x231A && c <= 0x231B) || (c >= 0x23E9 && c <= 0x23EC) || c == 0x23F0 ||
           c == 0x23F3 || (c >= 0x25FD && c <= 0x25FE) || (c >= 0x2614 && c <= 0x2615) ||
           c == 0x26A1 || c == 0x26D4 || c == 0x26EA || c == 0x2B50;
}

bool zero_width(uint32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || c == 0x200B || c == 0x200D ||
           (c >= 0xFE00 && c <= 0xFE0F);
}

// The length of the UTF-8 character at s[i], or 0 when the bytes there are
// not one (overlong forms and surrogates included, as simdjson judges).
size_t utf8_length(const std::string& s, size_t i)
{
    const unsigned char c = static_cast<unsigned char>(s[i]);
    unsigned char lo = 0x80, hi = 0xBF;
    size_t n;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (i + n > s.size() || static_cast<unsigned char>(s[i + 1]) < lo ||
        static_cast<unsigned char>(s[i + 1]) > hi)
        return 0;
    for (size_t k = 2; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
            return 0;
    return n;
}

}  // namespace

size_t display_width(std::string_view s)
{
    size_t width = 0;
    uint32_t prev = 0;
    for (size_t i = 0; i < s.size();) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
        uint32_t c = len == 1 ? b : b & (0x3F >> (len - 1));
        for (int k = 1; k < len && i + k < s.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += len;
        if (c == 0xFE0F && prev && !wide(prev))
            ++width;                              // emoji presentation: ⚠️ ℹ️ take two
        else if (!zero_width(c))
            width += wide(c) ? 2 : 1;
        prev = c;
    }
    return width;
}

std::string pad(std::string_view s, size_t width)
{
    std::string out(s);
    for (size_t w = display_width(s); w < width; ++w)
        out += ' ';
    return out;
}

std::string one_line(std::string s)
{
    for (size_t i = 0; i < s.size();) {
        const size_t n = utf8_length(s, i);
        if (n == 0)
            s[i] = '?';                          // a record must stay valid JSON text
        i += n ? n : 1;
    }
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
    redact_secrets(s);                           // before the cut: no part of a key survives
    if (s.size() > 200) {
        size_t cut = 200;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
            --cut;                               // keep UTF-8 whole
        s = s.substr(0, cut) + "...";
    }
    return s;
}

}  // namespace qw
