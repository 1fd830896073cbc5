// ImportCsv: streams each file row by row through an Applier working on a
// scratch copy of the organisation, so a million-account import never holds
// a batch of all its rows, and a bad file leaves the organisation untouched.
#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/cord.h"
#include "baton/csv.hpp"
#include "lib/io/csv_reader.hpp"
#include "lib/io/csv_schema.hpp"
#include "lib/model/applier.hpp"
#include "lib/model/huge_pages.hpp"
#include "lib/model/org_access.hpp"
#include "lib/model/status_macros.hpp"
#include "lib/model/strings.hpp"

namespace baton {
namespace internal {
namespace {

// Which column of the table each position of a file's header holds, and
// back.
struct Header {
  std::vector<std::size_t> column_at;  // by position in the file
  std::vector<int> position_of;        // by column of the table; -1 if absent
};

std::string Join(const std::vector<std::string_view>& names, std::string_view separator) {
  std::string joined;
  for (const std::string_view name : names) {
    if (!joined.empty()) joined += separator;
    joined += name;
  }
  return joined;
}

// A row held back to be applied later (managers, departures), with the
// lines of its cells so that errors still point into its file.
template <typename Spec>
struct HeldRow {
  Spec spec;
  std::vector<std::int64_t> lines;
};

// "file:line:column: <message>" for a change the Applier rejected: the
// column is the one holding the field the Applier names in its payload.
template <typename Spec, typename Record>
absl::Status Locate(const absl::Status& error, const CsvTable<Spec, Record>& table,
                    const Header& header, absl::Span<const std::int64_t> lines) {
  int position = -1;
  if (const absl::optional<absl::Cord> field = error.GetPayload(kFieldPayload)) {
    const std::string name(*field);
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].name == name) position = header.position_of[c];
    }
  }
  std::string where = position >= 0
                          ? Cat(table.file, ":", lines[position], ":", position + 1)
                          : Cat(table.file, ":", lines.empty() ? 0 : lines.front());
  absl::Status located(error.code(), Cat(where, ": ", error.message()));
  error.ForEachPayload([&](absl::string_view type_url, const absl::Cord& payload) {
    located.SetPayload(type_url, payload);
  });
  return located;
}

template <typename Spec, typename Record>
absl::Status ReadHeader(CsvReader& reader, const CsvTable<Spec, Record>& table,
                        Header* header) {
  std::vector<std::string_view> names;
  for (const auto& column : table.columns) names.push_back(column.name);
  absl::StatusOr<bool> more = reader.Next();
  if (!more.ok()) return more.status();
  if (!*more) {
    return absl::InvalidArgumentError(
        Cat(table.file, ":1: expected a header row naming the columns (",
            Join(names, ","), "), got an empty file"));
  }
  header->position_of.assign(table.columns.size(), -1);
  header->column_at.clear();
  for (std::size_t i = 0; i < reader.size(); ++i) {
    const std::string_view name = reader.field(i);
    std::size_t c = 0;
    while (c < names.size() && names[c] != name) ++c;
    if (c == names.size()) {
      return reader.FieldError(
          absl::StatusCode::kInvalidArgument, i,
          Cat("unknown column '", name, "'; expected one of ", Join(names, ", ")));
    }
    if (header->position_of[c] >= 0) {
      return reader.FieldError(absl::StatusCode::kInvalidArgument, i,
                               Cat("column '", name, "' appears twice"));
    }
    header->position_of[c] = static_cast<int>(i);
    header->column_at.push_back(c);
  }
  for (std::size_t c = 0; c < names.size(); ++c) {
    if (table.columns[c].required && header->position_of[c] < 0) {
      return absl::InvalidArgumentError(Cat(table.file, ":", reader.record_line(),
                                            ": missing required column '", names[c],
                                            "'"));
    }
  }
  return absl::OkStatus();
}

// Fills `spec` from the reader's current row.
template <typename Spec, typename Record>
absl::Status ParseRow(const CsvReader& reader, const CsvTable<Spec, Record>& table,
                      const Header& header, Spec& spec) {
  const std::size_t expected = header.column_at.size();
  if (reader.size() != expected) {
    return reader.FieldError(
        absl::StatusCode::kInvalidArgument, std::min(reader.size(), expected),
        Cat("expected ", expected, " fields as in the header, got ", reader.size()));
  }
  for (std::size_t i = 0; i < expected; ++i) {
    const auto& column = table.columns[header.column_at[i]];
    const absl::Status parsed = column.parse(reader.field(i), spec);
    if (!parsed.ok()) {
      return reader.FieldError(parsed.code(), i,
                               Cat(column.name, ": ", parsed.message()));
    }
  }
  return absl::OkStatus();
}

