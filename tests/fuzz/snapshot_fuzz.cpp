// Fuzz target: snapshot load. The first byte chooses how the rest is used:
// even, as the file it is; odd, with the header's checksum set to the
// payload's, so that mutations reach the payload decoder and the
// validation behind the checksum instead of stopping at it.
#include <string>
#include <string_view>

#include "baton/snapshot.hpp"
#include "tests/fuzz/fuzz_contract.hpp"

namespace {

using baton::fuzz::Broken;
using baton::fuzz::SnapshotBytes;

// A refused snapshot: named by its path, with a code that says why.
void CheckRejected(const absl::Status& status, const std::string& path) {
  baton::fuzz::RequireLocatedError(status, path);
  if (!absl::IsInvalidArgument(status) && !absl::IsDataLoss(status) &&
      !absl::IsResourceExhausted(status)) {
    Broken("a snapshot refused with an unexpected code", status);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string bytes = SnapshotBytes(data, size);
  const std::string path = baton::fuzz::ScratchDir("snapshot") + "/org.baton";
  baton::fuzz::WriteFile(path, bytes);
  absl::StatusOr<baton::Org> loaded = baton::LoadSnapshot(path);
  absl::StatusOr<baton::Org> decoded = baton::SnapshotFromBytes(bytes);
  if (loaded.ok() != decoded.ok()) {
    Broken("LoadSnapshot and SnapshotFromBytes disagree",
           loaded.ok() ? decoded.status() : loaded.status());
  }
  if (!loaded.ok()) {
    CheckRejected(loaded.status(), path);
    return 0;
  }
  if (loaded->StateHash() != decoded->StateHash()) {
    Broken("file and bytes load to different organisations", absl::OkStatus());
  }
  absl::StatusOr<std::string> saved = baton::SnapshotToBytes(*loaded);
  if (!saved.ok()) Broken("cannot encode a loaded snapshot", saved.status());
  absl::StatusOr<baton::Org> again = baton::SnapshotFromBytes(*saved);
  if (!again.ok()) Broken("cannot load a snapshot just encoded", again.status());
  if (again->StateHash() != loaded->StateHash()) {
    Broken("load -> save -> load changed the state hash", absl::OkStatus());
  }
  baton::fuzz::RequireCsvRoundTrip(*loaded);
  return 0;
}
