// The local MTA's route (SMTP_URL=sendmail): the message piped to
// sendmail(8) -t -oi, as cron, smartd and apticron hand mail over on Debian.
#pragma once
#include "notify_delivery.h"

#include <string>

namespace qw {

// Runs PATH -t -oi (the recipients of the To: header), or PATH -oi --
// RECIPIENT when one is given, with the message (CRLF line ends turned into
// LF) on its standard input and a bare environment (no secret of ours
// reaches it), within timeout_ms.  Exit 0 is sent; EX_TEMPFAIL (75) and a
// timeout are retried; any other end fails, with the first line it printed.
Attempt sendmail_send(const std::string& path, const std::string& message, long timeout_ms,
                      const std::string& recipient);

}  // namespace qw
