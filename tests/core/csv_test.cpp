#include "baton/csv.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "baton/batch.hpp"
#include "baton/org.hpp"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/io/csv_schema.hpp"

namespace baton {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A fresh, empty directory under the test's temporary directory.
std::string NewDir(const std::string& name) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("csv_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

void Write(const std::string& dir, const std::string& file, const std::string& text) {
  std::ofstream out(fs::path(dir) / file, std::ios::binary);
  out << text;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)),
                     std::istreambuf_iterator<char>());
}

std::map<std::string, std::string> FilesIn(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    files[entry.path().filename().string()] = Slurp(entry.path());
  }
  return files;
}

RepSpec MakeRep(std::string id, std::string name, std::string team, std::string manager,
                int seniority, std::int64_t capacity, std::string territory,
                std::string segment) {
  RepSpec r;
  r.id = std::move(id);
  r.name = std::move(name);
  r.team = std::move(team);
  r.manager = std::move(manager);
  r.seniority = seniority;
  r.capacity = capacity;
  r.territory = std::move(territory);
  r.segment = std::move(segment);
  return r;
}

// An organisation with every kind of record and the awkward cases: a rep
// managed by a rep listed after them, a departed rep who still owns an
// account, a deal and a seat, text with commas, quotes, line breaks and
// non-ASCII letters, and numbers that do not print exactly in few digits.
Org EveryKindOrg() {
  Batch b;
  b.Add(TeamSpec{"t1", "Enterprise, North", ""});
  b.Add(TeamSpec{"t2", "纷享销客 团队", ""});
  b.Add(MakeRep("r1", "Łucja Wójcik", "t1", "", 5, 400, "Łódź", "enterprise"));
  b.Add(MakeRep("r2", "Zhang \"Wei\"", "t2", "r1", 3, 120, "华东", "mid"));
  b.Add(MakeRep("r3", "Anna\nNowak", "t1", "r1", 2, 80, "Łódź", ""));
  b.Update(TeamSpec{"t1", "Enterprise, North", "r1"});
  b.Add(TierSpec{"A", 3, 4, 20});
  b.Add(TierSpec{"B", 1, 0, 0});
  AccountSpec acme{"a1",
                   "ACME, Inc.",
                   "A",
                   1234567.891,
                   DayFromCivil(2019, 3, 1),
                   DayFromCivil(2025, 6, 30),
                   "Łódź",
                   "enterprise",
                   "ACME group",
                   "r3"};
  b.Add(acme);
  b.Add(AccountSpec{"a2", "纷享销客", "B", 0.1, kNoDay, kNoDay, "", "", "", "r2"});
  b.Add(AccountSpec{"a3", "Nobody's", "B", 0, kNoDay, kNoDay, "", "", "ACME group", ""});
  b.Add(AccountTeamSpec{"a1", "r2", AccountRole::kCustomerSuccess});
  b.Add(AccountTeamSpec{"a2", "r3", AccountRole::kExecutiveSponsor});
  b.Add(ContactSpec{"c1", "a1", "Jan Kowalski", ContactRole::kDecisionMaker, true,
                    Attitude::kSupporter});
  b.Add(ContactSpec{"c2", "a2", "李雷", ContactRole::kProcurement, false,
                    Attitude::kSkeptic});
  b.Add(RelationshipSpec{"r3", "c1", 0.7, Depth::kSharedValues, DayFromCivil(2019, 3, 1),
                         DayFromCivil(2024, 11, 2)});
  b.Add(RelationshipSpec{"r2", "c2", 1.0 / 3.0, Depth::kEmotionalTrust, kNoDay, kNoDay});
  b.Add(InteractionSpec{DayFromCivil(2024, 11, 2), Channel::kVisit, "r3", "a1", "c1",
                        "Lunch; said \"renewal is safe\",\nbut wants a discount"});
  b.Add(InteractionSpec{DayFromCivil(2024, 1, 5), Channel::kEmail, "r2", "a2", "", ""});
  b.Add(InteractionSpec{DayFromCivil(2023, 12, 31), Channel::kCall, "r3", "a1", "",
                        "older"});
  b.Add(DealSpec{"d1", "a1", "r3", DealStage::kNegotiation, 250000.5,
                 DayFromCivil(2025, 2, 28), "send the contract"});
  b.Add(DealSpec{"d2", "a2", "", DealStage::kWon, 1e-3, kNoDay, ""});
  b.Add(ComplaintSpec{"k1", "a1", DayFromCivil(2024, 10, 1), kNoDay, Severity::kHigh,
                      "late delivery, twice"});
  b.Add(ComplaintSpec{"k2", "a2", DayFromCivil(2024, 1, 1), DayFromCivil(2024, 1, 9),
                      Severity::kLow, ""});
  b.Add(ProductSpec{"a1", "CRM seats", 250});
  b.Add(ProductSpec{"a2", "纷享销客 Pro", 1});
  b.Depart("r3", DayFromCivil(2025, 1, 15), "Rival Sp. z o.o.", true);
  Org org;
  const absl::Status applied = org.Apply(b);
  EXPECT_TRUE(applied.ok()) << applied;
  return org;
}

