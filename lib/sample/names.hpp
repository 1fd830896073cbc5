// Word lists for the sample generator: territories, people's and companies'
// names, notes and phrases, in Polish, Chinese and English, so that sample
// organisations look like the companies the seed articles describe (and
// exercise UTF-8 everywhere a name can go).
#ifndef BATON_LIB_SAMPLE_NAMES_HPP_
#define BATON_LIB_SAMPLE_NAMES_HPP_

#include <cstddef>
#include <string>
#include <string_view>

#include "lib/sample/random.hpp"

namespace baton::sample {

enum class Culture : unsigned char { kPolish, kChinese, kEnglish };

struct Territory {
  std::string_view name;
  Culture culture;
  double weight;  // share of teams placed there
};

inline constexpr Territory kTerritories[] = {
    {"Warszawa", Culture::kPolish, 3.0}, {"Kraków", Culture::kPolish, 2.0},
    {"Łódź", Culture::kPolish, 1.5},     {"Wrocław", Culture::kPolish, 1.5},
    {"Gdańsk", Culture::kPolish, 1.0},   {"Poznań", Culture::kPolish, 1.0},
    {"北京", Culture::kChinese, 3.0},    {"上海", Culture::kChinese, 3.0},
    {"深圳", Culture::kChinese, 2.0},    {"广州", Culture::kChinese, 1.5},
    {"杭州", Culture::kChinese, 1.0},    {"London", Culture::kEnglish, 2.0},
    {"Berlin", Culture::kEnglish, 1.5},
};
inline constexpr std::size_t kTerritoryCount =
    sizeof(kTerritories) / sizeof(kTerritories[0]);

// --- people -----------------------------------------------------------------

inline constexpr std::string_view kPolishMen[] = {
    "Piotr", "Krzysztof", "Andrzej",  "Tomasz", "Paweł", "Marcin", "Michał",
    "Jakub", "Łukasz",    "Grzegorz", "Adam",   "Marek", "Kamil",  "Wojciech"};
inline constexpr std::string_view kPolishWomen[] = {
    "Anna",   "Maria",  "Katarzyna", "Małgorzata", "Agnieszka", "Barbara",  "Ewa",
    "Joanna", "Monika", "Zofia",     "Magdalena",  "Natalia",   "Karolina", "Ola"};
// Surnames as {masculine, feminine}.
inline constexpr std::string_view kPolishSurnames[][2] = {{"Nowak", "Nowak"},
                                                          {"Kowalski", "Kowalska"},
                                                          {"Wiśniewski", "Wiśniewska"},
                                                          {"Wójcik", "Wójcik"},
                                                          {"Kowalczyk", "Kowalczyk"},
                                                          {"Kamiński", "Kamińska"},
                                                          {"Lewandowski", "Lewandowska"},
                                                          {"Zieliński", "Zielińska"},
                                                          {"Szymański", "Szymańska"},
                                                          {"Woźniak", "Woźniak"},
                                                          {"Dąbrowski", "Dąbrowska"},
                                                          {"Kozłowski", "Kozłowska"},
                                                          {"Mazur", "Mazur"},
                                                          {"Krawczyk", "Krawczyk"},
                                                          {"Pawlak", "Pawlak"},
                                                          {"Jankowski", "Jankowska"}};
inline constexpr std::string_view kChineseSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
    "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"};
inline constexpr std::string_view kChineseGiven[] = {
    "伟", "芳", "娜", "敏", "静",   "丽",   "强",   "磊",   "军",   "洋", "勇", "艳",
    "杰", "涛", "明", "超", "秀英", "建华", "晓明", "志强", "海燕", "婷", "雪", "浩"};
inline constexpr std::string_view kEnglishFirst[] = {
    "James", "Olivia", "Oliver", "Emma",  "Thomas", "Sophie", "Daniel", "Hannah",
    "Lukas", "Lena",   "Felix",  "Clara", "Max",    "Mia",    "Jonas",  "Emily"};
inline constexpr std::string_view kEnglishSurnames[] = {
    "Smith",  "Jones", "Taylor", "Brown",    "Müller", "Schmidt", "Fischer", "Weber",
    "Wilson", "Evans", "Becker", "Hoffmann", "Clarke", "Walker",  "Wright",  "Wagner"};

