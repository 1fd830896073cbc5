#ifndef BATON_LIB_MODEL_STATUS_MACROS_HPP_
#define BATON_LIB_MODEL_STATUS_MACROS_HPP_

#include "absl/status/status.h"

#define BATON_RETURN_IF_ERROR(expr)                \
  do {                                             \
    ::absl::Status baton_status_ = (expr);         \
    if (!baton_status_.ok()) return baton_status_; \
  } while (false)

#endif  // BATON_LIB_MODEL_STATUS_MACROS_HPP_
