/**
 * @file baton.h
 * @brief Baton's C API: a sales organisation (reps, teams, accounts,
 * contacts, relationships, ...), the assignment problem of reassigning
 * accounts, the Reassigner that plans who takes over when reps leave,
 * churn-risk scoring and fitting, and handover plans, behind opaque handles.
 *
 * Conventions (the same in every function):
 *  - Functions that can fail return an `int`: #BATON_OK (0) or a negative
 *    `BATON_E*` code. After a failure, baton_last_error() describes it.
 *  - Outputs come first, then the object, then inputs.
 *  - Every handle and pointer argument is checked: NULL, or a handle of the
 *    wrong type, gives #BATON_EINVALID. A destroyed handle is detected only
 *    while its memory has not been reused (a best effort, not a guarantee).
 *  - Bad arguments never crash: NULL for a pointer that is not optional, a
 *    handle of another type, a destroyed handle (within the limit above),
 *    a count, index or enumeration out of range, a string that is not
 *    UTF-8, NaN or an infinity give a negative code with a message, and a
 *    failed call changes nothing. tests/capi/bad_arguments tries them on
 *    every exported function. What no library can check is not covered: an
 *    array shorter than its count, a buffer smaller than its `cap`, a
 *    pointer that is neither NULL nor valid.
 *  - Strings are UTF-8 and NUL-terminated. Strings returned to the caller are
 *    written into caller-owned buffers `(buf, cap, needed)`: `*needed`
 *    receives the size in bytes including the terminating NUL; if `cap` is
 *    smaller, the call returns #BATON_EBUFS and leaves `buf` unchanged.
 *    `buf` may be NULL when `cap` is 0, to ask for the size.
 *  - Arrays work the same way with element counts instead of bytes.
 *  - The library never hands out memory for the caller to free().
 *  - Dates are `int32_t` days since 1970-01-01 (proleptic Gregorian);
 *    #BATON_NO_DAY means "no date". Valid dates lie in 1900-01-01 ..
 *    2199-12-31.
 *  - Records are addressed by external string ids or by dense indices
 *    `0 .. count - 1`; indices stay valid until the next successful change
 *    (baton_org_apply, baton_org_import_csv).
 *
 * Thread safety: functions taking a `const` handle may run concurrently on
 * the same handle; functions taking a non-const handle need exclusive access
 * to it. Different handles are independent.
 */
#ifndef BATON_H_
#define BATON_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define BATON_API __attribute__((visibility("default")))
#else
#define BATON_API
#endif

/* ---- Version ------------------------------------------------------------ */

/** Major version; also the shared library's SOVERSION. */
#define BATON_VERSION_MAJOR 0
/** Minor version. */
#define BATON_VERSION_MINOR 1
/** Patch version. */
#define BATON_VERSION_PATCH 0
/** The version this header belongs to: MAJOR * 1000000 + MINOR * 1000 + PATCH. */
#define BATON_VERSION_NUMBER \
  (BATON_VERSION_MAJOR * 1000000 + BATON_VERSION_MINOR * 1000 + BATON_VERSION_PATCH)

/**
 * @brief The version of the library loaded at run time.
 * @return MAJOR * 1000000 + MINOR * 1000 + PATCH; compare with
 *         #BATON_VERSION_NUMBER. A different major version is incompatible.
 * Thread safety: any thread, any time.
 */
BATON_API unsigned baton_version(void);

/* ---- Status codes and errors -------------------------------------------- */

/** Success. */
#define BATON_OK 0
/** A bad argument or value: a NULL pointer, a dangling id, a departed owner, NaN. */
#define BATON_EINVALID (-1)
/** No record, file or directory of that name. */
#define BATON_ENOTFOUND (-2)
/** A record with that id (or pair of ids) already exists. */
#define BATON_EEXISTS (-3)
/** A malformed input file; the message starts with file:line:column. */
#define BATON_EPARSE (-4)
/** A snapshot is truncated or corrupted. */
#define BATON_ECORRUPT (-5)
/** Reading or writing a file failed. */
#define BATON_EIO (-6)
/** A caller buffer is too small; `*needed` says how big it must be. */
#define BATON_EBUFS (-7)
/** Out of memory. */
#define BATON_ENOMEM (-8)
/** The operation was cancelled. */
#define BATON_ECANCELLED (-9)
/** A bug in Baton; please report the message. */
#define BATON_EINTERNAL (-10)
/** A precondition failed, e.g. removing a rep who still owns accounts. */
#define BATON_ESTATE (-11)

/**
 * @brief The message of the calling thread's last failure.
 *
 * Read it after a call returned a negative code; never use it to detect a
 * failure (a successful call leaves it unchanged).
 * @return A NUL-terminated UTF-8 string owned by the library, never NULL,
 *         valid until the calling thread's next call into Baton.
 * Thread safety: per thread.
 */
BATON_API const char* baton_last_error(void);

/**
 * @brief The name of a status code, e.g. "BATON_ENOTFOUND".
 * @param[in] code A status code.
 * @return A static string, never NULL; "BATON_E?" for an unknown code.
 * Thread safety: any thread.
 */
BATON_API const char* baton_status_name(int code);

/* ---- Enumerations (values match Baton's C++ records.hpp) ---------------- */

/** Kinds of record; also the order of the CSV files. */
#define BATON_KIND_TEAM 0
#define BATON_KIND_REP 1
#define BATON_KIND_TIER 2
#define BATON_KIND_ACCOUNT 3
#define BATON_KIND_ACCOUNT_TEAM 4
#define BATON_KIND_CONTACT 5
#define BATON_KIND_RELATIONSHIP 6
#define BATON_KIND_INTERACTION 7
#define BATON_KIND_DEAL 8
#define BATON_KIND_COMPLAINT 9
#define BATON_KIND_PRODUCT 10
#define BATON_KIND_COUNT 11

/** Relationship depth, shallow to deep. */
#define BATON_DEPTH_SOCIAL 1
#define BATON_DEPTH_SHARED_INTERESTS 2
#define BATON_DEPTH_EMOTIONAL_TRUST 3
#define BATON_DEPTH_MUTUAL_BENEFIT 4
#define BATON_DEPTH_SHARED_VALUES 5

/** A contact's role at their account. */
#define BATON_CONTACT_DECISION_MAKER 0
#define BATON_CONTACT_CHAMPION 1
#define BATON_CONTACT_INFLUENCER 2
#define BATON_CONTACT_USER 3
#define BATON_CONTACT_PROCUREMENT 4
#define BATON_CONTACT_TECHNICAL 5
#define BATON_CONTACT_FINANCE 6
#define BATON_CONTACT_OTHER 7

/** A contact's attitude towards the company. */
#define BATON_ATTITUDE_UNKNOWN 0
#define BATON_ATTITUDE_SUPPORTER 1
#define BATON_ATTITUDE_NEUTRAL 2
#define BATON_ATTITUDE_SKEPTIC 3
#define BATON_ATTITUDE_OPPONENT 4

/** The channel of an interaction. */
#define BATON_CHANNEL_CALL 0
#define BATON_CHANNEL_EMAIL 1
#define BATON_CHANNEL_MEETING 2
#define BATON_CHANNEL_VISIT 3
#define BATON_CHANNEL_MESSAGE 4
#define BATON_CHANNEL_EVENT 5
#define BATON_CHANNEL_OTHER 6

/** A rep's role on an account's team (besides the owner). */
#define BATON_ACCOUNT_ROLE_BACKUP 0
#define BATON_ACCOUNT_ROLE_CUSTOMER_SUCCESS 1
#define BATON_ACCOUNT_ROLE_MANAGER 2
#define BATON_ACCOUNT_ROLE_SPECIALIST 3
#define BATON_ACCOUNT_ROLE_EXECUTIVE_SPONSOR 4

/** The stage of a deal. */
#define BATON_STAGE_PROSPECTING 0
#define BATON_STAGE_QUALIFICATION 1
#define BATON_STAGE_PROPOSAL 2
#define BATON_STAGE_NEGOTIATION 3
#define BATON_STAGE_WON 4
#define BATON_STAGE_LOST 5

/** The severity of a complaint. */
#define BATON_SEVERITY_LOW 1
#define BATON_SEVERITY_MEDIUM 2
#define BATON_SEVERITY_HIGH 3
#define BATON_SEVERITY_CRITICAL 4

/** Enumeration types, for baton_enum_name() and baton_enum_parse(). */
#define BATON_ENUM_KIND 0
#define BATON_ENUM_DEPTH 1
#define BATON_ENUM_CONTACT_ROLE 2
#define BATON_ENUM_ATTITUDE 3
#define BATON_ENUM_CHANNEL 4
#define BATON_ENUM_ACCOUNT_ROLE 5
#define BATON_ENUM_STAGE 6
#define BATON_ENUM_SEVERITY 7

/**
 * @brief The name of an enumeration value as written in CSV files
 * ("decision_maker", "shared_values", "account").
 * @param[in] type  One of the BATON_ENUM_* constants.
 * @param[in] value A value of that enumeration.
 * @return A static string, or NULL if `type` or `value` is out of range.
 * Thread safety: any thread.
 */
BATON_API const char* baton_enum_name(int type, int value);

/**
 * @brief The value of an enumeration name; the inverse of baton_enum_name().
 * @param[out] out  Receives the value.
 * @param[in]  type One of the BATON_ENUM_* constants.
 * @param[in]  name A name as baton_enum_name() gives it.
 * @return #BATON_OK; #BATON_EINVALID for an unknown type or name or a NULL
 *         pointer (`*out` is then unchanged).
 * Thread safety: any thread.
 */
BATON_API int baton_enum_parse(int* out, int type, const char* name);

/* ---- Dates --------------------------------------------------------------- */

/** "No date": an active rep's departure, an open complaint's close, ... */
#define BATON_NO_DAY INT32_MIN
/** "No record": a rep without a team, an account without an owner, ... */
#define BATON_NO_INDEX UINT32_MAX

/**
 * @brief Parses a date written "YYYY-MM-DD".
 * @param[out] out  Receives days since 1970-01-01; #BATON_NO_DAY for "".
 * @param[in]  text The date; it must lie in 1900-01-01 .. 2199-12-31.
 * @return #BATON_OK or #BATON_EINVALID (the message says what was expected).
 * Thread safety: any thread.
 */
BATON_API int baton_day_parse(int32_t* out, const char* text);

/**
 * @brief Writes a date as "YYYY-MM-DD" ("" for #BATON_NO_DAY).
 * @param[out] buf    Receives the text, NUL-terminated (11 bytes suffice).
 * @param[in]  cap    Size of `buf` in bytes.
 * @param[out] needed Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  day    Days since 1970-01-01, or #BATON_NO_DAY.
 * @return #BATON_OK, #BATON_EBUFS, or #BATON_EINVALID for a day out of range.
 * Thread safety: any thread.
 */
BATON_API int baton_day_format(char* buf, size_t cap, size_t* needed, int32_t day);

/* ---- Organisations ------------------------------------------------------- */

/** An organisation: every record and the indexes over them. */
typedef struct baton_org baton_org;
/** Changes to an organisation, applied all or nothing by baton_org_apply(). */
typedef struct baton_batch baton_batch;

/**
 * @brief Creates an empty organisation.
 * @param[out] out Receives the new handle (only on success).
 * @return #BATON_OK, #BATON_EINVALID (`out` is NULL) or #BATON_ENOMEM.
 * Ownership: the caller owns the handle and frees it with baton_org_destroy().
 * Thread safety: any thread.
 */
BATON_API int baton_org_create(baton_org** out);

/**
 * @brief Creates an independent copy of an organisation.
 * @param[out] out Receives the new handle (only on success).
 * @param[in]  org The organisation to copy.
 * @return #BATON_OK, #BATON_EINVALID or #BATON_ENOMEM.
 * Ownership: the caller owns the copy and frees it with baton_org_destroy().
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_copy(baton_org** out, const baton_org* org);

/**
 * @brief Frees an organisation.
 * @param[in] org The handle, or NULL (nothing happens). A handle that is not
 *                a live organisation is left alone.
 * Thread safety: needs exclusive access to `org`; the handle is invalid after.
 */
BATON_API void baton_org_destroy(baton_org* org);

/**
 * @brief Imports a directory of CSV files (teams.csv, reps.csv, ...; the
 * format is in docs/csv.md) into an organisation, all or nothing.
 * @param[in,out] org       The organisation; unchanged on any error.
 * @param[in]     directory The directory; a missing file means no records of
 *                          that kind.
 * @return #BATON_OK; #BATON_EPARSE (a malformed or invalid row, or a
 *         reference to a record that is not there: the message names
 *         file:line:column and what was expected), #BATON_EEXISTS (an id
 *         already taken, also named by file:line:column), #BATON_ENOTFOUND
 *         (no such directory), #BATON_EIO or #BATON_ENOMEM.
 * Thread safety: needs exclusive access to `org`.
 */