TEST(CsvTest, RoundTripIsExact) {
  const Org org = EveryKindOrg();
  const std::string first = NewDir("round1");
  ASSERT_TRUE(ExportCsv(org, first).ok());
  Org back;
  const absl::Status imported = ImportCsv(first, back);
  ASSERT_TRUE(imported.ok()) << imported;
  EXPECT_EQ(back.StateHash(), org.StateHash());
  EXPECT_EQ(back.count(EntityKind::kInteraction), 3u);
  EXPECT_FALSE(back.reps()[*back.FindRep("r3")].active());
  EXPECT_EQ(back.accounts()[*back.FindAccount("a1")].owner, *back.FindRep("r3"));
  EXPECT_EQ(back.relationships()[0].strength, 0.7f);

  const std::string second = NewDir("round2");
  ASSERT_TRUE(ExportCsv(back, second).ok());
  const auto files = FilesIn(first);
  EXPECT_EQ(files.size(), 11u);
  EXPECT_EQ(files, FilesIn(second));
}

TEST(CsvTest, ExportWritesTheDocumentedFormat) {
  const std::string dir = NewDir("format");
  ASSERT_TRUE(ExportCsv(EveryKindOrg(), dir).ok());
  const auto files = FilesIn(dir);
  EXPECT_EQ(files.at("teams.csv"),
            "id,name,manager\n"
            "t1,\"Enterprise, North\",r1\n"
            "t2,纷享销客 团队,\n");
  EXPECT_EQ(files.at("reps.csv"),
            "id,name,team,manager,seniority,capacity,territory,segment,departed_on,"
            "destination,to_competitor\n"
            "r1,Łucja Wójcik,t1,,5,400,Łódź,enterprise,,,false\n"
            "r2,\"Zhang \"\"Wei\"\"\",t2,r1,3,120,华东,mid,,,false\n"
            "r3,\"Anna\nNowak\",t1,r1,2,80,Łódź,,2025-01-15,Rival Sp. z o.o.,true\n");
  EXPECT_EQ(files.at("accounts.csv"),
            "id,name,tier,annual_value,customer_since,renewal_on,territory,segment,group,"
            "owner\n"
            "a1,\"ACME, Inc.\",A,1234567.891,2019-03-01,2025-06-30,Łódź,enterprise,ACME "
            "group,r3\n"
            "a2,纷享销客,B,0.1,,,,,,r2\n"
            "a3,Nobody's,B,0,,,,,ACME group,\n");
  EXPECT_EQ(files.at("relationships.csv"),
            "rep,contact,strength,depth,since,last_touch\n"
            "r3,c1,0.7,shared_values,2019-03-01,2024-11-02\n"
            "r2,c2,0.33333334,emotional_trust,,\n");
  EXPECT_EQ(
      files.at("interactions.csv"),
      "on,channel,rep,account,contact,note\n"
      "2024-11-02,visit,r3,a1,c1,\"Lunch; said \"\"renewal is safe\"\",\nbut wants a "
      "discount\"\n"
      "2024-01-05,email,r2,a2,,\n"
      "2023-12-31,call,r3,a1,,older\n");
  EXPECT_EQ(files.at("deals.csv"),
            "id,account,owner,stage,amount,close_on,next_step\n"
            "d1,a1,r3,negotiation,250000.5,2025-02-28,send the contract\n"
            "d2,a2,,won,0.001,,\n");
  EXPECT_EQ(files.at("products.csv"),
            "account,product,quantity\na1,CRM seats,250\na2,纷享销客 Pro,1\n");
}

