#include "tools/demo/text_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace baton::demo {
namespace {

// Terminal columns a UTF-8 string takes: East Asian wide characters take two.
// Enough for names (no combining marks or emoji handling).
bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Decodes the code point starting at text[*i] and advances *i past it.
char32_t NextCodePoint(std::string_view text, std::size_t* i) {
  const auto byte = static_cast<unsigned char>(text[*i]);
  const int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
  char32_t c = length == 1 ? byte : byte & (0x7F >> length);
  for (int k = 1; k < length && *i + k < text.size(); ++k) {
    c = (c << 6) | (static_cast<unsigned char>(text[*i + k]) & 0x3F);
  }
  *i += length;
  return c;
}

}  // namespace

std::size_t DisplayWidth(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();)
    width += IsWide(NextCodePoint(text, &i)) ? 2 : 1;
  return width;
}

// Cuts `text` to at most `width` columns, marking the cut with "…".
std::string Fit(std::string_view text, std::size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const std::size_t w = IsWide(NextCodePoint(text, &i)) ? 2 : 1;
    if (used + w + 1 > width) break;
    out.append(text.substr(start, i - start));
    used += w;
  }
  return out + "…";
}

// 1234567.4 -> "1,234,567".
std::string Grouped(double value) {
  const auto whole = static_cast<long long>(std::llround(value));
  std::string digits = std::to_string(whole < 0 ? -whole : whole);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return whole < 0 ? "-" + out : out;
}

std::string Percent(double part, double whole) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%", whole > 0 ? 100 * part / whole : 0.0);
  return buffer;
}

std::string RepLabel(const Org& org, RepIndex rep) {
  if (rep == kNoIndex) return "(nobody)";
  return org.reps()[rep].id + " " + Fit(org.reps()[rep].name, 22);
}

void Table::Print() const {
  std::vector<std::size_t> widths(rows_[0].size(), 0);
  for (const auto& row : rows_) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  const bool headless = std::all_of(rows_[0].begin(), rows_[0].end(),
                                    [](const std::string& h) { return h.empty(); });
  for (std::size_t r = headless ? 1 : 0; r < rows_.size(); ++r) {
    const std::vector<std::string>& row = rows_[r];
    std::string line = " ";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string pad(widths[c] - DisplayWidth(row[c]), ' ');
      const bool right = c < right_.size() && right_[c] == 'r';
      line += "  " + (right ? pad + row[c] : row[c] + pad);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    std::printf("%s\n", line.c_str());
  }
}

}  // namespace baton::demo
