#include "lib/io/csv_schema.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <system_error>
#include <type_traits>

#include "absl/strings/match.h"
#include "lib/model/strings.hpp"

namespace baton::internal {
namespace {

// ---- reading cells ----------------------------------------------------------

// The cell as quoted in a message, cut short (on a UTF-8 boundary) if long.
std::string Quoted(std::string_view text) {
  constexpr std::size_t kMaxShown = 40;
  if (text.size() <= kMaxShown) return Cat("'", text, "'");
  std::size_t cut = kMaxShown;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return Cat("'", text.substr(0, cut), "...'");
}

absl::Status Expected(std::string_view what, std::string_view text) {
  return absl::InvalidArgumentError(Cat("expected ", what, ", got ", Quoted(text)));
}

// The default of each field, from a default-constructed Spec.
template <typename Spec>
const Spec& Defaults() {
  static const Spec defaults{};
  return defaults;
}

template <typename Int>
absl::Status ParseInteger(std::string_view text, Int& out) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) {
    out = value;
    return absl::OkStatus();
  }
  if (ec == std::errc::result_out_of_range) {
    return Expected(Cat("an integer from ", std::numeric_limits<Int>::min(), " to ",
                        std::numeric_limits<Int>::max()),
                    text);
  }
  return Expected("an integer", text);
}

absl::Status ParseNumber(std::string_view text, double& out) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // from_chars reads "inf" and "nan" too; a file holds only finite numbers.
  if (ec == std::errc() && end == text.data() + text.size() && std::isfinite(value)) {
    out = value;
    return absl::OkStatus();
  }
  return Expected("a finite decimal number", text);
}

// "YYYY-MM-DD" of a valid day, read without ParseDay's StatusOr; nullopt
// for anything else, which ParseDay then reads (or explains). Dates are a
// quarter of the cells of a large import.
std::optional<Day> ParseDayFast(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int digits[8];
  constexpr int kAt[8] = {0, 1, 2, 3, 5, 6, 8, 9};
  for (int i = 0; i < 8; ++i) {
    digits[i] = text[kAt[i]] - '0';
    if (digits[i] < 0 || digits[i] > 9) return std::nullopt;
  }
  const int y = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
  const int m = digits[4] * 10 + digits[5];
  const int d = digits[6] * 10 + digits[7];
  // Every day of 1900..2199 is a valid Day.
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
  if (d > (m == 2 && leap ? 29 : kDays[m - 1])) return std::nullopt;
  return DayFromCivil(y, m, d);
}

absl::Status ParseDate(std::string_view text, Day& out) {
  if (const std::optional<Day> fast = ParseDayFast(text)) {
    out = *fast;
    return absl::OkStatus();
  }
  absl::StatusOr<Day> day = ParseDay(text);
  if (!day.ok()) return Expected("a date YYYY-MM-DD from 1900-01-01 to 2199-12-31", text);
  out = *day;
  return absl::OkStatus();
}

absl::Status ParseFlag(std::string_view text, bool& out) {
  for (const char* yes : {"true", "1", "yes"}) {
    if (absl::EqualsIgnoreCase(AsAbsl(text), yes)) {
      out = true;
      return absl::OkStatus();
    }
  }
  for (const char* no : {"false", "0", "no"}) {
    if (absl::EqualsIgnoreCase(AsAbsl(text), no)) {
      out = false;
      return absl::OkStatus();
    }
  }
  return Expected("true or false", text);
}

template <typename Enum>
absl::Status ParseEnum(std::string_view text, Enum& out) {
  if (const std::optional<Enum> value = EnumFromName<Enum>(text)) {
    out = *value;
    return absl::OkStatus();
  }
  // Every enum has fewer than 16 values, numbered from 0 or 1.
  std::string choices;
  for (int i = 0; i < 16; ++i) {
    const std::string_view name = NameOf(static_cast<Enum>(i));
    if (name == "invalid") continue;
    if (!choices.empty()) choices += ", ";
    choices += name;
  }
  return Expected(Cat("one of ", choices), text);
}