BATON_API int baton_org_import_csv(baton_org* org, const char* directory);

/**
 * @brief Writes every record as CSV files into a directory (created if
 * missing), in the format baton_org_import_csv() reads.
 * @param[in] org       The organisation.
 * @param[in] directory The target directory.
 * @return #BATON_OK, #BATON_EINVALID, #BATON_EIO or #BATON_ENOMEM.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_export_csv(const baton_org* org, const char* directory);

/**
 * @brief Saves a snapshot file atomically: a failed save leaves an existing
 * file at `path` intact.
 * @param[in] org  The organisation.
 * @param[in] path The file to write.
 * @return #BATON_OK, #BATON_EINVALID, #BATON_EIO or #BATON_ENOMEM.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_save(const baton_org* org, const char* path);

/**
 * @brief Loads a snapshot file written by baton_org_save(), checking every
 * invariant.
 * @param[out] out  Receives the new handle (only on success).
 * @param[in]  path The file to read.
 * @return #BATON_OK; #BATON_ECORRUPT (truncated or corrupted file),
 *         #BATON_EINVALID (not a Baton snapshot, or of a newer format),
 *         #BATON_ENOTFOUND, #BATON_EIO or #BATON_ENOMEM.
 * Ownership: the caller frees the handle with baton_org_destroy().
 * Thread safety: any thread.
 */
BATON_API int baton_org_load(baton_org** out, const char* path);

/**
 * @brief Serializes an organisation into a snapshot in memory (the bytes of
 * the file baton_org_save() writes).
 *
 * To size the buffer, call with `cap` 0; the snapshot made for that call is
 * kept in the handle until the next call (or change), so the second call
 * does not serialize again.
 * @param[out] buf    Receives the bytes; may be NULL when `cap` is 0.
 * @param[in]  cap    Size of `buf` in bytes.
 * @param[out] needed Receives the snapshot's size in bytes; may be NULL.
 * @param[in]  org    The organisation.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_EINVALID or #BATON_ENOMEM.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_to_bytes(void* buf, size_t cap, size_t* needed,
                                 const baton_org* org);

/**
 * @brief Loads an organisation from snapshot bytes (baton_org_to_bytes()).
 * @param[out] out  Receives the new handle (only on success).
 * @param[in]  data The bytes; may be NULL when `size` is 0.
 * @param[in]  size Their number.
 * @return #BATON_OK, #BATON_ECORRUPT (truncated or corrupted),
 *         #BATON_EINVALID (not a snapshot, or NULL pointers) or #BATON_ENOMEM.
 * Ownership: the caller frees the handle with baton_org_destroy(); `data` is
 *            not kept.
 * Thread safety: any thread.
 */
BATON_API int baton_org_from_bytes(baton_org** out, const void* data, size_t size);

/**
 * @brief A 64-bit fingerprint of everything the organisation holds: equal
 * organisations have equal hashes, however they were built, on any machine.
 * @param[out] out Receives the hash.
 * @param[in]  org The organisation.
 * @return #BATON_OK or #BATON_EINVALID.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_state_hash(uint64_t* out, const baton_org* org);

/**
 * @brief The number of records of one kind.
 * @param[out] out  Receives the count.
 * @param[in]  org  The organisation.
 * @param[in]  kind A BATON_KIND_* constant.
 * @return #BATON_OK or #BATON_EINVALID.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_count(size_t* out, const baton_org* org, int kind);

/**
 * @brief Finds a record's index by its key, in O(1) expected for kinds with
 * ids and O(degree) for pairs.
 * @param[out] out    Receives the index.
 * @param[in]  org    The organisation.
 * @param[in]  kind   A BATON_KIND_* constant other than
 *                    #BATON_KIND_INTERACTION.
 * @param[in]  id     The record's id; for kinds keyed by a pair, the first
 *                    part: the account (account team, product) or the rep
 *                    (relationship).
 * @param[in]  second For pairs, the second part: the rep (account team), the
 *                    contact (relationship) or the product name; otherwise
 *                    ignored and may be NULL.
 * @return #BATON_OK, #BATON_ENOTFOUND (the message names the id) or
 *         #BATON_EINVALID.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_find(uint32_t* out, const baton_org* org, int kind,
                             const char* id, const char* second);

/** Text fields of records, for baton_org_text(). */
#define BATON_TEXT_ID 0        /**< team, rep, tier, account, contact, deal, complaint */
#define BATON_TEXT_NAME 1      /**< team, rep, account, contact */
#define BATON_TEXT_TERRITORY 2 /**< rep, account */
#define BATON_TEXT_SEGMENT 3   /**< rep, account */
#define BATON_TEXT_GROUP 4     /**< account (its parent group) */
#define BATON_TEXT_DESTINATION 5 /**< rep (where a departed rep went) */
#define BATON_TEXT_NOTE 6        /**< interaction */
#define BATON_TEXT_NEXT_STEP 7   /**< deal */
#define BATON_TEXT_SUMMARY 8     /**< complaint */
#define BATON_TEXT_PRODUCT 9     /**< product */

/**
 * @brief A text field of a record.
 * @param[out] buf    Receives the text, NUL-terminated.
 * @param[in]  cap    Size of `buf` in bytes.
 * @param[out] needed Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  org    The organisation.
 * @param[in]  kind   A BATON_KIND_* constant.
 * @param[in]  index  The record's index.
 * @param[in]  field  A BATON_TEXT_* constant that the kind has.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND (index out of range) or
 *         #BATON_EINVALID (a field the kind does not have).
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_text(char* buf, size_t cap, size_t* needed, const baton_org* org,
                             int kind, uint32_t index, int field);

/**
 * @brief The id of a record: baton_org_text() with #BATON_TEXT_ID.
 * @param[out] buf    Receives the id, NUL-terminated.
 * @param[in]  cap    Size of `buf` in bytes.
 * @param[out] needed Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  org    The organisation.
 * @param[in]  kind   A BATON_KIND_* constant of a kind with ids.
 * @param[in]  index  The record's index.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND or #BATON_EINVALID.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_id(char* buf, size_t cap, size_t* needed, const baton_org* org,
                           int kind, uint32_t index);

/** The current version of baton_rep_info. */
#define BATON_REP_INFO_VERSION 1
/** Initialises a baton_rep_info before baton_org_rep_info(). */
#define BATON_REP_INFO_INIT \
  { BATON_REP_INFO_VERSION, 0, 0, 0, 0, 0, 0, 0 }

/**
 * A rep's fixed-width fields (text fields through baton_org_text()). The
 * struct only grows at the end; set `version` with #BATON_REP_INFO_INIT so
 * the library fills only what the caller knows of.
 */
typedef struct baton_rep_info {
  unsigned version;        /**< [in] #BATON_REP_INFO_VERSION */
  uint32_t team;           /**< Team index, or #BATON_NO_INDEX. */
  uint32_t manager;        /**< Rep index, or #BATON_NO_INDEX. */
  int32_t seniority;       /**< 1 = junior and up. */
  int64_t capacity;        /**< Total load the rep may carry. */
  int32_t departed_on;     /**< #BATON_NO_DAY while active. */
  int to_competitor;       /**< Non-zero if the rep left for a competitor. */
  uint32_t accounts_owned; /**< Number of accounts the rep owns. */
} baton_rep_info;

/**
 * @brief A rep's fixed-width fields.
 * @param[in,out] out   A struct with `version` set (#BATON_REP_INFO_INIT).
 * @param[in]     org   The organisation.
 * @param[in]     index The rep's index.
 * @return #BATON_OK, #BATON_ENOTFOUND (index out of range) or
 *         #BATON_EINVALID (NULL pointer or unknown `version`).
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_rep_info(baton_rep_info* out, const baton_org* org,
                                 uint32_t index);

/** The current version of baton_account_info. */
#define BATON_ACCOUNT_INFO_VERSION 1
/** Initialises a baton_account_info before baton_org_account_info(). */
#define BATON_ACCOUNT_INFO_INIT \
  { BATON_ACCOUNT_INFO_VERSION, 0, 0, 0, 0, 0, 0 }

/** An account's fixed-width fields; see baton_rep_info for `version`. */
typedef struct baton_account_info {
  unsigned version;       /**< [in] #BATON_ACCOUNT_INFO_VERSION */
  uint32_t tier;          /**< Tier index. */
  uint32_t owner;         /**< Rep index, or #BATON_NO_INDEX if unowned. */
  double annual_value;    /**< In the company's currency. */
  int32_t customer_since; /**< Or #BATON_NO_DAY. */
  int32_t renewal_on;     /**< Or #BATON_NO_DAY. */
  uint32_t contacts;      /**< Number of contacts at the account. */
} baton_account_info;

/**
 * @brief An account's fixed-width fields.
 * @param[in,out] out   A struct with `version` set (#BATON_ACCOUNT_INFO_INIT).
 * @param[in]     org   The organisation.
 * @param[in]     index The account's index.
 * @return #BATON_OK, #BATON_ENOTFOUND or #BATON_EINVALID.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_account_info(baton_account_info* out, const baton_org* org,
                                     uint32_t index);

/**
 * @brief The accounts a rep owns, as account indices in ascending order.
 * @param[out] out    Receives the indices; may be NULL when `cap` is 0.
 * @param[in]  cap    Capacity of `out` in elements.
 * @param[out] needed Receives the number of accounts; may be NULL.
 * @param[in]  org    The organisation.
 * @param[in]  rep_id The rep's id.
 * @return #BATON_OK, #BATON_EBUFS (`out` unchanged), #BATON_ENOTFOUND (no
 *         such rep) or #BATON_EINVALID.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_rep_accounts(uint32_t* out, size_t cap, size_t* needed,
                                     const baton_org* org, const char* rep_id);

/**
 * @brief The id of an account's owner; "" if nobody owns it.
 * @param[out] buf        Receives the rep id, NUL-terminated.
 * @param[in]  cap        Size of `buf` in bytes.
 * @param[out] needed     Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  org        The organisation.
 * @param[in]  account_id The account's id.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND (no such account) or
 *         #BATON_EINVALID.
 * Thread safety: `org` is only read.
 */
BATON_API int baton_org_account_owner(char* buf, size_t cap, size_t* needed,
                                      const baton_org* org, const char* account_id);

/**
 * @brief Applies every change of a batch in order, or none of them.
 * @param[in,out] org   The organisation; exactly as it was on any error.
 * @param[in]     batch The changes; not modified.
 * @return #BATON_OK; on a rejected change (the message names the change, the
 *         record id and the field) #BATON_EINVALID (bad value, unknown or
 *         departed reference), #BATON_EEXISTS (duplicate id or pair),
 *         #BATON_ENOTFOUND (update or removal of a missing record) or
 *         #BATON_ESTATE (removing a rep still in use); #BATON_ENOMEM.
 * Thread safety: needs exclusive access to `org`; `batch` is only read.
 */
BATON_API int baton_org_apply(baton_org* org, const baton_batch* batch);

/* ---- Batches ------------------------------------------------------------- */

/*
 * Specs describe one record each, with every reference written as an id;
 * NULL or "" means "none". Each spec struct starts with `unsigned version`,
 * has a BATON_*_SPEC_INIT macro and a baton_*_spec_init() function that set
 * the defaults shown, and only ever grows at the end.
 */

#define BATON_TEAM_SPEC_VERSION 1
#define BATON_TEAM_SPEC_INIT \
  { BATON_TEAM_SPEC_VERSION, NULL, NULL, NULL }
/** A team. */
typedef struct baton_team_spec {
  unsigned version;    /**< #BATON_TEAM_SPEC_VERSION */
  const char* id;      /**< Required, unique among teams. */
  const char* name;    /**< Display name. */
  const char* manager; /**< Rep id, or NULL. */
} baton_team_spec;

#define BATON_REP_SPEC_VERSION 1
#define BATON_REP_SPEC_INIT                                                         \
  {                                                                                 \
    BATON_REP_SPEC_VERSION, NULL, NULL, NULL, NULL, 1, 0, NULL, NULL, BATON_NO_DAY, \
        NULL, 0                                                                     \
  }
/** A rep. */
typedef struct baton_rep_spec {
  unsigned version;        /**< #BATON_REP_SPEC_VERSION */
  const char* id;          /**< Required, unique among reps. */
  const char* name;        /**< Display name. */
  const char* team;        /**< Team id, or NULL. */
  const char* manager;     /**< Rep id, or NULL. */
  int seniority;           /**< 1 (default) = junior and up. */
  int64_t capacity;        /**< Total load (tier load weights) the rep may carry. */
  const char* territory;   /**< Free text, or NULL. */
  const char* segment;     /**< Free text, or NULL. */
  int32_t departed_on;     /**< #BATON_NO_DAY (default) while active. */
  const char* destination; /**< Where a departed rep went, or NULL. */
  int to_competitor;       /**< Non-zero if they went to a competitor. */
} baton_rep_spec;

