#include "tools/baton/report.hpp"

#include <algorithm>
#include <cstdio>

#include "tools/demo/text_table.hpp"

namespace baton::cli {
namespace {

using demo::DisplayWidth;

// Text columns wider than this are cut, except the last one, which may run on.
constexpr std::size_t kMaxTextWidth = 48;

std::string Joined(const Json& list) {
  std::string out;
  for (const Json& item : list) {
    if (!out.empty()) out += "; ";
    out += item.is_string() ? item.get<std::string>() : item.dump();
  }
  return out;
}

// A value as people read it.
std::string Shown(const Json& value, Show show) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_array()) return Joined(value);
  if (!value.is_number()) return value.dump();
  const double x = value.get<double>();
  char text[48];
  switch (show) {
    case Show::kCount:
    case Show::kMoney:
      return demo::Grouped(x);
    case Show::kShare:
      std::snprintf(text, sizeof text, "%.1f%%", 100 * x);
      return text;
    case Show::kText:
    case Show::kNumber:
      break;
  }
  if (value.is_number_integer()) return value.dump();
  std::snprintf(text, sizeof text, "%.4g", x);
  return text;
}

// A value as programs read it, in CSV: numbers exactly, lists joined.
std::string Raw(const Json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) return Joined(value);
  return value.dump();
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string MarkdownCell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::vector<std::vector<std::string>> ShownRows(const ReportTable& table) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      std::string cell = c < row.size() ? Shown(row[c], table.columns[c].show) : "";
      if (table.columns[c].show == Show::kText && c + 1 < table.columns.size())
        cell = demo::Fit(cell, kMaxTextWidth);
      cells.push_back(std::move(cell));
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

void PrintAligned(const ReportTable& table, std::ostream& out) {
  if (!table.title.empty()) out << table.title << "\n";
  const auto rows = ShownRows(table);
  std::vector<std::size_t> widths;
  for (const Column& c : table.columns) widths.push_back(DisplayWidth(c.name));
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c)
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(widths[c] - DisplayWidth(cells[c]), ' ');
      const bool right = table.columns[c].show != Show::kText;
      const bool last = c + 1 == cells.size();
      text += right ? pad + cells[c] : cells[c] + (last ? "" : pad);
      if (!last) text += "  ";
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << "  " << text << "\n";
  };
  std::vector<std::string> header;
  for (const Column& c : table.columns) header.push_back(c.name);
  line(header);
  for (const auto& row : rows) line(row);
  if (rows.empty()) out << "  (none)\n";
}

void PrintTable(const Report& report, std::ostream& out) {
  for (const Fact& f : report.facts)
    out << f.label << ": " << Shown(f.value, f.show) << "\n";
  for (const std::string& note : report.notes) out << note << "\n";
  for (const ReportTable& table : report.tables) {
    if (!report.facts.empty() || !report.notes.empty() || &table != &report.tables[0])
      out << "\n";
    PrintAligned(table, out);
  }
}

void PrintMarkdown(const Report& report, std::ostream& out) {
  for (const Fact& f : report.facts)
    out << "- **" << f.label << ":** " << MarkdownCell(Shown(f.value, f.show)) << "\n";
  for (const std::string& note : report.notes) out << "\n" << note << "\n";
  for (const ReportTable& table : report.tables) {
    out << "\n### " << table.title << "\n\n|";
    for (const Column& c : table.columns) out << " " << MarkdownCell(c.name) << " |";
    out << "\n|";
    for (const Column& c : table.columns)
      out << (c.show == Show::kText ? "---|" : "--:|");
    out << "\n";
    for (const auto& row : ShownRows(table)) {
      out << "|";
      for (const std::string& cell : row) out << " " << MarkdownCell(cell) << " |";
      out << "\n";
    }
  }
}

void PrintCsv(const Report& report, std::ostream& out) {
  bool first = true;
  if (!report.facts.empty()) {
    out << "fact,value\r\n";
    for (const Fact& f : report.facts)
      out << CsvField(f.name) << "," << CsvField(Raw(f.value)) << "\r\n";
    first = false;
  }
  for (const ReportTable& table : report.tables) {
    if (!first) out << "\r\n";
    first = false;
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      out << (c ? "," : "") << CsvField(table.columns[c].name);
    out << "\r\n";
    for (const auto& row : table.rows) {
      for (std::size_t c = 0; c < table.columns.size(); ++c)
        out << (c ? "," : "") << CsvField(c < row.size() ? Raw(row[c]) : "");
      out << "\r\n";
    }
  }
}

void PrintJson(const Report& report, std::ostream& out) {
  Json doc = Json::object();
  for (const Fact& f : report.facts) doc[f.name] = f.value;
  for (const ReportTable& table : report.tables) {
    Json rows = Json::array();
    for (const auto& row : table.rows) {
      Json object = Json::object();
      for (std::size_t c = 0; c < table.columns.size(); ++c)
        object[table.columns[c].name] = c < row.size() ? row[c] : Json();
      rows.push_back(std::move(object));
    }
    doc[table.name] = std::move(rows);
  }
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace

void Print(const Report& report, Format format, std::ostream& out) {
  switch (format) {
    case Format::kTable:
      return PrintTable(report, out);
    case Format::kMarkdown:
      return PrintMarkdown(report, out);
    case Format::kCsv:
      return PrintCsv(report, out);
    case Format::kJson:
      return PrintJson(report, out);
  }
}

}  // namespace baton::cli
