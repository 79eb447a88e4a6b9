#include "http.h"
#include "temp_dir.h"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <sys/wait.h>
#include <unistd.h>

using namespace qw;
namespace fs = std::filesystem;

namespace {

// The tests' loopback server (tests/servers/fake_http.py), started for one
// test case and stopped at its end.  The Makefile gives its directory, so the
// unit tests run from any directory.
struct Server {
    TempDir tmp{"http"};
    const fs::path& dir = tmp.path;
    pid_t pid = -1;
    std::string url;

    explicit Server(const std::string& routes)
    {
        std::ofstream(dir / "routes.json") << routes;
        const std::string port_file = (dir / "port").string();
        pid = fork();
        if (pid == 0) {
            execl("/usr/bin/python3", "python3", QW_SERVERS_DIR "/fake_http.py", "--routes",
                  (dir / "routes.json").c_str(), "--port-file", port_file.c_str(), "--log",
                  (dir / "log").c_str(), nullptr);
            _exit(127);
        }
        for (int i = 0; i < 200 && !fs::exists(port_file); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        std::ifstream in(port_file);
        std::string port;
        in >> port;
        REQUIRE_MESSAGE(!port.empty(), "the loopback server did not start");
        url = "http://127.0.0.1:" + port;
    }
    ~Server()
    {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
    std::string log() const
    {
        std::ifstream in(dir / "log");
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
};

}  // namespace

TEST_CASE("many requests at once come back in request order with status, body and headers")
{
    Server s(R"({"GET /a": {"json": {"n": 1}, "delay": 0.2},
                 "GET /b": {"status": 429, "headers": {"Retry-After": "7"}, "json": {"n": 2}},
                 "POST /c": {"status": 201, "text": "made"}})");
    CurlGlobal curl;
    std::vector<HttpRequest> rq(3);
    rq[0].url = s.url + "/a";
    rq[1].url = s.url + "/b";
    rq[2].url = s.url + "/c";
    rq[2].method = "POST";
    rq[2].body = "{\"x\":1}";
    rq[2].headers = {"Content-Type: application/json", "X-Test: yes"};
    HttpOptions opts;
    opts.parallel = 2;
    auto got = http_perform(rq, opts);
    REQUIRE(got.size() == 3);
    CHECK(got[0].status == 200);
    CHECK(got[0].body == "{\"n\": 1}");
    CHECK(got[0].content_type == "application/json");
    CHECK(got[1].status == 429);
    CHECK(got[1].retry_after == "7");
    CHECK(got[2].status == 201);
    CHECK(got[2].body == "made");
    std::string log = s.log();
    CHECK(log.find("\"user-agent\": \"quotawatch/") != std::string::npos);
    CHECK(log.find("\"x-test\": \"yes\"") != std::string::npos);
    CHECK(log.find("\"body\": \"{\\\"x\\\":1}\"") != std::string::npos);
}

TEST_CASE("a body over the cap is an error, not a truncated answer")
{
    Server s(R"({"GET /big": {"stream_bytes": 3000000}})");
    CurlGlobal curl;
    HttpRequest rq;
    rq.url = s.url + "/big";
    auto got = http_perform({rq}, HttpOptions{});
    CHECK(got[0].status == 0);
    CHECK(got[0].body.empty());
    CHECK(got[0].error == "response larger than 1048576 bytes");
}

TEST_CASE("redirects are answers, never followed")
{
    Server s(R"({"GET /r": {"status": 301, "headers": {"Location": "/elsewhere"}, "text": ""}})");
    CurlGlobal curl;
    HttpRequest rq;
    rq.url = s.url + "/r";
    auto got = http_perform({rq}, HttpOptions{});
    CHECK(got[0].status == 301);
    CHECK(s.log().find("/elsewhere") == std::string::npos);
}

TEST_CASE("a refused connection and a timeout are errors with curl's reason")
{
    Server s(R"({"GET /slow": {"hang": true, "json": {}}})");
    CurlGlobal curl;
    std::vector<HttpRequest> rq(2);
    rq[0].url = "http://127.0.0.1:1/";
    rq[1].url = s.url + "/slow";
    HttpOptions opts;
    opts.timeout_ms = 500;
    auto got = http_perform(rq, opts);
    CHECK(got[0].status == 0);
    CHECK(got[0].error.find("127.0.0.1") != std::string::npos);
    CHECK(got[1].status == 0);
    CHECK(got[1].error.find("timed out") != std::string::npos);
}

TEST_CASE("only http and https are spoken")
{
    CurlGlobal curl;
    HttpRequest rq;
    rq.url = "file:///etc/passwd";
    auto got = http_perform({rq}, HttpOptions{});
    CHECK(got[0].status == 0);
    CHECK(got[0].body.empty());
    CHECK_FALSE(got[0].error.empty());
}
