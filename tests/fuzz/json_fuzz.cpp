// The JSON tree the provider parsers read, and its accessors.
#include "json.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    qw::Json j;
    std::string err;
    if (qw::parse_json(text, j, &err)) {
        for (const auto& [k, v] : j.members) {
            (void)v.as_number();
            (void)v.as_string();
            (void)j.at({k, "data"});
        }
    }
    (void)qw::parse_number(text);
    return 0;
}
