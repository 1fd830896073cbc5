/* Prints the number of accounts in a CSV directory, through the C API. */
#include <stdio.h>

#include <baton.h>

int main(int argc, char** argv) {
  baton_org* org = NULL;
  size_t accounts = 0;
  if (argc != 2 || baton_version() / 1000000 != BATON_VERSION_MAJOR) return 2;
  if (baton_org_create(&org) != BATON_OK ||
      baton_org_import_csv(org, argv[1]) != BATON_OK ||
      baton_org_count(&accounts, org, BATON_KIND_ACCOUNT) != BATON_OK) {
    fprintf(stderr, "%s\n", baton_last_error());
    baton_org_destroy(org);
    return 1;
  }
  printf("%zu\n", accounts);
  baton_org_destroy(org);
  return 0;
}
