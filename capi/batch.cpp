// The C API of batches: C spec structs become the C++ specs of batch.hpp.
#include <memory>
#include <string>

#include "baton/batch.hpp"
#include "capi/enums.hpp"
#include "capi/guard.hpp"
#include "capi/handles.hpp"

namespace baton::capi {
namespace {

std::string Text(const char* text) {
  return text != nullptr ? std::string(text) : std::string();
}

// Each C spec: its C++ spec and current version (Traits), and its
// conversion to the C++ spec (Convert), which checks enumeration values (the
// rest is Apply's job) and returns a BATON_* code.
template <typename CSpec>
struct Traits;

template <>
struct Traits<baton_team_spec> {
  using Spec = TeamSpec;
  static constexpr unsigned kVersion = BATON_TEAM_SPEC_VERSION;
};
int Convert(const baton_team_spec& c, TeamSpec* spec) {
  *spec = TeamSpec{Text(c.id), Text(c.name), Text(c.manager)};
  return BATON_OK;
}

template <>
struct Traits<baton_rep_spec> {
  using Spec = RepSpec;
  static constexpr unsigned kVersion = BATON_REP_SPEC_VERSION;
};
int Convert(const baton_rep_spec& c, RepSpec* spec) {
  *spec =
      RepSpec{Text(c.id),    Text(c.name),        Text(c.team),        Text(c.manager),
              c.seniority,   c.capacity,          Text(c.territory),   Text(c.segment),
              c.departed_on, Text(c.destination), c.to_competitor != 0};
  return BATON_OK;
}

template <>
struct Traits<baton_tier_spec> {
  using Spec = TierSpec;
  static constexpr unsigned kVersion = BATON_TIER_SPEC_VERSION;
};
int Convert(const baton_tier_spec& c, TierSpec* spec) {
  *spec = TierSpec{Text(c.id), c.load_weight, c.min_seniority, c.max_per_rep};
  return BATON_OK;
}

template <>
struct Traits<baton_account_spec> {
  using Spec = AccountSpec;
  static constexpr unsigned kVersion = BATON_ACCOUNT_SPEC_VERSION;
};
int Convert(const baton_account_spec& c, AccountSpec* spec) {
  *spec = AccountSpec{Text(c.id),       Text(c.name), Text(c.tier),      c.annual_value,
                      c.customer_since, c.renewal_on, Text(c.territory), Text(c.segment),
                      Text(c.group),    Text(c.owner)};
  return BATON_OK;
}

template <>
struct Traits<baton_account_team_spec> {
  using Spec = AccountTeamSpec;
  static constexpr unsigned kVersion = BATON_ACCOUNT_TEAM_SPEC_VERSION;
};
int Convert(const baton_account_team_spec& c, AccountTeamSpec* spec) {
  BATON_RETURN_IF_ERROR(CheckEnum(BATON_ENUM_ACCOUNT_ROLE, c.role, "role"));
  *spec = AccountTeamSpec{Text(c.account), Text(c.rep), static_cast<AccountRole>(c.role)};
  return BATON_OK;
}

template <>
struct Traits<baton_contact_spec> {
  using Spec = ContactSpec;
  static constexpr unsigned kVersion = BATON_CONTACT_SPEC_VERSION;
};
int Convert(const baton_contact_spec& c, ContactSpec* spec) {
  BATON_RETURN_IF_ERROR(CheckEnum(BATON_ENUM_CONTACT_ROLE, c.role, "role"));
  BATON_RETURN_IF_ERROR(CheckEnum(BATON_ENUM_ATTITUDE, c.attitude, "attitude"));
  *spec = ContactSpec{Text(c.id),        Text(c.account),
                      Text(c.name),      static_cast<ContactRole>(c.role),
                      c.key_player != 0, static_cast<Attitude>(c.attitude)};
  return BATON_OK;
}

template <>
struct Traits<baton_relationship_spec> {
  using Spec = RelationshipSpec;
  static constexpr unsigned kVersion = BATON_RELATIONSHIP_SPEC_VERSION;
};
int Convert(const baton_relationship_spec& c, RelationshipSpec* spec) {
  BATON_RETURN_IF_ERROR(CheckEnum(BATON_ENUM_DEPTH, c.depth, "depth"));
  *spec = RelationshipSpec{Text(c.rep), Text(c.contact),
                           c.strength,  static_cast<Depth>(c.depth),
                           c.since,     c.last_touch};
  return BATON_OK;
}

template <>
struct Traits<baton_interaction_spec> {
  using Spec = InteractionSpec;
  static constexpr unsigned kVersion = BATON_INTERACTION_SPEC_VERSION;
};
int Convert(const baton_interaction_spec& c, InteractionSpec* spec) {
  BATON_RETURN_IF_ERROR(CheckEnum(BATON_ENUM_CHANNEL, c.channel, "channel"));
  *spec = InteractionSpec{c.on,
                          static_cast<Channel>(c.channel),
                          Text(c.rep),
                          Text(c.account),
                          Text(c.contact),
                          Text(c.note)};
  return BATON_OK;
}

template <>
struct Traits<baton_deal_spec> {
  using Spec = DealSpec;
  static constexpr unsigned kVersion = BATON_DEAL_SPEC_VERSION;
};
int Convert(const baton_deal_spec& c, DealSpec* spec) {
  BATON_RETURN_IF_ERROR(CheckEnum(BATON_ENUM_STAGE, c.stage, "stage"));
  *spec = DealSpec{
      Text(c.id), Text(c.account), Text(c.owner),    static_cast<DealStage>(c.stage),
      c.amount,   c.close_on,      Text(c.next_step)};
  return BATON_OK;
}

template <>
struct Traits<baton_complaint_spec> {
  using Spec = ComplaintSpec;
  static constexpr unsigned kVersion = BATON_COMPLAINT_SPEC_VERSION;
};
int Convert(const baton_complaint_spec& c, ComplaintSpec* spec) {
  BATON_RETURN_IF_ERROR(CheckEnum(BATON_ENUM_SEVERITY, c.severity, "severity"));
  *spec = ComplaintSpec{Text(c.id),
                        Text(c.account),
                        c.opened_on,
                        c.closed_on,
                        static_cast<Severity>(c.severity),
                        Text(c.summary)};
  return BATON_OK;
}

template <>
struct Traits<baton_product_spec> {
  using Spec = ProductSpec;
  static constexpr unsigned kVersion = BATON_PRODUCT_SPEC_VERSION;
};
int Convert(const baton_product_spec& c, ProductSpec* spec) {
  *spec = ProductSpec{Text(c.account), Text(c.product), c.quantity};
  return BATON_OK;
}

// Appends an add (or, with `update`, an update) of `spec` to `batch`. The
// parameters are named as in baton.h, since BATON_REQUIRE's message names them.
template <typename CSpec>
int Put(baton_batch* batch, const CSpec* spec, bool update) {
  BATON_RETURN_IF_ERROR(CheckBatch(batch));
  BATON_REQUIRE(spec);
  constexpr unsigned current = Traits<CSpec>::kVersion;
  if (spec->version < 1 || spec->version > current) {
    return ArgError("spec->version is " + std::to_string(spec->version) +
                    "; initialise the spec with its _INIT macro or _init function "
                    "(version 1.." +
                    std::to_string(current) + ")");
  }
  typename Traits<CSpec>::Spec converted;
  BATON_RETURN_IF_ERROR(Convert(*spec, &converted));
  if (update) {
    batch->batch.Update(std::move(converted));
  } else {
    batch->batch.Add(std::move(converted));
  }
  return BATON_OK;
}

}  // namespace
}  // namespace baton::capi

