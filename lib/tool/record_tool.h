// The run of record(1): the input kept in a Spool while it arrives (and, with
// --tee, passed on at once), then written in one short transaction, so the
// database's write lock is never held while a stage before it still works.
#pragma once
#include "exit_status.h"

#include <cstdint>
#include <optional>
#include <string>

namespace qw {

struct RecordSettings {
    std::string db;
    bool tee = false;
    std::optional<int64_t> keep;    // --keep, seconds
};

// A --tee run that fails after passing records on appends the run record
// of run_error_record("record", why), which later stages count as a failure.
Exit run_record(const RecordSettings& s);

}  // namespace qw