template <typename T>
absl::Status ParseValue(std::string_view text, T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    out.assign(text.data(), text.size());
    return absl::OkStatus();
  } else if constexpr (std::is_same_v<T, bool>) {
    return ParseFlag(text, out);
  } else if constexpr (std::is_integral_v<T>) {
    return ParseInteger(text, out);
  } else if constexpr (std::is_same_v<T, double>) {
    return ParseNumber(text, out);
  } else {
    return ParseEnum(text, out);
  }
}

template <typename M>
struct MemberOf;
template <typename C, typename T>
struct MemberOf<T C::*> {
  using Class = C;
  using Type = T;
};

// Fills the Spec field kField from a cell; an empty cell gives the default.
template <auto kField>
absl::Status Parse(std::string_view text,
                   typename MemberOf<decltype(kField)>::Class& spec) {
  using Spec = typename MemberOf<decltype(kField)>::Class;
  if (text.empty()) {
    spec.*kField = Defaults<Spec>().*kField;
    return absl::OkStatus();
  }
  return ParseValue(text, spec.*kField);
}

// Fills the date field kField from a cell; an empty cell gives kNoDay.
template <auto kField>
absl::Status ParseDateField(std::string_view text,
                            typename MemberOf<decltype(kField)>::Class& spec) {
  return ParseDate(text, spec.*kField);
}

// ---- writing cells ----------------------------------------------------------

std::string_view FormatValue(const std::string& text, std::string&) { return text; }
std::string_view FormatValue(bool flag, std::string&) { return flag ? "true" : "false"; }
std::string_view FormatValue(double value, std::string& scratch) {
  return FormatDouble(value, scratch);
}
std::string_view FormatValue(float value, std::string& scratch) {
  return FormatFloat(value, scratch);
}
template <typename T>
std::string_view FormatValue(T value, std::string& scratch) {
  if constexpr (std::is_enum_v<T>) {
    return NameOf(value);
  } else {
    static_assert(std::is_integral_v<T>);
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    scratch.assign(buffer, result.ptr);
    return scratch;
  }
}

// Writes the Record field kField as it is.
template <auto kField>
std::string_view Format(const Org&,
                        const typename MemberOf<decltype(kField)>::Class& record,
                        std::string& scratch) {
  return FormatValue(record.*kField, scratch);
}

template <auto kField>
std::string_view FormatDate(const Org&,
                            const typename MemberOf<decltype(kField)>::Class& record,
                            std::string& scratch) {
  return FormatDayFast(record.*kField, scratch);
}

template <auto kField>
std::string_view FormatTag(const Org& org,
                           const typename MemberOf<decltype(kField)>::Class& record,
                           std::string&) {
  return org.tag(record.*kField);
}

template <auto kField>
std::string_view FormatNote(const Org& org,
                            const typename MemberOf<decltype(kField)>::Class& record,
                            std::string&) {
  return org.note(record.*kField);
}

// A reference written as the id of the record it points to.
template <auto kField, auto kTable>
std::string_view FormatRef(const Org& org,
                           const typename MemberOf<decltype(kField)>::Class& record,
                           std::string&) {
  const Index i = record.*kField;
  if (i == kNoIndex) return {};
  return (org.*kTable)()[i].id;
}

constexpr bool kRequired = true;
constexpr bool kOptional = false;

template <typename Spec, typename Record>
using Col = CsvColumn<Spec, Record>;

// ---- the tables ---------------------------------------------------------------

constexpr Col<TeamSpec, Team> kTeamColumns[] = {
    {"id", kRequired, Parse<&TeamSpec::id>, Format<&Team::id>},
    {"name", kRequired, Parse<&TeamSpec::name>, Format<&Team::name>},
    {"manager", kOptional, Parse<&TeamSpec::manager>,
     FormatRef<&Team::manager, &Org::reps>},
};

