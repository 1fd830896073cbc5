// Boost.Serialization of an organisation's tables: the payload of a snapshot.
//
// Layout (snapshot format version 1). Every number is little-endian on every
// machine, so a snapshot written on one machine loads on any other:
//
//   tags       a u64 count, then the tag pool's texts (text 0 is "") in
//              blocks, as a column of strings
//   11 tables  in EntityKind order, each a u64 row count, then its rows in
//              blocks, with the columns the Columns() functions below list
//
// Version 4 stores the notes pool after the tags, like them, and the pooled
// columns (interaction notes, product names) as u32 numbers into their
// pools; before, those columns hold the texts. Versions 3 to 5 cut the
// tables in two parts (PayloadPart).
//
// Rows are stored in blocks of kBlockRows (the last one shorter) and within a
// block column by column (PAX layout): a number column is the block's values
// back to back (u8, i32, u32, i64, or IEEE 754 f32, f64), a string column
// their u32 byte lengths and then their bytes. Columns let 10 M relationships
// go through the archive as a few thousand block copies instead of 60 M
// calls; blocks let a reader fill each row while it is in cache, instead of
// sweeping a gigabyte table once per column.
//
// The id maps are not stored: OrgFromState rebuilds them.
#ifndef BATON_LIB_IO_SERIALIZE_RECORDS_HPP_
#define BATON_LIB_IO_SERIALIZE_RECORDS_HPP_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <streambuf>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "baton/records.hpp"
#include "boost/archive/binary_iarchive.hpp"
#include "boost/archive/binary_oarchive.hpp"
#include "boost/serialization/array_wrapper.hpp"
#include "lib/model/huge_pages.hpp"
#include "lib/model/org_state.hpp"

namespace baton::internal {

// Rows per block: large enough that the archive's per-call cost vanishes,
// small enough that a block of rows and its staging buffers stay in cache.
inline constexpr std::size_t kBlockRows = 4096;

static_assert(sizeof(int) == 4, "int fields are stored as i32");
static_assert(std::numeric_limits<float>::is_iec559 &&
                  std::numeric_limits<double>::is_iec559,
              "snapshots store IEEE 754 floats");

// The value with its bytes in little-endian order (a no-op on x86 and ARM).
template <typename T>
T LittleEndian(T value) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  unsigned char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  std::reverse(bytes, bytes + sizeof(T));
  std::memcpy(&value, bytes, sizeof(T));
#endif
  return value;
}

// Writes values and strings through a Boost binary archive, little-endian.
class PayloadWriter {
 public:
  explicit PayloadWriter(boost::archive::binary_oarchive& archive) : archive_(archive) {}

  void Count(std::uint64_t count) {
    std::uint64_t value = LittleEndian(count);
    archive_ << boost::serialization::make_array(&value, 1);
  }

  // Writes get(i) as Wire for i in [begin, end), at most kBlockRows of them.
  template <typename Wire, typename Get>
  void Numbers(std::size_t begin, std::size_t end, Get get) {
    std::array<Wire, kBlockRows> block;
    const std::size_t n = end - begin;
    for (std::size_t i = 0; i < n; ++i)
      block[i] = LittleEndian(static_cast<Wire>(get(begin + i)));
    if (n > 0) archive_ << boost::serialization::make_array(block.data(), n);
  }

  // Writes the strings get(i) for i in [begin, end), at most kBlockRows of
  // them: their u32 lengths, then their bytes. Fails (sticky) on a string of
  // 4 GiB or more, which a u32 length cannot hold.
  template <typename Get>
  void Strings(std::size_t begin, std::size_t end, Get get, const char* table) {
    std::array<std::uint32_t, kBlockRows> lengths;
    const std::size_t n = end - begin;
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view text = get(begin + i);
      if (text.size() > std::numeric_limits<std::uint32_t>::max() && status_.ok()) {
        status_ = absl::InvalidArgumentError(
            absl::StrCat(table, " row ", begin + i, ": text of ", text.size(),
                         " bytes is too long for a snapshot (at most 4 GiB - 1)"));
      }
      lengths[i] = LittleEndian(static_cast<std::uint32_t>(text.size()));
    }
    if (n > 0) archive_ << boost::serialization::make_array(lengths.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::string_view text = get(begin + i);
      if (!text.empty()) archive_.save_binary(text.data(), text.size());
    }
  }

  const absl::Status& status() const { return status_; }

 private:
  boost::archive::binary_oarchive& archive_;
  absl::Status status_;
};

