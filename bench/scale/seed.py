#!/usr/bin/env python3
"""Seeds a Steward SQLite database with many organisations and users, straight into the tables.

usage: seed.py <steward.db> <account-id (acct-...)> <organisations> <users>

Writes rows the way Steward stores them (uuid text in upper case, times as UTC ticks), each user
homed in an organisation with a member's membership, and prints nothing but a summary and the
file of ids the read benchmark picks from (<db>.org-ids, <db>.user-ids). For measuring memory
and read throughput at scale; it bypasses the API on purpose (a million users through the API
would take a quarter of an hour).
"""
import sqlite3, sys, time, uuid

db, account, n_orgs, n_users = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
account_id = account.removeprefix("acct-").upper()
ticks = int((time.time() + 62135596800) * 10_000_000)

def uid():
    return str(uuid.uuid4()).upper()

con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=OFF")
orgs = [uid() for _ in range(n_orgs)]
with con:
    con.executemany(
        'INSERT INTO organisations (Id, AccountId, Name, DomainName, Description, CreatedAt, UpdatedAt, Version) VALUES (?,?,?,?,?,?,?,1)',
        ((o, account_id, f"org-{i}", f"d{i}.scale.example", None, ticks, ticks) for i, o in enumerate(orgs)))

user_ids = open(db + ".user-ids", "w")
batch = 50_000
for start in range(0, n_users, batch):
    rows, members = [], []
    for i in range(start, min(start + batch, n_users)):
        u, org = uid(), orgs[i % n_orgs]
        rows.append((u, account_id, org, org, f"u{i}", f"u{i}@scale.example", ticks, ticks))
        members.append((uid(), account_id, org, u, ticks))
        user_ids.write("user-" + u.lower() + "\n")
    with con:
        con.executemany(
            'INSERT INTO users (Id, AccountId, OrganisationId, UsernameScope, Username, Email, CreatedAt, UpdatedAt, Version) VALUES (?,?,?,?,?,?,?,?,1)', rows)
        con.executemany(
            'INSERT INTO memberships (Id, AccountId, OrganisationId, UserId, Role, CreatedAt, Version) VALUES (?,?,?,?,0,?,1)', members)
user_ids.close()
with open(db + ".org-ids", "w") as f:
    f.writelines("org-" + o.lower() + "\n" for o in orgs)
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
print(f"seeded {n_orgs} organisations and {n_users} users into {db}")
