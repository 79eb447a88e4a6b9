// A run's records kept until its input ends (issue 18): record writes the
// run in one short transaction, and a notifier delivers and remembers before
// it passes the records on.  Records are kept in a compact binary form (read
// back without parsing JSON again) in memory up to a bound, then in an
// unlinked temporary file, so memory stays flat however long the run; the
// file vanishes with the process, whatever ends it.
#pragma once
#include "handle.h"
#include "record.h"

#include <cstdio>
#include <functional>
#include <memory>
#include <string>

namespace qw {

class Spool {
public:
    // Beyond memory_limit bytes, records go to a file in $TMPDIR (else /tmp).
    explicit Spool(size_t memory_limit = size_t{1} << 20) : limit_(memory_limit) {}

    // Keeps a copy of r.  Throws Error when the temporary file cannot be
    // created or written.
    void add(const Record& r);
    size_t records() const { return records_; }

    // Gives the records back in the order they came, each equal to the one
    // added.  Throws Error when the temporary file cannot be read.
    void replay(const std::function<void(Record&)>& fn);

private:
    void spill();
    size_t limit_;
    size_t records_ = 0;
    std::string buf_;
    std::unique_ptr<FILE, Deleter<std::fclose>> file_;
};

}  // namespace qw
