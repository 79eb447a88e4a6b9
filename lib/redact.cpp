#include "redact.h"

#include <algorithm>
#include <mutex>

namespace qw {

namespace {

const char marker[] = "[redacted]";

std::mutex registry_lock;
std::vector<std::string> registry;

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The byte the hex digits at text[i], text[i + 1] spell, or -1.
int hex_byte(std::string_view text, size_t i)
{
    if (i + 1 >= text.size())
        return -1;
    int hi = hex_value(text[i]), lo = hex_value(text[i + 1]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

// How many bytes of text at i spell the byte c: itself, %XX, \uXXXX or a
// JSON short escape (with any number of backslashes: an escape written
// into JSON again); 0 when they do not.
size_t spelled(std::string_view text, size_t i, unsigned char c)
{
    if (static_cast<unsigned char>(text[i]) == c)
        return 1;
    if (text[i] == '%' && hex_byte(text, i + 1) == c)
        return 3;
    size_t at = i;
    while (at < text.size() && text[at] == '\\')
        ++at;
    if (at == i || at >= text.size())
        return 0;
    const size_t slashes = at - i;
    const char e = text[at];
    if (e == 'u' && at + 4 < text.size() && hex_byte(text, at + 1) == 0 &&
        hex_byte(text, at + 3) == c)
        return slashes + 5;
    const char* shorts = "\"\"//b\bf\fn\nr\rt\t";
    for (const char* p = shorts; *p; p += 2)
        if (e == p[0] && c == static_cast<unsigned char>(p[1]))
            return slashes + 1;
    return 0;
}

// The end of secret spelt out in text from i, or 0 when it is not there.
size_t match(std::string_view text, size_t i, std::string_view secret)
{
    for (unsigned char c : secret) {
        if (i >= text.size())
            return 0;
        size_t n = spelled(text, i, c);
        if (n == 0)
            return 0;
        i += n;
    }
    return i;
}

// Standard Base64 without padding; here rather than the channels' OpenSSL
// one, so that a tool that holds no secret does not load libcrypto.
std::string base64(std::string_view bytes)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int have = 0;
    for (unsigned char c : bytes) {
        bits = (bits << 8) | c;
        for (have += 8; have >= 6; have -= 6)
            out += digits[(bits >> (have - 6)) & 63];
    }
    if (have > 0)
        out += digits[(bits << (6 - have)) & 63];
    return out;
}

// The Base64 digits that depend on secret alone when it starts `shift` bytes
// into the encoded text (0, 1 or 2), in both alphabets.
void base64_cores(std::string_view secret, std::vector<std::string>& out)
{
    for (size_t shift = 0; shift < 3; ++shift) {
        const std::string text = base64(std::string(shift, '\0') + std::string(secret));
        const size_t first = (8 * shift + 5) / 6;              // the first whole digit
        const size_t last = 8 * (shift + secret.size()) / 6;   // one past the last
        if (last <= first + 8)
            continue;
        std::string core = text.substr(first, last - first);
        out.push_back(core);
        for (char& c : core)
            c = c == '+' ? '-' : c == '/' ? '_' : c;
        out.push_back(core);
    }
}

void replace_all(std::string& text, const std::string& what)
{
    for (size_t pos = 0; (pos = text.find(what, pos)) != std::string::npos;
         pos += sizeof marker - 1)
        text.replace(pos, what.size(), marker);
}

}  // namespace

void add_secret(std::string_view secret)
{
    if (secret.size() < 4)
        return;
    std::lock_guard<std::mutex> hold(registry_lock);
    for (const std::string& s : registry)
        if (s == secret)
            return;
    // Longest first: a URL goes before the token inside it.
    auto at = std::find_if(registry.begin(), registry.end(),
                           [&](const std::string& s) { return s.size() < secret.size(); });
    registry.emplace(at, secret);
}

void add_url_secret(std::string_view url)
{
    add_secret(url);
    const size_t scheme = url.find("://");
    const size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
    if (path == std::string_view::npos)
        return;
    add_secret(url.substr(path));
    std::string_view before_query = url.substr(0, url.find_first_of("?#"));
    std::string_view token = before_query.substr(before_query.rfind('/') + 1);
    if (token.size() >= 8)
        add_secret(token);
    const size_t q = url.find('?');
    for (size_t pos = q; pos != std::string_view::npos && pos < url.size();) {
        const size_t end = std::min(url.find_first_of("&#", pos + 1), url.size());
        std::string_view pair = url.substr(pos + 1, end - pos - 1);
        if (size_t eq = pair.find('='); eq != std::string_view::npos && pair.size() - eq > 8)
            add_secret(pair.substr(eq + 1));
        pos = end < url.size() && url[end] == '&' ? end : std::string_view::npos;
    }
}

void redact(std::string& text, const std::vector<std::string>& secrets)
{
    for (const std::string& s : secrets) {
        if (s.size() < 4)
            continue;
        std::string out;
        size_t done = 0;
        for (size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (c != s[0] && c != '%' && c != '\\')
                continue;
            if (size_t end = match(text, i, s)) {
                out.append(text, done, i - done);
                out += marker;
                done = end;
                i = end - 1;
            }
        }
        if (done > 0) {
            out.append(text, done, std::string::npos);
            text = std::move(out);
        }
        if (s.size() >= 8) {
            std::vector<std::string> cores;
            base64_cores(s, cores);
            for (const std::string& core : cores)
                replace_all(text, core);
        }
    }
}

bool holds_secrets()
{
    std::lock_guard<std::mutex> hold(registry_lock);
    return !registry.empty();
}

void redact_secrets(std::string& text)
{
    std::lock_guard<std::mutex> hold(registry_lock);
    if (!registry.empty())
        redact(text, registry);
}

}  // namespace qw