constexpr Col<RepSpec, Rep> kRepColumns[] = {
    {"id", kRequired, Parse<&RepSpec::id>, Format<&Rep::id>},
    {"name", kRequired, Parse<&RepSpec::name>, Format<&Rep::name>},
    {"team", kOptional, Parse<&RepSpec::team>, FormatRef<&Rep::team, &Org::teams>},
    {"manager", kOptional, Parse<&RepSpec::manager>,
     FormatRef<&Rep::manager, &Org::reps>},
    {"seniority", kOptional, Parse<&RepSpec::seniority>, Format<&Rep::seniority>},
    {"capacity", kOptional, Parse<&RepSpec::capacity>, Format<&Rep::capacity>},
    {"territory", kOptional, Parse<&RepSpec::territory>, FormatTag<&Rep::territory>},
    {"segment", kOptional, Parse<&RepSpec::segment>, FormatTag<&Rep::segment>},
    {"departed_on", kOptional, ParseDateField<&RepSpec::departed_on>,
     FormatDate<&Rep::departed_on>},
    {"destination", kOptional, Parse<&RepSpec::destination>, Format<&Rep::destination>},
    {"to_competitor", kOptional, Parse<&RepSpec::to_competitor>,
     Format<&Rep::to_competitor>},
};

constexpr Col<TierSpec, TierPolicy> kTierColumns[] = {
    {"id", kRequired, Parse<&TierSpec::id>, Format<&TierPolicy::id>},
    {"load_weight", kOptional, Parse<&TierSpec::load_weight>,
     Format<&TierPolicy::load_weight>},
    {"min_seniority", kOptional, Parse<&TierSpec::min_seniority>,
     Format<&TierPolicy::min_seniority>},
    {"max_per_rep", kOptional, Parse<&TierSpec::max_per_rep>,
     Format<&TierPolicy::max_per_rep>},
};

constexpr Col<AccountSpec, Account> kAccountColumns[] = {
    {"id", kRequired, Parse<&AccountSpec::id>, Format<&Account::id>},
    {"name", kRequired, Parse<&AccountSpec::name>, Format<&Account::name>},
    {"tier", kRequired, Parse<&AccountSpec::tier>,
     FormatRef<&Account::tier, &Org::tiers>},
    {"annual_value", kOptional, Parse<&AccountSpec::annual_value>,
     Format<&Account::annual_value>},
    {"customer_since", kOptional, ParseDateField<&AccountSpec::customer_since>,
     FormatDate<&Account::customer_since>},
    {"renewal_on", kOptional, ParseDateField<&AccountSpec::renewal_on>,
     FormatDate<&Account::renewal_on>},
    {"territory", kOptional, Parse<&AccountSpec::territory>,
     FormatTag<&Account::territory>},
    {"segment", kOptional, Parse<&AccountSpec::segment>, FormatTag<&Account::segment>},
    {"group", kOptional, Parse<&AccountSpec::group>, FormatTag<&Account::group>},
    {"owner", kOptional, Parse<&AccountSpec::owner>,
     FormatRef<&Account::owner, &Org::reps>},
};

constexpr Col<AccountTeamSpec, AccountTeamMember> kAccountTeamColumns[] = {
    {"account", kRequired, Parse<&AccountTeamSpec::account>,
     FormatRef<&AccountTeamMember::account, &Org::accounts>},
    {"rep", kRequired, Parse<&AccountTeamSpec::rep>,
     FormatRef<&AccountTeamMember::rep, &Org::reps>},
    {"role", kOptional, Parse<&AccountTeamSpec::role>, Format<&AccountTeamMember::role>},
};

constexpr Col<ContactSpec, Contact> kContactColumns[] = {
    {"id", kRequired, Parse<&ContactSpec::id>, Format<&Contact::id>},
    {"account", kRequired, Parse<&ContactSpec::account>,
     FormatRef<&Contact::account, &Org::accounts>},
    {"name", kRequired, Parse<&ContactSpec::name>, Format<&Contact::name>},
    {"role", kOptional, Parse<&ContactSpec::role>, Format<&Contact::role>},
    {"key_player", kOptional, Parse<&ContactSpec::key_player>,
     Format<&Contact::key_player>},
    {"attitude", kOptional, Parse<&ContactSpec::attitude>, Format<&Contact::attitude>},
};

