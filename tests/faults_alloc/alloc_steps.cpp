// The sequence of the allocation-failure test, on the tiny organisation in
// tiny/: import it from CSV, score its risk, offboard a rep, copy the
// organisation and apply the reassignment to the copy, plan the handover,
// store it in the handover book, apply it and undo it; apply, mark and undo
// the stored one and read the book; save a snapshot to a file and to bytes
// and load both; remove records and update others in two batches; fit risk
// models to a training table (tiny_training.csv) and to the organisation's
// history, and score with the fitted one; read, solve and evaluate an
// assignment problem (tiny_assignment/).
#include "alloc_steps.hpp"

#include <iterator>
#include <vector>

namespace steps {
namespace {

// 2026-11-01 and 2026-11-30, days since 1970-01-01.
constexpr std::int32_t kToday = 20758;
constexpr std::int32_t kLastDay = 20787;
// The handover book's times (Unix seconds, the caller's clock).
constexpr std::int64_t kAt = 1793000000;
const char* const kLeaver[1] = {"r002"};
const std::int32_t kLastDays[1] = {kLastDay};
const std::uint8_t kToCompetitor[1] = {1};
// A task of the stored handover (an account of r002's).
const char* const kTask = "a0001/notify_customer";

// The training table's columns (tiny_training.csv).
const char* const kNumeric[] = {"tenure", "charges"};
const char* const kCategorical[] = {"contract"};
// The history fit: built-in features of the accounts left after the
// removals, and whether each lapsed.
const char* const kFeatures[] = {"days_since_interaction", "log_annual_value",
                                 "tier_weight", "owner_share"};
const char* const kHistoryAccounts[] = {"a0001", "a0002", "a0003", "a0004",
                                        "a0005", "a0006", "a0007", "a0008",
                                        "a0010", "a0011", "a0012"};
const std::uint8_t kLapsed[] = {1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1};
static_assert(sizeof kHistoryAccounts / sizeof *kHistoryAccounts ==
              sizeof kLapsed / sizeof *kLapsed);

std::uint64_t StateHash(const baton_org* org) {
  std::uint64_t hash = 0;
  if (org != nullptr) MUST(baton_org_state_hash(&hash, org));
  return hash;
}

// Reads a string through the (buf, cap, needed) convention.
template <typename Read>
void AddText(Digest& d, Read read) {
  std::size_t needed = 0;
  std::vector<char> buf(1024);
  int rc = read(buf.data(), buf.size(), &needed);
  if (rc == BATON_EBUFS) {
    buf.resize(needed);
    rc = read(buf.data(), buf.size(), &needed);
  }
  MUST(rc);
  d.Text(buf.data());
}

std::uint64_t BookDigest(const baton_org* org) {
  Digest d;
  if (org == nullptr) return d.value();
  AddText(d, [&](char* b, std::size_t c, std::size_t* n) {
    return baton_org_handover_book(b, c, n, org);
  });
  return d.value();
}

std::int32_t HandoverState(const baton_handover* h) {
  std::int32_t state = -1;
  if (h != nullptr) MUST(baton_handover_state(&state, h));
  return state;
}

std::size_t BatchSize(const baton_batch* batch) {
  std::size_t n = 0;
  if (batch != nullptr) MUST(baton_batch_size(&n, batch));
  return n;
}

void ScoresDigest(Digest& d, const baton_risk_scores* scores) {
  std::size_t n = 0;
  baton_risk_scores_accounts(nullptr, nullptr, 0, &n, scores);
  std::vector<double> risk(n), at_risk(n);
  MUST(baton_risk_scores_accounts(risk.data(), at_risk.data(), n, nullptr, scores));
  d.Array(risk), d.Array(at_risk);
  double value = 0, value_at_risk = 0;
  MUST(baton_risk_scores_totals(&value, &value_at_risk, scores));
  d.Add(value), d.Add(value_at_risk);
}

void ModelDigest(Digest& d, const baton_risk_model* model) {
  AddText(d, [&](char* b, std::size_t c, std::size_t* n) {
    return baton_risk_model_to_text(b, c, n, model);
  });
}

void PlanDigest(Digest& d, const baton_reassignment* plan) {
  baton_reassign_summary s = BATON_REASSIGN_SUMMARY_INIT;
  MUST(baton_reassignment_summary(&s, plan));
  d.Add(s.outcome), d.Add(s.objective), d.Add(s.lower_bound), d.Add(s.moves);
  d.Add(s.unassigned), d.Add(s.accounts), d.Add(s.reps), d.Add(s.state_hash);
  for (std::size_t i = 0; i < s.accounts; ++i) {
    baton_account_reassignment a = BATON_ACCOUNT_REASSIGNMENT_INIT;
    MUST(baton_reassignment_account(&a, plan, i));
    d.Add(a.account), d.Add(a.from), d.Add(a.to), d.Add(a.total), d.Add(a.reasons);
    for (std::uint32_t k = 0; k < a.reasons; ++k) {
      AddText(d, [&](char* b, std::size_t c, std::size_t* n) {
        return baton_reassignment_reason(b, c, n, plan, i, k);
      });
    }
    AddText(d, [&](char* b, std::size_t c, std::size_t* n) {
      return baton_reassignment_to_rep_id(b, c, n, plan, i);
    });
  }
}

void HandoverDigest(Digest& d, const baton_handover* h) {
  std::size_t n = 0;
  baton_handover_accounts(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, 0, &n, h);
  std::vector<std::uint32_t> account(n), successor(n), reasons(n);
  std::vector<double> risk(n);
  MUST(baton_handover_accounts(account.data(), nullptr, successor.data(), nullptr,
                               risk.data(), reasons.data(), n, nullptr, h));
  d.Array(account), d.Array(successor), d.Array(risk), d.Array(reasons);
  baton_handover_tasks(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                       nullptr, 0, &n, h);
  std::vector<std::int32_t> kind(n), due(n), status(n);
  std::vector<std::uint32_t> rep(n), details(n);
  MUST(baton_handover_tasks(nullptr, nullptr, kind.data(), nullptr, rep.data(),
                            due.data(), status.data(), details.data(), n, nullptr, h));
  d.Array(kind), d.Array(due), d.Array(status), d.Array(rep), d.Array(details);
  for (std::size_t t = 0; t < n; ++t) {
    AddText(d, [&](char* b, std::size_t c, std::size_t* need) {
      return baton_handover_task_title(b, c, need, h, t);
    });
    for (std::uint32_t k = 0; k < details[t]; ++k) {
      AddText(d, [&](char* b, std::size_t c, std::size_t* need) {
        return baton_handover_task_detail(b, c, need, h, t, k);
      });
    }
  }
  d.Add(HandoverState(h));
}

// An organisation's state hash, its book and the handover's state: what a
// call that changes the organisation gives.
void OrgDigest(Digest& d, const baton_org* org, const baton_handover* h) {
  d.Add(StateHash(org));
  d.Add(BookDigest(org));
  d.Add(HandoverState(h));
}

void FitDigest(Digest& d, const baton_risk_fit* fit) {
  baton_risk_fit_summary s = BATON_RISK_FIT_SUMMARY_INIT;
  MUST(baton_risk_fit_summary_get(&s, fit));
  d.Add(s.iterations), d.Add(s.rows), d.Add(s.skipped_rows), d.Add(s.folds);
  d.Add(s.auc), d.Add(s.log_loss), d.Add(s.brier), d.Add(s.cv_auc);
  d.Add(s.cv_log_loss), d.Add(s.cv_brier), d.Add(s.mean_fold_auc);
  std::size_t n = 0;
  baton_risk_fit_fold_aucs(nullptr, 0, &n, fit);
  std::vector<double> aucs(n);
  MUST(baton_risk_fit_fold_aucs(aucs.data(), n, nullptr, fit));
  d.Array(aucs);
  baton_risk_fit_calibration(nullptr, nullptr, nullptr, nullptr, nullptr, 0, &n, fit);
  std::vector<double> low(n), high(n), predicted(n), observed(n);
  std::vector<std::int64_t> rows(n);
  MUST(baton_risk_fit_calibration(low.data(), high.data(), rows.data(), predicted.data(),
                                  observed.data(), n, nullptr, fit));
  d.Array(low), d.Array(high), d.Array(rows), d.Array(predicted), d.Array(observed);
  baton_risk_model* model = nullptr;
  MUST(baton_risk_fit_model(&model, fit));
  ModelDigest(d, model);
  baton_risk_model_destroy(model);
}

void ProblemDigest(Digest& d, const baton_assignment_problem* problem) {
  std::size_t reps = 0, accounts = 0, arcs = 0;
  MUST(baton_assignment_problem_counts(&reps, &accounts, &arcs, problem));
  d.Add(reps), d.Add(accounts), d.Add(arcs);
  for (std::uint32_t i = 0; i < reps; ++i) {
    AddText(d, [&](char* b, std::size_t c, std::size_t* n) {
      return baton_assignment_problem_rep_id(b, c, n, problem, i);
    });
  }
  for (std::uint32_t i = 0; i < accounts; ++i) {
    AddText(d, [&](char* b, std::size_t c, std::size_t* n) {
      return baton_assignment_problem_account_id(b, c, n, problem, i);
    });
  }
}

void SolutionDigest(Digest& d, const baton_assignment_solution* solution) {
  baton_assignment_summary s = BATON_ASSIGNMENT_SUMMARY_INIT;
  MUST(baton_assignment_solution_summary(&s, solution));
  d.Add(s.outcome), d.Add(s.objective), d.Add(s.arc_cost), d.Add(s.load_cost);
  d.Add(s.penalty_cost), d.Add(s.lower_bound);
  std::size_t n = 0;
  baton_assignment_solution_rep_of(nullptr, 0, &n, solution);
  std::vector<std::uint32_t> rep_of(n);
  MUST(baton_assignment_solution_rep_of(rep_of.data(), n, nullptr, solution));
  d.Array(rep_of);
  baton_assignment_solution_added_load(nullptr, 0, &n, solution);
  std::vector<std::int64_t> added(n);
  MUST(baton_assignment_solution_added_load(added.data(), n, nullptr, solution));
  d.Array(added);
}

// The result of a step that changes the main organisation.
void OrgResult(Digest& d, const Handles& h) { OrgDigest(d, h.org, h.handover); }
void CopyResult(Digest& d, const Handles& h) { d.Add(StateHash(h.copy)); }
void BatchesResult(Digest& d, const Handles& h) {
  d.Add(BatchSize(h.removals)), d.Add(BatchSize(h.updates));
}
const void* NoOutput(const Handles&) { return nullptr; }
constexpr bool kChangesOrg = true;

// The stored handover's id, as the caller got it.
const char* Stored(const Handles& h) { return h.stored_id; }

int Remove(Handles& h, int kind, const char* id, const char* second) {
  return baton_batch_remove(h.removals, kind, id, second);
}

}  // namespace

Handles::Handles() : book(64 * 1024), bytes(1024 * 1024) {}

Handles::~Handles() {
  baton_assignment_solution_destroy(evaluated);
  baton_assignment_solution_destroy(solution);
  baton_assignment_problem_destroy(problem);
  baton_risk_scores_destroy(fitted_scores);
  baton_risk_model_destroy(fitted);
  baton_risk_fit_destroy(org_fit);
  baton_risk_fit_destroy(table_fit);
  baton_batch_destroy(updates);
  baton_batch_destroy(removals);
  baton_org_destroy(from_bytes);
  baton_org_destroy(loaded);
  baton_handover_destroy(handover);
  baton_reassignment_destroy(plan);
  baton_risk_scores_destroy(scores);
  baton_risk_model_destroy(model);
  baton_org_destroy(copy);
  baton_org_destroy(org);
}

Inputs::Inputs(const std::string& data_directory, const std::string& scratch_directory)
    : org_directory(data_directory + "/tiny"),
      training_table(data_directory + "/tiny_training.csv"),
      problem_directory(data_directory + "/tiny_assignment"),
      snapshot_path(scratch_directory + "/tiny.baton") {
  risk.as_of = kToday;
  risk.threads = 1;
  reassign.departing = kLeaver;
  reassign.departing_count = 1;
  reassign.today = kToday;
  handover.leavers = kLeaver;
  handover.last_days = kLastDays;
  handover.to_competitor = kToCompetitor;
  handover.leaver_count = 1;
  handover.today = kToday;
  fit.folds = 3;
  fit.calibration_bins = 4;
  // The batch of updates: an account's value, a contact's attitude, a
  // deal's stage and amount (and, through baton_batch_change_owner, an
  // owner), and a contact added.
  account.id = "a0003";
  account.name = "Techmed Logistyka sp.j.";
  account.tier = "C";
  account.annual_value = 2900;
  account.customer_since = 20087;  // 2024-12-30
  account.renewal_on = 20855;      // 2027-02-06
  account.territory = "Warszawa";
  account.segment = "smb";
  account.owner = "r003";
  contact.id = "c00006";
  contact.account = "a0003";
  contact.name = "Krzysztof Woźniak";
  contact.role = BATON_CONTACT_DECISION_MAKER;
  contact.key_player = 1;
  contact.attitude = BATON_ATTITUDE_SUPPORTER;
  new_contact.id = "c09001";
  new_contact.account = "a0004";
  new_contact.name = "Anna Nowak";
  new_contact.role = BATON_CONTACT_FINANCE;
  deal.id = "d0002";
  deal.account = "a0010";
  deal.stage = BATON_STAGE_PROPOSAL;
  deal.amount = 4200;
  deal.close_on = 20788;  // 2026-12-01
  deal.next_step = "przegląd umowy przez prawnika";
}

Observed Observe(const Handles& h, const Step& step) {
  // Reading the book takes as many allocations as a snapshot: only for the
  // calls that may change it.
  return {StateHash(h.org),
          StateHash(h.copy),
          step.changes_org ? BookDigest(h.org) : 0,
          HandoverState(h.handover),
          BatchSize(h.removals),
          BatchSize(h.updates)};
}

// Output handles are only written on success, so each is still NULL when
// its call fails (checked by the runner).
const Step kSteps[] = {
    // ---- import, score, offboard, plan the handover ----
    {"baton_org_create",
     [](Handles& h, const Inputs&) { return baton_org_create(&h.org); }, BATON_OK,
     OrgResult, [](const Handles& h) -> const void* { return h.org; }, kChangesOrg},
    {"baton_org_import_csv",
     [](Handles& h, const Inputs& in) {
       return baton_org_import_csv(h.org, in.org_directory.c_str());
     },
     BATON_OK, OrgResult, NoOutput, kChangesOrg},
    {"baton_risk_model_default",
     [](Handles& h, const Inputs&) { return baton_risk_model_default(&h.model); },
     BATON_OK, [](Digest& d, const Handles& h) { ModelDigest(d, h.model); },
     [](const Handles& h) -> const void* { return h.model; }},
    {"baton_risk_score",
     [](Handles& h, const Inputs& in) {
       return baton_risk_score(&h.scores, h.org, h.model, &in.risk);
     },
     BATON_OK, [](Digest& d, const Handles& h) { ScoresDigest(d, h.scores); },
     [](const Handles& h) -> const void* { return h.scores; }},
    {"baton_reassign",
     [](Handles& h, const Inputs& in) {
       return baton_reassign(&h.plan, h.org, &in.reassign, nullptr, nullptr);
     },
     BATON_OK, [](Digest& d, const Handles& h) { PlanDigest(d, h.plan); },
     [](const Handles& h) -> const void* { return h.plan; }},
    {"baton_org_copy",
     [](Handles& h, const Inputs&) { return baton_org_copy(&h.copy, h.org); }, BATON_OK,
     CopyResult, [](const Handles& h) -> const void* { return h.copy; }},
    {"baton_org_apply_reassignment",
     [](Handles& h, const Inputs&) {
       return baton_org_apply_reassignment(h.copy, h.plan);
     },
     BATON_OK, CopyResult, NoOutput},
    {"baton_handover_plan",
     [](Handles& h, const Inputs& in) {
       return baton_handover_plan(&h.handover, h.org, &in.handover, h.plan, h.model);
     },
     BATON_OK, [](Digest& d, const Handles& h) { HandoverDigest(d, h.handover); },
     [](const Handles& h) -> const void* { return h.handover; }},
    // ---- the handover, and the stored handover book ----
    {"baton_org_store_handover",
     [](Handles& h, const Inputs&) {
       return baton_org_store_handover(h.stored_id, sizeof h.stored_id, nullptr, h.org,
                                       h.handover, kAt);
     },
     BATON_OK,
     [](Digest& d, const Handles& h) {
       d.Text(h.stored_id);
       OrgResult(d, h);
     },
     NoOutput, kChangesOrg},
    {"baton_org_apply_handover",
     [](Handles& h, const Inputs&) {
       return baton_org_apply_handover(h.org, h.handover);
     },
     BATON_OK, OrgResult, NoOutput, kChangesOrg},
    {"baton_org_undo_handover",
     [](Handles& h, const Inputs&) { return baton_org_undo_handover(h.org, h.handover); },
     BATON_OK, OrgResult, NoOutput, kChangesOrg},
    {"baton_org_apply_stored_handover",
     [](Handles& h, const Inputs&) {
       return baton_org_apply_stored_handover(h.org, Stored(h), kAt + 60);
     },
     BATON_OK, OrgResult, NoOutput, kChangesOrg},
    {"baton_org_set_stored_task_status",
     [](Handles& h, const Inputs&) {
       return baton_org_set_stored_task_status(h.org, Stored(h), kTask, BATON_TASK_DONE,
                                               kAt + 120);
     },
     BATON_OK, OrgResult, NoOutput, kChangesOrg},
    {"baton_org_undo_stored_handover",
     [](Handles& h, const Inputs&) {
       return baton_org_undo_stored_handover(h.org, Stored(h), kAt + 180);
     },
     BATON_OK, OrgResult, NoOutput, kChangesOrg},
    {"baton_org_handover_book",
     [](Handles& h, const Inputs&) {
       return baton_org_handover_book(h.book.data(), h.book.size(), nullptr, h.org);
     },
     BATON_OK, [](Digest& d, const Handles& h) { d.Text(h.book.data()); }, NoOutput},
    // ---- snapshots ----
    {"baton_org_save",
     [](Handles& h, const Inputs& in) {
       return baton_org_save(h.org, in.snapshot_path.c_str());
     },
     BATON_OK, OrgResult, NoOutput},
    {"baton_org_load",
     [](Handles& h, const Inputs& in) {
       return baton_org_load(&h.loaded, in.snapshot_path.c_str());
     },
     BATON_OK, [](Digest& d, const Handles& h) { OrgDigest(d, h.loaded, nullptr); },
     [](const Handles& h) -> const void* { return h.loaded; }},
    {"baton_org_to_bytes (size)",
     [](Handles& h, const Inputs&) {
       return baton_org_to_bytes(nullptr, 0, &h.bytes_size, h.org);
     },
     BATON_EBUFS, [](Digest& d, const Handles& h) { d.Add(h.bytes_size); }, NoOutput},
    {"baton_org_to_bytes",
     [](Handles& h, const Inputs&) {
       return baton_org_to_bytes(h.bytes.data(), h.bytes.size(), &h.bytes_size, h.org);
     },
     BATON_OK, [](Digest& d, const Handles& h) { d.Bytes(h.bytes.data(), h.bytes_size); },
     NoOutput},
    {"baton_org_from_bytes",
     [](Handles& h, const Inputs&) {
       return baton_org_from_bytes(&h.from_bytes, h.bytes.data(), h.bytes_size);
     },
     BATON_OK, [](Digest& d, const Handles& h) { OrgDigest(d, h.from_bytes, nullptr); },
     [](const Handles& h) -> const void* { return h.from_bytes; }},
    // ---- a batch of removals (what belongs to a record goes with it) ----
    {"baton_batch_create (removals)",
     [](Handles& h, const Inputs&) { return baton_batch_create(&h.removals); }, BATON_OK,
     BatchesResult, [](const Handles& h) -> const void* { return h.removals; }},
    {"baton_batch_remove (contact)",
     [](Handles& h, const Inputs&) {
       return Remove(h, BATON_KIND_CONTACT, "c00005", nullptr);
     },
     BATON_OK, BatchesResult, NoOutput},
    {"baton_batch_remove (relationship)",
     [](Handles& h, const Inputs&) {
       return Remove(h, BATON_KIND_RELATIONSHIP, "r001", "c00004");
     },
     BATON_OK, BatchesResult, NoOutput},
    {"baton_batch_remove (account)",
     [](Handles& h, const Inputs&) {
       return Remove(h, BATON_KIND_ACCOUNT, "a0009", nullptr);
     },
     BATON_OK, BatchesResult, NoOutput},
    {"baton_batch_remove (deal)",
     [](Handles& h, const Inputs&) {
       return Remove(h, BATON_KIND_DEAL, "d0001", nullptr);
     },
     BATON_OK, BatchesResult, NoOutput},
    {"baton_org_apply (removals)",
     [](Handles& h, const Inputs&) { return baton_org_apply(h.org, h.removals); },
     BATON_OK, OrgResult, NoOutput, kChangesOrg},
    // ---- a batch of updates ----
    {"baton_batch_create (updates)",
     [](Handles& h, const Inputs&) { return baton_batch_create(&h.updates); }, BATON_OK,
     BatchesResult, [](const Handles& h) -> const void* { return h.updates; }},
    {"baton_batch_update_account",
     [](Handles& h, const Inputs& in) {
       return baton_batch_update_account(h.updates, &in.account);
     },
     BATON_OK, BatchesResult, NoOutput},
    {"baton_batch_update_contact",
     [](Handles& h, const Inputs& in) {
       return baton_batch_update_contact(h.updates, &in.contact);
     },
     BATON_OK, BatchesResult, NoOutput},
    {"baton_batch_update_deal",
     [](Handles& h, const Inputs& in) {
       return baton_batch_update_deal(h.updates, &in.deal);
     },
     BATON_OK, BatchesResult, NoOutput},
    {"baton_batch_change_owner",
     [](Handles& h, const Inputs&) {
       return baton_batch_change_owner(h.updates, "a0007", "r004");
     },
     BATON_OK, BatchesResult, NoOutput},
    {"baton_batch_add_contact",
     [](Handles& h, const Inputs& in) {
       return baton_batch_add_contact(h.updates, &in.new_contact);
     },
     BATON_OK, BatchesResult, NoOutput},
    {"baton_org_apply (updates)",
     [](Handles& h, const Inputs&) { return baton_org_apply(h.org, h.updates); },
     BATON_OK, OrgResult, NoOutput, kChangesOrg},
    // ---- fitting risk models, and scoring with the fitted one ----
    {"baton_risk_fit_csv",
     [](Handles& h, const Inputs& in) {
       return baton_risk_fit_csv(&h.table_fit, in.training_table.c_str(), kNumeric,
                                 std::size(kNumeric), kCategorical,
                                 std::size(kCategorical), "churned", "Yes",
                                 /*skip_incomplete=*/1, &in.fit);
     },
     BATON_OK, [](Digest& d, const Handles& h) { FitDigest(d, h.table_fit); },
     [](const Handles& h) -> const void* { return h.table_fit; }},
    {"baton_risk_fit_org",
     [](Handles& h, const Inputs& in) {
       return baton_risk_fit_org(&h.org_fit, h.org, &in.risk, kFeatures,
                                 std::size(kFeatures), kHistoryAccounts, kLapsed,
                                 std::size(kLapsed), &in.fit);
     },
     BATON_OK, [](Digest& d, const Handles& h) { FitDigest(d, h.org_fit); },
     [](const Handles& h) -> const void* { return h.org_fit; }},
    {"baton_risk_fit_model",
     [](Handles& h, const Inputs&) { return baton_risk_fit_model(&h.fitted, h.org_fit); },
     BATON_OK, [](Digest& d, const Handles& h) { ModelDigest(d, h.fitted); },
     [](const Handles& h) -> const void* { return h.fitted; }},
    {"baton_risk_score (fitted model)",
     [](Handles& h, const Inputs& in) {
       return baton_risk_score(&h.fitted_scores, h.org, h.fitted, &in.risk);
     },
     BATON_OK, [](Digest& d, const Handles& h) { ScoresDigest(d, h.fitted_scores); },
     [](const Handles& h) -> const void* { return h.fitted_scores; }},
    // ---- an assignment problem on its own ----
    {"baton_assignment_problem_read_csv",
     [](Handles& h, const Inputs& in) {
       return baton_assignment_problem_read_csv(&h.problem, in.problem_directory.c_str());
     },
     BATON_OK, [](Digest& d, const Handles& h) { ProblemDigest(d, h.problem); },
     [](const Handles& h) -> const void* { return h.problem; }},
    {"baton_assignment_solve",
     [](Handles& h, const Inputs&) {
       return baton_assignment_solve(&h.solution, h.problem, nullptr, nullptr);
     },
     BATON_OK, [](Digest& d, const Handles& h) { SolutionDigest(d, h.solution); },
     [](const Handles& h) -> const void* { return h.solution; }},
    {"baton_assignment_evaluate",
     [](Handles& h, const Inputs&) {
       // The solver's plan, costed again (reading it allocates nothing).
       std::size_t n = 0;
       const int rc = baton_assignment_solution_rep_of(h.rep_of, std::size(h.rep_of), &n,
                                                       h.solution);
       if (rc != BATON_OK) return rc;
       return baton_assignment_evaluate(&h.evaluated, h.problem, h.rep_of, n);
     },
     BATON_OK, [](Digest& d, const Handles& h) { SolutionDigest(d, h.evaluated); },
     [](const Handles& h) -> const void* { return h.evaluated; }},
};
const std::size_t kStepCount = std::size(kSteps);
static_assert(std::size(kSteps) <= kMaxSteps);

}  // namespace steps
