// Reads newline-delimited JSON records from a file descriptor, one reused
// parser and one reused buffer: no allocation per line once warmed up.
#pragma once
#include "record.h"

#include <memory>
#include <string>
#include <string_view>

namespace qw {

class NdjsonReader {
public:
    enum class Read { record, bad_line, end };

    // name is what messages call the input, e.g. "<stdin>".
    NdjsonReader(int fd, std::string name);
    ~NdjsonReader();
    NdjsonReader(const NdjsonReader&) = delete;
    NdjsonReader& operator=(const NdjsonReader&) = delete;

    // Reads the next line into r.  On a bad line, *err is "NAME:LINE: what".
    // Throws Error when the input cannot be read at all.
    Read next(Record& r, std::string* err);
    long line() const { return line_; }
    // The text of the record last read, valid until the next call of next().
    std::string_view text() const { return text_; }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    long line_ = 0;
    std::string_view text_;
};

// Parses one line (no newline) into r; on failure returns false, *err says why.
bool parse_record(std::string_view line, Record& r, std::string* err);

}  // namespace qw