// Reads what PayloadWriter wrote, from an archive over `source`, a
// streambuf whose get area holds the rest of the payload (so in_avail() is
// the number of bytes left). Every count is checked against the bytes left
// before anything is allocated, so a corrupted count cannot ask for more
// memory than the payload itself could fill: a table reserves at most
// sizeof(Row) / (its least bytes per row) times the bytes left (6x for
// teams, less for the rest), and touches it only as rows are actually read. The first
// error sticks: later reads do nothing, and status() tells what went wrong.
class PayloadReader {
 public:
  PayloadReader(boost::archive::binary_iarchive& archive, std::streambuf& source)
      : archive_(archive), source_(source) {}

  std::size_t remaining() const { return static_cast<std::size_t>(source_.in_avail()); }
  bool ok() const { return status_.ok(); }
  const absl::Status& status() const { return status_; }
  void Fail(std::string message) {
    if (status_.ok()) status_ = absl::DataLossError(std::move(message));
  }

  // A row count for rows of at least `min_row_bytes` bytes each; 0 on error.
  std::size_t Count(const char* table, std::size_t min_row_bytes) {
    if (!ok()) return 0;
    if (remaining() < sizeof(std::uint64_t)) {
      Fail(absl::StrCat(table, ": payload ends before the row count"));
      return 0;
    }
    std::uint64_t count = 0;
    archive_ >> boost::serialization::make_array(&count, 1);
    count = LittleEndian(count);
    const std::size_t left = remaining();
    if (min_row_bytes > 0 && count > left / min_row_bytes) {
      Fail(absl::StrCat(table, ": ", count, " rows of at least ", min_row_bytes,
                        " bytes cannot fit in the ", left, " payload bytes left"));
      return 0;
    }
    return static_cast<std::size_t>(count);
  }

  // Reads Wire values for rows [begin, end), at most kBlockRows of them, and
  // hands each to put(i, value).
  template <typename Wire, typename Put>
  void Numbers(std::size_t begin, std::size_t end, Put put, const char* table,
               const char* field) {
    const std::size_t n = end - begin;
    if (!ok() || n == 0) return;
    if (n > remaining() / sizeof(Wire)) {
      Fail(absl::StrCat(table, ".", field, ": rows ", begin, "..", end - 1,
                        " run past the end of the payload"));
      return;
    }
    std::array<Wire, kBlockRows> block;
    archive_ >> boost::serialization::make_array(block.data(), n);
    for (std::size_t i = 0; i < n; ++i) put(begin + i, LittleEndian(block[i]));
  }

  // Reads the strings of rows [begin, end), at most kBlockRows of them, and
  // hands each to put(i, data, size).
  template <typename Put>
  void Strings(std::size_t begin, std::size_t end, Put put, const char* table,
               const char* field) {
    const std::size_t n = end - begin;
    if (!ok() || n == 0) return;
    if (n > remaining() / sizeof(std::uint32_t)) {
      Fail(absl::StrCat(table, ".", field, ": string lengths of rows ", begin, "..",
                        end - 1, " run past the end of the payload"));
      return;
    }
    std::array<std::uint32_t, kBlockRows> lengths;
    archive_ >> boost::serialization::make_array(lengths.data(), n);
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < n; ++i) total += LittleEndian(lengths[i]);
    if (total > remaining()) {
      Fail(absl::StrCat(table, ".", field, ": strings of rows ", begin, "..", end - 1,
                        " claim ", total, " bytes, only ", remaining(), " are left"));
      return;
    }
    text_.resize(static_cast<std::size_t>(total));
    if (total > 0) archive_.load_binary(text_.data(), text_.size());
    std::size_t offset = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t size = LittleEndian(lengths[i]);
      put(begin + i, text_.data() + offset, size);
      offset += size;
    }
  }

 private:
  boost::archive::binary_iarchive& archive_;
  std::streambuf& source_;
  std::string text_;  // one block of string bytes, reused
  absl::Status status_;
};

