// SPDX-License-Identifier: Apache-2.0
// Runs spikecore-sim as a child process: reads the lines it prints on start (pty path, TCP port), stops it
// with SIGTERM and returns what it printed on exit (the fault counters).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace uarttest {

class SimChild {
 public:
  explicit SimChild(const std::vector<std::string>& args) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], 1);
      ::dup2(fds[1], 2);
      ::close(fds[0]);
      ::close(fds[1]);
      std::vector<char*> argv;
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~SimChild() { stop(); }

  /// Waits (up to 10 s) for a printed line starting with `prefix`; returns the rest of it, or "" on timeout.
  std::string wait_line(const std::string& prefix) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      std::size_t pos = 0;
      while ((pos = text_.find('\n', scan_)) != std::string::npos) {
        std::string line = text_.substr(scan_, pos - scan_);
        scan_ = pos + 1;
        if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
      }
      if (std::chrono::steady_clock::now() > end || !pump(100)) return "";
    }
  }
  /// SIGTERM, wait for exit, return everything printed.
  std::string stop() {
    if (pid_ > 0) ::kill(pid_, SIGTERM);
    return reap(2000);
  }
  /// Waits for the child to exit by itself (up to ~10 s of silence), returns everything printed.
  std::string join() { return reap(10000); }
  int status() const { return status_; }

 private:
  // Drains the output until `silence_ms` pass without any, then collects the exit status.
  std::string reap(int silence_ms) {
    if (pid_ > 0) {
      while (pump(silence_ms)) {
      }
      int st = 0;
      ::waitpid(pid_, &st, 0);
      status_ = st;
      pid_ = -1;
      ::close(out_);
    }
    return text_;
  }
  bool pump(int ms) {
    pollfd p{out_, POLLIN, 0};
    if (::poll(&p, 1, ms) <= 0) return false;
    char buf[4096];
    const ssize_t r = ::read(out_, buf, sizeof buf);
    if (r <= 0) return false;
    text_.append(buf, buf + r);
    return true;
  }
  pid_t pid_ = -1;
  int out_ = -1;
  int status_ = -1;
  std::string text_;
  std::size_t scan_ = 0;
};

}  // namespace uarttest
