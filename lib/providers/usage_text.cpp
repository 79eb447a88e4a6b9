#include "providers/usage_text.h"

#include "display.h"
#include "error.h"
#include "json.h"
#include "providers/kimi_code.h"
#include "timeutil.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace qw {

namespace {

std::string_view trim(std::string_view s, std::string_view junk = " \t\r")
{
    size_t b = s.find_first_not_of(junk);
    if (b == std::string_view::npos)
        return {};
    return s.substr(b, s.find_last_not_of(junk) - b + 1);
}

// The text without terminal colour codes (ESC [ ... final byte).
std::string strip_ansi(std::string_view s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
            i += 2;
            while (i < s.size() && !(s[i] >= 0x40 && s[i] <= 0x7e))
                ++i;
            continue;
        }
        out += s[i];
    }
    return out;
}

// The label in front of the bar: the first piece of text between frame and
// bar characters (U+2500..U+259F and '|'), without padding or ASCII bars.
std::string label_of(std::string_view prefix)
{
    std::string s;
    for (size_t i = 0; i < prefix.size(); ++i) {
        auto c = static_cast<unsigned char>(prefix[i]);
        auto next = i + 1 < prefix.size() ? static_cast<unsigned char>(prefix[i + 1]) : 0;
        if (c == 0xE2 && next >= 0x94 && next <= 0x96 && i + 2 < prefix.size()) {
            s += '|';
            i += 2;
        } else {
            s += prefix[i];
        }
    }
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = std::min(s.find('|', start), s.size());
        std::string_view piece = trim(std::string_view(s).substr(start, end - start),
                                      " \t\r.:#=[]");
        if (!piece.empty())
            return std::string(piece);
        start = end + 1;
    }
    return {};
}

// The window a label names, as the API path names it: "Weekly limit" is
// weekly, "5h limit" is 5h; any other label is kept, in lower case.
std::string window_of(std::string label, size_t index)
{
    std::transform(label.begin(), label.end(), label.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string suffix = " limit";
    if (label.size() > suffix.size() &&
        label.compare(label.size() - suffix.size(), suffix.size(), suffix) == 0)
        label.resize(label.size() - suffix.size());
    if (label.empty())
        return "limit-" + std::to_string(index);
    if (label == "weekly")
        return "weekly";
    if (label.rfind("limit #", 0) == 0)
        return "limit-" + label.substr(7);
    if (auto s = parse_duration(label); s && *s > 0)
        return kimi_code_window(*s);
    std::replace(label.begin(), label.end(), ' ', '-');
    return label;
}

Record percent_record(const Record& base, const std::string& window, double left,
                      std::optional<int64_t> resets_at)
{
    Record r = base;
    r.kind = "quota";
    r.window = window;
    r.unit = "%";
    r.used_pct = 100 - left;
    if (resets_at)
        r.resets_at = format_rfc3339(*resets_at);
    r.status = "ok";
    return r;
}

// The reset time of a "(resets in 2d 3h 4m)" or "(resets at TIME)" hint.
std::optional<int64_t> reset_of(std::string_view rest, int64_t now)
{
    size_t open = rest.find('(');
    size_t close = rest.find(')', open);
    if (open == std::string_view::npos || close == std::string_view::npos)
        return std::nullopt;
    std::string_view hint = trim(rest.substr(open + 1, close - open - 1));
    if (hint.rfind("resets in ", 0) == 0) {
        if (auto s = parse_reset_in(hint.substr(10)))
            return now + *s;
    } else if (hint.rfind("resets at ", 0) == 0) {
        return parse_rfc3339(trim(hint.substr(10)));
    }
    return std::nullopt;
}

}  // namespace