TEST(CsvTest, ColumnsInAnyOrderOptionalOnesDefaulted) {
  const std::string dir = NewDir("defaults");
  // A byte-order mark and CRLF line ends, as spreadsheets write them.
  Write(dir, "reps.csv", "\xEF\xBB\xBFname,id\r\nAda,r1\r\n");
  Write(dir, "tiers.csv", "id\nA\n");
  Write(dir, "accounts.csv", "tier,name,id\nA,Łódź Sp. z o.o.,a1\n");
  Write(dir, "contacts.csv", "account,id,name,key_player\na1,c1,Ola,yes\na1,c2,Ela,\n");
  Write(dir, "relationships.csv", "contact,rep\nc1,r1\n");
  Org org;
  const absl::Status imported = ImportCsv(dir, org);
  ASSERT_TRUE(imported.ok()) << imported;
  const Rep& rep = org.reps()[0];
  EXPECT_EQ(rep.name, "Ada");
  EXPECT_EQ(rep.seniority, 1);
  EXPECT_EQ(rep.capacity, 0);
  EXPECT_EQ(rep.team, kNoIndex);
  EXPECT_TRUE(rep.active());
  const TierPolicy& tier = org.tiers()[0];
  EXPECT_EQ(tier.load_weight, 1);
  EXPECT_EQ(tier.max_per_rep, 0);
  const Account& account = org.accounts()[0];
  EXPECT_EQ(account.name, "Łódź Sp. z o.o.");
  EXPECT_EQ(account.owner, kNoIndex);
  EXPECT_EQ(account.annual_value, 0);
  EXPECT_EQ(account.renewal_on, kNoDay);
  EXPECT_TRUE(org.contacts()[0].key_player);
  EXPECT_FALSE(org.contacts()[1].key_player);
  EXPECT_EQ(org.contacts()[0].role, ContactRole::kUser);
  EXPECT_EQ(org.relationships()[0].depth, Depth::kSocial);
  EXPECT_EQ(org.count(EntityKind::kTeam), 0u);  // no teams.csv: no teams
}

// The examples of docs/csv.md, as printed there.
TEST(CsvTest, DocumentedExampleImports) {
  const std::string dir = NewDir("docs");
  Write(dir, "reps.csv", "id,name\nr1,Ann\nr2,Bo\n");
  Write(dir, "tiers.csv", "id\nA\nB\nC\n");
  Write(dir, "contacts.csv", "id,account,name\nc1,a1,Jan\n");
  Write(dir, "accounts.csv",
        "id,tier,name,owner,annual_value,renewal_on,territory\n"
        "a1,A,\"ACME, Inc.\",r1,1250000,2025-06-30,Łódź\n"
        "a2,B,纷享销客,r2,48000.5,,华东\n"
        "a3,C,Nobody's Ltd,,0,,\n");
  Write(dir, "interactions.csv",
        "on,channel,rep,account,contact,note\n"
        "2024-11-02,visit,r1,a1,c1,\"Lunch; said \"\"renewal is safe\"\",\n"
        "but wants a discount\"\n"
        "2024-11-05,email,r2,a2,,\n");
  Org org;
  const absl::Status imported = ImportCsv(dir, org);
  ASSERT_TRUE(imported.ok()) << imported;
  EXPECT_EQ(org.accounts()[1].name, "纷享销客");
  EXPECT_EQ(org.accounts()[1].annual_value, 48000.5);
  EXPECT_EQ(org.tag(org.accounts()[0].territory), "Łódź");
  EXPECT_EQ(org.accounts()[2].owner, kNoIndex);
  EXPECT_EQ(org.note(org.interactions()[0].note),
            "Lunch; said \"renewal is safe\",\nbut wants a discount");
  EXPECT_EQ(org.interactions()[1].contact, kNoIndex);
}

