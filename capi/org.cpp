// The C API of organisations: life cycle, files, queries and Apply.
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "baton/csv.hpp"
#include "baton/org.hpp"
#include "baton/snapshot.hpp"
#include "capi/enums.hpp"
#include "capi/guard.hpp"
#include "capi/handles.hpp"

namespace baton::capi {
namespace {

int CheckKind(int kind) noexcept { return CheckEnum(BATON_ENUM_KIND, kind, "kind"); }

EntityKind KindOf(int kind) { return static_cast<EntityKind>(kind); }

int CheckIndex(const Org& org, int kind, std::uint32_t index) {
  const std::size_t count = org.count(KindOf(kind));
  if (index < count) return BATON_OK;
  return CallError(BATON_ENOTFOUND, std::string(NameOf(KindOf(kind))) + " index " +
                                        std::to_string(index) + " is out of range (" +
                                        std::to_string(count) + " records)");
}

// Takes ownership of `org` and the snapshot sections it carries into a new
// handle stored in `*out`; the handover book among them is read.
int Publish(baton_org** out, Org org, std::vector<baton::SnapshotSection> sections = {}) {
  auto handle = std::make_unique<baton_org>();
  handle->org = std::move(org);
  absl::StatusOr<baton::HandoverBook> book = baton::HandoverBookOf(sections);
  if (!book.ok()) return FromStatus(book.status());
  handle->book = *std::move(book);
  for (baton::SnapshotSection& s : sections)
    if (s.name != baton::kHandoverBookSection) handle->sections.push_back(std::move(s));
  *out = handle.release();
  return BATON_OK;
}

int NotFound(std::string_view kind, std::string_view id) {
  return CallError(BATON_ENOTFOUND,
                   "no " + std::string(kind) + " with id \"" + std::string(id) + "\"");
}

// Index of the pair (account, rep) or (account, product) among `seats`.
template <typename Span, typename Match>
std::optional<Index> FindIn(Span seats, Match match) {
  for (Index i : seats) {
    if (match(i)) return i;
  }
  return std::nullopt;
}

int FindPair(std::uint32_t* out, const Org& org, EntityKind kind, std::string_view first,
             std::string_view second) {
  std::optional<Index> found;
  if (kind == EntityKind::kRelationship) {
    std::optional<RepIndex> rep = org.FindRep(first);
    std::optional<ContactIndex> contact = org.FindContact(second);
    if (rep && contact) found = org.FindRelationship(*rep, *contact);
  } else {
    std::optional<AccountIndex> account = org.FindAccount(first);
    if (account && kind == EntityKind::kAccountTeam) {
      std::optional<RepIndex> rep = org.FindRep(second);
      found = FindIn(org.AccountTeamOf(*account),
                     [&](Index i) { return rep && org.account_team()[i].rep == *rep; });
    } else if (account) {
      found = FindIn(org.ProductsOf(*account), [&](Index i) {
        return org.tag(org.products()[i].product) == second;
      });
    }
  }
  if (!found) {
    return CallError(BATON_ENOTFOUND, "no " + std::string(NameOf(kind)) + " for (\"" +
                                          std::string(first) + "\", \"" +
                                          std::string(second) + "\")");
  }
  *out = *found;
  return BATON_OK;
}

std::optional<Index> FindById(const Org& org, EntityKind kind, std::string_view id) {
  switch (kind) {
    case EntityKind::kTeam:
      return org.FindTeam(id);
    case EntityKind::kRep:
      return org.FindRep(id);
    case EntityKind::kTier:
      return org.FindTier(id);
    case EntityKind::kAccount:
      return org.FindAccount(id);
    case EntityKind::kContact:
      return org.FindContact(id);
    case EntityKind::kDeal:
      return org.FindDeal(id);
    case EntityKind::kComplaint:
      return org.FindComplaint(id);
    default:
      return std::nullopt;
  }
}

bool IsPairKind(EntityKind kind) {
  return kind == EntityKind::kAccountTeam || kind == EntityKind::kRelationship ||
         kind == EntityKind::kProduct;
}

std::optional<std::string_view> RepText(const Org& org, const Rep& rep, int field) {
  switch (field) {
    case BATON_TEXT_ID:
      return rep.id;
    case BATON_TEXT_NAME:
      return rep.name;
    case BATON_TEXT_TERRITORY:
      return org.tag(rep.territory);
    case BATON_TEXT_SEGMENT:
      return org.tag(rep.segment);
    case BATON_TEXT_DESTINATION:
      return rep.destination;
    default:
      return std::nullopt;
  }
}

std::optional<std::string_view> AccountText(const Org& org, const Account& account,
                                            int field) {
  switch (field) {
    case BATON_TEXT_ID:
      return account.id;
    case BATON_TEXT_NAME:
      return account.name;
    case BATON_TEXT_TERRITORY:
      return org.tag(account.territory);
    case BATON_TEXT_SEGMENT:
      return org.tag(account.segment);
    case BATON_TEXT_GROUP:
      return org.tag(account.group);
    default:
      return std::nullopt;
  }
}

// The text `field` of record `i` of `kind`, if that kind has the field.
std::optional<std::string_view> TextOf(const Org& org, EntityKind kind, Index i,
                                       int field) {
  auto only = [field](int wanted,
                      std::string_view text) -> std::optional<std::string_view> {
    if (field == wanted) return text;
    return std::nullopt;
  };
  auto id_or_name = [field](const auto& record) -> std::optional<std::string_view> {
    if (field == BATON_TEXT_ID) return record.id;
    if (field == BATON_TEXT_NAME) return record.name;
    return std::nullopt;
  };
  switch (kind) {
    case EntityKind::kTeam:
      return id_or_name(org.teams()[i]);
    case EntityKind::kRep:
      return RepText(org, org.reps()[i], field);
    case EntityKind::kTier:
      return only(BATON_TEXT_ID, org.tiers()[i].id);
    case EntityKind::kAccount:
      return AccountText(org, org.accounts()[i], field);
    case EntityKind::kContact:
      return id_or_name(org.contacts()[i]);
    case EntityKind::kInteraction:
      return only(BATON_TEXT_NOTE, org.note(org.interactions()[i].note));
    case EntityKind::kDeal:
      if (field == BATON_TEXT_NEXT_STEP) return org.deals()[i].next_step;
      return only(BATON_TEXT_ID, org.deals()[i].id);
    case EntityKind::kComplaint:
      if (field == BATON_TEXT_SUMMARY) return org.complaints()[i].summary;
      return only(BATON_TEXT_ID, org.complaints()[i].id);
    case EntityKind::kProduct:
      return only(BATON_TEXT_PRODUCT, org.tag(org.products()[i].product));
    default:
      return std::nullopt;  // account team, relationship: no text
  }
}

int OrgText(char* buf, std::size_t cap, std::size_t* needed, const baton_org* org,
            int kind, std::uint32_t index, int field) {
  BATON_RETURN_IF_ERROR(CheckOrg(org));
  BATON_RETURN_IF_ERROR(CheckKind(kind));
  BATON_RETURN_IF_ERROR(CheckIndex(org->org, kind, index));
  std::optional<std::string_view> text = TextOf(org->org, KindOf(kind), index, field);
  if (!text) {
    return ArgError("a " + std::string(NameOf(KindOf(kind))) + " has no text field " +
                    std::to_string(field));
  }
  return CopyText(buf, cap, needed, *text);
}

int ImportInto(baton_org* org, const char* directory) {
  absl::Status status = ImportCsv(directory, org->org);
  org->DropPendingBytes();
  return FromStatus(status);
}

}  // namespace
}  // namespace baton::capi

