// Fuzz target: a whole CSV directory, its files given as "== NAME" sections.
#include "tests/fuzz/csv_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return baton::fuzz::FuzzCsvDirectory(data, size);
}