TEST(CsvTest, FlagsAcceptCommonSpellings) {
  const std::string dir = NewDir("flags");
  Write(
      dir, "reps.csv",
      "id,name,departed_on,to_competitor\n"
      "r1,A,2024-01-01,TRUE\nr2,B,2024-01-01,1\nr3,C,2024-01-01,No\nr4,D,2024-01-01,\n");
  Org org;
  ASSERT_TRUE(ImportCsv(dir, org).ok());
  EXPECT_TRUE(org.reps()[0].to_competitor);
  EXPECT_TRUE(org.reps()[1].to_competitor);
  EXPECT_FALSE(org.reps()[2].to_competitor);
  EXPECT_FALSE(org.reps()[3].to_competitor);
}

// The message of importing `files` into an empty organisation.
std::string ImportError(const std::string& name,
                        const std::map<std::string, std::string>& files,
                        absl::StatusCode* code = nullptr) {
  const std::string dir = NewDir(name);
  for (const auto& [file, text] : files) Write(dir, file, text);
  Org org;
  const absl::Status status = ImportCsv(dir, org);
  if (code != nullptr) *code = status.code();
  EXPECT_EQ(org.count(EntityKind::kRep) + org.count(EntityKind::kAccount), 0u);
  return status.ok() ? "ok" : std::string(status.message());
}

const char kReps[] = "id,name\nr1,Ann\nr2,Bo\n";
const char kTiers[] = "id\nA\n";

TEST(CsvErrorTest, UnknownColumn) {
  EXPECT_EQ(ImportError("unknown", {{"tiers.csv", "id,colour\nA,red\n"}}),
            "tiers.csv:1:2: unknown column 'colour'; expected one of id, load_weight, "
            "min_seniority, max_per_rep");
}

TEST(CsvErrorTest, RepeatedColumn) {
  EXPECT_EQ(ImportError("repeated", {{"tiers.csv", "id,load_weight,load_weight\n"}}),
            "tiers.csv:1:3: column 'load_weight' appears twice");
}

TEST(CsvErrorTest, MissingRequiredColumn) {
  EXPECT_EQ(ImportError("missing", {{"reps.csv", "id,team\nr1,\n"}}),
            "reps.csv:1: missing required column 'name'");
}

TEST(CsvErrorTest, EmptyFileHasNoHeader) {
  EXPECT_THAT(ImportError("empty", {{"tiers.csv", ""}}),
              HasSubstr("tiers.csv:1: expected a header row naming the columns "
                        "(id,load_weight,min_seniority,max_per_rep), got an empty file"));
}

TEST(CsvErrorTest, WrongFieldCount) {
  EXPECT_EQ(ImportError("count", {{"reps.csv", "id,name\nr1,Ann\nr2,Bo,extra\n"}}),
            "reps.csv:3:3: expected 2 fields as in the header, got 3");
  EXPECT_EQ(ImportError("count2", {{"reps.csv", "id,name\nr1\n"}}),
            "reps.csv:2:2: expected 2 fields as in the header, got 1");
}

TEST(CsvErrorTest, BadInteger) {
  EXPECT_EQ(ImportError(
                "int", {{"reps.csv", "id,name,team,seniority\nr1,A,,2\nr2,B,,senior\n"}}),
            "reps.csv:3:4: seniority: expected an integer, got 'senior'");
  EXPECT_EQ(ImportError("int2", {{"reps.csv", "id,name,capacity\nr1,A,12x\n"}}),
            "reps.csv:2:3: capacity: expected an integer, got '12x'");
  EXPECT_EQ(
      ImportError("int3", {{"reps.csv", "id,name,seniority\nr1,A,99999999999\n"}}),
      "reps.csv:2:3: seniority: expected an integer from -2147483648 to 2147483647, "
      "got '99999999999'");
}

TEST(CsvErrorTest, BadNumber) {
  const std::string header = "id,name,tier,annual_value\n";
  for (const char* bad : {"nan", "inf", "1,5", "1.5e", " 1", "1e999", "0x10"}) {
    const std::string cell = std::string(bad) == "1,5" ? "\"1,5\"" : bad;
    EXPECT_EQ(ImportError("number", {{"tiers.csv", kTiers},
                                     {"accounts.csv", header + "a1,X,A," + cell + "\n"}}),
              "accounts.csv:2:4: annual_value: expected a finite decimal number, got '" +
                  std::string(bad) + "'");
  }
}