// What a payload's format version changes in its layout.
struct PayloadLayout {
  bool split = false;   // from version 3: two parts (PayloadPart)
  bool pooled = false;  // from version 4: the notes pool after the tags, and
                        // pooled columns stored as u32 pool numbers
  // The first table of the second part: interactions in versions 3 and 4;
  // from version 5 relationships, which evens out the two threads' work
  // (PayloadPart).
  std::string_view second_part_from = "interactions";
};
inline PayloadLayout LayoutOf(std::uint32_t version) {
  return PayloadLayout{version >= 3, version >= 4,
                       version >= 5 ? "relationships" : "interactions"};
}

// A column whose values are numbers into one of the state's pools.
using PoolOf = TextPool OrgState::*;

// What one can do with a table's column list: write a block of rows, read
// one, add up the least number of bytes a row takes (to bound row counts),
// and add up the exact bytes a table takes (to size the output once). A
// pooled column is a u32 pool number from version 4 and the text itself
// before.
template <typename Row>
class ColumnWriter {
 public:
  ColumnWriter(PayloadWriter& out, const OrgState& state, const std::vector<Row>& rows,
               const char* table, PayloadLayout layout)
      : out_(out), state_(state), rows_(rows), table_(table), layout_(layout) {}
  void SetBlock(std::size_t begin, std::size_t end) {
    begin_ = begin;
    end_ = end;
  }

  template <typename Wire, typename Field>
  void Number(const char*, Field Row::*field) {
    out_.Numbers<Wire>(begin_, end_, [&](std::size_t i) { return rows_[i].*field; });
  }
  void Text(const char*, std::string Row::*field) {
    out_.Strings(
        begin_, end_,
        [&](std::size_t i) -> const std::string& { return rows_[i].*field; }, table_);
  }
  void Pooled(const char* name, Index Row::*field, PoolOf pool) {
    if (layout_.pooled) return Number<std::uint32_t>(name, field);
    out_.Strings(
        begin_, end_, [&](std::size_t i) { return (state_.*pool).text(rows_[i].*field); },
        table_);
  }

 private:
  PayloadWriter& out_;
  const OrgState& state_;
  const std::vector<Row>& rows_;
  const char* table_;
  PayloadLayout layout_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

// Reads what ColumnWriter wrote. Pooled texts of a version before 4 are
// interned as they are read; pool numbers are checked with the rest of the
// state after the load (OrgFromState).
template <typename Row>
class ColumnReader {
 public:
  ColumnReader(PayloadReader& in, OrgState& state, std::vector<Row>& rows,
               const char* table, PayloadLayout layout)
      : in_(in), state_(state), rows_(rows), table_(table), layout_(layout) {}
  void SetBlock(std::size_t begin, std::size_t end) {
    begin_ = begin;
    end_ = end;
  }

