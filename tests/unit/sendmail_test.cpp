#include "channels/sendmail.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

using namespace qw;

namespace {

// A stand-in sendmail: a shell script at dir/name.
std::string script(const TempDir& dir, const std::string& name, const std::string& body)
{
    const std::string path = (dir.path / name).string();
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    chmod(path.c_str(), 0755);
    return path;
}

std::string read_all(const std::string& path)
{
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("sendmail: the message on stdin with LF line ends, -t -oi, no environment of ours")
{
    TempDir d("sendmail");
    const std::string out = (d.path / "got").string();
    setenv("QW_SECRET_CANARY", "sk-canary", 1);
    const std::string path =
        script(d, "sendmail", "echo \"$*\" >" + out + ".args; env >" + out + ".env; cat >" + out);
    const Attempt a = sendmail_send(path, "To: a@example.org\r\n\r\nhello\r\n", 5000, {});
    unsetenv("QW_SECRET_CANARY");
    CHECK(a.result == Attempt::Result::sent);
    CHECK(read_all(out) == "To: a@example.org\n\nhello\n");
    CHECK(read_all(out + ".args") == "-t -oi\n");
    CHECK(read_all(out + ".env").find("sk-canary") == std::string::npos);
}

TEST_CASE("sendmail: 75 is retried, another status fails with what it said, a hang times out")
{
    TempDir d("sendmail");
    Attempt a = sendmail_send(script(d, "busy", "cat >/dev/null; exit 75"), "x\r\n", 5000, {});
    CHECK(a.result == Attempt::Result::retry);
    a = sendmail_send(script(d, "bad", "cat >/dev/null; echo 'no such user' >&2; exit 67"),
                      "x\r\n", 5000, {});
    CHECK(a.result == Attempt::Result::failed);
    CHECK(a.error.find("exit 67: no such user") != std::string::npos);
    a = sendmail_send(script(d, "early", "exit 0"), std::string(1 << 20, 'x'), 5000, {});
    CHECK(a.result != Attempt::Result::sent);            // it did not take the whole message
    a = sendmail_send(script(d, "hang", "exec sleep 30"), "x\r\n", 300, {});
    CHECK(a.result == Attempt::Result::retry);
    CHECK(a.error.find("no answer within --timeout") != std::string::npos);
    a = sendmail_send((d.path / "missing").string(), "x\r\n", 5000, {});
    CHECK(a.result == Attempt::Result::failed);
}

TEST_CASE("sendmail: to one recipient, PATH -oi -- RECIPIENT, not the To: header's")
{
    TempDir d("sendmail");
    const std::string out = (d.path / "got").string();
    const std::string path = script(d, "sendmail", "echo \"$*\" >" + out + ".args; cat >" + out);
    const Attempt a =
        sendmail_send(path, "To: a@example.org, b@example.org\r\n\r\nhi\r\n", 5000, "b@example.org");
    CHECK(a.result == Attempt::Result::sent);
    CHECK(read_all(out + ".args") == "-oi -- b@example.org\n");
}