TEST(CsvErrorTest, BadDate) {
  EXPECT_EQ(ImportError("date", {{"tiers.csv", kTiers},
                                 {"accounts.csv",
                                  "id,name,tier,renewal_on\na1,X,A,2025-02-30\n"}}),
            "accounts.csv:2:4: renewal_on: expected a date YYYY-MM-DD from 1900-01-01 to "
            "2199-12-31, got '2025-02-30'");
}

TEST(CsvErrorTest, BadEnum) {
  EXPECT_EQ(
      ImportError("enum", {{"tiers.csv", kTiers},
                           {"accounts.csv", "id,name,tier\na1,X,A\n"},
                           {"contacts.csv", "id,account,name,role\nc1,a1,Jo,boss\n"}}),
      "contacts.csv:2:4: role: expected one of decision_maker, champion, influencer, "
      "user, procurement, technical, finance, other, got 'boss'");
}

TEST(CsvErrorTest, BadFlag) {
  EXPECT_EQ(ImportError("flag", {{"reps.csv", "id,name,to_competitor\nr1,A,maybe\n"}}),
            "reps.csv:2:3: to_competitor: expected true or false, got 'maybe'");
}

TEST(CsvErrorTest, SyntaxErrors) {
  EXPECT_EQ(ImportError("quote", {{"reps.csv", "id,name\nr1,\"Ann\n"}}),
            "reps.csv:2:2: quoted field not closed before the end of the file");
  EXPECT_EQ(ImportError("utf8", {{"reps.csv",
                                  "id,name\nr1,Ann\nr2,\xC5\x81\xF3"
                                  "dz\n"}}),
            "reps.csv:3:2: invalid UTF-8 at byte 3 of the field");
}

TEST(CsvErrorTest, RecordErrorPointsAtItsColumn) {
  absl::StatusCode code;
  EXPECT_EQ(ImportError("owner",
                        {{"reps.csv", kReps},
                         {"tiers.csv", kTiers},
                         {"accounts.csv", "id,name,tier,owner\na1,X,A,r1\na2,Y,A,r9\n"}},
                        &code),
            "accounts.csv:3:4: account a2: owner: unknown rep r9");
  EXPECT_EQ(code, absl::StatusCode::kInvalidArgument);
  // A quoted line break moves the later cells to the next line.
  EXPECT_EQ(ImportError("owner2", {{"reps.csv", kReps},
                                   {"tiers.csv", kTiers},
                                   {"accounts.csv", "id,name,tier\na1,\"X\nY\",B\n"}}),
            "accounts.csv:3:3: account a1: tier: unknown tier B");
}

TEST(CsvErrorTest, DuplicateKeepsItsCode) {
  absl::StatusCode code;
  EXPECT_EQ(ImportError("dup", {{"reps.csv", "id,name\nr1,A\nr1,B\n"}}, &code),
            "reps.csv:3:1: rep r1: id: already exists");
  EXPECT_EQ(code, absl::StatusCode::kAlreadyExists);
}

TEST(CsvErrorTest, HeldBackManagerPointsAtItsCell) {
  EXPECT_EQ(ImportError("manager", {{"teams.csv", "id,name,manager\nt1,T,r1\nt2,U,zed\n"},
                                    {"reps.csv", kReps}}),
            "teams.csv:3:3: team t2: manager: unknown rep zed");
  EXPECT_EQ(
      ImportError("selfmanaged", {{"reps.csv", "id,name,manager\nr1,A,r2\nr2,B,r2\n"}}),
      "reps.csv:3:3: rep r2: manager: a rep cannot manage themself");
}

TEST(CsvErrorTest, ActiveRepWithDestination) {
  EXPECT_EQ(
      ImportError("destination", {{"reps.csv", "id,name,destination\nr1,A,Rival\n"}}),
      "reps.csv:2:3: rep r1: destination: is only for a departed rep (set departed_on)");
}

