// Tool support, for mains only (lib/tool/ is what bin/ includes): the one
// catch site, options and their environment, and the loop every record filter shares.
#pragma once
#include "exit_status.h"
#include "record.h"
#include "warn.h"

#include <cxxopts.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace qw {

// Runs fn and maps what escapes it to "tool: message" and exit status 1;
// also 1 when standard output had no reader (see Output).  Core dumps are off
// first (RLIMIT_CORE 0, not dumpable): every tool may hold a secret.
int run_tool(const char* tool, int argc, char** argv, Exit (*fn)(int, char**));

// cxxopts' "Option ‘bogus’ does not exist" as the other messages read:
// "--bogus: no such option".
std::string option_message(const std::string& what);

// The options every tool has: -h/--help and -V/--version.
cxxopts::Options tool_options(const char* tool, const char* summary);

// Parses argv; prints help or version and returns false when the run is over.
// Throws cxxopts exceptions on a bad option; refuses positional arguments.
// A fetcher's options not on the command line are taken from the environment
// (an env file, for a cron job): fetch-kimi-code's --timeout from
// KIMI_CODE_TIMEOUT, a switch from yes or no (quotawatch(7), ENVIRONMENT).
// --base-url is not among them: each fetcher names its own variable.
bool parse_options(cxxopts::Options& opts, int argc, char** argv, cxxopts::ParseResult& out);

// The prefix of those variables: "KIMI_CODE_" for fetch-kimi-code; none for a
// tool that is not a fetcher, nor for fetch-budget, whose options are the
// provider's (ANTHROPIC_BUDGET, see fetch-budget(1)).
std::string option_env_prefix(const std::string& program);

// Buffered standard output; throws Error when it cannot be written.  When
// nobody reads it (EPIPE; run_tool ignores SIGPIPE) the rest is dropped
// without a word and run_tool's status is 1: the tool finishes its job.
class Output {
public:
    Output() { buf_.reserve(1 << 16); }
    ~Output();
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;
    std::string& buffer() { return buf_; }    // append, then call maybe_flush()
    void maybe_flush() { if (buf_.size() >= (1 << 16)) flush(); }
    void flush();

private:
    std::string buf_;
};

// Writes records to stdout; exit 1 when any is an error, else 0.  (Here, not
// in fetch_tool, so that a fetcher without HTTP does not load libcurl.)
Exit write_records(const std::vector<Record>& records);

// Reads records from stdin to the end; calls fn for each one.  Bad lines are
// reported on stderr and counted as a problem in *outcome.
void for_each_record(const std::function<void(Record&)>& fn, Outcome& outcome);
// The same, with the text of each record's line as it was read.
void for_each_line(const std::function<void(Record&, std::string_view)>& fn, Outcome& outcome);

// The value of a string option, or empty.
std::string option_text(const cxxopts::ParseResult& args, const char* name);

// The database path: --db, else $QUOTAWATCH_DB, else the XDG state default.
// Throws Error when QUOTAWATCH_DB is set but empty.
std::string db_path(const cxxopts::ParseResult& args);

// db_path for a tool that reads the history (recall, metrics, dashboard):
// throws Error when there is no database there yet.
std::string history_path(const cxxopts::ParseResult& args);

// --since as recall reads it (parse_since), relative to now; throws Error.
int64_t since_option(const cxxopts::ParseResult& args, int64_t now);

// text to --output FILE, replaced atomically (atomic_file.h), else to stdout.
void write_output(const cxxopts::ParseResult& args, std::string text);

}  // namespace qw
