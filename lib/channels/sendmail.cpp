#include "channels/sendmail.h"

#include "display.h"
#include "handle.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qw {

namespace {

using Clock = std::chrono::steady_clock;

bool make_pipe(Fd& r, Fd& w)
{
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0)
        return false;
    r.fd = p[0];
    w.fd = p[1];
    return true;
}

std::string lf_lines(const std::string& message)
{
    std::string out;
    out.reserve(message.size());
    for (size_t i = 0; i < message.size(); ++i)
        if (!(message[i] == '\r' && i + 1 < message.size() && message[i + 1] == '\n'))
            out += message[i];
    return out;
}

Attempt failure(Attempt::Result result, std::string error)
{
    Attempt a;
    a.result = result;
    a.error = std::move(error);
    return a;
}

}  // namespace

Attempt sendmail_send(const std::string& path, const std::string& message, long timeout_ms,
                      const std::string& recipient)
{
    const std::string input = lf_lines(message);
    Fd in_r, in_w, err_r, err_w;
    if (!make_pipe(in_r, in_w) || !make_pipe(err_r, err_w))
        return failure(Attempt::Result::failed, std::string("pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_r.fd, 0);
    posix_spawn_file_actions_adddup2(&actions, err_w.fd, 1);
    posix_spawn_file_actions_adddup2(&actions, err_w.fd, 2);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &pipe_signal);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    const char* argv[] = {path.c_str(), "-t", "-oi", nullptr, nullptr};
    if (!recipient.empty()) {
        argv[1] = "-oi";
        argv[2] = "--";
        argv[3] = recipient.c_str();
    }
    const char* envp[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", nullptr};
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, path.c_str(), &actions, &attr,
                                    const_cast<char* const*>(argv), const_cast<char* const*>(envp));
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    in_r.reset();
    err_w.reset();
    if (spawned != 0)
        return failure(Attempt::Result::failed, path + ": " + std::strerror(spawned));

    std::signal(SIGPIPE, SIG_IGN);               // a sendmail that quits early: EPIPE, no signal
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    std::string said;
    size_t written = 0;
    if (input.empty())
        in_w.reset();
    bool timed_out = false;
    while (err_r.fd >= 0) {
        const long left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - Clock::now()).count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd fds[2] = {{err_r.fd, POLLIN, 0}, {in_w.fd, POLLOUT, 0}};
        if (::poll(fds, in_w.fd >= 0 ? 2 : 1, static_cast<int>(std::min(left, 1000L))) < 0 &&
            errno != EINTR)
            break;
        if (in_w.fd >= 0 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t n = ::write(in_w.fd, input.data() + written, input.size() - written);
            if (n > 0)
                written += static_cast<size_t>(n);
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == input.size())
                in_w.reset();
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            char buf[1024];
            const ssize_t n = ::read(err_r.fd, buf, sizeof buf);
            if (n > 0 && said.size() < 4096)
                said.append(buf, static_cast<size_t>(n));
            else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
                err_r.reset();
        }
    }
    if (timed_out)
        ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    const std::string first = one_line(said.substr(0, said.find('\n')));
    const std::string why = first.empty() ? "" : ": " + first;
    if (timed_out)
        return failure(Attempt::Result::retry, path + ": no answer within --timeout");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && written == input.size())
        return failure(Attempt::Result::sent, "");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 75)
        return failure(Attempt::Result::retry, path + ": temporary failure (exit 75)" + why);
    if (WIFEXITED(status))
        return failure(Attempt::Result::failed,
                       path + ": exit " + std::to_string(WEXITSTATUS(status)) + why);
    return failure(Attempt::Result::failed,
                   path + ": killed by signal " + std::to_string(WTERMSIG(status)) + why);
}

}  // namespace qw
