// The plain problem format (docs/assignment-format.md): reps.csv,
// accounts.csv and arcs.csv in one directory. Rows are checked as they are
// read so that errors name file:line:column; what only the whole problem can
// show (a repeated arc, the load-cost bound) is checked at the end and
// located by reading the file again, which only a failing read pays for.
#include <charconv>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/types/span.h"
#include "baton/assignment.hpp"
#include "lib/assign/problem_validation.hpp"
#include "lib/io/atomic_file.hpp"
#include "lib/io/csv_reader.hpp"
#include "lib/io/csv_writer.hpp"
#include "lib/model/status_macros.hpp"
#include "lib/model/strings.hpp"

namespace baton {
namespace {

using internal::Cat;
using internal::CsvReader;
using internal::ProblemIssue;

struct Column {
  std::string_view name;
  bool required;
};

// Columns in the order WriteProblemCsv writes them; the enums index them.
constexpr Column kRepColumns[] = {
    {"id", true}, {"load", false}, {"capacity", true}, {"lambda", false}};
enum RepColumn { kRepId, kRepLoad, kRepCapacity, kRepLambda };
constexpr Column kAccountColumns[] = {
    {"id", true}, {"weight", false}, {"unassigned_penalty", false}};
enum AccountColumn { kAccountId, kAccountWeight, kAccountPenalty };
constexpr Column kArcColumns[] = {{"account", true}, {"rep", true}, {"cost", true}};
enum ArcColumn { kArcAccount, kArcRep, kArcCost };

std::string Quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;
  if (text.size() <= kShown) return Cat("'", text, "'");
  return Cat("'", text.substr(0, kShown), "...'");
}

// One file of the format as it is read: its header maps columns to
// positions, rows are read one at a time.
class ProblemFile {
 public:
  ProblemFile(std::string directory, std::string file, absl::Span<const Column> columns)
      : directory_(std::move(directory)),
        file_(std::move(file)),
        columns_(columns),
        reader_(file_) {}

  // Opens the file and reads its header.
  absl::Status Open() {
    BATON_RETURN_IF_ERROR(
        reader_.Open((std::filesystem::path(directory_) / file_).string()));
    return ReadHeader(reader_, &position_);
  }

  // Moves to the next row; false at the end of the file.
  absl::StatusOr<bool> Next() {
    absl::StatusOr<bool> more = reader_.Next();
    if (!more.ok() || !*more) return more;
    if (reader_.size() != position_count_) {
      return reader_.FieldError(absl::StatusCode::kInvalidArgument,
                                std::min(reader_.size(), position_count_),
                                Cat("expected ", position_count_,
                                    " fields as in the header, got ", reader_.size()));
    }
    ++rows_;
    return true;
  }

  // The cell of `column` in the current row; "" if the file lacks it.
  std::string_view Cell(int column) const {
    const int position = position_[column];
    return position < 0 ? std::string_view() : reader_.field(position);
  }

  // The integer in `column`; `fallback` for an empty or absent cell unless
  // the column is required.
  absl::StatusOr<std::int64_t> Integer(int column, std::int64_t fallback) const {
    const std::string_view text = Cell(column);
    if (text.empty() && !columns_[column].required) return fallback;
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size()) return value;
    return Error(column, Cat("expected an integer, got ", Quoted(text)));
  }

  // "file:line:column: name: message" for `column` of the current row.
  absl::Status Error(int column, std::string_view message) const {
    return reader_.FieldError(absl::StatusCode::kInvalidArgument, PositionOf(column),
                              Cat(columns_[column].name, ": ", message));
  }