#define BATON_TIER_SPEC_VERSION 1
#define BATON_TIER_SPEC_INIT \
  { BATON_TIER_SPEC_VERSION, NULL, 1, 0, 0 }
/** A tier and its service policy. */
typedef struct baton_tier_spec {
  unsigned version;  /**< #BATON_TIER_SPEC_VERSION */
  const char* id;    /**< Required: "A", "B", ... */
  int load_weight;   /**< Load an account of this tier puts on its owner (default 1). */
  int min_seniority; /**< Minimum seniority of its owner (default 0). */
  int max_per_rep;   /**< Most accounts of this tier per rep; 0 (default): no limit. */
} baton_tier_spec;

#define BATON_ACCOUNT_SPEC_VERSION 1
#define BATON_ACCOUNT_SPEC_INIT                                                          \
  {                                                                                      \
    BATON_ACCOUNT_SPEC_VERSION, NULL, NULL, NULL, 0.0, BATON_NO_DAY, BATON_NO_DAY, NULL, \
        NULL, NULL, NULL                                                                 \
  }
/** An account. */
typedef struct baton_account_spec {
  unsigned version;       /**< #BATON_ACCOUNT_SPEC_VERSION */
  const char* id;         /**< Required, unique among accounts. */
  const char* name;       /**< Display name. */
  const char* tier;       /**< Tier id; required. */
  double annual_value;    /**< Non-negative and finite. */
  int32_t customer_since; /**< Or #BATON_NO_DAY (default). */
  int32_t renewal_on;     /**< Or #BATON_NO_DAY (default). */
  const char* territory;  /**< Free text, or NULL. */
  const char* segment;    /**< Free text, or NULL. */
  const char* group;      /**< Parent group, or NULL. */
  const char* owner;      /**< Rep id of an active rep, or NULL for none. */
} baton_account_spec;

#define BATON_ACCOUNT_TEAM_SPEC_VERSION 1
#define BATON_ACCOUNT_TEAM_SPEC_INIT \
  { BATON_ACCOUNT_TEAM_SPEC_VERSION, NULL, NULL, BATON_ACCOUNT_ROLE_BACKUP }
/** A rep on an account's team; one per (account, rep). */
typedef struct baton_account_team_spec {
  unsigned version;    /**< #BATON_ACCOUNT_TEAM_SPEC_VERSION */
  const char* account; /**< Account id. */
  const char* rep;     /**< Rep id. */
  int role;            /**< BATON_ACCOUNT_ROLE_*; default backup. */
} baton_account_team_spec;

#define BATON_CONTACT_SPEC_VERSION 1
#define BATON_CONTACT_SPEC_INIT                                          \
  {                                                                      \
    BATON_CONTACT_SPEC_VERSION, NULL, NULL, NULL, BATON_CONTACT_USER, 0, \
        BATON_ATTITUDE_UNKNOWN                                           \
  }
/** A person at an account. */
typedef struct baton_contact_spec {
  unsigned version;    /**< #BATON_CONTACT_SPEC_VERSION */
  const char* id;      /**< Required, unique among contacts. */
  const char* account; /**< Account id; required. */
  const char* name;    /**< Display name. */
  int role;            /**< BATON_CONTACT_*; default user. */
  int key_player;      /**< Non-zero for a key player. */
  int attitude;        /**< BATON_ATTITUDE_*; default unknown. */
} baton_contact_spec;

#define BATON_RELATIONSHIP_SPEC_VERSION 1
#define BATON_RELATIONSHIP_SPEC_INIT                                                    \
  {                                                                                     \
    BATON_RELATIONSHIP_SPEC_VERSION, NULL, NULL, 0.0, BATON_DEPTH_SOCIAL, BATON_NO_DAY, \
        BATON_NO_DAY                                                                    \
  }
/** A rep's tie to a contact; one per (rep, contact). */
typedef struct baton_relationship_spec {
  unsigned version;    /**< #BATON_RELATIONSHIP_SPEC_VERSION */
  const char* rep;     /**< Rep id. */
  const char* contact; /**< Contact id. */
  double strength;     /**< In [0, 1]. */
  int depth;           /**< BATON_DEPTH_*; default social. */
  int32_t since;       /**< Or #BATON_NO_DAY. */
  int32_t last_touch;  /**< Or #BATON_NO_DAY. */
} baton_relationship_spec;

#define BATON_INTERACTION_SPEC_VERSION 1
#define BATON_INTERACTION_SPEC_INIT                                                     \
  {                                                                                     \
    BATON_INTERACTION_SPEC_VERSION, BATON_NO_DAY, BATON_CHANNEL_CALL, NULL, NULL, NULL, \
        NULL                                                                            \
  }
/** An interaction: a call, an email, a meeting, ... */
typedef struct baton_interaction_spec {
  unsigned version;    /**< #BATON_INTERACTION_SPEC_VERSION */
  int32_t on;          /**< The day; required. */
  int channel;         /**< BATON_CHANNEL_*; default call. */
  const char* rep;     /**< Rep id. */
  const char* account; /**< Account id. */
  const char*
      contact; /**< Contact id of that account, or NULL for the account as a whole. */
  const char* note; /**< Short note, or NULL. */
} baton_interaction_spec;

#define BATON_DEAL_SPEC_VERSION 1
#define BATON_DEAL_SPEC_INIT                                                 \
  {                                                                          \
    BATON_DEAL_SPEC_VERSION, NULL, NULL, NULL, BATON_STAGE_PROSPECTING, 0.0, \
        BATON_NO_DAY, NULL                                                   \
  }
/** A deal. */
typedef struct baton_deal_spec {
  unsigned version;      /**< #BATON_DEAL_SPEC_VERSION */
  const char* id;        /**< Required, unique among deals. */
  const char* account;   /**< Account id; required. */
  const char* owner;     /**< Rep id, or NULL for the account's owner. */
  int stage;             /**< BATON_STAGE_*; default prospecting. */
  double amount;         /**< Non-negative and finite. */
  int32_t close_on;      /**< Or #BATON_NO_DAY. */
  const char* next_step; /**< Or NULL. */
} baton_deal_spec;

#define BATON_COMPLAINT_SPEC_VERSION 1
#define BATON_COMPLAINT_SPEC_INIT                                         \
  {                                                                       \
    BATON_COMPLAINT_SPEC_VERSION, NULL, NULL, BATON_NO_DAY, BATON_NO_DAY, \
        BATON_SEVERITY_MEDIUM, NULL                                       \
  }
/** A complaint. */
typedef struct baton_complaint_spec {
  unsigned version;    /**< #BATON_COMPLAINT_SPEC_VERSION */
  const char* id;      /**< Required, unique among complaints. */
  const char* account; /**< Account id; required. */
  int32_t opened_on;   /**< Required. */
  int32_t closed_on;   /**< #BATON_NO_DAY (default) while open. */
  int severity;        /**< BATON_SEVERITY_*; default medium. */
  const char* summary; /**< Or NULL. */
} baton_complaint_spec;

#define BATON_PRODUCT_SPEC_VERSION 1
#define BATON_PRODUCT_SPEC_INIT \
  { BATON_PRODUCT_SPEC_VERSION, NULL, NULL, 0 }
/** A product an account holds; one per (account, product). */
typedef struct baton_product_spec {
  unsigned version;    /**< #BATON_PRODUCT_SPEC_VERSION */
  const char* account; /**< Account id. */
  const char* product; /**< Product name; required. */
  int64_t quantity;    /**< Non-negative. */
} baton_product_spec;

/**
 * @brief Sets a baton_team_spec to its defaults, as BATON_TEAM_SPEC_INIT does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_team_spec_init(baton_team_spec* spec);

/**
 * @brief Sets a baton_rep_spec to its defaults, as BATON_REP_SPEC_INIT does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_rep_spec_init(baton_rep_spec* spec);

/**
 * @brief Sets a baton_tier_spec to its defaults, as BATON_TIER_SPEC_INIT does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_tier_spec_init(baton_tier_spec* spec);

/**
 * @brief Sets a baton_account_spec to its defaults, as BATON_ACCOUNT_SPEC_INIT does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_account_spec_init(baton_account_spec* spec);

/**
 * @brief Sets a baton_account_team_spec to its defaults, as BATON_ACCOUNT_TEAM_SPEC_INIT
 * does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_account_team_spec_init(baton_account_team_spec* spec);

/**
 * @brief Sets a baton_contact_spec to its defaults, as BATON_CONTACT_SPEC_INIT does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_contact_spec_init(baton_contact_spec* spec);

/**
 * @brief Sets a baton_relationship_spec to its defaults, as BATON_RELATIONSHIP_SPEC_INIT
 * does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_relationship_spec_init(baton_relationship_spec* spec);

/**
 * @brief Sets a baton_interaction_spec to its defaults, as BATON_INTERACTION_SPEC_INIT
 * does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_interaction_spec_init(baton_interaction_spec* spec);

/**
 * @brief Sets a baton_deal_spec to its defaults, as BATON_DEAL_SPEC_INIT does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_deal_spec_init(baton_deal_spec* spec);

/**
 * @brief Sets a baton_complaint_spec to its defaults, as BATON_COMPLAINT_SPEC_INIT does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_complaint_spec_init(baton_complaint_spec* spec);

/**
 * @brief Sets a baton_product_spec to its defaults, as BATON_PRODUCT_SPEC_INIT does.
 * @param[out] spec The spec; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_product_spec_init(baton_product_spec* spec);

/**
 * @brief Creates an empty batch.
 * @param[out] out Receives the new handle (only on success).
 * @return #BATON_OK, #BATON_EINVALID or #BATON_ENOMEM.
 * Ownership: the caller frees the batch with baton_batch_destroy().
 * Thread safety: any thread.
 */
BATON_API int baton_batch_create(baton_batch** out);

/**
 * @brief Frees a batch.
 * @param[in] batch The handle, or NULL (nothing happens). A handle that is
 *                  not a live batch is left alone.
 * Thread safety: needs exclusive access to `batch`.
 */
BATON_API void baton_batch_destroy(baton_batch* batch);

/**
 * @brief The number of changes in a batch.
 * @param[out] out   Receives the count.
 * @param[in]  batch The batch.
 * @return #BATON_OK or #BATON_EINVALID.
 * Thread safety: `batch` is only read.
 */
BATON_API int baton_batch_size(size_t* out, const baton_batch* batch);

/**
 * @brief Removes every change from a batch, so it can be reused.
 * @param[in,out] batch The batch.
 * @return #BATON_OK or #BATON_EINVALID.
 * Thread safety: needs exclusive access to `batch`.
 */
BATON_API int baton_batch_clear(baton_batch* batch);

/*
 * Adding and updating records. Each call copies its spec (the caller keeps
 * ownership of the strings) and appends one change; the batch is validated
 * as a whole by baton_org_apply(). These calls check only the spec's
 * version and enumeration values: they return #BATON_OK, #BATON_EINVALID
 * (NULL pointer, bad version or enumeration value, naming the field) or
 * #BATON_ENOMEM. "update" replaces the whole record with the same key.
 * Thread safety: each needs exclusive access to `batch`.
 */

/**
 * @brief Appends the addition of a team.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_team(baton_batch* batch, const baton_team_spec* spec);

/**
 * @brief Appends the replacement of a team (the whole record with the same key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_team(baton_batch* batch, const baton_team_spec* spec);

/**
 * @brief Appends the addition of a rep.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_rep(baton_batch* batch, const baton_rep_spec* spec);

/**
 * @brief Appends the replacement of a rep (the whole record with the same key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_rep(baton_batch* batch, const baton_rep_spec* spec);

/**
 * @brief Appends the addition of a tier.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_tier(baton_batch* batch, const baton_tier_spec* spec);

/**
 * @brief Appends the replacement of a tier (the whole record with the same key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_tier(baton_batch* batch, const baton_tier_spec* spec);

/**
 * @brief Appends the addition of an account.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_account(baton_batch* batch, const baton_account_spec* spec);

/**
 * @brief Appends the replacement of an account (the whole record with the same key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_account(baton_batch* batch,
                                         const baton_account_spec* spec);

/**
 * @brief Appends the addition of an account-team member.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_account_team(baton_batch* batch,
                                           const baton_account_team_spec* spec);

/**
 * @brief Appends the replacement of an account-team member (the whole record with the
 * same key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_account_team(baton_batch* batch,
                                              const baton_account_team_spec* spec);

/**
 * @brief Appends the addition of a contact.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_contact(baton_batch* batch, const baton_contact_spec* spec);

/**
 * @brief Appends the replacement of a contact (the whole record with the same key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_contact(baton_batch* batch,
                                         const baton_contact_spec* spec);

/**
 * @brief Appends the addition of a relationship.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_relationship(baton_batch* batch,
                                           const baton_relationship_spec* spec);

/**
 * @brief Appends the replacement of a relationship (the whole record with the same key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_relationship(baton_batch* batch,
                                              const baton_relationship_spec* spec);

/**
 * @brief Appends an interaction (interactions are a log: never updated or
 * removed one by one).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The interaction; copied.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_record_interaction(baton_batch* batch,
                                             const baton_interaction_spec* spec);

/**
 * @brief Appends the addition of a deal.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_deal(baton_batch* batch, const baton_deal_spec* spec);

/**
 * @brief Appends the replacement of a deal (the whole record with the same key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_deal(baton_batch* batch, const baton_deal_spec* spec);

/**
 * @brief Appends the addition of a complaint.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_complaint(baton_batch* batch,
                                        const baton_complaint_spec* spec);

/**
 * @brief Appends the replacement of a complaint (the whole record with the same key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_complaint(baton_batch* batch,
                                           const baton_complaint_spec* spec);

/**
 * @brief Appends the addition of a product holding.
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_add_product(baton_batch* batch, const baton_product_spec* spec);

/**
 * @brief Appends the replacement of a product holding (the whole record with the same
 * key).
 * @param[in,out] batch The batch.
 * @param[in]     spec  The record; copied, so the caller keeps its strings.
 * @return See "Adding and updating records" above.
 */
