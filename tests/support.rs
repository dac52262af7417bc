//! A fresh store in a temp dir per test, and helpers to run the real binary against it.

#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

/// The instant every test starts at, unless it says otherwise.
pub const T0: &str = "2026-06-01T12:00:00Z";
pub const OPERATOR: &str = "pa@vendor.test";

/// The people of the sample org `acme` (fixtures/acme.csv), by name.
pub mod acme {
    pub const ADA: &str = "ada@acme.test"; // super admin
    pub const SAM: &str = "sam@acme.test"; // super admin
    pub const HAL: &str = "hal@acme.test"; // HR admin, scope Finance
    pub const HANA: &str = "hana@acme.test"; // HR admin, whole org
    pub const FAY: &str = "fay@acme.test"; // Finance
    pub const ZOE: &str = "zoe@acme.test"; // Finance;London
    pub const OLA: &str = "ola@acme.test"; // Operations
    pub const NIA: &str = "nia@acme.test"; // Finance, never logged in
    pub const DEX: &str = "dex@acme.test"; // Finance, deactivated
}

/// The sample test org `acme` (fixtures/acme.csv): super admins ada and sam, HR admins hal
/// (scope Finance) and hana (whole org), users fay (Finance), zoe "Zoë Quintero"
/// (Finance;London), ola (Operations), nia (Finance, never logged in), dex (Finance,
/// deactivated).
pub fn acme_csv() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/acme.csv")
}

/// The variable that names a PostgreSQL server to run the suite on: a URL to a maintenance
/// database where the user may CREATE DATABASE. Unset, every test uses a SQLite file.
pub const TEST_DB_VAR: &str = "ADMIN_PROXY_TEST_DB";

pub struct TestEnv {
    pub dir: tempfile::TempDir,
    /// The SQLite store's path (on PostgreSQL, a path nothing is written to).
    pub db: PathBuf,
    pub now: String,
    pg: Option<PgDb>,
}

/// A PostgreSQL database of one test, created by [`TestEnv::new`] and dropped with it.
struct PgDb {
    /// The maintenance database, where this one is created and dropped.
    admin_url: String,
    name: String,
    /// The URL given to the binary.
    url: String,
    client: Mutex<Option<postgres::Client>>,
}

/// The server named by ADMIN_PROXY_TEST_DB, if any.
fn test_server() -> Option<String> {
    match std::env::var(TEST_DB_VAR) {
        Ok(url) if !url.trim().is_empty() => {
            let url = url.trim().to_string();
            assert!(
                url.starts_with("postgres://") || url.starts_with("postgresql://"),
                "{TEST_DB_VAR} must be a postgres:// or postgresql:// URL, got {url:?}"
            );
            Some(url)
        }
        _ => None,
    }
}

/// `url` with its database replaced by `name`, its query string kept.
fn with_database(url: &str, name: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let (authority, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => match rest.find('?') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        },
    };
    let query = tail.find('?').map(|i| &tail[i..]).unwrap_or("");
    format!("{scheme}://{authority}/{name}{query}")
}

fn pg_connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap_or_else(|e| {
        panic!("{TEST_DB_VAR} is set but the PostgreSQL server cannot be reached at {url}: {e}")
    })
}

impl PgDb {
    fn create(admin_url: &str) -> PgDb {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let name = format!("ap_t_{}_{n}", std::process::id());
        let mut admin = pg_connect(admin_url);
        // Each its own statement: neither may run inside a transaction block.
        for sql in [
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            format!("CREATE DATABASE {name}"),
        ] {
            admin.batch_execute(&sql).unwrap_or_else(|e| {
                panic!("cannot create the test database {name}: {}", pg_error(&e))
            });
        }
        PgDb {
            admin_url: admin_url.to_string(),
            url: with_database(admin_url, &name),
            name,
            client: Mutex::new(None),
        }
    }