using baton::capi::ArgError;
using baton::capi::CheckOrg;
using baton::capi::FromStatus;
using baton::capi::Guard;

extern "C" {

BATON_API int baton_org_create(baton_org** out) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    *out = new baton_org();
    return BATON_OK;
  });
}

BATON_API int baton_org_copy(baton_org** out, const baton_org* org) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    return baton::capi::Publish(out, org->org, org->SectionsToSave());
  });
}

BATON_API void baton_org_destroy(baton_org* org) {
  Guard(__func__, [&] {
    if (org == nullptr) return BATON_OK;
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    org->tag = baton::capi::kDeadTag;
    delete org;
    return BATON_OK;
  });
}

BATON_API int baton_org_import_csv(baton_org* org, const char* directory) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_REQUIRE(directory);
    return baton::capi::ImportInto(org, directory);
  });
}

BATON_API int baton_org_export_csv(const baton_org* org, const char* directory) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_REQUIRE(directory);
    return FromStatus(baton::ExportCsv(org->org, directory));
  });
}

BATON_API int baton_org_save(const baton_org* org, const char* path) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_REQUIRE(path);
    return FromStatus(baton::SaveSnapshot(org->org, path, org->SectionsToSave()));
  });
}

BATON_API int baton_org_load(baton_org** out, const char* path) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_REQUIRE(path);
    std::vector<baton::SnapshotSection> sections;
    absl::StatusOr<baton::Org> loaded = baton::LoadSnapshot(path, &sections);
    if (!loaded.ok()) return FromStatus(loaded.status());
    return baton::capi::Publish(out, std::move(*loaded), std::move(sections));
  });
}

