#include "tool/tool.h"

#include "atomic_file.h"
#include "display.h"
#include "history.h"
#include "error.h"
#include "ndjson.h"
#include "redact.h"

#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

namespace qw {

namespace {
bool nobody_reads = false;          // a write to stdout failed with EPIPE
}

std::string option_message(const std::string& what)
{
    const std::string open = "\u2018", close = "\u2019";      // cxxopts' quotes
    const size_t a = what.find(open);
    const size_t b = a == std::string::npos ? a : what.find(close, a);
    if (b == std::string::npos)
        return what;
    std::string name = what.substr(a + open.size(), b - a - open.size());
    std::string rest = what.substr(b + close.size());
    rest.erase(0, rest.find_first_not_of(' '));
    if (what.rfind("Argument", 0) == 0)
        name = "\"" + one_line(name) + "\"";
    else if (!name.empty() && name[0] != '-')
        name = (name.size() == 1 ? "-" : "--") + name;
    if (rest == "does not exist")
        rest = "no such option";
    else if (rest == "is missing an argument" || rest == "requires an argument")
        rest = "needs a value";
    else if (rest == "failed to parse")
        rest = "is not a valid value";
    else if (rest.rfind("does not take an argument", 0) == 0)
        rest = "takes no value";
    return name + ": " + rest;
}

int run_tool(const char* tool, int argc, char** argv, Exit (*fn)(int, char**))
{
    set_tool_name(tool);
    // A reader that went away never stops a tool's own job (a delivery, a
    // write to the database): EPIPE is handled in Output::flush instead.
    std::signal(SIGPIPE, SIG_IGN);
    // Every tool may hold a secret (a key read, or the environment a cron job
    // exports to each stage): a crash dumps no core, and no other process of
    // the user may read this one's memory.
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    const struct rlimit no_core = {0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);      // last: a test waits for it
    try {
        const Exit status = fn(argc, argv);
        return static_cast<int>(nobody_reads ? Exit::error : status);
    } catch (const cxxopts::exceptions::exception& e) {
        warn(option_message(e.what()) + " (see " + tool + " --help)");
    } catch (const std::exception& e) {
        warn(e.what());
    }
    return static_cast<int>(Exit::error);
}

cxxopts::Options tool_options(const char* tool, const char* summary)
{
    cxxopts::Options opts(tool, summary);
    opts.add_options()
        ("h,help", "print this help and exit")
        ("V,version", "print the version and exit");
    return opts;
}

std::string option_env_prefix(const std::string& program)
{
    if (program.rfind("fetch-", 0) != 0 || program == "fetch-budget")
        return "";
    std::string prefix;
    for (char c : program.substr(6))
        prefix += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return prefix + "_";
}

namespace {

// The options the environment gives (see parse_options) as --name=value
// arguments, for the options argv did not give.
std::vector<std::string> options_from_env(const cxxopts::Options& opts,
                                          const cxxopts::ParseResult& given,
                                          const std::string& prefix)
{
    std::vector<std::string> extra;
    for (const auto& group : opts.groups())
        for (const auto& o : opts.group_help(group).options) {
            const std::string& name = o.l.empty() ? o.s : o.l.front();
            // The base URL has a variable of its own (fetch-openai's is not
            // OPENAI_BASE_URL, which OpenAI's own tools read).
            if (name == "help" || name == "version" || name == "base-url" || given.count(name))
                continue;
            std::string var = prefix;
            for (char c : name)
                var += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            const char* v = std::getenv(var.c_str());
            if (!v || !*v)
                continue;
            const std::string value = v;
            if (!o.is_boolean)
                extra.push_back("--" + name + "=" + value);
            else if (value == "yes" || value == "true" || value == "1")
                extra.push_back("--" + name);
            else if (value != "no" && value != "false" && value != "0")
                throw Error(var + ": \"" + one_line(value) + "\" is not yes or no");
        }
    return extra;
}

}  // namespace

bool parse_options(cxxopts::Options& opts, int argc, char** argv, cxxopts::ParseResult& out)
{
    out = opts.parse(argc, argv);
    if (const std::string prefix = option_env_prefix(opts.program()); !prefix.empty()) {
        std::vector<std::string> extra = options_from_env(opts, out, prefix);
        if (!extra.empty()) {
            std::vector<const char*> all(argv, argv + argc);
            for (const std::string& e : extra)
                all.push_back(e.c_str());
            out = opts.parse(static_cast<int>(all.size()), all.data());
        }
    }
    if (!out.unmatched().empty())
        throw Error("unexpected argument: " + out.unmatched().front() + " (see " +
                    opts.program() + " --help)");
    if (out.count("help")) {
        std::cout << opts.help() << "Exit status: 0 ok, 1 error, 2 alert. See " << opts.program()
                  << "(1).\n";
        return false;
    }
    if (out.count("version")) {
        std::cout << opts.program() << " (quotawatch) " << QUOTAWATCH_VERSION << "\n";
        return false;
    }
    return true;
}

Output::~Output()
{
    try {
        flush();
    } catch (...) {
    }
}

void Output::flush()
{
    redact_secrets(buf_);          // records are whole: flushes fall between them
    size_t off = 0;
    while (off < buf_.size()) {
        ssize_t n = ::write(1, buf_.data() + off, buf_.size() - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EPIPE)
            nobody_reads = true;             // the job goes on; said by the exit status only
        if (nobody_reads)
            break;
        if (n < 0) {
            buf_.clear();
            throw Error(std::string("write error: ") + std::strerror(errno));
        }
        off += n;
    }
    buf_.clear();
}

Exit write_records(const std::vector<Record>& records)
{
    Output out;
    bool error = false;
    for (const Record& r : records) {
        write_record(out.buffer(), r);
        error = error || status_of(r) == Status::error;
    }
    out.flush();
    return error ? Exit::error : Exit::ok;
}

void for_each_record(const std::function<void(Record&)>& fn, Outcome& outcome)
{
    for_each_line([&](Record& r, std::string_view) { fn(r); }, outcome);
}

void for_each_line(const std::function<void(Record&, std::string_view)>& fn, Outcome& outcome)
{
    NdjsonReader in(0, "<stdin>");
    Record r;
    std::string err;
    for (;;) {
        auto got = in.next(r, &err);
        if (got == NdjsonReader::Read::end)
            break;
        if (got == NdjsonReader::Read::bad_line) {
            warn(err);
            outcome.problem();
            continue;
        }
        fn(r, in.text());
    }
}

std::string option_text(const cxxopts::ParseResult& args, const char* name)
{
    return args.count(name) ? args[name].as<std::string>() : std::string();
}

std::string db_path(const cxxopts::ParseResult& args)
{
    if (args.count("db"))
        return args["db"].as<std::string>();
    if (const char* p = std::getenv("QUOTAWATCH_DB")) {
        if (!*p)
            throw Error("QUOTAWATCH_DB is set but empty: name the database file, or unset it");
        return p;
    }
    if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x)
        return std::string(x) + "/quotawatch/quotawatch.db";
    const char* home = std::getenv("HOME");
    return std::string(home ? home : ".") + "/.local/state/quotawatch/quotawatch.db";
}

std::string history_path(const cxxopts::ParseResult& args)
{
    std::string path = db_path(args);
    if (::access(path.c_str(), F_OK) != 0)
        throw Error(path + ": no history database (record creates it)");
    return path;
}

int64_t since_option(const cxxopts::ParseResult& args, int64_t now)
{
    const std::string text = args["since"].as<std::string>();
    auto since = parse_since(text, now);
    if (!since)
        throw Error("--since: \"" + text + "\" is not a duration (24h, 7d), a date or a time");
    return *since;
}

void write_output(const cxxopts::ParseResult& args, std::string text)
{
    if (args.count("output")) {
        const std::string file = args["output"].as<std::string>();
        if (file.empty())
            throw Error("--output: an empty file name");
        write_atomically(file, text);
        return;
    }
    Output out;
    out.buffer() = std::move(text);
    out.flush();
}

}  // namespace qw