// A queue between the reading and the applying thread, of at most
// `Capacity` items. Pop waits for an item; once closed, Pop returns nullopt
// at once. It never allocates: the reader hands over its out-of-memory
// failure through it (a std::deque's push could throw there, and an
// exception leaving the reading thread ends the process).
template <typename T, std::size_t Capacity>
class Channel {
 public:
  void Push(T item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      items_[(head_ + size_++) % Capacity] = std::move(item);
    }
    ready_.notify_one();
  }
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || size_ > 0; });
    if (closed_) return std::nullopt;
    T item = std::move(items_[head_]);
    head_ = (head_ + 1) % Capacity, --size_;
    return item;
  }
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::array<T, Capacity> items_{};
  std::size_t head_ = 0, size_ = 0;
  bool closed_ = false;
};

// Rows parsed into changes, with the line of each cell for messages.
struct RowBatch {
  std::vector<Change> changes;      // the first `rows` hold rows
  std::vector<std::int64_t> lines;  // rows x columns
  std::size_t rows = 0;
  bool last = false;   // the file ends with this batch
  absl::Status error;  // why reading stopped after these rows
};

// Batches go round between the two threads: empty ones from the applier to
// the reader (free), filled ones back (full). A few in flight keep both
// threads busy without reading far ahead.
struct RowPipe {
  static constexpr std::size_t kBatches = 4;
  static constexpr std::size_t kRowsPerBatch = 1024;

  RowPipe() {
    for (RowBatch& batch : batches) free.Push(&batch);
  }

  RowBatch batches[kBatches];
  RowBatch failed;  // handed over when reading runs out of memory
  // Every batch can be in either, and `failed` too.
  Channel<RowBatch*, kBatches + 1> free;
  Channel<RowBatch*, kBatches + 1> full;
};

// Closing the free channel makes the reader stop at its next batch.
struct StopReading {
  RowPipe& pipe;
  std::thread& reading;
  ~StopReading() {
    pipe.free.Close();
    reading.join();
  }
};

template <typename Spec>
bool FillBatch(CsvReader& reader, const Header& header, RowBatch& batch) {
  const CsvTableFor<Spec>& table = CsvTableOf<Spec>();
  // Specs are reused from batch to batch, so their strings keep capacity.
  if (batch.changes.empty()) {
    batch.changes.assign(RowPipe::kRowsPerBatch, Change{Change::Verb::kAdd, Spec{}});
  }
  batch.rows = 0;
  batch.lines.clear();
  while (batch.rows < RowPipe::kRowsPerBatch) {
    absl::StatusOr<bool> more = reader.Next();
    if (!more.ok() || !*more) {
      batch.error = more.status();
      return true;
    }
    Spec& spec = std::get<Spec>(batch.changes[batch.rows].payload);
    batch.error = ParseRow(reader, table, header, spec);
    if (!batch.error.ok()) return true;
    batch.lines.insert(batch.lines.end(), reader.lines().begin(), reader.lines().end());
    ++batch.rows;
  }
  return false;
}

// The reading thread: fills free batches until the file ends, it fails, or
// the applier closes the free channel.
template <typename Spec>
void ReadRows(CsvReader& reader, const Header& header, RowPipe& pipe) {
  try {
    for (;;) {
      std::optional<RowBatch*> batch = pipe.free.Pop();
      if (!batch) return;
      (*batch)->last = FillBatch<Spec>(reader, header, **batch);
      pipe.full.Push(*batch);
      if ((*batch)->last) return;
    }
  } catch (const std::bad_alloc&) {
    // Nothing here may allocate: a second bad_alloc would leave the thread
    // and end the process (it did, through the message built here). The
    // applying thread words the error (Import).
    pipe.failed.last = true;
    pipe.full.Push(&pipe.failed);
  }
}

// The lines of a file, an upper bound on its rows: one pass at memory speed,
// a small price for tables that never regrow (a regrowing table holds its
// old and new buffers at once: 1.5 times its size at the peak). 0 when the
// file cannot be read; the import then reports that itself.
std::size_t CountLines(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  constexpr std::size_t kBytes = 1 << 20;
  const std::unique_ptr<char[]> buffer(new char[kBytes]);  // not zeroed: read into
  std::size_t lines = 0;
  while (file) {
    file.read(buffer.get(), static_cast<std::streamsize>(kBytes));
    // memchr skips a line in a few vector steps; std::count took 3.3
    // instructions a byte, 3% of an import, on the thread that applies rows.
    const char* at = buffer.get();
    const char* const end = at + file.gcount();
    while ((at = static_cast<const char*>(std::memchr(at, '\n', end - at))) != nullptr) {
      ++lines;
      if (++at == end) break;
    }
  }
  return lines;
}

