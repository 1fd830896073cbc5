/* A Baton user that knows nothing of the fault shim, for running under
 * LD_PRELOAD=libbaton_io_fault_shim.so (tests/faults/CMakeLists.txt):
 *
 *   baton_preload_probe save CSV_DIR PATH   imports CSV_DIR, saves to PATH
 *   baton_preload_probe save-empty PATH     saves an empty organisation
 *   baton_preload_probe load PATH           loads PATH, counts its accounts
 *   baton_preload_probe export CSV_DIR DIR  imports CSV_DIR, exports to DIR
 *
 * Prints "save: CODE: message", "load: CODE: N accounts" or "export: CODE:
 * message" and exits 0 whatever the outcome (the caller judges it); 2 for
 * bad usage. */
#include <stdio.h>
#include <string.h>

#include "baton.h"

int main(int argc, char** argv) {
  baton_org* org = NULL;
  int rc;
  if (argc == 4 && strcmp(argv[1], "save") == 0) {
    rc = baton_org_create(&org);
    if (rc == BATON_OK) rc = baton_org_import_csv(org, argv[2]);
    if (rc == BATON_OK) rc = baton_org_save(org, argv[3]);
    printf("save: %s: %s\n", baton_status_name(rc),
           rc == BATON_OK ? "" : baton_last_error());
  } else if (argc == 3 && strcmp(argv[1], "save-empty") == 0) {
    rc = baton_org_create(&org);
    if (rc == BATON_OK) rc = baton_org_save(org, argv[2]);
    printf("save: %s: %s\n", baton_status_name(rc),
           rc == BATON_OK ? "" : baton_last_error());
  } else if (argc == 4 && strcmp(argv[1], "export") == 0) {
    rc = baton_org_create(&org);
    if (rc == BATON_OK) rc = baton_org_import_csv(org, argv[2]);
    if (rc == BATON_OK) rc = baton_org_export_csv(org, argv[3]);
    printf("export: %s: %s\n", baton_status_name(rc),
           rc == BATON_OK ? "" : baton_last_error());
  } else if (argc == 3 && strcmp(argv[1], "load") == 0) {
    size_t accounts = 0;
    rc = baton_org_load(&org, argv[2]);
    if (rc == BATON_OK) rc = baton_org_count(&accounts, org, BATON_KIND_ACCOUNT);
    if (rc == BATON_OK) {
      printf("load: %s: %zu accounts\n", baton_status_name(rc), accounts);
    } else {
      printf("load: %s: %s\n", baton_status_name(rc), baton_last_error());
    }
  } else {
    fprintf(stderr,
            "usage: %s save CSV_DIR PATH | save-empty PATH | load PATH | export CSV_DIR "
            "DIR\n",
            argv[0]);
    return 2;
  }
  baton_org_destroy(org);
  return 0;
}