BATON_API int baton_batch_update_product(baton_batch* batch,
                                         const baton_product_spec* spec);

/**
 * @brief Appends the removal of a record. Removing a record removes what
 * belongs to it (an account its contacts, deals, ...); a rep who still owns
 * an account, manages someone or owns a deal cannot be removed
 * (baton_org_apply() then fails with #BATON_ESTATE; record a departure).
 * @param[in,out] batch  The batch.
 * @param[in]     kind   A BATON_KIND_* constant other than
 *                       #BATON_KIND_INTERACTION.
 * @param[in]     id     The record's id, or the first part of a pair key (as
 *                       in baton_org_find()).
 * @param[in]     second The second part of a pair key, else NULL.
 * @return #BATON_OK, #BATON_EINVALID or #BATON_ENOMEM.
 * Thread safety: needs exclusive access to `batch`.
 */
BATON_API int baton_batch_remove(baton_batch* batch, int kind, const char* id,
                                 const char* second);

/**
 * @brief Appends a change of an account's owner.
 * @param[in,out] batch   The batch.
 * @param[in]     account The account's id.
 * @param[in]     owner   The new owner's rep id, or NULL/"" for none.
 * @return #BATON_OK, #BATON_EINVALID or #BATON_ENOMEM.
 * Thread safety: needs exclusive access to `batch`.
 */
BATON_API int baton_batch_change_owner(baton_batch* batch, const char* account,
                                       const char* owner);

/**
 * @brief Appends a rep's departure.
 * @param[in,out] batch         The batch.
 * @param[in]     rep           The rep's id.
 * @param[in]     on            The day they leave.
 * @param[in]     destination   Where they go (free text), or NULL.
 * @param[in]     to_competitor Non-zero if they go to a competitor.
 * @return #BATON_OK, #BATON_EINVALID or #BATON_ENOMEM.
 * Thread safety: needs exclusive access to `batch`.
 */
BATON_API int baton_batch_depart(baton_batch* batch, const char* rep, int32_t on,
                                 const char* destination, int to_competitor);

/* ---- Assignment problems ------------------------------------------------ */

/*
 * The assignment problem behind every reassignment, usable on its own (the
 * C++ API is include/baton/assignment.hpp; the file format and the limits on
 * every value are in docs/assignment-format.md).
 *
 * Accounts i carry an integer load weight w_i and a penalty U_i for staying
 * unassigned. Reps j carry an existing load L0_j, a capacity C_j and a load
 * cost lambda_j * L^2. Arcs (i, j) with cost c_ij say which rep may take
 * which account. A plan gives each account at most one rep along one of its
 * arcs, keeps L0_j + added_j <= C_j, and costs
 *
 *   sum of c_ij over the chosen arcs
 *   + sum_j lambda_j * [(L0_j + added_j)^2 - L0_j^2]
 *   + sum of U_i over the accounts left unassigned.
 *
 * Reps, accounts and arcs are addressed by dense indices in the order they
 * were set (or read): rep k is row k of reps.csv, and so on.
 */

/** An assignment problem: reps, accounts and the arcs between them. */
typedef struct baton_assignment_problem baton_assignment_problem;
/** A plan for an assignment problem and what it costs. */
typedef struct baton_assignment_solution baton_assignment_solution;

/**
 * A progress callback: called now and then, on the calling thread, with the
 * share of the work done in [0, 1] and the caller's `payload`. Return
 * non-zero to go on, 0 to cancel the run.
 */
typedef int (*baton_progress_fn)(double done, void* payload);

/**
 * @brief Creates an empty assignment problem (no reps, accounts or arcs).
 * @param[out] out Receives the new handle (only on success).
 * @return #BATON_OK, #BATON_EINVALID (`out` is NULL) or #BATON_ENOMEM.
 * Ownership: the caller frees the handle with baton_assignment_problem_destroy().
 * Thread safety: any thread.
 */
BATON_API int baton_assignment_problem_create(baton_assignment_problem** out);

/**
 * @brief Frees an assignment problem.
 * @param[in] problem The handle, or NULL (nothing happens). A handle that is
 *                    not a live assignment problem is left alone.
 * Thread safety: needs exclusive access to `problem`; the handle is invalid
 * after.
 */
BATON_API void baton_assignment_problem_destroy(baton_assignment_problem* problem);

/**
 * @brief Reads a problem from a directory holding reps.csv, accounts.csv and
 * arcs.csv (the format is in docs/assignment-format.md), checking it whole.
 * @param[out] out       Receives the new handle (only on success).
 * @param[in]  directory The directory; all three files must exist.
 * @return #BATON_OK; #BATON_EPARSE (a malformed or invalid row, an unknown
 *         id or a repeated arc: the message names file:line:column and what
 *         was expected), #BATON_ENOTFOUND (no such directory or file),
 *         #BATON_EINVALID (NULL pointers, or a limit on the whole problem
 *         exceeded, named with the directory), #BATON_EIO or #BATON_ENOMEM.
 * Ownership: the caller frees the handle with baton_assignment_problem_destroy().
 * Thread safety: any thread.
 */
BATON_API int baton_assignment_problem_read_csv(baton_assignment_problem** out,
                                                const char* directory);

/**
 * @brief Writes a problem as reps.csv, accounts.csv and arcs.csv into a
 * directory (created if missing), in the format
 * baton_assignment_problem_read_csv() reads. A problem that would not read
 * back is not written.
 * @param[in] problem   The problem.
 * @param[in] directory The target directory.
 * @return #BATON_OK, #BATON_EINVALID (NULL pointers, or the problem is
 *         invalid: the message names the item, as
 *         baton_assignment_problem_validate() does), #BATON_EIO or
 *         #BATON_ENOMEM.
 * Thread safety: `problem` is only read.
 */
BATON_API int baton_assignment_problem_write_csv(const baton_assignment_problem* problem,
                                                 const char* directory);

/**
 * @brief Replaces every rep of a problem. Values are checked when the
 * problem is validated, solved or written, not here.
 * @param[in,out] problem  The problem; unchanged on any error.
 * @param[in]     ids      `count` NUL-terminated UTF-8 ids, unique and
 *                         non-empty; copied.
 * @param[in]     load     `count` loads L0 carried before the plan, or NULL
 *                         for all 0.
 * @param[in]     capacity `count` capacities C (the most load each rep may
 *                         carry).
 * @param[in]     lambda   `count` load-cost factors lambda, or NULL for all 0.
 * @param[in]     count    The number of reps; the arrays may be NULL when it
 *                         is 0.
 * @return #BATON_OK, #BATON_EINVALID (a NULL array or id, named) or
 *         #BATON_ENOMEM.
 * Thread safety: needs exclusive access to `problem`.
 */
BATON_API int baton_assignment_problem_set_reps(baton_assignment_problem* problem,
                                                const char* const* ids,
                                                const int64_t* load,
                                                const int64_t* capacity,
                                                const int64_t* lambda, size_t count);

/**
 * @brief Replaces every account of a problem. Values are checked when the
 * problem is validated, solved or written, not here.
 * @param[in,out] problem The problem; unchanged on any error.
 * @param[in]     ids     `count` NUL-terminated UTF-8 ids, unique and
 *                        non-empty; copied.
 * @param[in]     weight  `count` load weights w, or NULL for all 1.
 * @param[in]     penalty `count` penalties U for leaving each account
 *                        unassigned, or NULL for all 0.
 * @param[in]     count   The number of accounts; the arrays may be NULL when
 *                        it is 0.
 * @return #BATON_OK, #BATON_EINVALID (a NULL array or id, named) or
 *         #BATON_ENOMEM.
 * Thread safety: needs exclusive access to `problem`.
 */
BATON_API int baton_assignment_problem_set_accounts(baton_assignment_problem* problem,
                                                    const char* const* ids,
                                                    const int64_t* weight,
                                                    const int64_t* penalty, size_t count);

/**
 * @brief Replaces every arc of a problem: arc k lets rep `rep[k]` take
 * account `account[k]` at cost `cost[k]`. Indices are checked against the
 * reps and accounts when the problem is validated, solved or written.
 * @param[in,out] problem The problem; unchanged on any error.
 * @param[in]     account `count` account indices.
 * @param[in]     rep     `count` rep indices.
 * @param[in]     cost    `count` costs c.
 * @param[in]     count   The number of arcs; the arrays may be NULL when it
 *                        is 0.
 * @return #BATON_OK, #BATON_EINVALID (a NULL array, named) or #BATON_ENOMEM.
 * Thread safety: needs exclusive access to `problem`.
 */
BATON_API int baton_assignment_problem_set_arcs(baton_assignment_problem* problem,
                                                const uint32_t* account,
                                                const uint32_t* rep, const int64_t* cost,
                                                size_t count);

/**
 * @brief The numbers of reps, accounts and arcs of a problem.
 * @param[out] reps     Receives the number of reps.
 * @param[out] accounts Receives the number of accounts.
 * @param[out] arcs     Receives the number of arcs.
 * @param[in]  problem  The problem.
 * @return #BATON_OK or #BATON_EINVALID.
 * Thread safety: `problem` is only read.
 */
BATON_API int baton_assignment_problem_counts(size_t* reps, size_t* accounts,
                                              size_t* arcs,
                                              const baton_assignment_problem* problem);

/**
 * @brief The id of a rep of a problem.
 * @param[out] buf     Receives the id, NUL-terminated.
 * @param[in]  cap     Size of `buf` in bytes.
 * @param[out] needed  Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  problem The problem.
 * @param[in]  index   The rep's index.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND (index out of range) or
 *         #BATON_EINVALID.
 * Thread safety: `problem` is only read.
 */
BATON_API int baton_assignment_problem_rep_id(char* buf, size_t cap, size_t* needed,
                                              const baton_assignment_problem* problem,
                                              uint32_t index);

/**
 * @brief The id of an account of a problem.
 * @param[out] buf     Receives the id, NUL-terminated.
 * @param[in]  cap     Size of `buf` in bytes.
 * @param[out] needed  Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  problem The problem.
 * @param[in]  index   The account's index.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND (index out of range) or
 *         #BATON_EINVALID.
 * Thread safety: `problem` is only read.
 */
BATON_API int baton_assignment_problem_account_id(char* buf, size_t cap, size_t* needed,
                                                  const baton_assignment_problem* problem,
                                                  uint32_t index);

/**
 * @brief Checks every rule of docs/assignment-format.md (ranges, unique ids,
 * arcs to known reps and accounts, no repeated arc, the load-cost bound).
 * @param[in] problem The problem.
 * @return #BATON_OK, or #BATON_EINVALID naming the first bad item: "rep r2:
 *         capacity: -5 is negative", "arc 17 (account a3 -> rep index 9):
 *         rep: index 9 is out of range (4 reps)".
 * Thread safety: `problem` is only read.
 */
BATON_API int baton_assignment_problem_validate(const baton_assignment_problem* problem);

/* Outcomes of a solution (baton_assignment_summary.outcome). */
/** Proven optimal: the objective equals the lower bound. */
#define BATON_ASSIGNMENT_OPTIMAL 0
/** A valid plan; objective - lower_bound bounds how far from optimal it is. */
#define BATON_ASSIGNMENT_FEASIBLE 1
/** A plan the caller gave, costed by baton_assignment_evaluate(); no bound. */
#define BATON_ASSIGNMENT_EVALUATED 2