// Files are read on a second thread in batches; an error early in a long
// file must stop the reader, one late in it must still be found.
TEST(CsvErrorTest, ErrorsInLongFiles) {
  std::string rows = "on,rep,account\n";
  for (int i = 0; i < 20000; ++i) rows += "2024-01-01,r1,a1\n";
  const std::map<std::string, std::string> base = {
      {"reps.csv", kReps},
      {"tiers.csv", kTiers},
      {"accounts.csv", "id,name,tier\na1,X,A\n"}};
  auto with = [&](std::string interactions) {
    auto files = base;
    files["interactions.csv"] = std::move(interactions);
    return files;
  };
  std::string early = "on,rep,account\n";
  for (int i = 0; i < 20000; ++i)
    early += i == 20 ? "2024-01-01,r7,a1\n" : "2024-01-01,r1,a1\n";
  EXPECT_EQ(
      ImportError("early", with(early)),
      "interactions.csv:22:2: interaction (account a1, 2024-01-01): rep: unknown rep r7");
  std::string late = rows + "2024-01-01,r1,a9\n";
  EXPECT_EQ(
      ImportError("late", with(late)),
      "interactions.csv:20002:3: interaction (account a9, 2024-01-01): account: unknown "
      "account a9");
  std::string syntax = rows + "2024-01-01,r1,\"a1\n";
  EXPECT_EQ(
      ImportError("syntax", with(syntax)),
      "interactions.csv:20002:3: quoted field not closed before the end of the file");
}

TEST(CsvErrorTest, MissingDirectory) {
  Org org;
  const absl::Status status = ImportCsv(NewDir("gone") + "/not-here", org);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
}

TEST(CsvTest, BadFileInTheMiddleImportsNothing) {
  Org org = EveryKindOrg();
  const std::uint64_t before = org.StateHash();
  const std::string dir = NewDir("middle");
  Write(dir, "teams.csv", "id,name,manager\nt9,New team,r1\n");
  Write(dir, "reps.csv", "id,name,team\nr9,New rep,t9\n");
  Write(dir, "accounts.csv", "id,name,tier,owner\na9,New account,A,r9\n");
  Write(dir, "contacts.csv", "id,account,name,attitude\nc9,a9,X,friendly\n");
  Write(dir, "products.csv", "account,product\na9,thing\n");
  const absl::Status status = ImportCsv(dir, org);
  EXPECT_EQ(
      status.message(),
      "contacts.csv:2:4: attitude: expected one of unknown, supporter, neutral, skeptic, "
      "opponent, got 'friendly'");
  EXPECT_EQ(org.StateHash(), before);
  EXPECT_FALSE(org.FindRep("r9").has_value());
  EXPECT_FALSE(org.FindTeam("t9").has_value());

  // Fixed, the same files add to what the organisation held.
  Write(dir, "contacts.csv", "id,account,name,attitude\nc9,a9,X,supporter\n");
  ASSERT_TRUE(ImportCsv(dir, org).ok());
  EXPECT_NE(org.StateHash(), before);
  EXPECT_EQ(org.teams()[*org.FindTeam("t9")].manager, *org.FindRep("r1"));
  EXPECT_EQ(org.AccountsOwnedBy(*org.FindRep("r9")).size(), 1u);
  EXPECT_EQ(org.count(EntityKind::kProduct), 3u);
}

TEST(CsvFormatTest, DaysAsFormatDayWritesThem) {
  std::string scratch;
  EXPECT_EQ(internal::FormatDayFast(kNoDay, scratch), "");
  for (Day day = kFirstDay; day <= kLastDay; ++day) {
    ASSERT_EQ(internal::FormatDayFast(day, scratch), FormatDay(day)) << day;
  }
}

TEST(CsvFormatTest, DoublesAreShortAndExact) {
  std::string scratch;
  EXPECT_EQ(internal::FormatDouble(0.1, scratch), "0.1");
  EXPECT_EQ(internal::FormatDouble(1e6, scratch), "1000000");
  EXPECT_EQ(internal::FormatDouble(1234567.891, scratch), "1234567.891");
  EXPECT_EQ(internal::FormatDouble(-0.0, scratch), "-0");
  EXPECT_EQ(internal::FormatDouble(1e300, scratch), "1e+300");
  EXPECT_EQ(internal::FormatDouble(5e-324, scratch), "5e-324");
  EXPECT_EQ(internal::FormatFloat(0.7f, scratch), "0.7");
  EXPECT_EQ(internal::FormatFloat(1.0f / 3.0f, scratch), "0.33333334");
  EXPECT_EQ(internal::FormatFloat(1.0f, scratch), "1");
}

}  // namespace
}  // namespace baton