  template <typename Wire, typename Field>
  void Number(const char* name, Field Row::*field) {
    in_.Numbers<Wire>(
        begin_, end_,
        [&](std::size_t i, Wire value) {
          if constexpr (std::is_same_v<Field, bool>) {
            // Only 0 and 1 round-trip; anything else is a corrupted byte.
            if (value > 1) {
              in_.Fail(absl::StrCat(table_, ".", name, " row ", i, ": ", +value,
                                    " is not a flag (0 or 1)"));
            }
            rows_[i].*field = value == 1;
          } else {
            rows_[i].*field = static_cast<Field>(value);
          }
        },
        table_, name);
  }
  void Text(const char* name, std::string Row::*field) {
    in_.Strings(
        begin_, end_,
        [&](std::size_t i, const char* data, std::size_t size) {
          (rows_[i].*field).assign(data, size);
        },
        table_, name);
  }
  void Pooled(const char* name, Index Row::*field, PoolOf pool) {
    if (layout_.pooled) return Number<std::uint32_t>(name, field);
    in_.Strings(
        begin_, end_,
        [&](std::size_t i, const char* data, std::size_t size) {
          rows_[i].*field = (state_.*pool).Intern(std::string_view(data, size));
        },
        table_, name);
  }

 private:
  PayloadReader& in_;
  OrgState& state_;
  std::vector<Row>& rows_;
  const char* table_;
  PayloadLayout layout_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

template <typename Row>
struct MinRowBytes {
  std::size_t bytes = 0;
  template <typename Wire, typename Field>
  void Number(const char*, Field Row::*) {
    bytes += sizeof(Wire);
  }
  void Text(const char*, std::string Row::*) { bytes += sizeof(std::uint32_t); }
  // A u32 pool number, or a u32 length and the text.
  void Pooled(const char*, Index Row::*, PoolOf) { bytes += sizeof(std::uint32_t); }
};

template <typename Row>
class ColumnSizer {
 public:
  ColumnSizer(const OrgState& state, const std::vector<Row>& rows, PayloadLayout layout)
      : state_(state), rows_(rows), layout_(layout) {}
  template <typename Wire, typename Field>
  void Number(const char*, Field Row::*) {
    bytes += rows_.size() * sizeof(Wire);
  }
  void Text(const char*, std::string Row::*field) {
    bytes += rows_.size() * sizeof(std::uint32_t);
    for (const Row& row : rows_) bytes += (row.*field).size();
  }
  void Pooled(const char*, Index Row::*field, PoolOf pool) {
    bytes += rows_.size() * sizeof(std::uint32_t);
    if (layout_.pooled) return;
    for (const Row& row : rows_) bytes += (state_.*pool).text(row.*field).size();
  }
  std::size_t bytes = 0;

