// A run's records kept until its input ends (issue 18): record writes the
// run in one short transaction, and a notifier delivers and remembers before
// it passes the records on.  The lines stay in memory up to a bound, then go
// to an unlinked temporary file, so memory stays flat however long the run;
// the file vanishes with the process, whatever ends it.
#pragma once
#include "handle.h"
#include "record.h"

#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace qw {

class Spool {
public:
    // Lines beyond memory_limit bytes go to a file in $TMPDIR (else /tmp).
    explicit Spool(size_t memory_limit = size_t{1} << 20) : limit_(memory_limit) {}

    // Keeps the text of one record (without its newline).
    void add(std::string_view line);
    size_t records() const { return records_; }

    // Reads the records back in the order they came, each parsed again.
    // Throws Error when the temporary file cannot be written or read.
    void replay(const std::function<void(Record&)>& fn);

private:
    void spill();
    size_t limit_;
    size_t records_ = 0;
    std::string buf_;
    std::unique_ptr<FILE, Deleter<std::fclose>> file_;
};

}  // namespace qw
