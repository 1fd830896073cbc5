// Fuzz target: a format-2 snapshot, the organisation and the named sections
// after it, read with its sections (snapshot_fuzz reads none back). The
// first byte is snapshot_fuzz's: odd, the header's checksum is set to the
// payload's so that mutations reach the section decoder. An accepted
// snapshot saves, with the same sections, to bytes that load back to the
// same organisation and sections and save again to the same bytes; the
// sections Baton reads (the risk model, the handover book) are refused with
// a message naming the section, or read back from what they write.
#include <string>
#include <string_view>
#include <vector>

#include "baton/handover_book.hpp"
#include "baton/risk.hpp"
#include "baton/snapshot.hpp"
#include "tests/fuzz/fuzz_contract.hpp"

namespace {

using baton::SnapshotSection;
using baton::fuzz::Broken;
using baton::fuzz::SnapshotBytes;

bool SameSections(const std::vector<SnapshotSection>& a,
                  const std::vector<SnapshotSection>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].name != b[i].name || a[i].bytes != b[i].bytes) return false;
  return true;
}

bool StartsWith(const absl::Status& status, std::string_view prefix) {
  const std::string_view message(status.message().data(), status.message().size());
  return message.size() > prefix.size() && message.substr(0, prefix.size()) == prefix;
}

// The risk model and the handover book the sections carry, if any.
void CheckKnownSections(const std::vector<SnapshotSection>& sections) {
  absl::StatusOr<baton::RiskModel> model = baton::RiskModelFromSections(sections);
  if (model.ok()) {
    if (absl::Status s = model->Validate(); !s.ok())
      Broken("a risk model section that does not validate", s);
    const SnapshotSection again = baton::RiskModelSection(*model);
    absl::StatusOr<baton::RiskModel> reread = baton::RiskModelFromSections({again});
    if (!reread.ok() || baton::RiskModelToText(*reread) != again.bytes)
      Broken("a risk model section does not read back", reread.status());
  } else if (!absl::IsNotFound(model.status()) &&
             !(absl::IsInvalidArgument(model.status()) &&
               StartsWith(model.status(), "snapshot section risk-model: "))) {
    Broken("a refused risk model section not named", model.status());
  }
  absl::StatusOr<baton::HandoverBook> book = baton::HandoverBookOf(sections);
  if (book.ok()) {
    const SnapshotSection again = baton::ToSection(*book);
    absl::StatusOr<baton::HandoverBook> reread = baton::HandoverBookOf({again});
    if (!reread.ok() || reread->ToJson() != again.bytes)
      Broken("a handover book section does not read back", reread.status());
  } else if (!absl::IsInvalidArgument(book.status()) ||
             !StartsWith(book.status(), "handover book: ")) {
    Broken("a refused handover book section not named", book.status());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string bytes = SnapshotBytes(data, size);
  const std::string path = baton::fuzz::ScratchDir("snapshot-sections") + "/org.baton";
  baton::fuzz::WriteFile(path, bytes);
  std::vector<SnapshotSection> from_file, from_bytes;
  absl::StatusOr<baton::Org> loaded = baton::LoadSnapshot(path, &from_file);
  absl::StatusOr<baton::Org> decoded = baton::SnapshotFromBytes(bytes, &from_bytes);
  if (loaded.ok() != decoded.ok()) {
    Broken("LoadSnapshot and SnapshotFromBytes disagree",
           loaded.ok() ? decoded.status() : loaded.status());
  }
  if (!loaded.ok()) {
    baton::fuzz::RequireLocatedError(loaded.status(), path);
    if (!absl::IsInvalidArgument(loaded.status()) && !absl::IsDataLoss(loaded.status()) &&
        !absl::IsResourceExhausted(loaded.status())) {
      Broken("a snapshot refused with an unexpected code", loaded.status());
    }
    return 0;
  }
  if (loaded->StateHash() != decoded->StateHash() || !SameSections(from_file, from_bytes))
    Broken("file and bytes load to different snapshots", absl::OkStatus());
  absl::StatusOr<std::string> saved = baton::SnapshotToBytes(*loaded, from_file);
  if (!saved.ok()) Broken("cannot save a loaded snapshot's sections", saved.status());
  std::vector<SnapshotSection> again_sections;
  absl::StatusOr<baton::Org> again = baton::SnapshotFromBytes(*saved, &again_sections);
  if (!again.ok()) Broken("cannot load a snapshot just saved", again.status());
  if (again->StateHash() != loaded->StateHash())
    Broken("load -> save -> load changed the state hash", absl::OkStatus());
  if (!SameSections(again_sections, from_file))
    Broken("load -> save -> load changed the sections", absl::OkStatus());
  absl::StatusOr<std::string> resaved = baton::SnapshotToBytes(*again, again_sections);
  if (!resaved.ok() || *resaved != *saved)
    Broken("save -> load -> save changed the bytes", resaved.status());
  // A file saved with the sections reads back as the bytes do.
  const std::string copy =
      baton::fuzz::ScratchDir("snapshot-sections-save") + "/org.baton";
  if (absl::Status s = baton::SaveSnapshot(*loaded, copy, from_file); !s.ok())
    Broken("SaveSnapshot refused sections SnapshotToBytes took", s);
  std::vector<SnapshotSection> reloaded_sections;
  absl::StatusOr<baton::Org> reloaded = baton::LoadSnapshot(copy, &reloaded_sections);
  if (!reloaded.ok() || reloaded->StateHash() != loaded->StateHash() ||
      !SameSections(reloaded_sections, from_file))
    Broken("SaveSnapshot -> LoadSnapshot changed the snapshot", reloaded.status());
  CheckKnownSections(from_file);
  return 0;
}
