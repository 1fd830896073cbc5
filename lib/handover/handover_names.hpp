// The handover enumerations from their names (NameOf gives the names): false
// for a name that is none of them.
#ifndef BATON_LIB_HANDOVER_HANDOVER_NAMES_HPP_
#define BATON_LIB_HANDOVER_HANDOVER_NAMES_HPP_

#include <string_view>

#include "baton/handover.hpp"
#include "baton/handover_book.hpp"

namespace baton::internal {

bool FromName(std::string_view name, HandoverTaskKind* out);
bool FromName(std::string_view name, HandoverRole* out);
bool FromName(std::string_view name, HandoverTaskStatus* out);
bool FromName(std::string_view name, HandoverState* out);
bool FromName(std::string_view name, RecordedChange::Record* out);
bool FromName(std::string_view name, HandoverEvent::Kind* out);

}  // namespace baton::internal

#endif  // BATON_LIB_HANDOVER_HANDOVER_NAMES_HPP_
