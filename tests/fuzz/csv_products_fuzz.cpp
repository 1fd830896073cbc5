// Fuzz target: products.csv against a small valid organisation (csv_targets.hpp).
#include "tests/fuzz/csv_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return baton::fuzz::FuzzCsvFile("products.csv", data, size);
}
