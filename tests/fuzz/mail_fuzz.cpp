// Mail headers from configuration and report text: the sender, the
// recipients and the subject, the body, separated by "---" lines.  Whatever
// is accepted makes a message of CRLF lines whose header block holds only
// the headers we write (no injected ones), folds the subject, and whose
// quoted-printable body is short lines of printable ASCII.
#include "channels/smtp.h"
#include "error.h"
#include "fuzz_check.h"

namespace {

bool known_header(std::string_view line)
{
    for (std::string_view h : {"Date: ", "From: ", "To: ", "Subject: ", "Message-ID: ",
                               "Auto-Submitted: ", "MIME-Version: ", "Content-Type: ",
                               "Content-Transfer-Encoding: "})
        if (line.substr(0, h.size()) == h)
            return true;
    return !line.empty() && line[0] == ' ';     // a folded line
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto p = qw_fuzz::pieces(data, size, 4);
    qw::Mail m;
    try {
        qw::mail_address(p[0]);
        m.from = p[0];
        m.to = qw::mail_recipients(p[1]);
    } catch (const qw::Error& e) {
        if (std::string_view(e.what()).find('\n') != std::string_view::npos)
            __builtin_trap();
        m.from = "qw@example.org";
        m.to = {"ops@example.org"};
    }
    m.subject = p[2];
    m.body = p[3];
    const std::string msg = qw::mail_message(m, 1795338000, "<1.2@example.org>");
    const size_t head_end = msg.find("\r\n\r\n");
    if (head_end == std::string::npos)
        __builtin_trap();
    std::string_view head(msg.data(), head_end + 2);
    for (size_t start = 0; start < head.size();) {
        size_t end = head.find("\r\n", start);
        if (end == std::string_view::npos)
            __builtin_trap();
        std::string_view line = head.substr(start, end - start);
        if (!known_header(line) || line.find_first_of("\r\n") != std::string_view::npos)
            __builtin_trap();
        start = end + 2;
    }
    // The quoted-printable body: CRLF lines of at most 76 printable ASCII
    // characters, none ending in white space.
    for (size_t start = head_end + 4; start < msg.size();) {
        size_t end = msg.find("\r\n", start);
        if (end == std::string::npos || end - start > 76)
            __builtin_trap();
        for (size_t i = start; i < end; ++i) {
            const unsigned char c = static_cast<unsigned char>(msg[i]);
            if ((c < 32 && c != '\t') || c > 126 || ((c == ' ' || c == '\t') && i + 1 == end))
                __builtin_trap();
        }
        start = end + 2;
    }
    const std::string subject = qw::subject_header(m.subject);
    for (size_t start = 0; start < subject.size();) {
        size_t end = std::min(subject.find("\r\n", start), subject.size());
        if (end - start > 78)
            __builtin_trap();
        start = end + 2;
    }
    return 0;
}