/** baton_assignment_solution_rep_of() for an account left unassigned. */
#define BATON_ASSIGNMENT_UNASSIGNED UINT32_MAX
/** baton_assignment_summary.lower_bound when there is none (an evaluated plan). */
#define BATON_ASSIGNMENT_NO_BOUND INT64_MIN

/** The current version of baton_assignment_summary. */
#define BATON_ASSIGNMENT_SUMMARY_VERSION 1
/** Initialises a baton_assignment_summary before baton_assignment_solution_summary(). */
#define BATON_ASSIGNMENT_SUMMARY_INIT \
  { BATON_ASSIGNMENT_SUMMARY_VERSION, 0, 0, 0, 0, 0, 0, 0.0 }

/**
 * What a solution costs and how good it is; see baton_rep_info for
 * `version`. objective = arc_cost + load_cost + penalty_cost.
 */
typedef struct baton_assignment_summary {
  unsigned version;     /**< [in] #BATON_ASSIGNMENT_SUMMARY_VERSION */
  int outcome;          /**< BATON_ASSIGNMENT_OPTIMAL, _FEASIBLE or _EVALUATED. */
  int64_t objective;    /**< The plan's total cost. */
  int64_t arc_cost;     /**< Sum of the costs of the chosen arcs. */
  int64_t load_cost;    /**< Sum over reps of the load cost added. */
  int64_t penalty_cost; /**< Sum of the penalties of unassigned accounts. */
  int64_t lower_bound;  /**< No plan costs less; #BATON_ASSIGNMENT_NO_BOUND if unknown. */
  double relative_gap;  /**< (objective - lower_bound) / max(1, |objective|); NaN
                             without a bound. */
} baton_assignment_summary;

/**
 * @brief Solves an assignment problem. Deterministic: the same problem gives
 * the same plan on any machine. With every weight 1 the plan is optimal
 * (#BATON_ASSIGNMENT_OPTIMAL); otherwise it is feasible, with a lower bound.
 * @param[out] out      Receives the solution (only on success).
 * @param[in]  problem  The problem; it must not be changed or destroyed
 *                      during the call (also not by `progress`).
 * @param[in]  progress Called now and then with the share of work done; its
 *                      returning 0 cancels the run. May be NULL.
 * @param[in]  payload  Passed to `progress` as is.
 * @return #BATON_OK; #BATON_EINVALID (NULL pointers, or an invalid problem:
 *         the message names the item, as baton_assignment_problem_validate()
 *         does), #BATON_ECANCELLED (`progress` returned 0; `*out` is
 *         unchanged) or #BATON_ENOMEM.
 * Ownership: the caller frees the solution with
 *            baton_assignment_solution_destroy().
 * Thread safety: `problem` is only read; `progress` runs on the calling
 * thread.
 */
BATON_API int baton_assignment_solve(baton_assignment_solution** out,
                                     const baton_assignment_problem* problem,
                                     baton_progress_fn progress, void* payload);

/**
 * @brief Costs a plan the caller made, as a solution with outcome
 * #BATON_ASSIGNMENT_EVALUATED (lower bound #BATON_ASSIGNMENT_NO_BOUND,
 * relative gap NaN).
 * @param[out] out     Receives the solution (only on success).
 * @param[in]  problem The problem.
 * @param[in]  rep_of  For each account, the index of its rep or
 *                     #BATON_ASSIGNMENT_UNASSIGNED.
 * @param[in]  count   The number of entries of `rep_of`: the number of
 *                     accounts.
 * @return #BATON_OK; #BATON_EINVALID (NULL pointers, `count` not the number
 *         of accounts, or an invalid problem), #BATON_ESTATE (the plan gives
 *         an account a rep it has no arc to, or loads a rep beyond its
 *         capacity: the message names the account or rep) or #BATON_ENOMEM.
 * Ownership: the caller frees the solution with
 *            baton_assignment_solution_destroy(); `rep_of` is not kept.
 * Thread safety: `problem` is only read.
 */
BATON_API int baton_assignment_evaluate(baton_assignment_solution** out,
                                        const baton_assignment_problem* problem,
                                        const uint32_t* rep_of, size_t count);

/**
 * @brief Frees a solution.
 * @param[in] solution The handle, or NULL (nothing happens). A handle that is
 *                     not a live solution is left alone.
 * Thread safety: needs exclusive access to `solution`.
 */
BATON_API void baton_assignment_solution_destroy(baton_assignment_solution* solution);

/**
 * @brief The outcome and costs of a solution.
 * @param[in,out] out      A struct with `version` set
 *                         (#BATON_ASSIGNMENT_SUMMARY_INIT).
 * @param[in]     solution The solution.
 * @return #BATON_OK or #BATON_EINVALID (NULL pointer or unknown `version`).
 * Thread safety: `solution` is only read.
 */
BATON_API int baton_assignment_solution_summary(
    baton_assignment_summary* out, const baton_assignment_solution* solution);

/**
 * @brief The plan: for each account, the index of its rep, or
 * #BATON_ASSIGNMENT_UNASSIGNED.
 * @param[out] out      Receives one entry per account; may be NULL when `cap`
 *                      is 0.
 * @param[in]  cap      Capacity of `out` in elements.
 * @param[out] needed   Receives the number of accounts; may be NULL.
 * @param[in]  solution The solution.
 * @return #BATON_OK, #BATON_EBUFS (`out` unchanged) or #BATON_EINVALID.
 * Thread safety: `solution` is only read.
 */
BATON_API int baton_assignment_solution_rep_of(uint32_t* out, size_t cap, size_t* needed,
                                               const baton_assignment_solution* solution);

/**
 * @brief The load the plan adds to each rep (the sum of the weights of the
 * accounts it gives them).
 * @param[out] out      Receives one entry per rep; may be NULL when `cap` is 0.
 * @param[in]  cap      Capacity of `out` in elements.
 * @param[out] needed   Receives the number of reps; may be NULL.
 * @param[in]  solution The solution.
 * @return #BATON_OK, #BATON_EBUFS (`out` unchanged) or #BATON_EINVALID.
 * Thread safety: `solution` is only read.
 */
BATON_API int baton_assignment_solution_added_load(
    int64_t* out, size_t cap, size_t* needed, const baton_assignment_solution* solution);

/* ---- Reassignment ------------------------------------------------------- */

/*
 * Who takes over the accounts of departing reps, the accounts nobody owns,
 * or a team's accounts when its book is rebalanced (the C++ API is
 * include/baton/reassign.hpp). baton_reassign() turns the organisation and
 * the options into an assignment problem, solves it and explains every
 * choice; the result is a plan, read through accessors, that
 * baton_org_apply_reassignment() applies as one all-or-nothing batch.
 *
 * Costs are in points: a successor's cost for an account is stranger_cost,
 * less discounts for relationships, the account team, the account's group,
 * territory, segment and team, plus surcharges for excess seniority and (when
 * rebalancing) for moving. The plan minimises the sum of these costs, each
 * rep's load cost lambda * L^2 and the penalties of the accounts it leaves
 * unassigned (unassigned_points + annual value / value_per_point).
 *
 * Hard rules, always: a successor is active, not leaving, not excluded, has
 * the tier's minimum seniority, stays within the tier's per-rep maximum and
 * their capacity; the eligibility flags add more.
 */

/** A reassignment plan and its explanations, made by baton_reassign(). */
typedef struct baton_reassignment baton_reassignment;

/* Modes (baton_reassign_options.mode). */
/** The accounts of the departing reps (none listed: of every departed rep
 *  who still owns accounts). Departing reps take none. */
#define BATON_REASSIGN_OFFBOARD 0
/** The accounts nobody owns. */
#define BATON_REASSIGN_ASSIGN_UNOWNED 1
/** The accounts of the active reps of `team` (NULL or "": of every active
 *  rep), each free to stay or to move at `move_cost` per move. */
#define BATON_REASSIGN_REBALANCE 2

/* Eligibility flags (baton_reassign_options.eligibility): each flag set must
 * hold. A flag about an attribute the account lacks (no previous owner, no
 * territory, no segment) does not restrict it. */
/** No rule beyond the ones always enforced. */
#define BATON_ELIGIBLE_ANY 0
/** The successor is on the previous owner's team. */
#define BATON_ELIGIBLE_SAME_TEAM 1
/** The successor works the account's territory. */
#define BATON_ELIGIBLE_SAME_TERRITORY 2
/** The successor works the account's segment. */
#define BATON_ELIGIBLE_SAME_SEGMENT 4

/** The current version of baton_reassign_options. */
#define BATON_REASSIGN_OPTIONS_VERSION 1
/** Initialises a baton_reassign_options to the defaults shown in it. */
#define BATON_REASSIGN_OPTIONS_INIT                                                  \
  {                                                                                  \
    BATON_REASSIGN_OPTIONS_VERSION, BATON_REASSIGN_OFFBOARD, NULL, 0, NULL,          \
        BATON_NO_DAY, BATON_ELIGIBLE_ANY, NULL, 0, NULL, NULL, 0, 300, -1, 24, 1000, \
        600, 2.0, 90, 300, 200, 100, 50, 50, 20, 5, 10000, 1.0                       \
  }

/**
 * The settings of a run, field for field those of baton::ReassignOptions.
 * Set it with #BATON_REASSIGN_OPTIONS_INIT or baton_reassign_options_init(),
 * then change what you need; `today` is required. The struct only ever grows
 * at the end. Strings are NUL-terminated UTF-8, only read during the call.
 */
typedef struct baton_reassign_options {
  unsigned version;                /**< [in] #BATON_REASSIGN_OPTIONS_VERSION */
  int mode;                        /**< BATON_REASSIGN_*; default offboard. */
  const char* const* departing;    /**< Rep ids (offboard); may be NULL when the
                                        count is 0. */
  size_t departing_count;          /**< Entries of `departing`. */
  const char* team;                /**< Team id (rebalance); NULL or "": everyone. */
  int32_t today;                   /**< Recency is measured from this day; required. */
  uint32_t eligibility;            /**< BATON_ELIGIBLE_* flags, or-ed; default any. */
  const char* const* excluded;     /**< Rep ids who take no account; may be NULL
                                        when the count is 0. */
  size_t excluded_count;           /**< Entries of `excluded`. */
  const char* const* pin_accounts; /**< Pins: account ids that must go to ... */
  const char* const* pin_reps;     /**< ... these rep ids (NULL or "": stay with the
                                        owner). The whole array may be NULL: every
                                        pinned account stays with its owner. */
  size_t pin_count;                /**< Entries of `pin_accounts` and `pin_reps`. */
  int64_t move_cost;               /**< Rebalance: the cost of moving an account (300). */
  int64_t max_moves;               /**< Rebalance: the most accounts that may move; -1
                                        (default): no limit. */
  int32_t max_candidates;          /**< Reps considered per account besides those tied to
                                        it (24). */
  int64_t stranger_cost;           /**< A successor nobody at the account knows (1000). */
  int64_t relationship_points;     /**< Discount for one full-strength, deepest tie,
                                        touched today (600). */
  double key_player_factor;        /**< Ties to key players weigh this much more (2.0). */
  int32_t recency_half_life_days;  /**< A tie's weight halves every this many
                                        days (90). */
  int64_t account_team_points;     /**< On the account's team (300). */
  int64_t group_points;     /**< Owns other accounts of the account's group (200). */
  int64_t territory_points; /**< Works the account's territory (100). */
  int64_t segment_points;   /**< Works the account's segment (50). */
  int64_t team_points;      /**< On the previous owner's team (50). */
  int64_t seniority_excess_points; /**< Surcharge per seniority level above the
                                        tier's minimum (20). */
  int64_t lambda; /**< Load balance: each rep's load cost is lambda * L^2 (5). */
  int64_t unassigned_points; /**< Penalty for leaving an account unassigned,
                                  plus its annual value / value_per_point (10000). */
  double value_per_point;    /**< See unassigned_points (1.0). */
} baton_reassign_options;

/**
 * @brief Sets a baton_reassign_options to its defaults, as
 * #BATON_REASSIGN_OPTIONS_INIT does.
 * @param[out] options The options; nothing happens if it is NULL.
 * Thread safety: any thread.
 */
BATON_API void baton_reassign_options_init(baton_reassign_options* options);

