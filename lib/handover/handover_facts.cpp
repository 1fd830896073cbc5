#include "lib/handover/handover_facts.hpp"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/model/strings.hpp"
#include "lib/risk/account_features.hpp"

namespace baton::internal {
namespace {

// 1234567.8 -> "1,234,568".
std::string Amount(double value) {
  std::string digits = absl::StrCat(std::llround(value));
  const std::size_t sign = digits.front() == '-' ? 1 : 0;
  for (std::size_t i = digits.size(); i > sign + 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

std::string Words(std::string_view name) {
  std::string text(name);
  for (char& c : text)
    if (c == '_') c = ' ';
  return text;
}

std::string TieOf(const Org& org, ContactIndex contact, RepIndex rep) {
  if (rep == kNoIndex) return "nobody yet";
  const auto tie = org.FindRelationship(rep, contact);
  if (!tie) return absl::StrCat(RepLabel(org, rep), ": no tie");
  const Relationship& r = org.relationships()[*tie];
  return absl::StrCat(RepLabel(org, rep), ": ", Words(NameOf(r.depth)),
                      r.last_touch == kNoDay ? "" : ", last touch ",
                      FormatDay(r.last_touch));
}

// A deal counts as the leaver's when they own it, or own its account and
// the deal names no owner.
bool LeaverDeal(const Org& org, const Deal& deal, RepIndex leaver) {
  return deal.owner == leaver ||
         (deal.owner == kNoIndex && org.accounts()[deal.account].owner == leaver);
}

}  // namespace

std::string RepLabel(const Org& org, RepIndex rep) {
  if (rep == kNoIndex) return "nobody";
  const Rep& r = org.reps()[rep];
  return r.name.empty() ? r.id : r.name;
}

std::vector<std::string> OpenDealLines(const Org& org, AccountIndex account) {
  std::vector<std::string> lines;
  for (const DealIndex d : org.DealsOf(account)) {
    const Deal& deal = org.deals()[d];
    if (!IsOpen(deal.stage)) continue;
    lines.push_back(absl::StrCat(
        deal.id, ": ", Words(NameOf(deal.stage)), ", ", Amount(deal.amount),
        deal.close_on == kNoDay ? "" : ", closes ", FormatDay(deal.close_on),
        "; next step: ", deal.next_step.empty() ? "none recorded" : deal.next_step));
  }
  return lines;
}

std::vector<std::string> KeyPlayerLines(const Org& org, AccountIndex account,
                                        RepIndex leaver, RepIndex successor) {
  std::vector<std::string> lines;
  for (const ContactIndex c : org.ContactsOf(account)) {
    const Contact& contact = org.contacts()[c];
    if (!IsKeyPlayer(contact)) continue;
    lines.push_back(
        absl::StrCat(contact.name.empty() ? contact.id : contact.name, " (",
                     Words(NameOf(contact.role)), ", ", Words(NameOf(contact.attitude)),
                     "): ", TieOf(org, c, leaver), "; ", TieOf(org, c, successor)));
  }
  return lines;
}

std::vector<std::string> ProductAndComplaintLines(const Org& org, AccountIndex account) {
  std::vector<std::string> lines;
  for (const ProductIndex p : org.ProductsOf(account)) {
    const ProductHolding& product = org.products()[p];
    lines.push_back(
        absl::StrCat(AsAbsl(org.tag(product.product)), " x ", product.quantity));
  }
  for (const ComplaintIndex k : org.ComplaintsOf(account)) {
    const Complaint& complaint = org.complaints()[k];
    if (!complaint.open()) continue;
    lines.push_back(
        absl::StrCat("complaint ", complaint.id, " (", AsAbsl(NameOf(complaint.severity)),
                     ", open since ", FormatDay(complaint.opened_on), ")",
                     complaint.summary.empty() ? "" : ": ", complaint.summary));
  }
  return lines;
}

std::vector<std::string> ClosedDealLines(const Org& org, RepIndex leaver, Day from,
                                         Day to) {
  std::vector<std::string> lines;
  for (const Deal& deal : org.deals()) {
    if (IsOpen(deal.stage) || !LeaverDeal(org, deal, leaver)) continue;
    if (deal.close_on == kNoDay || deal.close_on < from || deal.close_on > to) continue;
    lines.push_back(absl::StrCat(deal.id, " (", org.accounts()[deal.account].id,
                                 "): ", AsAbsl(NameOf(deal.stage)), " ",
                                 Amount(deal.amount), " on ", FormatDay(deal.close_on)));
  }
  return lines;
}

}  // namespace baton::internal