BATON_API int baton_org_to_bytes(void* buf, size_t cap, size_t* needed,
                                 const baton_org* org) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    std::lock_guard<std::mutex> lock(org->bytes_mutex);
    if (!org->has_pending_bytes) {
      absl::StatusOr<std::string> bytes =
          baton::SnapshotToBytes(org->org, org->SectionsToSave());
      if (!bytes.ok()) return FromStatus(bytes.status());
      org->pending_bytes = std::move(*bytes);
      org->has_pending_bytes = true;
    }
    const std::string& bytes = org->pending_bytes;
    if (needed != nullptr) *needed = bytes.size();
    BATON_RETURN_IF_ERROR(baton::capi::CheckCapacity(cap, bytes.size(), "bytes"));
    BATON_REQUIRE(buf);
    std::memcpy(buf, bytes.data(), bytes.size());
    std::string().swap(org->pending_bytes);
    org->has_pending_bytes = false;
    return BATON_OK;
  });
}

BATON_API int baton_org_from_bytes(baton_org** out, const void* data, size_t size) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    if (size > 0) BATON_REQUIRE(data);
    std::string_view bytes(static_cast<const char*>(data), size);
    std::vector<baton::SnapshotSection> sections;
    absl::StatusOr<baton::Org> loaded = baton::SnapshotFromBytes(bytes, &sections);
    if (!loaded.ok()) return FromStatus(loaded.status());
    return baton::capi::Publish(out, std::move(*loaded), std::move(sections));
  });
}

BATON_API int baton_org_state_hash(uint64_t* out, const baton_org* org) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    *out = org->org.StateHash();
    return BATON_OK;
  });
}

BATON_API int baton_org_count(size_t* out, const baton_org* org, int kind) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_RETURN_IF_ERROR(baton::capi::CheckKind(kind));
    *out = org->org.count(baton::capi::KindOf(kind));
    return BATON_OK;
  });
}

BATON_API int baton_org_find(uint32_t* out, const baton_org* org, int kind,
                             const char* id, const char* second) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_RETURN_IF_ERROR(baton::capi::CheckKind(kind));
    BATON_REQUIRE(id);
    const baton::EntityKind k = baton::capi::KindOf(kind);
    if (k == baton::EntityKind::kInteraction) {
      return ArgError("interactions have no key to find them by");
    }
    if (baton::capi::IsPairKind(k)) {
      BATON_REQUIRE(second);
      return baton::capi::FindPair(out, org->org, k, id, second);
    }
    std::optional<baton::Index> found = baton::capi::FindById(org->org, k, id);
    if (!found) return baton::capi::NotFound(baton::NameOf(k), id);
    *out = *found;
    return BATON_OK;
  });
}

