// The NDJSON reader and the JSON writer: whatever parses, written back,
// parses again to the same text.
#include "ndjson.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view line(reinterpret_cast<const char*>(data), size);
    qw::Record r;
    std::string err;
    if (!qw::parse_record(line, r, &err))
        return 0;
    std::string once;
    qw::write_record(once, r);
    qw::Record again;
    if (!qw::parse_record(std::string_view(once).substr(0, once.size() - 1), again, &err))
        std::abort();
    std::string twice;
    qw::write_record(twice, again);
    if (once != twice)
        std::abort();
    return 0;
}
