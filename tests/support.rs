//! A fresh store in a temp dir per test, and helpers to run the real binary against it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

/// The instant every test starts at, unless it says otherwise.
pub const T0: &str = "2026-06-01T12:00:00Z";
pub const OPERATOR: &str = "pa@vendor.test";

/// The sample test org `acme` (fixtures/acme.csv): super admins ada and sam, HR admins hal
/// (scope Finance) and hana (whole org), users fay (Finance), zoe "Zoë Quintero"
/// (Finance;London), ola (Operations), nia (Finance, never logged in), dex (Finance,
/// deactivated).
pub fn acme_csv() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/acme.csv")
}

pub struct TestEnv {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub now: String,
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

impl TestEnv {
    /// An empty store (not created until the first command).
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        TestEnv {
            dir,
            db,
            now: T0.to_string(),
        }
    }

    /// A store with the operator pa@vendor.test and the org acme loaded from fixtures/acme.csv.
    pub fn acme() -> TestEnv {
        let env = TestEnv::new();
        env.run(&["operator", "add", OPERATOR, "--role", "program-architect"])
            .ok();
        env.run(&[
            "--actor", OPERATOR, "org", "create", "acme", "--name", "Acme",
        ])
        .ok();
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
            .arg(&self.db)
            .stdin(std::process::Stdio::null());
        c
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

    /// Rows of a query on the store, every value as text.
    pub fn sql(&self, query: &str) -> Vec<Vec<String>> {
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
        if !self.db.exists() {
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
