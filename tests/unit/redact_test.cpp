#include "display.h"
#include "redact.h"

#include <doctest/doctest.h>

#include <string>

using namespace qw;

namespace {

const std::string key = "sk-QWcanary-7f3a9c1e5b2d4a6f8e0c1b3d5f7a9e2c4b6d8f0";

std::string redacted(std::string text)
{
    redact(text, {key});
    return text;
}

std::string b64(const std::string& s)
{
    static const char d[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (size_t i = 0; i < s.size(); i += 3) {
        unsigned n = static_cast<unsigned char>(s[i]) << 16;
        if (i + 1 < s.size()) n |= static_cast<unsigned char>(s[i + 1]) << 8;
        if (i + 2 < s.size()) n |= static_cast<unsigned char>(s[i + 2]);
        for (size_t k = 0; k < 4; ++k)
            out += i + k <= s.size() + (k == 0) ? d[(n >> (18 - 6 * k)) & 63] : '=';
    }
    return out;
}

std::string url_encoded(const std::string& s, bool upper)
{
    std::string out;
    for (unsigned char c : s) {
        char buf[4];
        std::snprintf(buf, sizeof buf, upper ? "%%%02X" : "%%%02x", c);
        out += buf;
    }
    return out;
}

}  // namespace

TEST_CASE("redact: the raw key, every occurrence")
{
    CHECK(redacted("bad key " + key + " (" + key + ")") == "bad key [redacted] ([redacted])");
}

TEST_CASE("redact: URL-encoded in either hex case, and mixed")
{
    CHECK(redacted("k=" + url_encoded(key, true)) == "k=[redacted]");
    CHECK(redacted("k=" + url_encoded(key, false)) == "k=[redacted]");
    std::string mixed = key.substr(0, 10) + url_encoded(key.substr(10), false);
    CHECK(redacted(mixed + "&") == "[redacted]&");
}

TEST_CASE("redact: JSON escapes")
{
    std::string escaped;
    for (char c : key) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned char>(c));
        escaped += buf;
    }
    CHECK(redacted("{\"m\":\"" + escaped + "\"}") == "{\"m\":\"[redacted]\"}");
    std::string lower = "sk\\u002dQWcanary" + key.substr(11);
    CHECK(redacted(lower).find("QWcanary") == std::string::npos);
    CHECK(redacted("a\\/b/c") == "a\\/b/c");
    // An escape written into JSON once more: \\u0073k-...
    CHECK(redacted("\\\\u0073" + key.substr(1)) == "[redacted]");
    std::string slashed = "x/y/" + key;
    std::string text = "x\\/y\\/" + key;
    std::string once = text;
    redact(once, {slashed});
    CHECK(once == "[redacted]");
}

TEST_CASE("redact: Base64 and Base64url at each alignment, inside Basic credentials")
{
    for (const std::string prefix : {"", "u:", "us:", "usr:"}) {
        std::string text = "Authorization: Basic " + b64(prefix + key);
        std::string shown = redacted(text);
        CAPTURE(text);
        CHECK(shown.find("[redacted]") != std::string::npos);
        // Left: the prefix's digits, the key's two edge digits and the padding.
        CHECK(shown.size() <= std::string("Authorization: Basic ").size() + 6 + 2 + 10 + 2);
        std::string url = b64(prefix + key);
        for (char& c : url)
            c = c == '+' ? '-' : c == '/' ? '_' : c;
        CHECK(redacted(url).find("[redacted]") != std::string::npos);
    }
}

TEST_CASE("registered secrets: redacted before a message is cut to one line")
{
    add_secret(key);
    std::string message = std::string(170, 'x') + " key " + key + " rejected";
    std::string line = one_line(message);
    CHECK(line.find(key.substr(0, 12)) == std::string::npos);
    CHECK(line.find("[redacted]") != std::string::npos);
}

TEST_CASE("a secret URL: the URL, its path, its token and its query values")
{
    add_url_secret("https://discord.com/api/webhooks/4711/tok-QWcanary-hook?thread_id=1&token=QWcanary-query");
    for (const char* echo : {"tok-QWcanary-hook", "token=QWcanary-query",
                             "/api/webhooks/4711/tok-QWcanary-hook?thread_id=1"}) {
        std::string text = std::string("echo: ") + echo;
        redact_secrets(text);
        CAPTURE(text);
        CHECK(text.find("QWcanary") == std::string::npos);
    }
}
