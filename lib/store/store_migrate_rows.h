// The migrations that rewrite stored rows (store_migrate.cpp lists them):
// seed 003's own rows adopted (version 8), the unit in a money series'
// identity (version 9); the metrics' event tallies (version 10), the
// dashboard's hourly tallies (version 12).
#pragma once

namespace qw {

class Store;

void seed_003_rows(Store& store);
void unit_in_identity(Store& store);
void event_tallies(Store& store);
void hour_tallies(Store& store);

}  // namespace qw
