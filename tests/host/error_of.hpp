// SPDX-License-Identifier: Apache-2.0
// Test helper: the message of the exception `f` throws, so tests can assert exact error texts.
#pragma once

#include <exception>
#include <functional>
#include <string>

namespace spikecore::testing_util {

inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no exception)";
}

}  // namespace spikecore::testing_util
