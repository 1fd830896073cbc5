/* baton.h compiles as C99 under -Wall -Wextra -pedantic -Werror (and as
 * C++), and every _INIT macro initialises every field of its struct
 * (-Wmissing-field-initializers is part of -Wextra). Compiled, not run. */
#include "baton.h"

#include "baton.h" /* the include guard works */

int baton_header_check(void);

int baton_header_check(void) {
  baton_team_spec team = BATON_TEAM_SPEC_INIT;
  baton_rep_spec rep = BATON_REP_SPEC_INIT;
  baton_tier_spec tier = BATON_TIER_SPEC_INIT;
  baton_account_spec account = BATON_ACCOUNT_SPEC_INIT;
  baton_account_team_spec seat = BATON_ACCOUNT_TEAM_SPEC_INIT;
  baton_contact_spec contact = BATON_CONTACT_SPEC_INIT;
  baton_relationship_spec relationship = BATON_RELATIONSHIP_SPEC_INIT;
  baton_interaction_spec interaction = BATON_INTERACTION_SPEC_INIT;
  baton_deal_spec deal = BATON_DEAL_SPEC_INIT;
  baton_complaint_spec complaint = BATON_COMPLAINT_SPEC_INIT;
  baton_product_spec product = BATON_PRODUCT_SPEC_INIT;
  baton_rep_info rep_info = BATON_REP_INFO_INIT;
  baton_account_info account_info = BATON_ACCOUNT_INFO_INIT;
  baton_assignment_summary summary = BATON_ASSIGNMENT_SUMMARY_INIT;
  baton_reassign_options options = BATON_REASSIGN_OPTIONS_INIT;
  baton_reassign_summary reassign_summary = BATON_REASSIGN_SUMMARY_INIT;
  baton_account_reassignment account_reassignment = BATON_ACCOUNT_REASSIGNMENT_INIT;
  baton_progress_fn progress = 0;
  int (*apply)(baton_org*, const baton_batch*) = baton_org_apply;
  unsigned versions = team.version + rep.version + tier.version + account.version +
                      seat.version + contact.version + relationship.version +
                      interaction.version + deal.version + complaint.version +
                      product.version + rep_info.version + account_info.version +
                      summary.version + options.version + reassign_summary.version +
                      account_reassignment.version;
  return (int)versions + (apply != 0) + (progress != 0) + (BATON_NO_DAY < 0) +
         (BATON_VERSION_NUMBER > 0);
}