/**
 * @brief Plans a reassignment on an organisation. Deterministic: the same
 * organisation and options give the same plan on any machine. An account
 * nobody can take is a result (with a reason), not an error.
 * @param[out] out      Receives the plan (only on success).
 * @param[in]  org      The organisation; it must not change during the call
 *                      (also not by `progress`).
 * @param[in]  options  The settings.
 * @param[in]  progress Called now and then with the share of work done; its
 *                      returning 0 cancels the run. May be NULL.
 * @param[in]  payload  Passed to `progress` as is.
 * @return #BATON_OK; #BATON_EINVALID: NULL pointers, a bad version, mode or
 *         eligibility flag, a NULL array with a non-zero count, a NULL or
 *         non-UTF-8 id, a NaN or infinite double (each named, with its index:
 *         "baton_reassign: options->departing[1] is NULL"), or options the
 *         organisation does not fit, in the core's words ("reassign options:
 *         departing: unknown rep r9", "reassign options: today: a valid day
 *         is required"); #BATON_ECANCELLED (`progress` returned 0; `*out` is
 *         unchanged) or #BATON_ENOMEM.
 * Ownership: the caller frees the plan with baton_reassignment_destroy(); it
 *            copies what it needs and does not refer to `org` or `options`.
 * Thread safety: `org` is only read; `progress` runs on the calling thread.
 */
BATON_API int baton_reassign(baton_reassignment** out, const baton_org* org,
                             const baton_reassign_options* options,
                             baton_progress_fn progress, void* payload);

/**
 * @brief Frees a plan.
 * @param[in] reassignment The handle, or NULL (nothing happens). A handle
 *                         that is not a live plan is left alone.
 * Thread safety: needs exclusive access to `reassignment`.
 */
BATON_API void baton_reassignment_destroy(baton_reassignment* reassignment);

/**
 * @brief Applies a plan's owner changes to an organisation as one batch, all
 * or nothing; accounts left unassigned keep their owner.
 *
 * A plan fits only the organisation it was made from, exactly as it was: the
 * plan keeps the organisation's baton_org_state_hash() and is refused if the
 * hash differs (a stale plan is never half applied). Applying it changes the
 * organisation, so applying it again is refused too. An identical copy of
 * the organisation accepts it.
 * @param[in,out] org          The organisation; unchanged on any error.
 * @param[in]     reassignment The plan.
 * @return #BATON_OK; #BATON_ESTATE ("baton_org_apply_reassignment: the
 *         organisation changed since this reassignment was made");
 *         #BATON_EINVALID (NULL or wrong handles) or #BATON_ENOMEM.
 * Thread safety: needs exclusive access to `org`; `reassignment` is only read.
 */
BATON_API int baton_org_apply_reassignment(baton_org* org,
                                           const baton_reassignment* reassignment);

/* Outcomes of a plan (baton_reassign_summary.outcome). */
/** Proven optimal over the candidate arcs. */
#define BATON_REASSIGN_OPTIMAL 0
/** A valid plan; objective - lower_bound bounds how far from optimal it is. */
#define BATON_REASSIGN_FEASIBLE 1

/** How evenly load sits on the reps who may take accounts, as utilisation
 * (load / capacity; reps without capacity are left out). */
typedef struct baton_load_balance {
  double min_utilisation;    /**< Lowest load / capacity. */
  double max_utilisation;    /**< Highest load / capacity. */
  double mean_utilisation;   /**< Mean load / capacity. */
  double stddev_utilisation; /**< Population standard deviation. */
  double max_min_ratio;      /**< max / min; +infinity when some rep carries nothing. */
} baton_load_balance;

/** The current version of baton_reassign_summary. */
#define BATON_REASSIGN_SUMMARY_VERSION 1
/** Initialises a baton_reassign_summary before baton_reassignment_summary(). */
#define BATON_REASSIGN_SUMMARY_INIT                                                      \
  {                                                                                      \
    BATON_REASSIGN_SUMMARY_VERSION, 0, 0, 0, 0.0, 0, 0, 0, 0, {0.0, 0.0, 0.0, 0.0, 0.0}, \
        {0.0, 0.0, 0.0, 0.0, 0.0}, 0                                                     \
  }

/** What a plan costs, what it changes, and the load balance before and
 * after; see baton_rep_info for `version`. */
typedef struct baton_reassign_summary {
  unsigned version;          /**< [in] #BATON_REASSIGN_SUMMARY_VERSION */
  int outcome;               /**< #BATON_REASSIGN_OPTIMAL or #BATON_REASSIGN_FEASIBLE. */
  int64_t objective;         /**< The plan's total cost in points. */
  int64_t lower_bound;       /**< No plan over the candidates costs less. */
  double relative_gap;       /**< (objective - lower_bound) / max(1, |objective|). */
  int64_t moves;             /**< Accounts whose owner changes. */
  int64_t unassigned;        /**< Accounts left without a successor. */
  size_t accounts;           /**< Accounts of the run (for the per-account calls). */
  size_t reps;               /**< Reps of baton_reassignment_rep_loads(). */
  baton_load_balance before; /**< Before the plan. */
  baton_load_balance after;  /**< After the plan. */
  uint64_t state_hash;       /**< baton_org_state_hash() of the organisation it
                                  was made from. */
} baton_reassign_summary;

/**
 * @brief The outcome, costs and load balance of a plan.
 * @param[in,out] out          A struct with `version` set
 *                             (#BATON_REASSIGN_SUMMARY_INIT).
 * @param[in]     reassignment The plan.
 * @return #BATON_OK or #BATON_EINVALID (NULL pointer or unknown `version`).
 * Thread safety: `reassignment` is only read.
 */
BATON_API int baton_reassignment_summary(baton_reassign_summary* out,
                                         const baton_reassignment* reassignment);

/* Why an account has no successor (baton_account_reassignment.unassigned). */
/** It has a successor. */
#define BATON_UNASSIGNED_NONE 0
/** No rep passes the hard rules. */
#define BATON_UNASSIGNED_NO_ELIGIBLE_REP 1
/** Eligible reps exist; none has room left. */
#define BATON_UNASSIGNED_CAPACITY_EXHAUSTED 2
/** The eligible reps with room carry their tier's maximum. */
#define BATON_UNASSIGNED_TIER_LIMIT 3

