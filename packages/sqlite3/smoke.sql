-- packages/sqlite3/smoke.sql: read by the sqlite3 shell (.read) against a new
-- database file; the output must not depend on where that file is, so the
-- dev shell and the spt image print the same thing.
.bail on
.headers on
.mode list
PRAGMA journal_mode;
SELECT sqlite_version() AS version, sqlite_compileoption_used('THREADSAFE=1') AS threadsafe;

CREATE TABLE city (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, country TEXT, pop INTEGER);
CREATE TABLE visit (city_id INTEGER REFERENCES city(id), day TEXT, note TEXT);
CREATE INDEX visit_day ON visit(day);

BEGIN;
INSERT INTO city (name, country, pop) VALUES
  ('Lisbon', 'PT', 545000), ('Porto', 'PT', 232000), ('Kyoto', 'JP', 1464000),
  ('Osaka', 'JP', 2753000), ('Quito', 'EC', 2011000), ('Bergen', 'NO', 285000);
INSERT INTO visit VALUES (1, '2024-03-01', 'tram 28'), (1, '2024-03-02', 'pasteis'),
  (3, '2023-11-10', 'temples'), (5, '2022-07-04', NULL), (6, '2021-06-21', 'fjord');
COMMIT;

.print -- aggregates and a join
SELECT country, count(*) AS cities, sum(pop) AS people, printf('%.1f', avg(pop) / 1e3) AS avg_k
  FROM city GROUP BY country ORDER BY people DESC;
SELECT c.name, count(v.day) AS visits, group_concat(v.note, '+') AS notes
  FROM city c LEFT JOIN visit v ON v.city_id = c.id GROUP BY c.id ORDER BY c.name;

.print -- a rolled-back transaction leaves nothing
BEGIN;
DELETE FROM visit;
UPDATE city SET pop = 0;
ROLLBACK;
SELECT count(*) AS visits, min(pop) AS min_pop FROM visit, city;

.print -- a savepoint
SAVEPOINT sp;
INSERT INTO city (name, country, pop) VALUES ('Nowhere', 'XX', 1);
ROLLBACK TO sp;
RELEASE sp;
SELECT count(*) AS cities FROM city;

.print -- a UNIQUE conflict, ignored
INSERT OR IGNORE INTO city (name) VALUES ('Lisbon');
SELECT changes() AS inserted, count(*) AS cities FROM city;

.print -- many rows, a bigger than page cache table, a temp table, an index
CREATE TABLE big (k INTEGER PRIMARY KEY, v TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
  INSERT INTO big SELECT i, hex(randomblob(16)) || printf('%08d', i) FROM n;
CREATE INDEX big_v ON big(substr(v, 33));
CREATE TEMP TABLE t AS SELECT k FROM big WHERE k % 1000 = 0;
SELECT count(*) AS n, sum(k) AS total, (SELECT count(*) FROM t) AS temp_rows FROM big;
SELECT k FROM big WHERE substr(v, 33) = '00031337';
PRAGMA integrity_check;

.print -- json, math, window functions, CTE
SELECT json_extract('{"a":[1,2,{"b":"deep"}]}', '$.a[2].b') AS deep,
       json_array_length(json_group_array(name)) AS n FROM city;
SELECT printf('%.6f', sqrt(2)) AS sqrt2, printf('%.6f', pi()) AS pi, 7 / 2 AS idiv, 7 % 3 AS m;
SELECT name, pop, rank() OVER (PARTITION BY country ORDER BY pop DESC) AS r
  FROM city WHERE country IN ('PT', 'JP') ORDER BY country, r;

.print -- full-text search (FTS5) and R*Tree
CREATE VIRTUAL TABLE doc USING fts5(body);
INSERT INTO doc VALUES ('the quick brown fox'), ('jumps over the lazy dog'), ('a quick dog');
SELECT rowid, body FROM doc WHERE doc MATCH 'quick AND dog';
CREATE VIRTUAL TABLE box USING rtree(id, x0, x1, y0, y1);
INSERT INTO box VALUES (1, 0, 10, 0, 10), (2, 5, 15, 5, 15), (3, 20, 30, 20, 30);
SELECT id FROM box WHERE x1 >= 8 AND x0 <= 12 AND y1 >= 8 AND y0 <= 12 ORDER BY id;

.print -- memory-mapped I/O is off in this build (SQLITE_MAX_MMAP_SIZE=0): updates with a tiny cache
PRAGMA mmap_size = 268435456;
PRAGMA cache_size = 5;
CREATE TABLE mm (k INTEGER PRIMARY KEY, v INTEGER, pad BLOB);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
  INSERT INTO mm SELECT i, i, zeroblob(100) FROM n;
UPDATE mm SET v = v + 1;
UPDATE mm SET v = v * 2 WHERE k % 2 = 0;
SELECT sum(v) AS total FROM mm;
DROP TABLE mm;
PRAGMA cache_size = 2000;

.print -- WAL mode, a checkpoint, VACUUM
-- Exclusive locking first: SQLite then keeps the WAL index in the heap instead
-- of a MAP_SHARED writable mapping of the -shm file, which images do not have.
PRAGMA locking_mode = EXCLUSIVE;
PRAGMA journal_mode = WAL;
INSERT INTO visit VALUES (2, '2024-05-05', 'in WAL');
PRAGMA wal_checkpoint(TRUNCATE);
PRAGMA journal_mode = DELETE;
PRAGMA locking_mode = NORMAL;
DELETE FROM big WHERE k > 100;
VACUUM;
SELECT count(*) AS visits FROM visit;
SELECT count(*) AS big_rows FROM big;
PRAGMA integrity_check;

.print -- a second database through the unix-excl VFS (WAL index in the heap), attached
.open file:second.db?vfs=unix-excl
PRAGMA journal_mode = WAL;
CREATE TABLE kv (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO kv VALUES ('a', 1), ('b', x'00ff'), ('c', 2.5);
ATTACH 'smoke.db' AS first;
SELECT k, typeof(v) AS type, quote(v) AS v, (SELECT count(*) FROM first.city) AS cities FROM kv;
DETACH first;
.print all ok
