// What a command prints: a few facts and named tables, rendered as an aligned
// table for people or as JSON, CSV or Markdown for programs and documents.
#ifndef BATON_TOOLS_BATON_REPORT_HPP_
#define BATON_TOOLS_BATON_REPORT_HPP_

#include <deque>
#include <ostream>
#include <string>
#include <vector>

#include "nlohmann/json.hpp"

namespace baton::cli {

using Json = nlohmann::ordered_json;

enum class Format { kTable, kJson, kCsv, kMarkdown };

// How a value shows in table and Markdown output; JSON and CSV carry the
// value as it is (a share as a fraction, money unrounded).
enum class Show { kText, kCount, kMoney, kShare, kNumber };

struct Column {
  std::string name;  // also the JSON key and the CSV header
  Show show = Show::kText;
};

struct ReportTable {
  std::string name;   // JSON key, e.g. "accounts"
  std::string title;  // heading in table and Markdown output
  std::vector<Column> columns;
  std::vector<std::vector<Json>> rows;

  void Add(std::vector<Json> row) { rows.push_back(std::move(row)); }
};

struct Fact {
  std::string name;  // JSON key
  std::string label;
  Json value;
  Show show = Show::kText;
};

struct Report {
  std::vector<Fact> facts;
  std::deque<ReportTable> tables;  // AddTable's references stay valid
  std::vector<std::string> notes;  // sentences for people (table, Markdown)

  void AddFact(std::string name, std::string label, Json value, Show show = Show::kText) {
    facts.push_back({std::move(name), std::move(label), std::move(value), show});
  }
  ReportTable& AddTable(std::string name, std::string title,
                        std::vector<Column> columns) {
    tables.push_back({std::move(name), std::move(title), std::move(columns), {}});
    return tables.back();
  }
};

// JSON: one object, the facts then each table as an array of objects. CSV:
// the facts as a "fact,value" table, then each table, separated by blank
// lines, each starting with its header.
void Print(const Report& report, Format format, std::ostream& out);

}  // namespace baton::cli

#endif  // BATON_TOOLS_BATON_REPORT_HPP_
