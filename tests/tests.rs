//! The integration tests: one binary, split by topic (ripgrep's layout). Each test gets a fresh
//! store in a temp dir and runs the real `admin-proxy` binary against it.

mod support;
mod audit;
mod generated;
mod cmd;
mod sessions;
mod policy_props;
