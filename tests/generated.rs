//! The man pages and completions checked in under `man/` and `completions/` must be what the
//! clap definitions generate today. Regenerate with:
//! `UPDATE_GENERATED=1 cargo test --test tests generated`

use std::path::{Path, PathBuf};

use admin_proxy::commands::docs;
use clap_complete::Shell;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compares (or, with UPDATE_GENERATED=1, writes) each generated file; returns the stale ones.
fn check(dir: &Path, files: Vec<(String, Vec<u8>)>) -> Vec<String> {
    let update = std::env::var_os("UPDATE_GENERATED").is_some();
    let mut stale = Vec::new();
    if update {
        std::fs::create_dir_all(dir).unwrap();
    }
    for (name, wanted) in &files {
        let path = dir.join(name);
        if std::fs::read(&path).ok().as_ref() != Some(wanted) {
            if update {
                std::fs::write(&path, wanted).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    // A checked-in file that is no longer generated is stale too.
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !files.iter().any(|(n, _)| *n == name) {
            if update {
                std::fs::remove_file(entry.path()).unwrap();
            } else {
                stale.push(format!("{} (no longer generated)", entry.path().display()));
            }
        }
    }
    stale
}

#[test]
fn man_pages_are_fresh() {
    let pages = docs::render_all_man_pages().unwrap();
    let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
    for expected in [
        "admin-proxy.1",
        "admin-proxy-start.1",
        "admin-proxy-sessions-sweep.1",
        "admin-proxy-audit-export.1",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    let stale = check(&root().join("man"), pages);
    assert!(
        stale.is_empty(),
        "stale man pages (run UPDATE_GENERATED=1 cargo test --test tests generated): {stale:?}"
    );
}

#[test]
fn completions_are_fresh() {
    let files: Vec<(String, Vec<u8>)> = [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ]
    .into_iter()
    .map(|s| (docs::completion_file_name(s), docs::render_completions(s)))
    .collect();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "admin-proxy.bash",
            "_admin-proxy",
            "admin-proxy.fish",
            "admin-proxy.elv",
            "_admin-proxy.ps1"
        ]
    );
    let stale = check(&root().join("completions"), files);
    assert!(
        stale.is_empty(),
        "stale completions (run UPDATE_GENERATED=1 cargo test --test tests generated): {stale:?}"
    );
}

#[test]
fn the_binary_prints_what_is_checked_in() {
    let env = crate::support::TestEnv::new();
    let man = env.run(&["man"]).ok();
    assert_eq!(
        man.stdout.as_bytes(),
        std::fs::read(root().join("man/admin-proxy.1")).unwrap()
    );
    let bash = env.run(&["completions", "bash"]).ok();
    assert_eq!(
        bash.stdout.as_bytes(),
        std::fs::read(root().join("completions/admin-proxy.bash")).unwrap()
    );
    // Neither needs a store.
    assert!(!env.db.exists());
}
