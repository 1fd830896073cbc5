#ifndef BATON_VERSION_HPP_
#define BATON_VERSION_HPP_

#define BATON_VERSION_MAJOR 0
#define BATON_VERSION_MINOR 1
#define BATON_VERSION_PATCH 0

namespace baton {
inline constexpr int kVersionMajor = BATON_VERSION_MAJOR;
inline constexpr int kVersionMinor = BATON_VERSION_MINOR;
inline constexpr int kVersionPatch = BATON_VERSION_PATCH;
}  // namespace baton

#endif  // BATON_VERSION_HPP_