template <typename Record>
void Grow(std::vector<Record>& table, std::size_t rows) {
  ReserveOnHugePages(table, table.size() + rows);
}

void Grow(IdIndex& ids, std::size_t rows) { ids.Reserve(ids.size() + rows); }

// Room for `rows` more records of the kind Spec adds, and their ids.
template <typename Spec>
void Reserve(OrgState& s, std::size_t rows) {
  if constexpr (std::is_same_v<Spec, TeamSpec>) {
    Grow(s.teams, rows), Grow(s.team_ids, rows);
  } else if constexpr (std::is_same_v<Spec, RepSpec>) {
    Grow(s.reps, rows), Grow(s.rep_ids, rows);
  } else if constexpr (std::is_same_v<Spec, TierSpec>) {
    Grow(s.tiers, rows), Grow(s.tier_ids, rows);
  } else if constexpr (std::is_same_v<Spec, AccountSpec>) {
    Grow(s.accounts, rows), Grow(s.account_ids, rows);
  } else if constexpr (std::is_same_v<Spec, AccountTeamSpec>) {
    Grow(s.account_team, rows);
  } else if constexpr (std::is_same_v<Spec, ContactSpec>) {
    Grow(s.contacts, rows), Grow(s.contact_ids, rows);
  } else if constexpr (std::is_same_v<Spec, RelationshipSpec>) {
    Grow(s.relationships, rows);
  } else if constexpr (std::is_same_v<Spec, InteractionSpec>) {
    Grow(s.interactions, rows);
  } else if constexpr (std::is_same_v<Spec, DealSpec>) {
    Grow(s.deals, rows), Grow(s.deal_ids, rows);
  } else if constexpr (std::is_same_v<Spec, ComplaintSpec>) {
    Grow(s.complaints, rows), Grow(s.complaint_ids, rows);
  } else {
    Grow(s.products, rows);
  }
}

class Importer {
 public:
  // `index` describes `state` as it is before the import.
  Importer(std::filesystem::path directory, OrgState* state, const OrgIndex* index)
      : directory_(std::move(directory)),
        state_(*state),
        applier_(state, /*keep_undo=*/false, index) {}

  absl::Status Run(std::uint32_t* dirty_kinds) {
    BATON_RETURN_IF_ERROR(Import<TeamSpec>(&Importer::HoldTeam));
    BATON_RETURN_IF_ERROR(Import<RepSpec>(&Importer::HoldRep));
    BATON_RETURN_IF_ERROR(ApplyHeld(held_teams_, Change::Verb::kUpdate, team_header_));
    BATON_RETURN_IF_ERROR(ApplyHeld(held_managers_, Change::Verb::kUpdate, rep_header_));
    BATON_RETURN_IF_ERROR(Import<TierSpec>());
    BATON_RETURN_IF_ERROR(Import<AccountSpec>());
    BATON_RETURN_IF_ERROR(Import<AccountTeamSpec>());
    BATON_RETURN_IF_ERROR(Import<ContactSpec>());
    BATON_RETURN_IF_ERROR(Import<RelationshipSpec>());
    BATON_RETURN_IF_ERROR(Import<InteractionSpec>());
    BATON_RETURN_IF_ERROR(Import<DealSpec>());
    BATON_RETURN_IF_ERROR(Import<ComplaintSpec>());
    BATON_RETURN_IF_ERROR(Import<ProductSpec>());
    BATON_RETURN_IF_ERROR(
        ApplyHeld(held_departures_, Change::Verb::kUpdate, rep_header_));
    const absl::Status finished = applier_.Finish(dirty_kinds);
    if (!finished.ok()) {
      return absl::Status(finished.code(),
                          Cat(directory_.string(), ": ", finished.message()));
    }
    return absl::OkStatus();
  }

 private:
  // Called on each row before it is added; may hold back part of it.
  template <typename Spec>
  using Hold = void (Importer::*)(Spec& spec, absl::Span<const std::int64_t> lines);