    /// Runs `sql` (one or more statements) on the test's database.
    fn query(&self, sql: &str) -> Result<Vec<Vec<String>>, postgres::Error> {
        let mut guard = self.client.lock().unwrap_or_else(|e| e.into_inner());
        let client = guard.get_or_insert_with(|| pg_connect(&self.url));
        let mut rows = Vec::new();
        for message in client.simple_query(sql)? {
            if let postgres::SimpleQueryMessage::Row(row) = message {
                rows.push(
                    (0..row.len())
                        .map(|i| row.get(i).unwrap_or_default().to_string())
                        .collect(),
                );
            }
        }
        Ok(rows)
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut guard) = self.client.lock() {
            guard.take();
        }
        let dropped =
            postgres::Client::connect(&self.admin_url, postgres::NoTls).and_then(|mut c| {
                c.batch_execute(&format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
            });
        if let Err(e) = dropped {
            eprintln!(
                "could not drop the test database {}: {}",
                self.name,
                pg_error(&e)
            );
        }
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}): {}\nstderr: {}",
                self.stdout, self.stderr
            )
        })
    }

    /// The JSON error object printed on stderr with --format json.
    pub fn error_code(&self) -> String {
        let v: Value = serde_json::from_str(self.stderr.trim())
            .unwrap_or_else(|e| panic!("stderr is not JSON ({e}): {}", self.stderr));
        v["error"]["code"].as_str().unwrap_or_default().to_string()
    }

    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success, got {}: {}{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}, got {}: {}{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
}

/// For a test about SQLite itself that needs no store to decide: true when this run is on
/// PostgreSQL, after saying on stderr that the test was not run there and why.
pub fn sqlite_only(why: &str) -> bool {
    let postgres = test_server().is_some();
    if postgres {
        eprintln!("not run on PostgreSQL (SQLite only: {why})");
    }
    postgres
}