 private:
  const OrgState& state_;
  const std::vector<Row>& rows_;
  PayloadLayout layout_;
};

// The columns of each table, in stored order. Changing any of these changes
// the file format: bump kSnapshotFormatVersion and keep a reader for the old.
template <typename Io>
void Columns(Io& io, const Team*) {
  io.Text("id", &Team::id);
  io.Text("name", &Team::name);
  io.template Number<std::uint32_t>("manager", &Team::manager);
}
template <typename Io>
void Columns(Io& io, const Rep*) {
  io.Text("id", &Rep::id);
  io.Text("name", &Rep::name);
  io.template Number<std::uint32_t>("team", &Rep::team);
  io.template Number<std::uint32_t>("manager", &Rep::manager);
  io.template Number<std::int32_t>("seniority", &Rep::seniority);
  io.template Number<std::int64_t>("capacity", &Rep::capacity);
  io.template Number<std::uint32_t>("territory", &Rep::territory);
  io.template Number<std::uint32_t>("segment", &Rep::segment);
  io.template Number<std::int32_t>("departed_on", &Rep::departed_on);
  io.Text("destination", &Rep::destination);
  io.template Number<std::uint8_t>("to_competitor", &Rep::to_competitor);
}
template <typename Io>
void Columns(Io& io, const TierPolicy*) {
  io.Text("id", &TierPolicy::id);
  io.template Number<std::int32_t>("load_weight", &TierPolicy::load_weight);
  io.template Number<std::int32_t>("min_seniority", &TierPolicy::min_seniority);
  io.template Number<std::int32_t>("max_per_rep", &TierPolicy::max_per_rep);
}
template <typename Io>
void Columns(Io& io, const Account*) {
  io.Text("id", &Account::id);
  io.Text("name", &Account::name);
  io.template Number<std::uint32_t>("tier", &Account::tier);
  io.template Number<double>("annual_value", &Account::annual_value);
  io.template Number<std::int32_t>("customer_since", &Account::customer_since);
  io.template Number<std::int32_t>("renewal_on", &Account::renewal_on);
  io.template Number<std::uint32_t>("territory", &Account::territory);
  io.template Number<std::uint32_t>("segment", &Account::segment);
  io.template Number<std::uint32_t>("group", &Account::group);
  io.template Number<std::uint32_t>("owner", &Account::owner);
}
template <typename Io>
void Columns(Io& io, const AccountTeamMember*) {
  io.template Number<std::uint32_t>("account", &AccountTeamMember::account);
  io.template Number<std::uint32_t>("rep", &AccountTeamMember::rep);
  io.template Number<std::uint8_t>("role", &AccountTeamMember::role);
}
template <typename Io>
void Columns(Io& io, const Contact*) {
  io.Text("id", &Contact::id);
  io.template Number<std::uint32_t>("account", &Contact::account);
  io.Text("name", &Contact::name);
  io.template Number<std::uint8_t>("role", &Contact::role);
  io.template Number<std::uint8_t>("key_player", &Contact::key_player);
  io.template Number<std::uint8_t>("attitude", &Contact::attitude);
}
template <typename Io>
void Columns(Io& io, const Relationship*) {
  io.template Number<std::uint32_t>("rep", &Relationship::rep);
  io.template Number<std::uint32_t>("contact", &Relationship::contact);
  io.template Number<float>("strength", &Relationship::strength);
  io.template Number<std::uint8_t>("depth", &Relationship::depth);
  io.template Number<std::int32_t>("since", &Relationship::since);
  io.template Number<std::int32_t>("last_touch", &Relationship::last_touch);
}
template <typename Io>
void Columns(Io& io, const Interaction*) {
  io.template Number<std::int32_t>("on", &Interaction::on);
  io.template Number<std::uint8_t>("channel", &Interaction::channel);
  io.template Number<std::uint32_t>("rep", &Interaction::rep);
  io.template Number<std::uint32_t>("account", &Interaction::account);
  io.template Number<std::uint32_t>("contact", &Interaction::contact);
  io.Pooled("note", &Interaction::note, &OrgState::notes);
}
template <typename Io>
void Columns(Io& io, const Deal*) {
  io.Text("id", &Deal::id);
  io.template Number<std::uint32_t>("account", &Deal::account);
  io.template Number<std::uint32_t>("owner", &Deal::owner);
  io.template Number<std::uint8_t>("stage", &Deal::stage);
  io.template Number<double>("amount", &Deal::amount);
  io.template Number<std::int32_t>("close_on", &Deal::close_on);
  io.Text("next_step", &Deal::next_step);
}
template <typename Io>
void Columns(Io& io, const Complaint*) {
  io.Text("id", &Complaint::id);
  io.template Number<std::uint32_t>("account", &Complaint::account);
  io.template Number<std::int32_t>("opened_on", &Complaint::opened_on);
  io.template Number<std::int32_t>("closed_on", &Complaint::closed_on);
  io.template Number<std::uint8_t>("severity", &Complaint::severity);
  io.Text("summary", &Complaint::summary);
}
template <typename Io>
void Columns(Io& io, const ProductHolding*) {
  io.template Number<std::uint32_t>("account", &ProductHolding::account);
  io.Pooled("product", &ProductHolding::product, &OrgState::tags);
  io.template Number<std::int64_t>("quantity", &ProductHolding::quantity);
}

// A table: its u64 row count, then blocks of kBlockRows rows (the last one
// shorter), each holding the block's values column by column.
template <typename Row>
void SaveTable(PayloadWriter& out, const OrgState& state, const std::vector<Row>& rows,
               const char* table, PayloadLayout layout) {
  out.Count(rows.size());
  ColumnWriter<Row> writer(out, state, rows, table, layout);
  for (std::size_t begin = 0; begin < rows.size(); begin += kBlockRows) {
    writer.SetBlock(begin, std::min(rows.size(), begin + kBlockRows));
    Columns(writer, static_cast<const Row*>(nullptr));
  }
}

template <typename Row>
void LoadTable(PayloadReader& in, OrgState& state, std::vector<Row>& rows,
               const char* table, PayloadLayout layout) {
  MinRowBytes<Row> min_bytes;
  Columns(min_bytes, static_cast<const Row*>(nullptr));
  const std::size_t count = in.Count(table, min_bytes.bytes);
  if (!in.ok()) return;
  ReserveOnHugePages(rows, count);
  ColumnReader<Row> reader(in, state, rows, table, layout);
  // Rows are made a block at a time and filled while the block is in cache.
  for (std::size_t begin = 0; begin < count && in.ok(); begin += kBlockRows) {
    const std::size_t end = std::min(count, begin + kBlockRows);
    rows.resize(end);
    reader.SetBlock(begin, end);
    Columns(reader, static_cast<const Row*>(nullptr));
  }
}

// Calls f(table name, rows) for each table of `state`, in stored order.
template <typename State, typename F>
void ForEachTable(State& state, F f) {
  f("teams", state.teams);
  f("reps", state.reps);
  f("tiers", state.tiers);
  f("accounts", state.accounts);
  f("account_team", state.account_team);
  f("contacts", state.contacts);
  f("relationships", state.relationships);
  f("interactions", state.interactions);
  f("deals", state.deals);
  f("complaints", state.complaints);
  f("products", state.products);
}

// Which tables a payload holds. Versions 1 and 2 hold them all in one run
// (kWhole). From version 3 they are split in two parts that two threads
// read at once: the first is the offset of the second, the pools and the
// tables before layout.second_part_from; the second is that table and the
// ones after. Versions 3 and 4 split at interactions, the largest table,
// which halves the bytes; but a byte of accounts or contacts, rows of
// strings, takes longer to read than one of interactions, and at 1 M
// accounts the first part took twice as long as the second (0.84 s
// against 0.38 s, 2026-12-03). Version 5 splits at relationships: 0.6 s
// each.
enum class PayloadPart { kWhole, kFirst, kSecond };

// Calls f(table name, rows) for each table of `part`, in stored order.
template <typename State, typename F>
void ForEachTableOf(PayloadPart part, PayloadLayout layout, State& state, F f) {
  bool second = false;
  ForEachTable(state, [&](const char* table, auto& rows) {
    second = second || table == layout.second_part_from;
    if (part == PayloadPart::kWhole || second == (part == PayloadPart::kSecond))
      f(table, rows);
  });
}

// The pools that begin the tables, in stored order: the tags, then from
// version 4 the notes.
template <typename State, typename F>
void ForEachPool(State& state, PayloadLayout layout, F f) {
  f("tags", state.tags);
  if (layout.pooled) f("notes", state.notes);
}

// The exact size of `part` of the payload SaveTables writes: the writer
// reserves it once instead of growing (and briefly doubling) a buffer of a
// gigabyte, and a split payload begins with the size of its first part.
inline std::size_t PayloadSize(const OrgState& state, PayloadLayout layout,
                               PayloadPart part = PayloadPart::kWhole) {
  std::size_t bytes = 0;
  if (part != PayloadPart::kSecond) {
    if (part == PayloadPart::kFirst) bytes += sizeof(std::uint64_t);
    ForEachPool(state, layout, [&](const char*, const TextPool& pool) {
      bytes += sizeof(std::uint64_t);
      for (Index i = 0; i < pool.size(); ++i)
        bytes += sizeof(std::uint32_t) + pool.text(i).size();
    });
  }
  ForEachTableOf(part, layout, state, [&](const char*, const auto& rows) {
    using Row = typename std::decay_t<decltype(rows)>::value_type;
    ColumnSizer<Row> sizer(state, rows, layout);
    Columns(sizer, static_cast<const Row*>(nullptr));
    bytes += sizeof(std::uint64_t) + sizer.bytes;
  });
  return bytes;
}

// Writes the payload of `state` in `layout`. Errors: InvalidArgument for a
// text a snapshot cannot hold. Boost may throw archive_exception (stream
// errors).
inline absl::Status SaveTables(boost::archive::binary_oarchive& archive,
                               const OrgState& state, PayloadLayout layout) {
  PayloadWriter out(archive);
  if (layout.split) out.Count(PayloadSize(state, layout, PayloadPart::kFirst));
  ForEachPool(state, layout, [&](const char* name, const TextPool& pool) {
    out.Count(pool.size());
    for (std::size_t begin = 0; begin < pool.size(); begin += kBlockRows) {
      out.Strings(
          begin, std::min(pool.size(), begin + kBlockRows),
          [&](std::size_t i) { return pool.text(static_cast<Index>(i)); }, name);
    }
  });
  ForEachTable(state, [&](const char* table, const auto& rows) {
    SaveTable(out, state, rows, table, layout);
  });
  return out.status();
}

// Reads a pool: a u64 count, then the texts in blocks, text 0 being "".
inline void LoadPool(PayloadReader& in, TextPool& pool, const char* name) {
  const std::size_t count = in.Count(name, sizeof(std::uint32_t));
  // The count is bounded by the bytes left: a forged one reserves at most
  // twice the payload.
  pool.Reset(count);
  for (std::size_t begin = 0; begin < count && in.ok(); begin += kBlockRows) {
    in.Strings(
        begin, std::min(count, begin + kBlockRows),
        [&](std::size_t i, const char* data, std::size_t size) {
          if (i == 0 && size != 0) in.Fail(absl::StrCat(name, ": text 0 is not empty"));
          if (i > 0) pool.Append(std::string_view(data, size));
        },
        name, "text");
  }
  if (!in.ok()) return;
  if (count == 0) return in.Fail(absl::StrCat(name, ": no texts, not even text 0"));
  if (!pool.Reindex()) in.Fail(absl::StrCat(name, ": a text repeats, or is empty"));
}

// Reads `part` of a payload in `layout` into `state` (tables and pools;
// the id maps are left empty). Errors: DataLoss naming the table and field
// that cannot be read. `source` is the streambuf under `archive`, and holds
// that part alone; see PayloadReader. Unless `more_follows`, the part must
// end with its last table. Before version 4 the second part interns
// products into the tags the first part read, so the parts are read in
// order.
inline absl::Status LoadTables(boost::archive::binary_iarchive& archive,
                               std::streambuf& source, OrgState& state,
                               PayloadLayout layout,
                               PayloadPart part = PayloadPart::kWhole,
                               bool more_follows = false) {
  PayloadReader in(archive, source);
  // The offset of the second part: the caller has read it to cut `source`.
  if (part == PayloadPart::kFirst) in.Count("second part offset", 0);
  if (part != PayloadPart::kSecond) {
    ForEachPool(state, layout,
                [&](const char* name, TextPool& pool) { LoadPool(in, pool, name); });
  }
  ForEachTableOf(part, layout, state, [&](const char* table, auto& rows) {
    LoadTable(in, state, rows, table, layout);
  });
  if (in.ok() && !more_follows && in.remaining() != 0) {
    in.Fail(absl::StrCat(in.remaining(), " unexpected bytes after the last table",
                         part == PayloadPart::kFirst ? " of the first part" : ""));
  }
  return in.status();
}

}  // namespace baton::internal

#endif  // BATON_LIB_IO_SERIALIZE_RECORDS_HPP_
