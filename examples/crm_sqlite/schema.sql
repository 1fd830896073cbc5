-- The demo CRM: the tables a small sales team keeps (README.md in this
-- directory maps them to Baton's records). Every table has the CRM's own
-- integer key; `code` is the stable business id that the CRM shows its users
-- and that Baton knows the record by. Dates are ISO 8601 text (YYYY-MM-DD).
-- Foreign keys are checked only on connections that turn them on
-- (PRAGMA foreign_keys = ON), as every program here does.

CREATE TABLE teams (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  name       TEXT NOT NULL,
  -- Teams and reps refer to each other: checked at COMMIT, not row by row.
  manager_id INTEGER REFERENCES reps (id) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE reps (
  id                  INTEGER PRIMARY KEY,
  code                TEXT NOT NULL UNIQUE,
  full_name           TEXT NOT NULL,
  team_id             INTEGER REFERENCES teams (id),
  manager_id          INTEGER REFERENCES reps (id) DEFERRABLE INITIALLY DEFERRED,
  seniority           INTEGER NOT NULL DEFAULT 1 CHECK (seniority BETWEEN 0 AND 99),
  capacity            INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),
  territory           TEXT NOT NULL DEFAULT '',
  segment             TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'departed')),
  departed_on         TEXT,
  destination         TEXT NOT NULL DEFAULT '',
  left_for_competitor INTEGER NOT NULL DEFAULT 0 CHECK (left_for_competitor IN (0, 1)),
  CHECK ((status = 'departed') = (departed_on IS NOT NULL))
);

CREATE TABLE account_tiers (
  code          TEXT PRIMARY KEY,
  load_weight   INTEGER NOT NULL DEFAULT 1 CHECK (load_weight >= 1),
  min_seniority INTEGER NOT NULL DEFAULT 0,
  max_per_rep   INTEGER NOT NULL DEFAULT 0  -- 0: no limit
);

CREATE TABLE accounts (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL,
  tier           TEXT NOT NULL REFERENCES account_tiers (code),
  annual_value   REAL NOT NULL DEFAULT 0 CHECK (annual_value >= 0),
  customer_since TEXT,
  renewal_on     TEXT,
  territory      TEXT NOT NULL DEFAULT '',
  segment        TEXT NOT NULL DEFAULT '',
  parent_group   TEXT NOT NULL DEFAULT '',
  owner_id       INTEGER REFERENCES reps (id)  -- NULL: nobody owns it
);
CREATE INDEX accounts_by_owner ON accounts (owner_id);

CREATE TABLE account_team_members (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  rep_id     INTEGER NOT NULL REFERENCES reps (id),
  role       TEXT NOT NULL DEFAULT 'backup',
  PRIMARY KEY (account_id, rep_id)
);

CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  full_name  TEXT NOT NULL DEFAULT '',
  job_role   TEXT NOT NULL DEFAULT 'user',
  key_player INTEGER NOT NULL DEFAULT 0 CHECK (key_player IN (0, 1)),
  attitude   TEXT NOT NULL DEFAULT 'unknown'
);
CREATE INDEX contacts_by_account ON contacts (account_id);

-- How well a rep knows a contact.
CREATE TABLE relationships (
  rep_id     INTEGER NOT NULL REFERENCES reps (id),
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  strength   REAL NOT NULL DEFAULT 0 CHECK (strength BETWEEN 0 AND 1),
  depth      TEXT NOT NULL DEFAULT 'social',
  since      TEXT,
  last_touch TEXT,
  PRIMARY KEY (rep_id, contact_id)
);

-- Calls, emails, meetings, ... (Baton's interactions).
CREATE TABLE activities (
  id          INTEGER PRIMARY KEY,
  occurred_on TEXT NOT NULL,
  channel     TEXT NOT NULL DEFAULT 'call',
  rep_id      INTEGER NOT NULL REFERENCES reps (id),
  account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  contact_id  INTEGER REFERENCES contacts (id),  -- NULL: the account as a whole
  note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activities_by_account ON activities (account_id);

-- Deals.
CREATE TABLE opportunities (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  owner_id   INTEGER REFERENCES reps (id),  -- NULL: the account's owner
  stage      TEXT NOT NULL DEFAULT 'prospecting',
  amount     REAL NOT NULL DEFAULT 0 CHECK (amount >= 0),
  close_on   TEXT,
  next_step  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX opportunities_by_owner ON opportunities (owner_id);

-- Complaints.
CREATE TABLE cases (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  opened_on  TEXT NOT NULL,
  closed_on  TEXT,  -- NULL while open
  severity   TEXT NOT NULL DEFAULT 'medium',
  summary    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE account_products (
  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  product    TEXT NOT NULL,
  quantity   INTEGER NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  PRIMARY KEY (account_id, product)
);

-- What must happen before a rep leaves, written by crm.py from Baton's
-- handover plan. A task of the leaver as a whole (exit interview, revoke
-- access) has no account.
CREATE TABLE handover_tasks (
  id         INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
  leaver_id  INTEGER NOT NULL REFERENCES reps (id),
  kind       TEXT NOT NULL,           -- notify_customer, handover_meeting, ...
  role       TEXT NOT NULL CHECK (role IN ('leaver', 'successor', 'manager')),
  owner_id   INTEGER REFERENCES reps (id),  -- who does it
  due_on     TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'skipped')),
  title      TEXT NOT NULL,
  details    TEXT NOT NULL DEFAULT ''  -- what Baton knows, one fact per line
);
CREATE INDEX handover_tasks_by_owner ON handover_tasks (owner_id, due_on);
