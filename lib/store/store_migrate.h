// The schema's numbered migrations (DESIGN.md §5): the i-th takes the
// database from PRAGMA user_version i to i + 1, once, in its own transaction;
// a database of a newer version than a program knows is refused.
#pragma once
#include <span>

namespace qw {

class Store;

using Migration = void (*)(Store&);

// This program's migrations, oldest first.
std::span<const Migration> migrations();

// Runs the migrations of list the database has not had yet, each in one
// transaction with its version number.  Throws Error, one line naming the
// file and both versions, when the database is newer than list.
void migrate(Store& store, std::span<const Migration> list);

}  // namespace qw