inline std::string PersonName(Random& random, Culture culture) {
  std::string name;
  switch (culture) {
    case Culture::kPolish: {
      const bool woman = random.Chance(0.5);
      name = woman ? random.OneOf(kPolishWomen) : random.OneOf(kPolishMen);
      name += ' ';
      name += random.OneOf(kPolishSurnames)[woman ? 1 : 0];
      break;
    }
    case Culture::kChinese:
      name = random.OneOf(kChineseSurnames);
      name += random.OneOf(kChineseGiven);
      break;
    case Culture::kEnglish:
      name = random.OneOf(kEnglishFirst);
      name += ' ';
      name += random.OneOf(kEnglishSurnames);
      break;
  }
  return name;
}

// --- companies --------------------------------------------------------------

inline constexpr std::string_view kPolishStems[] = {
    "Pol",  "Bud",  "Trans", "Agro", "Elektro", "Inter", "Metal", "Drew",
    "Chem", "Euro", "Tech",  "Mar",  "Wod",     "Gaz",   "Stal",  "Mleko"};
inline constexpr std::string_view kPolishEndings[] = {"mex", "pol", "bud",   "tech",
                                                      "ex",  "rol", "plast", "med",
                                                      "kom", "san", "trans", "lux"};
inline constexpr std::string_view kPolishTrades[] = {
    "Logistyka", "Budownictwo", "Serwis", "Systemy", "Handel", "Energia", "Farmacja", ""};
inline constexpr std::string_view kPolishForms[] = {"Sp. z o.o.", "S.A.", "sp.j.",
                                                    "Sp.k."};

// Two-character brand halves, 纷享销客-style brands are two of them.
inline constexpr std::string_view kChineseSyllables[] = {
    "华信", "纷享", "销客", "云帆", "智联", "同创", "恒达", "天宇",
    "新源", "东方", "金利", "博远", "鼎盛", "汇通", "明泰", "众合"};
inline constexpr std::string_view kChineseTrades[] = {
    "科技", "贸易", "物流", "制造", "电子", "医疗", "软件", "食品", "化工", "能源"};
inline constexpr std::string_view kChineseForms[] = {"有限公司", "股份有限公司"};

inline constexpr std::string_view kEnglishStems[] = {
    "North", "Blue",  "Silver", "Bright", "Iron", "Oak",   "Red",  "Summit",
    "Clear", "Stone", "Green",  "High",   "West", "Crown", "Fair", "Swift"};
inline constexpr std::string_view kEnglishEndings[] = {"wind",  "peak", "field", "bridge",
                                                       "water", "line", "gate",  "works",
                                                       "ridge", "haven"};
inline constexpr std::string_view kEnglishTrades[] = {
    "Logistics", "Systems", "Foods", "Energy", "Health", "Retail", "Analytics", "Tools"};

// A brand shared by the accounts of one parent group ("Polmex", "纷享销客",
// "Northwind").
inline std::string Brand(Random& random, Culture culture) {
  std::string_view first, second;
  switch (culture) {
    case Culture::kPolish:
      first = random.OneOf(kPolishStems);
      second = random.OneOf(kPolishEndings);
      break;
    case Culture::kChinese: {
      // Two different halves: 纷享销客, not 纷享纷享.
      const std::size_t n = sizeof(kChineseSyllables) / sizeof(kChineseSyllables[0]);
      const std::size_t i = random.Below(n);
      first = kChineseSyllables[i];
      second = kChineseSyllables[(i + 1 + random.Below(n - 1)) % n];
      break;
    }
    case Culture::kEnglish:
      first = random.OneOf(kEnglishStems);
      second = random.OneOf(kEnglishEndings);
      break;
  }
  std::string brand(first);
  // "Trans" + "trans" would stutter; "Transmex" reads as a name.
  const bool stutter = culture != Culture::kChinese && first.size() == second.size() &&
                       first.substr(1) == second.substr(1);
  brand += stutter ? std::string_view("mex") : second;
  return brand;
}

