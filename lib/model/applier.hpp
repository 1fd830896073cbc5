// Applies changes one at a time to an OrgState, validating each against the
// state as it stands (so later changes see earlier ones), and either
// finishes (cascading removals, checking what removal may not break,
// compacting tables) or rolls everything back.
#ifndef BATON_LIB_MODEL_APPLIER_HPP_
#define BATON_LIB_MODEL_APPLIER_HPP_

#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "baton/batch.hpp"
#include "lib/model/org_state.hpp"

namespace baton::internal {

struct OrgIndex;

// On a rejected change the Status message names the record and field
// ("account a17: owner: rep r9 has departed"); the field name alone is also
// attached as the payload kFieldPayload, so that a caller who knows where
// the change came from (a CSV row) can point at the column.
inline constexpr char kFieldPayload[] = "baton.field";

class Applier {
 public:
  // `keep_undo`: record what each change did so that Rollback can restore the
  // state. Without it the caller must discard `state` on failure (a scratch
  // copy). `index`, if given, must describe `state` as it is now; it spares
  // building look-up tables of relationships, account-team seats and products
  // from the whole tables. `state` and `index` must outlive the Applier.
  Applier(OrgState* state, bool keep_undo, const OrgIndex* index = nullptr);
  ~Applier();
  Applier(const Applier&) = delete;
  Applier& operator=(const Applier&) = delete;

  // Validates and applies one change. On error nothing of this change is
  // applied; earlier changes stay until Rollback.
  absl::Status Apply(const Change& change);

  // Starts fetching the id map slots that applying `change` will read: a
  // hint, for a caller that holds changes a few ahead (CSV import).
  void Prefetch(const Change& change) const;

  // Completes the batch: cascades removals, rejects removals that would leave
  // dangling references, compacts the tables and rebuilds the id maps. On
  // error the state still holds the changes (call Rollback). Returns in
  // `dirty_kinds` which tables changed (KindBit / GrownBit, org_access.hpp).
  absl::Status Finish(std::uint32_t* dirty_kinds);

  // Undoes every applied change, newest first. Requires keep_undo. Also
  // after a Finish, unless the batch removed records (Finish then compacts
  // the tables, which no undo takes back).
  void Rollback();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace baton::internal

#endif  // BATON_LIB_MODEL_APPLIER_HPP_