  // Error() for a field named by the validation rules ("" for the row).
  absl::Status Error(std::string_view field, std::string_view message) const {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c].name == field) return Error(static_cast<int>(c), message);
    }
    return reader_.FieldError(absl::StatusCode::kInvalidArgument, 0, message);
  }

  // The current row, counting data rows from 0, and its line.
  std::size_t row() const { return rows_ - 1; }
  std::int64_t line() const { return reader_.record_line(); }

  // Error() for data row `row` of the file, which is read again to find it.
  absl::Status ErrorAtRow(std::size_t row, std::string_view field,
                          std::string_view message) const {
    ProblemFile again(directory_, file_, columns_);
    BATON_RETURN_IF_ERROR(again.SeekRow(row));
    return again.Error(field, message);
  }

  // The line of data row `row`, found the same way.
  absl::StatusOr<std::int64_t> LineOfRow(std::size_t row) const {
    ProblemFile again(directory_, file_, columns_);
    BATON_RETURN_IF_ERROR(again.SeekRow(row));
    return again.line();
  }

 private:
  absl::Status SeekRow(std::size_t row) {
    BATON_RETURN_IF_ERROR(Open());
    for (;;) {
      absl::StatusOr<bool> more = Next();
      if (!more.ok()) return more.status();
      if (!*more) return absl::InternalError(Cat(file_, ": row ", row + 1, " vanished"));
      if (this->row() == row) return absl::OkStatus();
    }
  }

  std::size_t PositionOf(int column) const {
    const int position = position_[column];
    return position < 0 ? position_count_ : static_cast<std::size_t>(position);
  }

  absl::Status ReadHeader(CsvReader& reader, std::vector<int>* position) {
    std::string names;
    for (const Column& column : columns_)
      names = Cat(names, names.empty() ? "" : ",", column.name);
    absl::StatusOr<bool> more = reader.Next();
    if (!more.ok()) return more.status();
    if (!*more) {
      return absl::InvalidArgumentError(Cat(reader.name(), ":1: expected a header row (",
                                            names, "), got an empty file"));
    }
    position->assign(columns_.size(), -1);
    position_count_ = reader.size();
    for (std::size_t i = 0; i < reader.size(); ++i) {
      std::size_t c = 0;
      while (c < columns_.size() && columns_[c].name != reader.field(i)) ++c;
      if (c == columns_.size()) {
        return reader.FieldError(
            absl::StatusCode::kInvalidArgument, i,
            Cat("unknown column ", Quoted(reader.field(i)), "; expected ", names));
      }
      if ((*position)[c] >= 0) {
        return reader.FieldError(
            absl::StatusCode::kInvalidArgument, i,
            Cat("column ", Quoted(reader.field(i)), " appears twice"));
      }
      (*position)[c] = static_cast<int>(i);
    }
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c].required && (*position)[c] < 0) {
        return absl::InvalidArgumentError(Cat(reader.name(), ":", reader.record_line(),
                                              ": missing column '", columns_[c].name,
                                              "'"));
      }
    }
    return absl::OkStatus();
  }

  std::string directory_;
  std::string file_;
  absl::Span<const Column> columns_;
  CsvReader reader_;
  std::vector<int> position_;  // by column; -1 if absent
  std::size_t position_count_ = 0;
  std::size_t rows_ = 0;
};

// Ids to indices, with the line each was defined on.
struct ProblemIds {
  absl::flat_hash_map<std::string, std::uint32_t> index;
  std::vector<std::int64_t> line;
};

// Records the id of the current row; an error if it was seen before.
absl::Status AddId(const ProblemFile& file, int column, const std::string& id,
                   ProblemIds* ids) {
  const auto [it, added] =
      ids->index.try_emplace(id, static_cast<std::uint32_t>(ids->line.size()));
  if (!added) {
    return file.Error(column, Cat(Quoted(id), " is used twice (first on line ",
                                  ids->line[it->second], ")"));
  }
  ids->line.push_back(file.line());
  return absl::OkStatus();
}

absl::Status CheckRow(const ProblemFile& file, std::optional<ProblemIssue> issue) {
  if (!issue) return absl::OkStatus();
  return file.Error(issue->field, issue->message);
}