/** The current version of baton_account_reassignment. */
#define BATON_ACCOUNT_REASSIGNMENT_VERSION 1
/** Initialises a baton_account_reassignment before baton_reassignment_account(). */
#define BATON_ACCOUNT_REASSIGNMENT_INIT \
  { BATON_ACCOUNT_REASSIGNMENT_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/**
 * One account of a plan; see baton_rep_info for `version`. Indices are the
 * organisation's as they were when the plan was made (ids through
 * baton_reassignment_account_id() and friends). The cost terms are in
 * points, discounts negative, zero when unassigned or pinned.
 */
typedef struct baton_account_reassignment {
  unsigned version;      /**< [in] #BATON_ACCOUNT_REASSIGNMENT_VERSION */
  uint32_t account;      /**< Account index. */
  uint32_t from;         /**< The owner before, or #BATON_NO_INDEX. */
  uint32_t to;           /**< The successor (== from: stays), or #BATON_NO_INDEX
                              when unassigned. */
  int pinned;            /**< Non-zero if a pin decided it. */
  int unassigned;        /**< BATON_UNASSIGNED_*. */
  int64_t stranger;      /**< stranger_cost. */
  int64_t relationships; /**< Relationship discount. */
  int64_t account_team;  /**< Account-team discount. */
  int64_t group;         /**< Group discount. */
  int64_t territory;     /**< Territory discount. */
  int64_t segment;       /**< Segment discount. */
  int64_t team;          /**< Team discount. */
  int64_t seniority;     /**< Excess-seniority surcharge. */
  int64_t move;          /**< Rebalance: moving away from the owner. */
  int64_t total;         /**< The sum of the terms: the arc cost the plan pays. */
  uint32_t reasons;      /**< The number of reasons (baton_reassignment_reason()). */
} baton_account_reassignment;

/**
 * @brief The fixed-width fields of account `index` of a plan.
 * @param[in,out] out          A struct with `version` set
 *                             (#BATON_ACCOUNT_REASSIGNMENT_INIT).
 * @param[in]     reassignment The plan.
 * @param[in]     index        0 .. summary.accounts - 1, in account index order.
 * @return #BATON_OK, #BATON_ENOTFOUND (index out of range) or #BATON_EINVALID.
 * Thread safety: `reassignment` is only read.
 */
BATON_API int baton_reassignment_account(baton_account_reassignment* out,
                                         const baton_reassignment* reassignment,
                                         size_t index);

/**
 * @brief The id of account `index` of a plan.
 * @param[out] buf          Receives the id, NUL-terminated.
 * @param[in]  cap          Size of `buf` in bytes.
 * @param[out] needed       Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  reassignment The plan.
 * @param[in]  index        0 .. summary.accounts - 1.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND or #BATON_EINVALID.
 * Thread safety: `reassignment` is only read.
 */
BATON_API int baton_reassignment_account_id(char* buf, size_t cap, size_t* needed,
                                            const baton_reassignment* reassignment,
                                            size_t index);

/**
 * @brief The id of the owner before the plan of account `index`; "" if none.
 * @param[out] buf          Receives the rep id, NUL-terminated.
 * @param[in]  cap          Size of `buf` in bytes.
 * @param[out] needed       Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  reassignment The plan.
 * @param[in]  index        0 .. summary.accounts - 1.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND or #BATON_EINVALID.
 * Thread safety: `reassignment` is only read.
 */
BATON_API int baton_reassignment_from_rep_id(char* buf, size_t cap, size_t* needed,
                                             const baton_reassignment* reassignment,
                                             size_t index);

/**
 * @brief The id of the successor of account `index`; "" if unassigned.
 * @param[out] buf          Receives the rep id, NUL-terminated.
 * @param[in]  cap          Size of `buf` in bytes.
 * @param[out] needed       Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  reassignment The plan.
 * @param[in]  index        0 .. summary.accounts - 1.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND or #BATON_EINVALID.
 * Thread safety: `reassignment` is only read.
 */
BATON_API int baton_reassignment_to_rep_id(char* buf, size_t cap, size_t* needed,
                                           const baton_reassignment* reassignment,
                                           size_t index);

/**
 * @brief Reason `k` of account `index`, in words, strongest first: why its
 * successor ("knows Anna Nowak, decision maker (shared values, 12 days
 * ago)", "same territory (Warszawa)"), or why nobody.
 * @param[out] buf          Receives the text, NUL-terminated.
 * @param[in]  cap          Size of `buf` in bytes.
 * @param[out] needed       Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  reassignment The plan.
 * @param[in]  index        0 .. summary.accounts - 1.
 * @param[in]  k            0 .. baton_account_reassignment.reasons - 1.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND (`index` or `k` out of
 *         range) or #BATON_EINVALID.
 * Thread safety: `reassignment` is only read.
 */
BATON_API int baton_reassignment_reason(char* buf, size_t cap, size_t* needed,
                                        const baton_reassignment* reassignment,
                                        size_t index, size_t k);

/**
 * @brief Each rep's load (the sum of tier load weights) before and after the
 * plan, for the reps who may take accounts and the departing reps, in rep
 * index order: entry k of every array belongs to the same rep. Each output
 * array may be NULL to skip it; those given must hold `cap` entries.
 * @param[out] rep          Receives the reps' indices in the organisation.
 * @param[out] before       Receives the loads before the plan.
 * @param[out] after        Receives the loads after the plan.
 * @param[out] capacity     Receives the capacities.
 * @param[in]  cap          Capacity of each array given, in elements.
 * @param[out] needed       Receives the number of reps; may be NULL.
 * @param[in]  reassignment The plan.
 * @return #BATON_OK, #BATON_EBUFS (arrays unchanged) or #BATON_EINVALID.
 * Thread safety: `reassignment` is only read.
 */
BATON_API int baton_reassignment_rep_loads(uint32_t* rep, int64_t* before, int64_t* after,
                                           int64_t* capacity, size_t cap, size_t* needed,
                                           const baton_reassignment* reassignment);

/**
 * @brief The id of rep `k` of baton_reassignment_rep_loads().
 * @param[out] buf          Receives the id, NUL-terminated.
 * @param[in]  cap          Size of `buf` in bytes.
 * @param[out] needed       Receives the bytes needed, NUL included; may be NULL.
 * @param[in]  reassignment The plan.
 * @param[in]  k            0 .. summary.reps - 1.
 * @return #BATON_OK, #BATON_EBUFS, #BATON_ENOTFOUND or #BATON_EINVALID.
 * Thread safety: `reassignment` is only read.
 */
BATON_API int baton_reassignment_rep_id(char* buf, size_t cap, size_t* needed,
                                        const baton_reassignment* reassignment, size_t k);

/* ---- Churn risk ----------------------------------------------------------
 *
 * The probability that an account lapses, with its reasons, from what the
 * organisation says about it (docs/risk.md; C++: include/baton/risk.hpp and
 * risk_fit.hpp). A baton_risk_model is a logistic model over named
 * features; baton_risk_score() scores every account of an organisation with
 * it; baton_risk_explain() takes one account's risk apart;
 * baton_risk_departure_what_if() shows what departures (and a plan) do to risk; the
 * baton_risk_fit_*() functions fit models to history.
 *
 * Limits, refused with #BATON_EINVALID before anything is read: at most
 * 65,536 features, columns, signals or expected features; no more leavers
 * than reps, new owners or history accounts than accounts; fewer than 2^32
 * rows.
 */

/** A logistic risk model: features with centre, scale and weight, and a bias. */
typedef struct baton_risk_model baton_risk_model;
/** The scores of every account of an organisation, made by baton_risk_score(). */
typedef struct baton_risk_scores baton_risk_scores;
/** One account's risk taken apart, made by baton_risk_explain(). */
typedef struct baton_risk_explanation baton_risk_explanation;
/** Risk before and after departures, made by baton_risk_departure_what_if(). */
typedef struct baton_risk_what_if baton_risk_what_if;
/** A fitted model with its quality figures, made by a baton_risk_fit_*() call. */
typedef struct baton_risk_fit baton_risk_fit;

/**
 * @brief The default model: every built-in feature with the documented
 * weights (docs/risk.md), so that Baton scores out of the box.
 * @param[out] out Receives the model; free it with baton_risk_model_destroy().
 * @return #BATON_OK, #BATON_EINVALID or #BATON_ENOMEM.
 */
BATON_API int baton_risk_model_default(baton_risk_model** out);

/**
 * @brief A model from its text form ("baton-risk-model 1", then a bias line
 * and one line per feature: docs/risk.md).
 * @param[out] out               Receives the model.
 * @param[in]  text              The text.
 * @param[in]  expected_features NULL, or the features the model must have,
 *                               in order (a model made for other features is
 *                               refused, naming the first difference).
 * @param[in]  expected_count    Entries of `expected_features`.
 * @return #BATON_OK or #BATON_EINVALID (the message gives the line, or the
 *         first feature that differs from `expected_features`).
 */
BATON_API int baton_risk_model_from_text(baton_risk_model** out, const char* text,
                                         const char* const* expected_features,
                                         size_t expected_count);

/**
 * @brief The same, from the file at `path`.
 * @return #BATON_OK, #BATON_EINVALID, #BATON_ENOTFOUND (no such file) or
 *         #BATON_EIO.
 */
BATON_API int baton_risk_model_load(baton_risk_model** out, const char* path,
                                    const char* const* expected_features,
                                    size_t expected_count);

/**
 * @brief Writes the model's text form to `path`, atomically (a temporary
 * file renamed over it: a failure leaves the old file as it was).
 * @return #BATON_OK, #BATON_EINVALID or #BATON_EIO.
 */
BATON_API int baton_risk_model_save(const baton_risk_model* model, const char* path);

/**
 * @brief Saves a snapshot of `org` that carries `model` (in its section
 * "risk-model"), atomically like baton_org_save(). baton_org_load() reads
 * the organisation of it; baton_risk_model_from_snapshot() the model.
 * @return #BATON_OK, #BATON_EINVALID or #BATON_EIO.
 */
BATON_API int baton_org_save_with_risk_model(const baton_org* org,
                                             const baton_risk_model* model,
                                             const char* path);

/**
 * @brief The model a snapshot carries (baton_org_save_with_risk_model()),
 * checked like baton_risk_model_load().
 * @return #BATON_OK, #BATON_ENOTFOUND (no file, or a snapshot without a
 *         model), #BATON_ECORRUPT, #BATON_EINVALID or #BATON_EIO.
 */
BATON_API int baton_risk_model_from_snapshot(baton_risk_model** out, const char* path,
                                             const char* const* expected_features,
                                             size_t expected_count);

/** @brief The model's text form, into a caller buffer (see Conventions). */
BATON_API int baton_risk_model_to_text(char* buf, size_t cap, size_t* needed,
                                       const baton_risk_model* model);

/** @brief Destroys a model; NULL is ignored. */
BATON_API void baton_risk_model_destroy(baton_risk_model* model);

/**
 * @brief The model's terms, feature by feature: centre, scale (> 0) and
 * weight; entry k of every array belongs to feature k. Arrays may be NULL.
 * @param[out] bias Receives the bias; may be NULL.
 * @return #BATON_OK, #BATON_EBUFS (arrays unchanged) or #BATON_EINVALID.
 */
BATON_API int baton_risk_model_terms(double* centre, double* scale, double* weight,
                                     size_t cap, size_t* needed, double* bias,
                                     const baton_risk_model* model);

/** @brief The name of feature `k` ("owner_share", "signal:usage", ...). */
BATON_API int baton_risk_model_feature(char* buf, size_t cap, size_t* needed,
                                       const baton_risk_model* model, size_t k);

/** The current version of baton_risk_options. */
#define BATON_RISK_OPTIONS_VERSION 1u
/** Initialises a baton_risk_options to the defaults shown in it. */
#define BATON_RISK_OPTIONS_INIT                                                         \
  {                                                                                     \
    BATON_RISK_OPTIONS_VERSION, BATON_NO_DAY, NULL, NULL, 0, NULL, NULL, 0, NULL, NULL, \
        0, 3, 0                                                                         \
  }

/**
 * @brief The scenario a score is for. Set it with #BATON_RISK_OPTIONS_INIT;
 * fields may be added at the end in later versions.
 */
typedef struct baton_risk_options {
  unsigned version;             /**< [in] #BATON_RISK_OPTIONS_VERSION */
  int32_t as_of;                /**< The day features are computed for; required. */
  const char* const* leavers;   /**< Rep ids treated as leaving on `as_of`. */
  const uint8_t* to_competitor; /**< Per leaver: 1 if to a competitor; may be NULL. */
  size_t leaver_count;          /**< Entries of `leavers`. */
  const char* const* owner_accounts; /**< Accounts given a new owner ... */
  const char* const* owner_reps;     /**< ... these reps ("" or NULL: nobody). */
  size_t owner_count;                /**< Entries of both arrays. */
  const char* const* signal_names;   /**< Signals for "signal:<name>" features ... */
  const double* const*
      signal_values;   /**< ... each one value per account, in index order. */
  size_t signal_count; /**< Entries of both arrays. */
  int32_t reasons;     /**< Reasons kept by baton_risk_explain() (3). */
  int32_t threads;     /**< Threads to score on; 0: one per core. The
                            result does not depend on it. */
} baton_risk_options;

/**
 * @brief Scores every account of `org` with `model` in the scenario `options`.
 * @param[out] out Receives the scores; free them with baton_risk_scores_destroy().
 * @return #BATON_OK, #BATON_EINVALID naming the option, the feature, the
 *         signal or the account (a missing signal value), or
 *         #BATON_ENOTFOUND for an unknown rep or account id in the options.
 * Thread safety: `org` and `model` are only read.
 */
BATON_API int baton_risk_score(baton_risk_scores** out, const baton_org* org,
                               const baton_risk_model* model,
                               const baton_risk_options* options);

/** @brief Destroys scores; NULL is ignored. */
BATON_API void baton_risk_scores_destroy(baton_risk_scores* scores);

/**
 * @brief Per account, in index order: the risk (0..1) and the revenue at
 * risk (annual value * risk). Either array may be NULL.
 * @return #BATON_OK, #BATON_EBUFS (arrays unchanged) or #BATON_EINVALID.
 */
BATON_API int baton_risk_scores_accounts(double* risk, double* value_at_risk, size_t cap,
                                         size_t* needed, const baton_risk_scores* scores);

/**
 * @brief Per rep, in index order: accounts owned, their value and revenue at
 * risk, and the key-person exposure (the value of accounts that rest on the
 * rep alone). Any array may be NULL.
 */
BATON_API int baton_risk_scores_reps(int64_t* accounts, double* value,
                                     double* value_at_risk, double* sole_value,
                                     size_t cap, size_t* needed,
                                     const baton_risk_scores* scores);

/** @brief Per team, in index order: accounts, value and revenue at risk. */
BATON_API int baton_risk_scores_teams(int64_t* accounts, double* value,
                                      double* value_at_risk, size_t cap, size_t* needed,
                                      const baton_risk_scores* scores);

/** @brief The organisation's annual value and revenue at risk. Either may be NULL. */
BATON_API int baton_risk_scores_totals(double* value, double* value_at_risk,
                                       const baton_risk_scores* scores);

/**
 * @brief One account's risk taken apart: its features, their contributions
 * to the logit, and the strongest reasons in words.
 * @param[out] out     Receives the explanation; free it with
 *                     baton_risk_explanation_destroy().
 * @param[in]  account The account's id.
 * @return #BATON_OK, #BATON_ENOTFOUND (no such account) or #BATON_EINVALID.
 */
BATON_API int baton_risk_explain(baton_risk_explanation** out, const baton_org* org,
                                 const baton_risk_model* model,
                                 const baton_risk_options* options, const char* account);

/** @brief Destroys an explanation; NULL is ignored. */
BATON_API void baton_risk_explanation_destroy(baton_risk_explanation* explanation);

/**
 * @brief The risk, its logit, and per model feature its raw value and its
 * contribution (weight * standardised value). Pointers may be NULL.
 * @param[out] reasons Receives the number of reasons.
 */
BATON_API int baton_risk_explanation_values(double* risk, double* logit, size_t* reasons,
                                            double* features, double* contributions,
                                            size_t cap, size_t* needed,
                                            const baton_risk_explanation* explanation);

/** @brief Reason `k`, strongest first: "renewal in 21 days". */
BATON_API int baton_risk_explanation_reason(char* buf, size_t cap, size_t* needed,
                                            const baton_risk_explanation* explanation,
                                            size_t k);

/**
 * @brief What the leavers of `options` do to risk: for every account they
 * own or are tied to, its risk before, once they have gone, and under `plan`
 * (NULL: none; the successors' own ties count).
 * @param[out] out Receives the result; free it with baton_risk_what_if_destroy().
 * @return #BATON_OK, #BATON_EINVALID (no leaver), #BATON_ENOTFOUND (an
 *         unknown rep or account id) or #BATON_ESTATE (`plan` was made for
 *         another state of the organisation).
 */
BATON_API int baton_risk_departure_what_if(baton_risk_what_if** out, const baton_org* org,
                                           const baton_risk_model* model,
                                           const baton_risk_options* options,
                                           const baton_reassignment* plan);

/** @brief Destroys a what-if; NULL is ignored. */
BATON_API void baton_risk_what_if_destroy(baton_risk_what_if* what_if);

/**
 * @brief The accounts of a what-if, by revenue at risk after the departure,
 * descending. Indices are the organisation's; #BATON_NO_INDEX for no owner.
 * Any array may be NULL.
 */
BATON_API int baton_risk_what_if_accounts(uint32_t* account, uint32_t* owner_before,
                                          uint32_t* owner_after, double* value,
                                          double* before, double* after_departure,
                                          double* after_plan, size_t cap, size_t* needed,
                                          const baton_risk_what_if* what_if);

/** @brief Revenue at risk of those accounts before, after departure and under the plan.
 */
BATON_API int baton_risk_what_if_totals(double* before, double* after_departure,
                                        double* after_plan,
                                        const baton_risk_what_if* what_if);

/** The current version of baton_risk_fit_options. */
#define BATON_RISK_FIT_OPTIONS_VERSION 1u
/** Initialises a baton_risk_fit_options to the defaults shown in it. */
#define BATON_RISK_FIT_OPTIONS_INIT \
  { BATON_RISK_FIT_OPTIONS_VERSION, 1.0, 100, 1e-10, 5, 10 }

/**
 * @brief How to fit: L2-regularised logistic regression by Newton's method,
 * the objective scikit-learn's LogisticRegression minimises with C = 1 / l2.
 */
typedef struct baton_risk_fit_options {
  unsigned version;       /**< [in] #BATON_RISK_FIT_OPTIONS_VERSION */
  double l2;              /**< Penalty on the weights (1.0). */
  int32_t max_iterations; /**< Newton steps at most (100). */
  double tolerance;       /**< Stop when the largest step is below it (1e-10). */
  int32_t folds;          /**< Cross-validation folds, consecutive blocks; 0: none (5). */
  int32_t calibration_bins; /**< Bins of the calibration table (10). */
} baton_risk_fit_options;

/**
 * @brief Fits a table: `rows` rows of `column_count` numeric values
 * (row-major) with an outcome per row (1: lapsed, 0: stayed). Columns are
 * standardised; the model's features are the column names.
 * @return #BATON_OK, or #BATON_EINVALID naming the column or row (a constant
 *         column, a value that is not finite, a single-class outcome), or
 *         #BATON_ESTATE when Newton's method does not converge.
 */
BATON_API int baton_risk_fit_arrays(baton_risk_fit** out, const char* const* columns,
                                    size_t column_count, const double* values,
                                    const uint8_t* lapsed, size_t rows,
                                    const baton_risk_fit_options* options);

/**
 * @brief Reads a CSV file and fits it: `numeric` columns as numbers,
 * `categorical` ones one-hot ("name=level", levels sorted), the `outcome`
 * column 1 where it equals `positive`. Other columns are ignored.
 * @param[in] skip_incomplete Nonzero: skip rows with a blank value instead
 *            of refusing the file.
 * @return #BATON_OK, #BATON_EINVALID or #BATON_EPARSE (file:line:column),
 *         #BATON_ENOTFOUND, #BATON_ESTATE.
 */
BATON_API int baton_risk_fit_csv(baton_risk_fit** out, const char* path,
                                 const char* const* numeric, size_t numeric_count,
                                 const char* const* categorical, size_t categorical_count,
                                 const char* outcome, const char* positive,
                                 int skip_incomplete,
                                 const baton_risk_fit_options* options);

/**
 * @brief Fits the account features `features` (built-in names or
 * "signal:<name>") on an organisation's history: the features of `accounts`
 * as of `risk_options->as_of`, against whether each lapsed afterwards.
 */
BATON_API int baton_risk_fit_org(baton_risk_fit** out, const baton_org* org,
                                 const baton_risk_options* risk_options,
                                 const char* const* features, size_t feature_count,
                                 const char* const* accounts, const uint8_t* lapsed,
                                 size_t account_count,
                                 const baton_risk_fit_options* options);

/** @brief Destroys a fit; NULL is ignored. */
BATON_API void baton_risk_fit_destroy(baton_risk_fit* fit);

/** @brief A copy of the fitted model; free it with baton_risk_model_destroy(). */
BATON_API int baton_risk_fit_model(baton_risk_model** out, const baton_risk_fit* fit);

/** The current version of baton_risk_fit_summary. */
#define BATON_RISK_FIT_SUMMARY_VERSION 1u
/** Initialises a baton_risk_fit_summary before baton_risk_fit_summary_get(). */
#define BATON_RISK_FIT_SUMMARY_INIT \
  { BATON_RISK_FIT_SUMMARY_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

/** @brief The quality of a fit, in-sample and out of fold. */
typedef struct baton_risk_fit_summary {
  unsigned version;     /**< [in] #BATON_RISK_FIT_SUMMARY_VERSION */
  int32_t iterations;   /**< Newton steps taken. */
  int64_t rows;         /**< Rows fitted. */
  int64_t skipped_rows; /**< Rows skipped as incomplete (baton_risk_fit_csv). */
  int32_t folds;        /**< Cross-validation folds run (0: none). */
  double auc;           /**< In-sample area under the ROC curve. */
  double log_loss;      /**< In-sample mean log-loss. */
  double brier;         /**< In-sample Brier score. */
  double cv_auc;        /**< AUC of the out-of-fold predictions. */
  double cv_log_loss;   /**< Log-loss of the out-of-fold predictions. */
  double cv_brier;      /**< Brier score of the out-of-fold predictions. */
  double mean_fold_auc; /**< Mean of the folds' AUCs (scikit-learn's cross_val_score). */
} baton_risk_fit_summary;

/**
 * @brief The quality figures of a fit (named _get: baton_risk_fit_summary is
 * the struct's name).
 * @param[in,out] out A struct with `version` set (#BATON_RISK_FIT_SUMMARY_INIT).
 * @return #BATON_OK or #BATON_EINVALID.
 */
BATON_API int baton_risk_fit_summary_get(baton_risk_fit_summary* out,
                                         const baton_risk_fit* fit);

/** @brief The AUC of each cross-validation fold. */
BATON_API int baton_risk_fit_fold_aucs(double* auc, size_t cap, size_t* needed,
                                       const baton_risk_fit* fit);

/**
 * @brief The out-of-fold calibration table (in-sample without folds): per
 * bin of predicted risk [low, high), the rows, their mean prediction and
 * the share that lapsed. Any array may be NULL.
 */
BATON_API int baton_risk_fit_calibration(double* low, double* high, int64_t* rows,
                                         double* mean_predicted, double* observed,
                                         size_t cap, size_t* needed,
                                         const baton_risk_fit* fit);

/* ---- Handover plans ------------------------------------------------------
 *
 * What must happen before a rep's last day, account by account (docs/
 * handover.md; C++: include/baton/handover.hpp). baton_handover_plan() makes
 * a plan from departures and a reassignment; its tasks have an owner, a due
 * day and a status; baton_org_apply_handover() carries it out in one batch
 * and baton_org_undo_handover() takes the organisation back exactly.
 */

/** A handover plan, made by baton_handover_plan(). */
typedef struct baton_handover baton_handover;

/* Task kinds (baton_handover_tasks(): kind), in the practice's order. */
#define BATON_TASK_NOTIFY_CUSTOMER 0
#define BATON_TASK_HANDOVER_MEETING 1
#define BATON_TASK_OPEN_DEALS 2
#define BATON_TASK_UNWRITTEN_AGREEMENTS 3
#define BATON_TASK_KEY_PLAYERS 4
#define BATON_TASK_PRODUCTS_AND_COMPLAINTS 5
#define BATON_TASK_GOALS_PROGRESS 6
#define BATON_TASK_EXPANSION 7
#define BATON_TASK_CHURN_REASONS 8
#define BATON_TASK_MOVE_RECORDS 9
#define BATON_TASK_DEAL_REVIEW 10
#define BATON_TASK_EXIT_INTERVIEW 11
#define BATON_TASK_REVOKE_ACCESS 12

/* Who does a task (role). */
#define BATON_ROLE_LEAVER 0
#define BATON_ROLE_SUCCESSOR 1
#define BATON_ROLE_MANAGER 2

/* A task's status. */
#define BATON_TASK_OPEN 0
#define BATON_TASK_DONE 1
#define BATON_TASK_SKIPPED 2

/* A plan's state (baton_handover_state()). */
#define BATON_HANDOVER_DRAFT 0
#define BATON_HANDOVER_APPLIED 1
#define BATON_HANDOVER_UNDONE 2

/** The current version of baton_handover_options. */
#define BATON_HANDOVER_OPTIONS_VERSION 1u
/** Initialises a baton_handover_options to the defaults shown in it. */
#define BATON_HANDOVER_OPTIONS_INIT \
  { BATON_HANDOVER_OPTIONS_VERSION, NULL, NULL, NULL, 0, BATON_NO_DAY }

/** @brief The departures a plan is for; fields may be added at the end. */
typedef struct baton_handover_options {
  unsigned version;             /**< [in] #BATON_HANDOVER_OPTIONS_VERSION */
  const char* const* leavers;   /**< Rep ids. */
  const int32_t* last_days;     /**< Per leaver: the last day. */
  const uint8_t* to_competitor; /**< Per leaver: 1 if to a competitor; may be NULL. */
  size_t leaver_count;          /**< Entries of the arrays. */
  int32_t today;                /**< No task is due before it; required. */
} baton_handover_options;

/**
 * @brief A plan for the accounts the leavers own, with the successors of
 * `reassignment` (made for the same departures on the same organisation),
 * ordered by revenue at risk.
 * @param[out] out          Receives the plan; free it with baton_handover_destroy().
 * @param[in]  model        The risk model; NULL: the default one.
 * @return #BATON_OK, #BATON_EINVALID naming the leaver (unknown rep, a last
 *         day before today), #BATON_ESTATE (the reassignment was made for
 *         another state of the organisation).
 */
BATON_API int baton_handover_plan(baton_handover** out, const baton_org* org,
                                  const baton_handover_options* options,
                                  const baton_reassignment* reassignment,
                                  const baton_risk_model* model);

/** @brief Destroys a plan; NULL is ignored. */
BATON_API void baton_handover_destroy(baton_handover* handover);

/**
 * @brief The plan's accounts, by revenue at risk: account, leaver and
 * successor (#BATON_NO_INDEX: unassigned) indices, annual value, risk once
 * the leaver has gone under the plan, and the number of risk reasons
 * (baton_handover_reason()). Any array may be NULL.
 */
BATON_API int baton_handover_accounts(uint32_t* account, uint32_t* leaver,
                                      uint32_t* successor, double* value, double* risk,
                                      uint32_t* reasons, size_t cap, size_t* needed,
                                      const baton_handover* handover);

/** @brief Risk reason `k` of the plan's account `index`. */
BATON_API int baton_handover_reason(char* buf, size_t cap, size_t* needed,
                                    const baton_handover* handover, size_t index,
                                    size_t k);

/**
 * @brief Every task: those of each account in plan order (by due day), then
 * each leaver's own. Per task: the plan's account position (#BATON_NO_INDEX
 * for a leaver's own task), the leaver's index, BATON_TASK_* kind,
 * BATON_ROLE_* role, the rep who does it (#BATON_NO_INDEX: nobody in that
 * role), the due day, the status and the number of detail lines. Any array
 * may be NULL.
 */
BATON_API int baton_handover_tasks(uint32_t* account, uint32_t* leaver, int32_t* kind,
                                   int32_t* role, uint32_t* rep, int32_t* due,
                                   int32_t* status, uint32_t* details, size_t cap,
                                   size_t* needed, const baton_handover* handover);

/** @brief The title of task `task` ("Tell ... and introduce ..."). */
BATON_API int baton_handover_task_title(char* buf, size_t cap, size_t* needed,
                                        const baton_handover* handover, size_t task);

/** @brief Detail line `k` of task `task`: an open deal, a key player, a complaint, ... */
BATON_API int baton_handover_task_detail(char* buf, size_t cap, size_t* needed,
                                         const baton_handover* handover, size_t task,
                                         size_t k);

/** @brief Sets the status of task `task` (BATON_TASK_OPEN, _DONE, _SKIPPED). */
BATON_API int baton_handover_set_task_status(baton_handover* handover, size_t task,
                                             int32_t status);

/** @brief The plan's state: BATON_HANDOVER_DRAFT, _APPLIED or _UNDONE. */
BATON_API int baton_handover_state(int32_t* state, const baton_handover* handover);

/**
 * @brief Carries out a draft plan in one batch: every account of the leavers
 * to its successor, their deals too, then the departures. Afterwards nothing
 * is owned by a leaver. Refused (#BATON_ESTATE) for a plan that is not a
 * draft or was made for another state of the organisation; the organisation
 * is then unchanged.
 */
BATON_API int baton_org_apply_handover(baton_org* org, baton_handover* handover);

/**
 * @brief Undoes an applied plan, restoring the organisation exactly as it was
 * before (the same state hash). Refused (#BATON_ESTATE) unless the plan is
 * applied and the organisation has not changed since.
 */
BATON_API int baton_org_undo_handover(baton_org* org, baton_handover* handover);

/*
 * The handover book: plans stored with the organisation, and so in every
 * snapshot it is saved to, with their lifecycle (draft, applied, undone),
 * task statuses and an audit log of every field changed, when and by which
 * plan (docs/handover.md, "The stored book"). Plans are named "H1", "H2", ...
 * `at` is the caller's time for the log (Unix seconds, say); Baton never reads
 * the clock.
 */

/**
 * @brief Stores a draft plan in the organisation's book and writes its id
 * ("H3") to `id`. Refused (#BATON_ESTATE) for a plan that is not a draft or
 * was made for another state of the organisation. Nothing is stored when the
 * buffer is too small (#BATON_EBUFS, `needed` says how much).
 */
BATON_API int baton_org_store_handover(char* id, size_t cap, size_t* needed,
                                       baton_org* org, const baton_handover* handover,
                                       int64_t at);

/**
 * @brief Carries out the stored draft `plan` as one batch: every account of
 * the leavers to its successor, their deals too, the departures, and each
 * open task of a leaver to the account's successor (else the manager).
 * #BATON_ENOTFOUND for an unknown plan; #BATON_ESTATE if it is not a draft or
 * an account changed owner since it was planned. On error nothing changes.
 */
BATON_API int baton_org_apply_stored_handover(baton_org* org, const char* plan,
                                              int64_t at);

/**
 * @brief Reverses the applied `plan` field by field: the organisation is
 * exactly as before if nothing else changed since. #BATON_ESTATE, naming the
 * record, if a field the plan changed has changed again.
 */
BATON_API int baton_org_undo_stored_handover(baton_org* org, const char* plan,
                                             int64_t at);

/**
 * @brief Sets the status (BATON_TASK_OPEN, _DONE, _SKIPPED) of the task
 * `task` ("a0042/notify_customer") of the stored `plan`.
 */
BATON_API int baton_org_set_stored_task_status(baton_org* org, const char* plan,
                                               const char* task, int32_t status,
                                               int64_t at);

/**
 * @brief The book as JSON, NUL-terminated: every stored plan with its
 * accounts and tasks, and the audit log (docs/handover.md).
 */
BATON_API int baton_org_handover_book(char* buf, size_t cap, size_t* needed,
                                      const baton_org* org);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* BATON_H_ */
