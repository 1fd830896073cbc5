// Aligned text tables and number formats for the demo's output.
#ifndef BATON_TOOLS_DEMO_TEXT_TABLE_HPP_
#define BATON_TOOLS_DEMO_TEXT_TABLE_HPP_

#include <string>
#include <string_view>
#include <vector>

#include "baton/org.hpp"

namespace baton::demo {

// Columns a string takes in a terminal (East Asian wide characters take two).
std::size_t DisplayWidth(std::string_view text);
// `text` cut to `width` columns, with an ellipsis when cut.
std::string Fit(std::string_view text, std::size_t width);
// 1234567.8 -> "1,234,568".
std::string Grouped(double value);
// part / whole as "12.3%".
std::string Percent(double part, double whole);
// "r017 郭志强", or "(nobody)".
std::string RepLabel(const Org& org, RepIndex rep);

// Rows of cells printed in aligned columns; numeric columns align right.
class Table {
 public:
  Table(std::vector<std::string> headers, std::string right_aligned)
      : rows_{std::move(headers)}, right_(std::move(right_aligned)) {}

  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print() const;

 private:
  std::vector<std::vector<std::string>> rows_;
  std::string right_;  // 'r' for each right-aligned column
};

}  // namespace baton::demo

#endif  // BATON_TOOLS_DEMO_TEXT_TABLE_HPP_
