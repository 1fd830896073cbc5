// Prints the number of accounts in a CSV directory, through the C++ API.
#include <iostream>

#include <baton/baton.hpp>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  baton::Org org;
  const absl::Status status = baton::ImportCsv(argv[1], org);
  if (!status.ok()) {
    std::cerr << status << "\n";
    return 1;
  }
  std::cout << org.accounts().size() << "\n";
  return 0;
}
