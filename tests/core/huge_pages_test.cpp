// Large tables ask the kernel for huge pages (lib/model/huge_pages.hpp).
#include "lib/model/huge_pages.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace baton::internal {
namespace {

// The selected word of /sys/kernel/mm/transparent_hugepage/enabled
// ("always [madvise] never"), or "" without transparent huge pages.
std::string HugePageMode() {
  std::ifstream file("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(file, line);
  const auto open = line.find('['), close = line.find(']');
  if (open == std::string::npos || close == std::string::npos) return "";
  return line.substr(open + 1, close - open - 1);
}

// The THPeligible field of the mapping in /proc/self/smaps that holds
// `address`: 1 if the kernel may back it with huge pages; -1 if not found.
int HugePageEligible(const void* address) {
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long long begin = 0, end = 0;
    if (std::sscanf(line.c_str(), "%llx-%llx ", &begin, &end) == 2) {
      inside = begin <= at && at < end;
    } else if (inside && line.rfind("THPeligible:", 0) == 0) {
      return std::stoi(line.substr(12));
    }
  }
  return -1;
}

constexpr std::size_t kRows = std::size_t{8} << 20;  // 32 MiB of uint32

TEST(HugePagesTest, ReservedTablesAreEligibleAndOthersAreNot) {
  if (HugePageMode() != "madvise") {
    GTEST_SKIP() << "transparent huge pages are not in madvise mode here";
  }
  std::vector<std::uint32_t> advised;
  ReserveOnHugePages(advised, kRows);
  std::vector<std::uint32_t> plain;
  plain.reserve(kRows);
  ASSERT_GE(advised.capacity(), kRows);
  // The middle of each block: its ends may share a mapping with others.
  EXPECT_EQ(HugePageEligible(advised.data() + kRows / 2), 1);
  EXPECT_EQ(HugePageEligible(plain.data() + kRows / 2), 0);
}

TEST(HugePagesTest, ResizeKeepsRowsAndZeroesNewOnes) {
  std::vector<std::uint32_t> rows = {7, 8, 9};
  ResizeOnHugePages(rows, kRows);
  ASSERT_EQ(rows.size(), kRows);
  EXPECT_EQ(rows[0], 7u);
  EXPECT_EQ(rows[2], 9u);
  EXPECT_EQ(rows[3], 0u);
  EXPECT_EQ(rows[kRows - 1], 0u);
  ResizeOnHugePages(rows, 2);  // shrinking keeps the block
  EXPECT_EQ(rows.size(), 2u);
  EXPECT_GE(rows.capacity(), kRows);
}

TEST(HugePagesTest, OnlyTheWholeHugePagesWithinABlockAreAdvised) {
  AdviseHugePages(nullptr, std::size_t{4} << 20);  // nothing there: nothing done
  if (HugePageMode() != "madvise") {
    GTEST_SKIP() << "transparent huge pages are not in madvise mode here";
  }
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  std::vector<char> block(std::size_t{5} << 20);  // holds a whole huge page
  const char* data = block.data() + 1;
  AdviseHugePages(data, block.size() - 1);
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const auto first =
      reinterpret_cast<const char*>((start + kHugePage - 1) & ~(kHugePage - 1));
  EXPECT_EQ(HugePageEligible(first), 1);
  if (first != data) {
    EXPECT_EQ(HugePageEligible(data), 0);
  }
  std::vector<char> small(100);
  AdviseHugePages(small.data(), small.size());
  EXPECT_EQ(HugePageEligible(small.data()), 0);
}

}  // namespace
}  // namespace baton::internal