impl TestEnv {
    /// An empty store (not created until the first command): a SQLite file in a temp dir, or
    /// with ADMIN_PROXY_TEST_DB set, a PostgreSQL database of its own, dropped with the env.
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        TestEnv {
            dir,
            db,
            now: T0.to_string(),
            pg: test_server().map(|url| PgDb::create(&url)),
        }
    }

    /// A store that is a SQLite file whatever ADMIN_PROXY_TEST_DB says, for tests of SQLite
    /// itself that set up their store from another (e.g. a copy of its file).
    pub fn new_sqlite() -> TestEnv {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        TestEnv {
            dir,
            db,
            now: T0.to_string(),
            pg: None,
        }
    }

    /// Whether this run's store is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// For a test about SQLite itself (its file, journal, PRAGMAs, shell): true on PostgreSQL,
    /// after saying on stderr that the test was not run there and why; the test then returns.
    pub fn sqlite_only(&self, why: &str) -> bool {
        if self.is_postgres() {
            eprintln!("not run on PostgreSQL (SQLite only: {why})");
        }
        self.is_postgres()
    }

    /// What `--db` names: the SQLite path, or the PostgreSQL URL of the test's database.
    pub fn db_arg(&self) -> OsString {
        match &self.pg {
            Some(pg) => pg.url.clone().into(),
            None => self.db.clone().into_os_string(),
        }
    }

    /// How the binary names the store: its path, or its URL (the tests' URLs have no password).
    pub fn store_name(&self) -> String {
        self.db_arg().to_string_lossy().into_owned()
    }

    /// Whether the store has been created (on PostgreSQL: holds admin-proxy's schema).
    pub fn store_exists(&self) -> bool {
        match &self.pg {
            Some(pg) => {
                pg.query("SELECT to_regclass('admin_proxy_meta') IS NOT NULL")
                    .unwrap()[0][0]
                    == "t"
            }
            None => self.db.exists(),
        }
    }

    /// A store with the operator pa@vendor.test and the org acme, which has nobody yet.
    pub fn empty_acme() -> TestEnv {
        let env = TestEnv::new();
        env.run(&["operator", "add", OPERATOR, "--role", "program-architect"])
            .ok();
        env.run(&[
            "--actor", OPERATOR, "org", "create", "acme", "--name", "Acme",
        ])
        .ok();
        env
    }

    /// A store with the operator pa@vendor.test and the org acme loaded from fixtures/acme.csv.
    pub fn acme() -> TestEnv {
        let env = TestEnv::empty_acme();
        env.run(&[
            "--actor",
            OPERATOR,
            "--org",
            "acme",
            "users",
            "import",
            acme_csv().to_str().unwrap(),
        ])
        .ok();
        env
    }

    /// Moves the clock of later runs (ADMIN_PROXY_NOW).
    pub fn at(&mut self, now: &str) -> &mut Self {
        self.now = now.to_string();
        self
    }

    /// The binary with --db, a fixed clock and a clean environment; add arguments and run.
    pub fn cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::cargo_bin("admin-proxy").unwrap();
        c.env_remove("ADMIN_PROXY_ACTOR")
            .env_remove("ADMIN_PROXY_ORG")
            .env_remove("ADMIN_PROXY_DB")
            .env_remove("NO_COLOR")
            .env("ADMIN_PROXY_NOW", &self.now)
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .arg("--db")
            .arg(self.db_arg())
            .stdin(std::process::Stdio::null());
        c
    }

    /// The binary with the clean environment of [`TestEnv::cmd`] but no `--db`: for a test
    /// that names a store of its own.
    pub fn cmd_without_store(&self) -> std::process::Command {
        let mut c = std::process::Command::cargo_bin("admin-proxy").unwrap();
        c.env_remove("ADMIN_PROXY_ACTOR")
            .env_remove("ADMIN_PROXY_ORG")
            .env_remove("ADMIN_PROXY_DB")
            .env("ADMIN_PROXY_NOW", &self.now)
            .env("XDG_DATA_HOME", self.dir.path().join("xdg"))
            .stdin(std::process::Stdio::null());
        c
    }

    /// `audit export --output PATH` of org acme as `actor`.
    pub fn export_to(&self, actor: &str, path: &std::path::Path) -> Run {
        let path = path.to_str().unwrap();
        self.run(&[
            "--actor", actor, "--org", "acme", "audit", "export", "--output", path,
        ])
    }

    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd().args(args).output().unwrap();
        to_run(out)
    }

    /// Runs as `actor` in org acme with --format json.
    pub fn as_(&self, actor: &str, args: &[&str]) -> Run {
        let mut full = vec!["--actor", actor, "--org", "acme", "--format", "json"];
        full.extend_from_slice(args);
        self.run(&full)
    }

    /// Rows of a query on the store, every value as text (NULL as "").
    pub fn sql(&self, query: &str) -> Vec<Vec<String>> {
        if let Some(pg) = &self.pg {
            return pg
                .query(query)
                .unwrap_or_else(|e| panic!("{query}: {}", pg_error(&e)));
        }
        let conn = rusqlite::Connection::open(&self.db).unwrap();
        let mut stmt = conn.prepare(query).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        let v: rusqlite::types::Value = r.get(i)?;
                        Ok(match v {
                            rusqlite::types::Value::Null => String::new(),
                            rusqlite::types::Value::Integer(i) => i.to_string(),
                            rusqlite::types::Value::Real(f) => f.to_string(),
                            rusqlite::types::Value::Text(t) => t,
                            rusqlite::types::Value::Blob(b) => format!("{b:?}"),
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        rows.collect::<Result<Vec<_>, _>>().unwrap()
    }

    /// Runs SQL statements on the store, as its owner could with `sqlite3` or `psql`.
    #[track_caller]
    pub fn exec(&self, sql: &str) {
        if let Err(e) = self.try_exec(sql) {
            panic!("{sql}: {e}");
        }
    }

    /// Like [`TestEnv::exec`], the error as text when the store refuses.
    pub fn try_exec(&self, sql: &str) -> Result<(), String> {
        match &self.pg {
            Some(pg) => pg.query(sql).map(drop).map_err(|e| pg_error(&e)),
            None => rusqlite::Connection::open(&self.db)
                .and_then(|conn| conn.execute_batch(sql))
                .map_err(|e| e.to_string()),
        }
    }

    /// Runs SQL with the audit log's append-only triggers out of the way, as a forger with
    /// the store's file or database owner's rights could.
    #[track_caller]
    pub fn tamper(&self, sql: &str) {
        let batch = match &self.pg {
            Some(_) => format!("ALTER TABLE audit_log DISABLE TRIGGER USER; {sql}"),
            None => format!(
                "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; {sql}"
            ),
        };
        self.exec(&batch);
    }

    /// Like [`TestEnv::exec`], past the tables' CHECK constraints (SQLite: ignored for the
    /// connection; PostgreSQL: dropped from the schema), to store rows the CLI never writes.
    #[track_caller]
    pub fn exec_unchecked(&self, sql: &str) {
        match &self.pg {
            Some(_) => self.exec(&format!(
                "DO $$ DECLARE c record; BEGIN
                   FOR c IN SELECT conrelid::regclass AS tbl, conname FROM pg_constraint
                            WHERE contype = 'c' AND connamespace = current_schema()::regnamespace
                   LOOP
                     EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.tbl, c.conname);
                   END LOOP;
                 END $$; {sql}"
            )),
            None => self.exec(&format!("PRAGMA ignore_check_constraints = ON; {sql}")),
        }
    }

    /// One value of a query.
    pub fn sql1(&self, query: &str) -> String {
        self.sql(query)
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().next())
            .unwrap_or_default()
    }

    pub fn audit_count(&self, event: &str) -> usize {
        self.sql1(&format!(
            "SELECT count(*) FROM audit_log WHERE event = '{event}'"
        ))
        .parse()
        .unwrap()
    }

    /// Every row of every table, to show that a refused command changed nothing.
    pub fn snapshot(&self) -> String {
        self.dump(&[
            "orgs",
            "operators",
            "users",
            "settings",
            "sessions",
            "notifications",
            "audit_log",
        ])
    }

    /// Every row of `tables`, in order, as text.
    pub fn dump(&self, tables: &[&str]) -> String {
        if !self.store_exists() {
            return String::new();
        }
        let mut out = String::new();
        for table in tables {
            out.push_str(&format!(
                "{table}: {:?}\n",
                self.sql(&format!("SELECT * FROM {table} ORDER BY 1"))
            ));
        }
        out
    }

    /// Checks the JSON of a passing `audit verify`: `rows` rows in the chains of `orgs` (the
    /// vendor's is ""), each head the last row of its chain in the store.
    #[track_caller]
    pub fn assert_verified(&self, v: &Value, rows: u64, orgs: &[&str]) {
        assert_eq!(v["ok"], true, "{v}");
        assert_eq!(v["rows"], rows, "{v}");
        assert_eq!(v["clock"], "test", "{v}");
        let chains = v["chains"].as_array().cloned().unwrap_or_default();
        let named: Vec<&str> = chains.iter().filter_map(|c| c["org"].as_str()).collect();
        assert_eq!(named, orgs, "{v}");
        for c in &chains {
            let org = c["org"].as_str().unwrap();
            let head = self.sql(&format!(
                "SELECT seq, hash, (SELECT count(*) FROM audit_log WHERE org = '{org}')
                 FROM audit_log WHERE org = '{org}' ORDER BY seq DESC LIMIT 1"
            ));
            assert_eq!(c["head_seq"].to_string(), head[0][0], "{org}: {v}");
            assert_eq!(c["head_hash"], head[0][1].as_str(), "{org}: {v}");
            assert_eq!(c["rows"].to_string(), head[0][2], "{org}: {v}");
        }
    }
}

pub fn to_run(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A PostgreSQL error with the server's message, which `Display` leaves out.
fn pg_error(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{e}: {}", db.message()),
        None => e.to_string(),
    }
}

/// The hash of an audit row (its 12 cells, values as stored) after `prev`, as the README tells
/// an auditor to recompute it: independent of the crate's own code.
pub fn chain_hash(prev: &str, row: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let seq: i64 = row[0].parse().unwrap();
    let mut fields = vec![serde_json::json!(seq)];
    fields.extend(row[1..11].iter().map(|s| serde_json::json!(s)));
    let canonical = serde_json::to_string(&Value::Array(fields)).unwrap();
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(canonical.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` into the test's temp dir and returns the path as a string.
pub fn write_file(env: &TestEnv, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = env.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// The `email` of every record of a JSON list, in order.
pub fn emails(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON array")
        .iter()
        .map(|u| u["email"].as_str().expect("email").to_string())
        .collect()
}
