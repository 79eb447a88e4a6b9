#include "channels/quoted_printable.h"

#include <algorithm>
#include <string_view>

namespace qw {

std::string quoted_printable(const std::string& text)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (size_t start = 0; start < text.size();) {
        const size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line(text.data() + start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        size_t width = 0;
        for (size_t i = 0; i < line.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(line[i]);
            const bool blank = c == ' ' || c == '\t';
            std::string token(1, static_cast<char>(c));
            if (!((c >= 33 && c <= 126 && c != '=') || (blank && i + 1 < line.size())))
                token = {'=', hex[c >> 4], hex[c & 15]};
            if (width + token.size() > 75) {
                out += "=\r\n";
                width = 0;
            }
            out += token;
            width += token.size();
        }
        out += "\r\n";
        start = end + 1;
    }
    return out;
}

}  // namespace qw