constexpr Col<RelationshipSpec, Relationship> kRelationshipColumns[] = {
    {"rep", kRequired, Parse<&RelationshipSpec::rep>,
     FormatRef<&Relationship::rep, &Org::reps>},
    {"contact", kRequired, Parse<&RelationshipSpec::contact>,
     FormatRef<&Relationship::contact, &Org::contacts>},
    {"strength", kOptional, Parse<&RelationshipSpec::strength>,
     Format<&Relationship::strength>},
    {"depth", kOptional, Parse<&RelationshipSpec::depth>, Format<&Relationship::depth>},
    {"since", kOptional, ParseDateField<&RelationshipSpec::since>,
     FormatDate<&Relationship::since>},
    {"last_touch", kOptional, ParseDateField<&RelationshipSpec::last_touch>,
     FormatDate<&Relationship::last_touch>},
};

constexpr Col<InteractionSpec, Interaction> kInteractionColumns[] = {
    {"on", kRequired, ParseDateField<&InteractionSpec::on>, FormatDate<&Interaction::on>},
    {"channel", kOptional, Parse<&InteractionSpec::channel>,
     Format<&Interaction::channel>},
    {"rep", kRequired, Parse<&InteractionSpec::rep>,
     FormatRef<&Interaction::rep, &Org::reps>},
    {"account", kRequired, Parse<&InteractionSpec::account>,
     FormatRef<&Interaction::account, &Org::accounts>},
    {"contact", kOptional, Parse<&InteractionSpec::contact>,
     FormatRef<&Interaction::contact, &Org::contacts>},
    {"note", kOptional, Parse<&InteractionSpec::note>, FormatNote<&Interaction::note>},
};

constexpr Col<DealSpec, Deal> kDealColumns[] = {
    {"id", kRequired, Parse<&DealSpec::id>, Format<&Deal::id>},
    {"account", kRequired, Parse<&DealSpec::account>,
     FormatRef<&Deal::account, &Org::accounts>},
    {"owner", kOptional, Parse<&DealSpec::owner>, FormatRef<&Deal::owner, &Org::reps>},
    {"stage", kOptional, Parse<&DealSpec::stage>, Format<&Deal::stage>},
    {"amount", kOptional, Parse<&DealSpec::amount>, Format<&Deal::amount>},
    {"close_on", kOptional, ParseDateField<&DealSpec::close_on>,
     FormatDate<&Deal::close_on>},
    {"next_step", kOptional, Parse<&DealSpec::next_step>, Format<&Deal::next_step>},
};

constexpr Col<ComplaintSpec, Complaint> kComplaintColumns[] = {
    {"id", kRequired, Parse<&ComplaintSpec::id>, Format<&Complaint::id>},
    {"account", kRequired, Parse<&ComplaintSpec::account>,
     FormatRef<&Complaint::account, &Org::accounts>},
    {"opened_on", kRequired, ParseDateField<&ComplaintSpec::opened_on>,
     FormatDate<&Complaint::opened_on>},
    {"closed_on", kOptional, ParseDateField<&ComplaintSpec::closed_on>,
     FormatDate<&Complaint::closed_on>},
    {"severity", kOptional, Parse<&ComplaintSpec::severity>,
     Format<&Complaint::severity>},
    {"summary", kOptional, Parse<&ComplaintSpec::summary>, Format<&Complaint::summary>},
};

constexpr Col<ProductSpec, ProductHolding> kProductColumns[] = {
    {"account", kRequired, Parse<&ProductSpec::account>,
     FormatRef<&ProductHolding::account, &Org::accounts>},
    {"product", kRequired, Parse<&ProductSpec::product>,
     FormatTag<&ProductHolding::product>},
    {"quantity", kOptional, Parse<&ProductSpec::quantity>,
     Format<&ProductHolding::quantity>},
};

template <typename Record, absl::Span<const Record> (Org::*kTable)() const>
absl::Span<const Record> RecordsOf(const Org& org) {
  return (org.*kTable)();
}

}  // namespace

