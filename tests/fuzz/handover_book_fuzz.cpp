// Fuzz target: the stored handover book's JSON (HandoverBook::FromJson), as
// it comes out of a snapshot's section "baton.handovers" or a caller. A
// refused book says where ("handover book: WHERE: WHAT", or the byte the
// JSON breaks at); an accepted one writes JSON that reads back to the same
// book, and so to the same JSON again.
#include <string>
#include <string_view>

#include "baton/handover_book.hpp"
#include "tests/fuzz/fuzz_contract.hpp"

namespace {

using baton::fuzz::Broken;

// "handover book: " then a place and ": ", both non-empty.
void CheckRejected(const absl::Status& status) {
  if (!absl::IsInvalidArgument(status))
    Broken("a book refused with another code", status);
  const std::string_view message(status.message().data(), status.message().size());
  constexpr std::string_view kPrefix = "handover book: ";
  const std::size_t colon = message.find(": ", kPrefix.size());
  if (message.substr(0, kPrefix.size()) != kPrefix || colon == std::string_view::npos ||
      colon == kPrefix.size() || colon + 2 >= message.size()) {
    Broken("a refused book whose message names no place", status);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<baton::HandoverBook> book = baton::HandoverBook::FromJson(json);
  if (!book.ok()) {
    CheckRejected(book.status());
    return 0;
  }
  const std::string written = book->ToJson();
  absl::StatusOr<baton::HandoverBook> again = baton::HandoverBook::FromJson(written);
  if (!again.ok()) Broken("the JSON of an accepted book is refused", again.status());
  if (again->ToJson() != written)
    Broken("FromJson -> ToJson -> FromJson changed the book", absl::OkStatus());
  if (again->plans().size() != book->plans().size() ||
      again->log().size() != book->log().size()) {
    Broken("the book lost plans or events on the way back", absl::OkStatus());
  }
  // The section a snapshot would carry reads back to the same book.
  const baton::SnapshotSection section = baton::ToSection(*book);
  absl::StatusOr<baton::HandoverBook> from_section = baton::HandoverBookOf({section});
  if (!from_section.ok() || from_section->ToJson() != written)
    Broken("the book's snapshot section does not read back", from_section.status());
  return 0;
}
