#include "warn.h"

#include "redact.h"

#include <string>
#include <unistd.h>

namespace qw {

namespace {
const char* tool_name = "quotawatch";
}

void set_tool_name(const char* tool)
{
    tool_name = tool;
}

void warn(std::string_view message)
{
    std::string line = std::string(tool_name) + ": ";
    line += message;
    redact_secrets(line);
    line += '\n';
    (void)!::write(2, line.data(), line.size());
}

}