BATON_API int baton_org_text(char* buf, size_t cap, size_t* needed, const baton_org* org,
                             int kind, uint32_t index, int field) {
  return Guard(__func__, [&] {
    return baton::capi::OrgText(buf, cap, needed, org, kind, index, field);
  });
}

BATON_API int baton_org_id(char* buf, size_t cap, size_t* needed, const baton_org* org,
                           int kind, uint32_t index) {
  return Guard(__func__, [&] {
    return baton::capi::OrgText(buf, cap, needed, org, kind, index, BATON_TEXT_ID);
  });
}

BATON_API int baton_org_rep_info(baton_rep_info* out, const baton_org* org,
                                 uint32_t index) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(baton::capi::CheckInfoVersion(out, BATON_REP_INFO_VERSION));
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_RETURN_IF_ERROR(baton::capi::CheckIndex(org->org, BATON_KIND_REP, index));
    const baton::Rep& rep = org->org.reps()[index];
    out->team = rep.team;
    out->manager = rep.manager;
    out->seniority = rep.seniority;
    out->capacity = rep.capacity;
    out->departed_on = rep.departed_on;
    out->to_competitor = rep.to_competitor ? 1 : 0;
    out->accounts_owned = static_cast<uint32_t>(org->org.AccountsOwnedBy(index).size());
    return BATON_OK;
  });
}

BATON_API int baton_org_account_info(baton_account_info* out, const baton_org* org,
                                     uint32_t index) {
  return Guard(__func__, [&] {
    BATON_REQUIRE(out);
    BATON_RETURN_IF_ERROR(baton::capi::CheckInfoVersion(out, BATON_ACCOUNT_INFO_VERSION));
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_RETURN_IF_ERROR(baton::capi::CheckIndex(org->org, BATON_KIND_ACCOUNT, index));
    const baton::Account& account = org->org.accounts()[index];
    out->tier = account.tier;
    out->owner = account.owner;
    out->annual_value = account.annual_value;
    out->customer_since = account.customer_since;
    out->renewal_on = account.renewal_on;
    out->contacts = static_cast<uint32_t>(org->org.ContactsOf(index).size());
    return BATON_OK;
  });
}

BATON_API int baton_org_rep_accounts(uint32_t* out, size_t cap, size_t* needed,
                                     const baton_org* org, const char* rep_id) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_REQUIRE(rep_id);
    std::optional<baton::RepIndex> rep = org->org.FindRep(rep_id);
    if (!rep) return baton::capi::NotFound("rep", rep_id);
    absl::Span<const baton::AccountIndex> accounts = org->org.AccountsOwnedBy(*rep);
    return baton::capi::CopyArray(out, cap, needed, accounts.data(), accounts.size());
  });
}

BATON_API int baton_org_account_owner(char* buf, size_t cap, size_t* needed,
                                      const baton_org* org, const char* account_id) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_REQUIRE(account_id);
    std::optional<baton::AccountIndex> account = org->org.FindAccount(account_id);
    if (!account) return baton::capi::NotFound("account", account_id);
    const baton::RepIndex owner = org->org.accounts()[*account].owner;
    const std::string_view id =
        owner == baton::kNoIndex ? std::string_view() : org->org.reps()[owner].id;
    return baton::capi::CopyText(buf, cap, needed, id);
  });
}

BATON_API int baton_org_apply(baton_org* org, const baton_batch* batch) {
  return Guard(__func__, [&] {
    BATON_RETURN_IF_ERROR(CheckOrg(org));
    BATON_RETURN_IF_ERROR(baton::capi::CheckBatch(batch));
    absl::Status status = org->org.Apply(batch->batch);
    if (status.ok()) org->DropPendingBytes();
    return FromStatus(status);
  });
}

}  // extern "C"
