// WriteProblemCsv reports a directory it cannot create as an I/O error
// (with the errno), not as a bug in Baton.
#include <cstdio>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "baton/assignment.hpp"

namespace baton {
namespace {

TEST(ProblemCsvErrors, UncreatableDirectoryIsAnIoError) {
  const std::string file = ::testing::TempDir() + "/baton_problem_csv_not_a_dir";
  std::ofstream(file) << "a plain file\n";
  AssignmentProblem problem;
  problem.reps.push_back({"r1", 0, 1, 0});
  const absl::Status status = WriteProblemCsv(problem, file + "/problem");
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.code(), absl::StatusCode::kInternal) << status;
  EXPECT_THAT(std::string(status.message()), ::testing::HasSubstr("cannot create"));
  std::remove(file.c_str());
}

}  // namespace
}  // namespace baton
