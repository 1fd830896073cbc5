// The CSV layout of each kind of record: its file, its columns in export
// order, which columns a header must have, how a cell fills a field of the
// kind's Spec (batch.hpp) and how a stored record's field is written back.
// docs/csv.md documents the same tables for users; keep the two in step.
//
// Cells: an empty cell always means the field's default (the default of its
// Spec: "" for text and ids, kNoDay for dates, the stated value for numbers,
// enums and flags); whether an empty id or reference is acceptable is for the
// record checks of the Applier to say. A required column must be present in
// the header.
#ifndef BATON_LIB_IO_CSV_SCHEMA_HPP_
#define BATON_LIB_IO_CSV_SCHEMA_HPP_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "baton/batch.hpp"
#include "baton/org.hpp"
#include "baton/records.hpp"

namespace baton::internal {

template <typename Spec, typename Record>
struct CsvColumn {
  std::string_view name;  // the Spec field it fills
  bool required;
  // Sets the field from a cell. On bad text the message says what was
  // expected ("expected an integer, got 'senior'"), without the column name.
  absl::Status (*parse)(std::string_view text, Spec& spec);
  // The cell for `record`, possibly held in `scratch`.
  std::string_view (*format)(const Org& org, const Record& record, std::string& scratch);
};

template <typename Spec, typename Record>
struct CsvTable {
  EntityKind kind;
  std::string_view file;  // "accounts.csv"
  absl::Span<const CsvColumn<Spec, Record>> columns;
  absl::Span<const Record> (*records)(const Org& org);
};

// The stored record of each Spec.
template <typename Spec>
struct RecordOf;
template <>
struct RecordOf<TeamSpec> {
  using type = Team;
};
template <>
struct RecordOf<RepSpec> {
  using type = Rep;
};
template <>
struct RecordOf<TierSpec> {
  using type = TierPolicy;
};
template <>
struct RecordOf<AccountSpec> {
  using type = Account;
};
template <>
struct RecordOf<AccountTeamSpec> {
  using type = AccountTeamMember;
};
template <>
struct RecordOf<ContactSpec> {
  using type = Contact;
};
template <>
struct RecordOf<RelationshipSpec> {
  using type = Relationship;
};
template <>
struct RecordOf<InteractionSpec> {
  using type = Interaction;
};
template <>
struct RecordOf<DealSpec> {
  using type = Deal;
};
template <>
struct RecordOf<ComplaintSpec> {
  using type = Complaint;
};
template <>
struct RecordOf<ProductSpec> {
  using type = ProductHolding;
};

template <typename Spec>
using CsvTableFor = CsvTable<Spec, typename RecordOf<Spec>::type>;

// The layout of each kind; defined for the eleven Specs above.
template <typename Spec>
const CsvTableFor<Spec>& CsvTableOf();

template <>
const CsvTableFor<TeamSpec>& CsvTableOf<TeamSpec>();
template <>
const CsvTableFor<RepSpec>& CsvTableOf<RepSpec>();
template <>
const CsvTableFor<TierSpec>& CsvTableOf<TierSpec>();
template <>
const CsvTableFor<AccountSpec>& CsvTableOf<AccountSpec>();
template <>
const CsvTableFor<AccountTeamSpec>& CsvTableOf<AccountTeamSpec>();
template <>
const CsvTableFor<ContactSpec>& CsvTableOf<ContactSpec>();
template <>
const CsvTableFor<RelationshipSpec>& CsvTableOf<RelationshipSpec>();
template <>
const CsvTableFor<InteractionSpec>& CsvTableOf<InteractionSpec>();
template <>
const CsvTableFor<DealSpec>& CsvTableOf<DealSpec>();
template <>
const CsvTableFor<ComplaintSpec>& CsvTableOf<ComplaintSpec>();
template <>
const CsvTableFor<ProductSpec>& CsvTableOf<ProductSpec>();

// Calls f(CsvTableOf<Spec>()) for each kind in dependency order (EntityKind
// order), the order in which files are imported and exported.
template <typename F>
absl::Status ForEachCsvTable(F&& f) {
  absl::Status status;
  const auto visit = [&](const auto& table) {
    if (status.ok()) status = f(table);
  };
  visit(CsvTableOf<TeamSpec>());
  visit(CsvTableOf<RepSpec>());
  visit(CsvTableOf<TierSpec>());
  visit(CsvTableOf<AccountSpec>());
  visit(CsvTableOf<AccountTeamSpec>());
  visit(CsvTableOf<ContactSpec>());
  visit(CsvTableOf<RelationshipSpec>());
  visit(CsvTableOf<InteractionSpec>());
  visit(CsvTableOf<DealSpec>());
  visit(CsvTableOf<ComplaintSpec>());
  visit(CsvTableOf<ProductSpec>());
  return status;
}

// FormatDay's "YYYY-MM-DD" ("" for kNoDay) for a valid day, without its
// allocation and snprintf.
std::string_view FormatDayFast(Day day, std::string& scratch);

// Shortest text that reads back as exactly `value`, in plain decimal
// notation unless that would be very long ("1234.5", "0.1", "1e+300").
std::string_view FormatDouble(double value, std::string& scratch);
// The same for a float, such that parsing it as a double and narrowing to
// float gives `value` back ("0.7" rather than "0.699999988079071").
std::string_view FormatFloat(float value, std::string& scratch);

}  // namespace baton::internal

#endif  // BATON_LIB_IO_CSV_SCHEMA_HPP_