using baton::capi::CheckBatch;
using baton::capi::Guard;

// baton_<kind>_spec_init, baton_batch_add_<kind> and baton_batch_update_<kind>.
#define BATON_SPEC_FUNCTIONS(kind, KIND)                                          \
  BATON_API void baton_##kind##_spec_init(baton_##kind##_spec* spec) {            \
    const baton_##kind##_spec defaults = BATON_##KIND##_SPEC_INIT;                \
    if (spec != nullptr) *spec = defaults;                                        \
  }                                                                               \
  BATON_API int baton_batch_add_##kind(baton_batch* batch,                        \
                                       const baton_##kind##_spec* spec) {         \
    return Guard(__func__, [&] { return baton::capi::Put(batch, spec, false); }); \
  }                                                                               \
  BATON_API int baton_batch_update_##kind(baton_batch* batch,                     \
                                          const baton_##kind##_spec* spec) {      \
    return Guard(__func__, [&] { return baton::capi::Put(batch, spec, true); });  \
  }

extern "C" {

BATON_SPEC_FUNCTIONS(team, TEAM)
BATON_SPEC_FUNCTIONS(rep, REP)
BATON_SPEC_FUNCTIONS(tier, TIER)
BATON_SPEC_FUNCTIONS(account, ACCOUNT)
BATON_SPEC_FUNCTIONS(account_team, ACCOUNT_TEAM)
BATON_SPEC_FUNCTIONS(contact, CONTACT)
BATON_SPEC_FUNCTIONS(relationship, RELATIONSHIP)
BATON_SPEC_FUNCTIONS(deal, DEAL)
BATON_SPEC_FUNCTIONS(complaint, COMPLAINT)
BATON_SPEC_FUNCTIONS(product, PRODUCT)

BATON_API void baton_interaction_spec_init(baton_interaction_spec* spec) {
  const baton_interaction_spec defaults = BATON_INTERACTION_SPEC_INIT;
  if (spec != nullptr) *spec = defaults;
}

BATON_API int baton_batch_record_interaction(baton_batch* batch,
                                             const baton_interaction_spec* spec) {
  return Guard(__func__, [&] { return baton::capi::Put(batch, spec, false); });
}

BATON_API int baton_batch_create(baton_batch** out) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    *out = new baton_batch();
    return BATON_OK;
  });
}

