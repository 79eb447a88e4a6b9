// Files a reader must never see half written (the dashboard a web server
// serves, the metrics node_exporter reads): written to a temporary file in
// the same directory, then renamed over the target.
#pragma once
#include <string>
#include <string_view>
#include <sys/types.h>

namespace qw {

// Replaces path with content, with this mode whatever the umask (0644: a
// web server or node_exporter reads what a 0077 unit writes).  The
// temporary file is "DIR/.NAME.XXXXXX", removed on failure.  Throws Error
// naming the path.
void write_atomically(const std::string& path, std::string_view content, mode_t mode = 0644);

}  // namespace qw
