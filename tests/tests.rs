//! The integration tests: one binary, split by topic (ripgrep's layout). Each test gets a fresh
//! store in a temp dir and runs the real `admin-proxy` binary against it.

// Test helpers outside #[test] functions may unwrap: a failure there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod approvals;
mod audit;
mod bulk;
mod cmd;
mod delivery;
mod evidence;
mod foundation;
mod generated;
mod hardening;
mod identity;
mod newcomer;
mod policy_props;
mod records;
mod reliability;
mod rules;
mod search;
mod sessions;
mod support;
mod terminal;
mod user_side;
