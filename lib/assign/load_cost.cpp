#include "lib/assign/load_cost.hpp"

#include <algorithm>

namespace baton::internal {

Wide BestLoadProfit(const AssignmentProblem::Rep& rep, Wide price, Int scale) {
  const Int headroom = Headroom(rep);
  if (price <= 0 || headroom <= 0) return 0;
  Wide units;
  if (rep.lambda == 0) {
    units = headroom;
  } else {
    // Unit k pays off while scale * lambda * (2 * (L0 + k) - 1) <= price.
    const Wide t = price / (static_cast<Wide>(scale) * rep.lambda);
    units = std::clamp<Wide>((t + 1) / 2 - rep.load, 0, headroom);
  }
  return price * units -
         static_cast<Wide>(scale) * AddedLoadCost(rep, static_cast<Int>(units));
}

}  // namespace baton::internal