BATON_API void baton_batch_destroy(baton_batch* batch) {
  Guard(__func__, [&] {
    if (batch == nullptr) return BATON_OK;
    BATON_RETURN_IF_ERROR(CheckBatch(batch));
    batch->tag = baton::capi::kDeadTag;
    delete batch;
    return BATON_OK;
  });
}

BATON_API int baton_batch_size(size_t* out, const baton_batch* batch) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(CheckBatch(batch));
    *out = batch->batch.size();
    return BATON_OK;
  });
}

BATON_API int baton_batch_clear(baton_batch* batch) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckBatch(batch));
    batch->batch.Clear();
    return BATON_OK;
  });
}

BATON_API int baton_batch_remove(baton_batch* batch, int kind, const char* id,
                                 const char* second) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckBatch(batch));
    BATON_RETURN_IF_ERROR(baton::capi::CheckEnum(BATON_ENUM_KIND, kind, "kind"));
    BATON_REQUIRE(id);
    batch->batch.Remove(static_cast<baton::EntityKind>(kind), id,
                        baton::capi::Text(second));
    return BATON_OK;
  });
}

BATON_API int baton_batch_change_owner(baton_batch* batch, const char* account,
                                       const char* owner) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckBatch(batch));
    BATON_REQUIRE(account);
    batch->batch.ChangeOwner(account, baton::capi::Text(owner));
    return BATON_OK;
  });
}

BATON_API int baton_batch_depart(baton_batch* batch, const char* rep, int32_t on,
                                 const char* destination, int to_competitor) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckBatch(batch));
    BATON_REQUIRE(rep);
    batch->batch.Depart(rep, on, baton::capi::Text(destination), to_competitor != 0);
    return BATON_OK;
  });
}

}  // extern "C"