std::optional<int64_t> parse_reset_in(std::string_view s)
{
    int64_t total = 0;
    s = trim(s);
    if (s.empty())
        return std::nullopt;
    while (!s.empty()) {
        size_t sp = s.find(' ');
        auto part = parse_duration(s.substr(0, sp));
        if (!part)
            return std::nullopt;
        total += *part;
        if (total > max_duration)
            return std::nullopt;
        s = sp == std::string_view::npos ? std::string_view() : trim(s.substr(sp));
    }
    return total;
}

bool parse_usage_text(std::string_view text, const Record& base, int64_t now,
                      std::vector<Record>& out, std::string* err)
{
    const std::string plain = strip_ansi(text);
    std::string_view rest = plain;
    std::vector<Record> windows;
    while (!rest.empty()) {
        size_t nl = rest.find('\n');
        std::string_view line = rest.substr(0, nl);
        rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
        size_t pct = line.find("% left");
        if (pct == std::string_view::npos)
            continue;
        size_t b = pct;
        while (b > 0 && (std::isdigit(static_cast<unsigned char>(line[b - 1])) || line[b - 1] == '.'))
            --b;
        if (b > 0 && line[b - 1] == '-')
            --b;
        auto left = parse_number(line.substr(b, pct - b));
        if (!left)
            continue;
        std::string w = window_of(one_line(label_of(line.substr(0, b))), windows.size() + 1);
        if (std::any_of(windows.begin(), windows.end(),
                        [&w](const Record& x) { return x.window == w; }))
            continue;                            // the panel pasted twice
        windows.push_back(percent_record(base, w, *left, reset_of(line.substr(pct), now)));
    }
    if (windows.empty()) {
        *err = "no line says \"NN% left\" (paste the panel that Kimi CLI's /usage prints)";
        return false;
    }
    for (Record& r : windows)
        out.push_back(std::move(r));
    return true;
}

bool parse_manual(std::string_view text, const Record& base, int64_t now,
                  std::vector<Record>& out, std::string* err)
{
    std::vector<double> v;
    std::string_view rest = text;
    while (!(rest = trim(rest, " \t\r\n,")).empty()) {
        size_t end = std::min(rest.find_first_of(" \t\r\n,"), rest.size());
        std::string_view word = rest.substr(0, end);
        rest.remove_prefix(end);
        auto n = parse_number(word);
        if (!n) {
            *err = "\"" + std::string(word) + "\" is not a number";
            return false;
        }
        v.push_back(*n);
    }
    if (v.size() != 7) {
        *err = "want seven numbers, WEEKLY_LEFT DAYS HOURS MINUTES FIVEH_LEFT HOURS MINUTES "
               "(as in \"84 6 22 54 19 3 54\"), not " + std::to_string(v.size());
        return false;
    }
    for (size_t i : {0, 4})
        if (v[i] < 0 || v[i] > 100) {
            *err = "a percent left must be from 0 to 100";
            return false;
        }
    for (size_t i : {1, 2, 3, 5, 6})
        if (v[i] < 0 || v[i] != std::floor(v[i]) || v[i] > 1e6) {
            *err = "days, hours and minutes must be whole numbers, 0 or more";
            return false;
        }
    auto at = [now](double d, double h, double m) {
        return now + static_cast<int64_t>(d * 86400 + h * 3600 + m * 60);
    };
    out.push_back(percent_record(base, "weekly", v[0], at(v[1], v[2], v[3])));
    out.push_back(percent_record(base, "5h", v[4], at(0, v[5], v[6])));
    return true;
}

std::vector<Record> kimi_code_from_text(std::string_view text, bool manual, int64_t now)
{
    Record base;
    base.ts = format_rfc3339(now);
    base.provider = "kimi-code";
    base.account = "default";
    std::vector<Record> out;
    std::string err;
    bool ok = manual ? parse_manual(text, base, now, out, &err)
                     : parse_usage_text(text, base, now, out, &err);
    if (!ok)
        throw Error(std::string(manual ? "--manual: " : "--usage-text: ") + err);
    return out;
}

}  // namespace qw
