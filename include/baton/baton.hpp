// Everything Baton offers to C++ callers.
#ifndef BATON_BATON_HPP_
#define BATON_BATON_HPP_

#include "baton/assignment.hpp"
#include "baton/batch.hpp"
#include "baton/csv.hpp"
#include "baton/day.hpp"
#include "baton/handover.hpp"
#include "baton/org.hpp"
#include "baton/reassign.hpp"
#include "baton/records.hpp"
#include "baton/risk.hpp"
#include "baton/risk_fit.hpp"
#include "baton/sample.hpp"
#include "baton/snapshot.hpp"
#include "baton/version.hpp"

#endif  // BATON_BATON_HPP_