std::string_view FormatDayFast(Day day, std::string& scratch) {
  if (day == kNoDay) return {};
  // civil_from_days, as in day.cpp (H. Hinnant, "chrono-Compatible Low-Level
  // Date Algorithms"), written out here so export need not go through
  // snprintf for each of its millions of dates.
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const unsigned y = static_cast<unsigned>(static_cast<int>(yoe) + era * 400) + (m <= 2);
  char text[10] = {static_cast<char>('0' + y / 1000 % 10),
                   static_cast<char>('0' + y / 100 % 10),
                   static_cast<char>('0' + y / 10 % 10),
                   static_cast<char>('0' + y % 10),
                   '-',
                   static_cast<char>('0' + m / 10),
                   static_cast<char>('0' + m % 10),
                   '-',
                   static_cast<char>('0' + d / 10),
                   static_cast<char>('0' + d % 10)};
  scratch.assign(text, sizeof text);
  return scratch;
}

std::string_view FormatDouble(double value, std::string& scratch) {
  char buffer[64];
  // Shortest round-trip digits in plain notation; for magnitudes that would
  // need more than 64 characters, the shortest form with an exponent.
  auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (result.ec != std::errc())
    result = std::to_chars(buffer, buffer + sizeof buffer, value);
  scratch.assign(buffer, result.ptr);
  return scratch;
}

std::string_view FormatFloat(float value, std::string& scratch) {
  char buffer[64];
  auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (result.ec == std::errc()) {
    // The float's shortest digits read as a double and narrowed back are
    // nearly always the same float; where double rounding says otherwise,
    // write the double's own digits, which are exact.
    double wide = 0;
    std::from_chars(buffer, result.ptr, wide);
    const float back = static_cast<float>(wide);
    if (std::memcmp(&back, &value, sizeof value) == 0) {
      scratch.assign(buffer, result.ptr);
      return scratch;
    }
  }
  return FormatDouble(static_cast<double>(value), scratch);
}

#define BATON_CSV_TABLE(Spec, Record, kind, file, columns, table)                      \
  template <>                                                                          \
  const CsvTableFor<Spec>& CsvTableOf<Spec>() {                                        \
    static constexpr CsvTable<Spec, Record> kTable = {kind, file, columns,             \
                                                      RecordsOf<Record, &Org::table>}; \
    return kTable;                                                                     \
  }

BATON_CSV_TABLE(TeamSpec, Team, EntityKind::kTeam, "teams.csv", kTeamColumns, teams)
BATON_CSV_TABLE(RepSpec, Rep, EntityKind::kRep, "reps.csv", kRepColumns, reps)
BATON_CSV_TABLE(TierSpec, TierPolicy, EntityKind::kTier, "tiers.csv", kTierColumns, tiers)
BATON_CSV_TABLE(AccountSpec, Account, EntityKind::kAccount, "accounts.csv",
                kAccountColumns, accounts)
BATON_CSV_TABLE(AccountTeamSpec, AccountTeamMember, EntityKind::kAccountTeam,
                "account_team.csv", kAccountTeamColumns, account_team)
BATON_CSV_TABLE(ContactSpec, Contact, EntityKind::kContact, "contacts.csv",
                kContactColumns, contacts)
BATON_CSV_TABLE(RelationshipSpec, Relationship, EntityKind::kRelationship,
                "relationships.csv", kRelationshipColumns, relationships)
BATON_CSV_TABLE(InteractionSpec, Interaction, EntityKind::kInteraction,
                "interactions.csv", kInteractionColumns, interactions)
BATON_CSV_TABLE(DealSpec, Deal, EntityKind::kDeal, "deals.csv", kDealColumns, deals)
BATON_CSV_TABLE(ComplaintSpec, Complaint, EntityKind::kComplaint, "complaints.csv",
                kComplaintColumns, complaints)
BATON_CSV_TABLE(ProductSpec, ProductHolding, EntityKind::kProduct, "products.csv",
                kProductColumns, products)

#undef BATON_CSV_TABLE

}  // namespace baton::internal