absl::Status ReadReps(const std::string& directory, AssignmentProblem* problem,
                      ProblemIds* ids) {
  ProblemFile file(directory, "reps.csv", kRepColumns);
  BATON_RETURN_IF_ERROR(file.Open());
  for (;;) {
    absl::StatusOr<bool> more = file.Next();
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    AssignmentProblem::Rep rep;
    rep.id = std::string(file.Cell(kRepId));
    absl::StatusOr<std::int64_t> load = file.Integer(kRepLoad, 0);
    if (!load.ok()) return load.status();
    absl::StatusOr<std::int64_t> capacity = file.Integer(kRepCapacity, 0);
    if (!capacity.ok()) return capacity.status();
    absl::StatusOr<std::int64_t> lambda = file.Integer(kRepLambda, 0);
    if (!lambda.ok()) return lambda.status();
    rep.load = *load;
    rep.capacity = *capacity;
    rep.lambda = *lambda;
    BATON_RETURN_IF_ERROR(CheckRow(file, internal::CheckRep(rep, file.row())));
    BATON_RETURN_IF_ERROR(AddId(file, kRepId, rep.id, ids));
    problem->reps.push_back(std::move(rep));
  }
}

absl::Status ReadAccounts(const std::string& directory, AssignmentProblem* problem,
                          ProblemIds* ids) {
  ProblemFile file(directory, "accounts.csv", kAccountColumns);
  BATON_RETURN_IF_ERROR(file.Open());
  for (;;) {
    absl::StatusOr<bool> more = file.Next();
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    AssignmentProblem::Account account;
    account.id = std::string(file.Cell(kAccountId));
    absl::StatusOr<std::int64_t> weight = file.Integer(kAccountWeight, 1);
    if (!weight.ok()) return weight.status();
    absl::StatusOr<std::int64_t> penalty = file.Integer(kAccountPenalty, 0);
    if (!penalty.ok()) return penalty.status();
    account.weight = *weight;
    account.unassigned_penalty = *penalty;
    BATON_RETURN_IF_ERROR(CheckRow(file, internal::CheckAccount(account, file.row())));
    BATON_RETURN_IF_ERROR(AddId(file, kAccountId, account.id, ids));
    problem->accounts.push_back(std::move(account));
  }
}

// The index of the id in `column` of the current row.
absl::StatusOr<std::uint32_t> Resolve(const ProblemFile& file, int column,
                                      const ProblemIds& ids, std::string_view kind) {
  const std::string_view id = file.Cell(column);
  const auto it = ids.index.find(internal::AsAbsl(id));
  if (it == ids.index.end()) {
    return file.Error(column, Cat("unknown ", kind, " ", Quoted(id)));
  }
  return it->second;
}

absl::Status ReadArcs(const std::string& directory, const ProblemIds& rep_ids,
                      const ProblemIds& account_ids, AssignmentProblem* problem) {
  ProblemFile file(directory, "arcs.csv", kArcColumns);
  BATON_RETURN_IF_ERROR(file.Open());
  for (;;) {
    absl::StatusOr<bool> more = file.Next();
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
    absl::StatusOr<std::uint32_t> account =
        Resolve(file, kArcAccount, account_ids, "account");
    if (!account.ok()) return account.status();
    absl::StatusOr<std::uint32_t> rep = Resolve(file, kArcRep, rep_ids, "rep");
    if (!rep.ok()) return rep.status();
    absl::StatusOr<std::int64_t> cost = file.Integer(kArcCost, 0);
    if (!cost.ok()) return cost.status();
    const AssignmentProblem::Arc arc{*account, *rep, *cost};
    BATON_RETURN_IF_ERROR(
        CheckRow(file, internal::CheckArc(arc, file.row(), problem->accounts.size(),
                                          problem->reps.size())));
    problem->arcs.push_back(arc);
  }
}