  // Reads the file on a second thread while this one applies its rows.
  template <typename Spec>
  absl::Status Import(Hold<Spec> hold = nullptr) {
    const CsvTableFor<Spec>& table = CsvTableOf<Spec>();
    const std::filesystem::path path = directory_ / std::string(table.file);
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      if (!error) return absl::OkStatus();
      return absl::ErrnoToStatus(error.value(), Cat("cannot open ", path.string()));
    }
    CsvReader reader{std::string(table.file)};
    BATON_RETURN_IF_ERROR(reader.Open(path.string()));
    Header& header = HeaderOf<Spec>();
    BATON_RETURN_IF_ERROR(ReadHeader(reader, table, &header));
    Reserve<Spec>(state_, CountLines(path));
    RowPipe pipe;
    std::thread reading([&] { ReadRows<Spec>(reader, header, pipe); });
    // However this returns (an error, bad_alloc), stop the reader first.
    const StopReading stop{pipe, reading};
    for (;;) {
      RowBatch* batch = pipe.full.Pop().value();
      if (batch == &pipe.failed) {
        return absl::ResourceExhaustedError(
            Cat(table.file, ": out of memory while reading"));
      }
      const absl::Status status = ApplyBatch(*batch, table, header, hold);
      if (!status.ok() || batch->last) return status;
      pipe.free.Push(batch);
    }
  }

  template <typename Spec>
  absl::Status ApplyBatch(RowBatch& batch, const CsvTableFor<Spec>& table,
                          const Header& header, Hold<Spec> hold) {
    const std::size_t columns = header.column_at.size();
    // The id maps of a million records are cache misses: start fetching
    // the slots of the row kAhead rows on while this one is applied.
    constexpr std::size_t kAhead = 8;
    for (std::size_t r = 0; r < std::min(kAhead, batch.rows); ++r) {
      applier_.Prefetch(batch.changes[r]);
    }
    for (std::size_t r = 0; r < batch.rows; ++r) {
      if (r + kAhead < batch.rows) applier_.Prefetch(batch.changes[r + kAhead]);
      const absl::Span<const std::int64_t> lines(&batch.lines[r * columns], columns);
      if (hold != nullptr) (this->*hold)(std::get<Spec>(batch.changes[r].payload), lines);
      const absl::Status applied = applier_.Apply(batch.changes[r]);
      if (!applied.ok()) return Locate(applied, table, header, lines);
    }
    return batch.error;
  }

  template <typename Spec>
  Header& HeaderOf() {
    if constexpr (std::is_same_v<Spec, TeamSpec>) {
      return team_header_;
    } else if constexpr (std::is_same_v<Spec, RepSpec>) {
      return rep_header_;
    } else {
      return header_;
    }
  }

  // A team's manager is a rep, and reps come after teams: add the team
  // without one and set it once the reps are in.
  void HoldTeam(TeamSpec& spec, absl::Span<const std::int64_t> lines) {
    if (spec.manager.empty()) return;
    held_teams_.push_back({spec, {lines.begin(), lines.end()}});
    spec.manager.clear();
  }

  // A rep's manager may come later in the file, and a departed rep may
  // still own accounts, deals or seats that the rows after reps.csv add,
  // which Apply refuses for a departed rep: add every rep active and without
  // a manager, set managers after reps.csv and departures after all files.
  void HoldRep(RepSpec& spec, absl::Span<const std::int64_t> cell_lines) {
    const bool departed = spec.departed_on != kNoDay;
    if (spec.manager.empty() && !departed) return;
    std::vector<std::int64_t> lines(cell_lines.begin(), cell_lines.end());
    if (departed) held_departures_.push_back({spec, lines});
    spec.departed_on = kNoDay;
    spec.destination.clear();
    spec.to_competitor = false;
    if (!spec.manager.empty()) held_managers_.push_back({spec, std::move(lines)});
    spec.manager.clear();
  }

  template <typename Spec>
  absl::Status ApplyHeld(std::vector<HeldRow<Spec>>& rows, Change::Verb verb,
                         const Header& header) {
    for (HeldRow<Spec>& row : rows) {
      Change change{verb, std::move(row.spec)};
      const absl::Status applied = applier_.Apply(change);
      if (!applied.ok()) return Locate(applied, CsvTableOf<Spec>(), header, row.lines);
    }
    rows.clear();
    rows.shrink_to_fit();
    return absl::OkStatus();
  }

  std::filesystem::path directory_;
  OrgState& state_;
  Applier applier_;
  Header team_header_;
  Header rep_header_;
  Header header_;
  std::vector<HeldRow<TeamSpec>> held_teams_;
  std::vector<HeldRow<RepSpec>> held_managers_;
  std::vector<HeldRow<RepSpec>> held_departures_;
};

}  // namespace
}  // namespace internal

absl::Status ImportCsv(const std::string& directory, Org& org) {
  std::error_code error;
  if (!std::filesystem::is_directory(directory, error)) {
    return absl::NotFoundError(
        internal::Cat("ImportCsv: '", directory, "' is not a directory"));
  }
  try {
    Org scratch = org;
    std::uint32_t dirty_kinds = 0;
    {
      internal::Importer importer(directory, &internal_state(scratch),
                                  &internal_index(scratch));
      BATON_RETURN_IF_ERROR(importer.Run(&dirty_kinds));
    }
    internal_rebuild_index(scratch, dirty_kinds);
    org = std::move(scratch);
    return absl::OkStatus();
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(
        internal::Cat("ImportCsv: out of memory importing '", directory, "'"));
  }
}

}  // namespace baton
