// Every renderer on any record that parses.
#include "ndjson.h"
#include "render.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view line(reinterpret_cast<const char*>(data), size);
    qw::Record r;
    std::string err;
    if (!qw::parse_record(line, r, &err))
        return 0;
    std::string out;
    qw::render_log_line(r, out);
    qw::render_balance_log_line(r, out);
    qw::render_text_line(r, out);
    out += qw::render_table({r, r}, 0);
    out += qw::render_markdown({r});
    return 0;
}