// An issue only the whole problem shows, located in its file.
absl::Status LocateIssue(const std::string& directory, const ProblemIssue& issue) {
  using Item = ProblemIssue::Item;
  std::string message = issue.message;
  switch (issue.item) {
    case Item::kProblem:
      return absl::InvalidArgumentError(Cat(directory, ": ", message));
    case Item::kRep:
      return ProblemFile(directory, "reps.csv", kRepColumns)
          .ErrorAtRow(issue.index, issue.field, message);
    case Item::kAccount:
      return ProblemFile(directory, "accounts.csv", kAccountColumns)
          .ErrorAtRow(issue.index, issue.field, message);
    case Item::kArc:
      break;
  }
  const ProblemFile arcs(directory, "arcs.csv", kArcColumns);
  if (issue.first) {
    absl::StatusOr<std::int64_t> line = arcs.LineOfRow(*issue.first);
    if (!line.ok()) return line.status();
    message = Cat(message, " (first on line ", *line, ")");
  }
  return arcs.ErrorAtRow(issue.index, issue.field, message);
}

// Writes the file to `out`'s temporary, finished but not renamed.
absl::Status WriteReps(const AssignmentProblem& problem, const std::string& path,
                       internal::CsvWriter& out) {
  BATON_RETURN_IF_ERROR(out.Open(path));
  for (const Column& column : kRepColumns) out.Field(column.name);
  out.EndRow();
  for (const auto& rep : problem.reps) {
    out.Field(rep.id);
    out.Field(Cat(rep.load));
    out.Field(Cat(rep.capacity));
    out.Field(Cat(rep.lambda));
    out.EndRow();
  }
  return out.Finish();
}

// Writes the file to `out`'s temporary, finished but not renamed.
absl::Status WriteAccounts(const AssignmentProblem& problem, const std::string& path,
                           internal::CsvWriter& out) {
  BATON_RETURN_IF_ERROR(out.Open(path));
  for (const Column& column : kAccountColumns) out.Field(column.name);
  out.EndRow();
  for (const auto& account : problem.accounts) {
    out.Field(account.id);
    out.Field(Cat(account.weight));
    out.Field(Cat(account.unassigned_penalty));
    out.EndRow();
  }
  return out.Finish();
}

// Writes the file to `out`'s temporary, finished but not renamed.
absl::Status WriteArcs(const AssignmentProblem& problem, const std::string& path,
                       internal::CsvWriter& out) {
  BATON_RETURN_IF_ERROR(out.Open(path));
  for (const Column& column : kArcColumns) out.Field(column.name);
  out.EndRow();
  for (const auto& arc : problem.arcs) {
    out.Field(problem.accounts[arc.account].id);
    out.Field(problem.reps[arc.rep].id);
    out.Field(Cat(arc.cost));
    out.EndRow();
  }
  return out.Finish();
}

}  // namespace

absl::StatusOr<AssignmentProblem> ReadProblemCsv(const std::string& directory) {
  AssignmentProblem problem;
  ProblemIds rep_ids;
  ProblemIds account_ids;
  BATON_RETURN_IF_ERROR(ReadReps(directory, &problem, &rep_ids));
  BATON_RETURN_IF_ERROR(ReadAccounts(directory, &problem, &account_ids));
  BATON_RETURN_IF_ERROR(ReadArcs(directory, rep_ids, account_ids, &problem));
  if (const auto issue = internal::FindProblemIssue(problem)) {
    return LocateIssue(directory, *issue);
  }
  return problem;
}

absl::Status WriteProblemCsv(const AssignmentProblem& problem,
                             const std::string& directory) {
  // A problem that would not read back is not written.
  BATON_RETURN_IF_ERROR(ValidateProblem(problem));
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) {
    return internal::ErrnoError(error.value(), directory, "cannot create the directory");
  }
  // All three files, or none: each is complete on disk before any is
  // renamed into place (as CSV export does), so a failure leaves the old
  // problem; a writer not renamed removes its temporary.
  const std::filesystem::path dir(directory);
  internal::CsvWriter reps, accounts, arcs;
  BATON_RETURN_IF_ERROR(WriteReps(problem, (dir / "reps.csv").string(), reps));
  BATON_RETURN_IF_ERROR(
      WriteAccounts(problem, (dir / "accounts.csv").string(), accounts));
  BATON_RETURN_IF_ERROR(WriteArcs(problem, (dir / "arcs.csv").string(), arcs));
  return internal::ReplaceAll({&reps.file(), &accounts.file(), &arcs.file()});
}

}  // namespace baton