inline std::string GroupName(std::string_view brand, Culture culture) {
  switch (culture) {
    case Culture::kPolish:
      return "Grupa " + std::string(brand);
    case Culture::kChinese:
      return std::string(brand) + "集团";
    case Culture::kEnglish:
      break;
  }
  return std::string(brand) + " Group";
}

// A legal name built on `brand`: "Polmex Logistyka Sp. z o.o.",
// "深圳华信科技有限公司", "Northwind Analytics Ltd".
inline std::string CompanyName(Random& random, std::string_view brand, Culture culture,
                               std::string_view city) {
  std::string name;
  switch (culture) {
    case Culture::kPolish: {
      name = brand;
      const std::string_view trade = random.OneOf(kPolishTrades);
      if (!trade.empty()) (name += ' ') += trade;
      (name += ' ') += random.OneOf(kPolishForms);
      break;
    }
    case Culture::kChinese:
      if (random.Chance(0.3)) return std::string(brand);  // a bare brand: 纷享销客
      name = city;
      name += brand;
      name += random.OneOf(kChineseTrades);
      name += random.OneOf(kChineseForms);
      break;
    case Culture::kEnglish: {
      name = brand;
      (name += ' ') += random.OneOf(kEnglishTrades);
      const bool german = city == "Berlin";
      (name += ' ') +=
          random.Chance(0.7) ? (german ? "GmbH" : "Ltd") : (german ? "AG" : "plc");
      break;
    }
  }
  return name;
}

// --- where departed reps went -------------------------------------------------

inline constexpr std::string_view kCompetitors[] = {"Salesway Sp. z o.o.", "销冠科技",
                                                    "Northstar CRM Ltd", "Pipedrift GmbH",
                                                    "客多多软件"};
inline constexpr std::string_view kOtherDestinations[] = {
    "career break", "relocation", "internal: marketing", "retired", "studia MBA", "创业"};

// --- notes and phrases ----------------------------------------------------------

// Interaction notes stay within 15 bytes so that std::string keeps them inline
// (no heap block per interaction at a million accounts).
inline constexpr std::string_view kNotes[][8] = {
    /* kPolish */ {"oferta", "wizyta", "spotkanie", "negocjacje", "reklamacja",
                   "szkolenie", "przegląd umowy", "telefon"},
    /* kChinese */
    {"续约洽谈", "产品演示", "回访", "报价", "拜访客户", "培训", "投诉处理", "商务宴请"},
    /* kEnglish */
    {"intro call", "QBR", "demo", "pricing Q&A", "renewal talk", "follow-up",
     "site visit", "upsell idea"},
};
inline constexpr std::string_view kCommonNotes[] = {
    "kickoff", "escalation", "onboarding", "health check", "trade fair", "lunch"};

inline constexpr std::string_view kNextSteps[][4] = {
    /* kPolish */ {"wysłać ofertę", "umówić prezentację", "akceptacja budżetu",
                   "przegląd umowy przez prawnika"},
    /* kChinese */ {"安排技术交流", "提交报价单", "确认采购预算", "法务审核合同"},
    /* kEnglish */
    {"send proposal", "schedule demo with IT", "confirm budget",
     "security questionnaire"},
};

inline constexpr std::string_view kComplaintSummaries[][4] = {
    /* kPolish */ {"opóźniona dostawa", "błędna faktura", "awaria systemu",
                   "wolna obsługa zgłoszeń"},
    /* kChinese */ {"发货延迟", "发票错误", "系统故障", "服务响应慢"},
    /* kEnglish */
    {"late delivery", "invoice error", "service outage",
     "feature promised in the sale is missing"},
};

inline constexpr std::string_view kProducts[] = {
    "crm-core",      "crm-analytics", "mobile-sales", "service-desk",
    "marketing-hub", "data-sync",     "api-access",   "training-days"};

template <std::size_t N>
std::string_view OneOfCulture(Random& random, const std::string_view (&table)[3][N],
                              Culture culture) {
  // Mostly the local language; English is the lingua franca elsewhere.
  const auto row = random.Chance(0.75) ? static_cast<std::size_t>(culture)
                                       : static_cast<std::size_t>(Culture::kEnglish);
  return table[row][random.Below(N)];
}

}  // namespace baton::sample

#endif  // BATON_LIB_SAMPLE_NAMES_HPP_
