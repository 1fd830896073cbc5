// A piece of work run on a second thread beside the caller's, for the
// bulk steps (whole-state checks, index rebuilds) that split in two.
#ifndef BATON_LIB_MODEL_SIDE_TASK_HPP_
#define BATON_LIB_MODEL_SIDE_TASK_HPP_

#include <exception>
#include <functional>
#include <system_error>
#include <thread>
#include <utility>

namespace baton::internal {

// Starts `work` on a thread of its own; Join() waits for it and rethrows
// what it threw (out of memory, say). If no thread can be started, the work
// is done by Join() on the caller's thread instead: slower, the same result.
// The destructor joins however the scope is left, so an exception on the
// caller's side never leaves the work running on state being unwound.
class SideTask {
 public:
  explicit SideTask(std::function<void()> work) : work_(std::move(work)) {
    try {
      thread_ = std::thread([this] { Run(); });
    } catch (const std::system_error&) {
      // Left to Join().
    }
  }
  SideTask(const SideTask&) = delete;
  SideTask& operator=(const SideTask&) = delete;
  ~SideTask() {
    if (thread_.joinable()) thread_.join();
  }

  void Join() {
    if (thread_.joinable()) {
      thread_.join();
    } else if (!ran_) {
      Run();
    }
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
  }

 private:
  void Run() {
    ran_ = true;
    try {
      work_();
    } catch (...) {
      failure_ = std::current_exception();
    }
  }

  std::function<void()> work_;
  bool ran_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_SIDE_TASK_HPP_
