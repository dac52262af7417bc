//! The command line, as clap derive types: global options, the command tree, one Args struct
//! per command. Doc comments here become `--help`, the man pages and the completions.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// Let administrators impersonate users for a limited time, safely and on the record.
///
/// Every attempt, action and setting change is written to a tamper-evident audit log.
#[derive(Debug, Parser)]
#[command(name = "admin-proxy", version, propagate_version = true)]
#[command(after_help = "Run `admin-proxy demo` for a guided tour on a sample org.")]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// The store file [default: $XDG_DATA_HOME/admin-proxy/admin-proxy.db]
    // An OsString rather than a PathBuf so that an empty ADMIN_PROXY_DB means "unset", as the
    // other variables do, instead of a usage error.
    #[arg(
        long,
        global = true,
        env = "ADMIN_PROXY_DB",
        value_name = "PATH",
        value_hint = clap::ValueHint::FilePath,
        value_parser = clap::value_parser!(std::ffi::OsString)
    )]
    pub db: Option<std::ffi::OsString>,

    /// The org to work in (may be left out when the store holds exactly one)
    #[arg(long, global = true, env = "ADMIN_PROXY_ORG", value_name = "SLUG")]
    pub org: Option<String>,

    /// Who runs the command: an operator, or a user of the org
    #[arg(long, global = true, env = "ADMIN_PROXY_ACTOR", value_name = "EMAIL")]
    pub actor: Option<String>,

    /// How to print results: tables for people; json, jsonl or csv for scripts
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Answer yes to the confirmation prompt (for scripts)
    #[arg(long, short = 'y', global = true)]
    pub yes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people
    Table,
    /// One JSON document (an array for lists)
    Json,
    /// One JSON object per line
    Jsonl,
    /// Comma-separated values with a header
    Csv,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    // -- sessions --
    /// List the users you may impersonate (`list` alone), or sessions
    #[command(args_conflicts_with_subcommands = true)]
    List(ListArgs),
    /// Start impersonating a user
    #[command(after_long_help = START_EXAMPLES)]
    Start(StartArgs),
    /// Show whom you are impersonating and the time left
    Status,
    /// End your impersonation session, or a given one
    Stop(StopArgs),
    /// Record an action taken inside your session
    Act(ActArgs),
    /// Ask another super admin's approval to impersonate a user
    Request(RequestArgs),
    /// Approve another admin's request to impersonate (super admins)
    Approve(ApproveArgs),
    /// Reject another admin's request to impersonate (super admins)
    Reject(RejectArgs),
    /// Housekeeping of sessions, for cron
    #[command(subcommand)]
    Sessions(SessionsCommand),
    /// Deliver the notices owed to impersonated users
    #[command(subcommand)]
    Notifications(NotificationsCommand),

    // -- people --
    /// Import, list and protect the users of an org
    #[command(subcommand)]
    Users(UsersCommand),
    /// Make a user a super admin or an HR admin
    #[command(subcommand)]
    Grant(GrantCommand),
    /// Take a user's admin role away (back to user)
    Revoke(RevokeArgs),

    // -- settings --
    /// Show and change the org's settings
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Create and list orgs
    #[command(subcommand)]
    Org(OrgCommand),
    /// Add vendor operators
    #[command(subcommand)]
    Operator(OperatorCommand),

    // -- audit --
    /// Export and verify the audit log
    #[command(subcommand)]
    Audit(AuditCommand),

    // -- setup --
    /// Create the store (safe to run again)
    Init(InitArgs),
    /// Load a sample org and walk through a session
    Demo,
    /// Print shell completions
    Completions(CompletionsArgs),
    /// Print the man page
    Man,
}

impl Command {
    /// The command as typed, without its arguments (`grant super-admin`), as recorded in the
    /// `details` of `access.denied`.
    pub fn name(&self) -> &'static str {
        match self {
            Command::List(a) => match a.what {
                None | Some(ListCommand::Users(_)) => "list users",
                Some(ListCommand::Sessions(_)) => "list sessions",
                Some(ListCommand::Requests(_)) => "list requests",
            },
            Command::Start(_) => "start",
            Command::Status => "status",
            Command::Stop(_) => "stop",
            Command::Act(_) => "act",
            Command::Request(_) => "request",
            Command::Approve(_) => "approve",
            Command::Reject(_) => "reject",
            Command::Sessions(SessionsCommand::Sweep) => "sessions sweep",
            Command::Notifications(NotificationsCommand::Drain) => "notifications drain",
            Command::Users(UsersCommand::Import(_)) => "users import",
            Command::Users(UsersCommand::List(_)) => "users list",
            Command::Users(UsersCommand::Protect(_)) => "users protect",
            Command::Users(UsersCommand::Unprotect(_)) => "users unprotect",
            Command::Grant(GrantCommand::SuperAdmin(_)) => "grant super-admin",
            Command::Grant(GrantCommand::HrAdmin(_)) => "grant hr-admin",
            Command::Revoke(_) => "revoke",
            Command::Config(ConfigCommand::Show) => "config show",
            Command::Config(ConfigCommand::Get(_)) => "config get",
            Command::Config(ConfigCommand::Set(_)) => "config set",
            Command::Org(OrgCommand::Create(_)) => "org create",
            Command::Org(OrgCommand::List) => "org list",
            Command::Operator(OperatorCommand::Add(_)) => "operator add",
            Command::Audit(AuditCommand::Export(_)) => "audit export",
            Command::Audit(AuditCommand::Tail(_)) => "audit tail",
            Command::Audit(AuditCommand::Review(_)) => "audit review",
            Command::Audit(AuditCommand::Verify(_)) => "audit verify",
            Command::Audit(AuditCommand::Keygen(_)) => "audit keygen",
            Command::Audit(AuditCommand::Checkpoint(_)) => "audit checkpoint",
            Command::Init(_) => "init",
            Command::Demo => "demo",
            Command::Completions(_) => "completions",
            Command::Man => "man",
        }
    }
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Create a test-clock store, which honours ADMIN_PROXY_NOW (for tests and replays); a
    /// store's clock is fixed when it is created
    #[arg(long)]
    pub test_clock: bool,
}

/// The headings under which `--help` lists the commands, in order.
pub const COMMAND_GROUPS: &[(&str, &[&str])] = &[
    (
        "Sessions",
        &[
            "list",
            "start",
            "status",
            "stop",
            "act",
            "request",
            "approve",
            "reject",
            "sessions",
            "notifications",
        ],
    ),
    ("People", &["users", "grant", "revoke"]),
    ("Settings", &["config", "org", "operator"]),
    ("Audit", &["audit"]),
    ("Setup", &["init", "demo", "completions", "man"]),
];

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(subcommand)]
    pub what: Option<ListCommand>,

    #[command(flatten)]
    pub users: ListUsersArgs,
}

#[derive(Debug, Subcommand)]
pub enum ListCommand {
    /// The users you may impersonate, by name
    Users(ListUsersArgs),
    /// Impersonation sessions and how each ended
    Sessions(ListSessionsArgs),
    /// Requests to impersonate and their decisions
    Requests(ListRequestsArgs),
}

#[derive(Debug, Args, Clone, Default)]
pub struct ListUsersArgs {
    /// Only users whose name or email contains TEXT (any case, any script)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,

    /// Show at most N users
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
}

#[derive(Debug, Args)]
pub struct ListSessionsArgs {
    /// Only sessions that have not ended
    #[arg(long)]
    pub active: bool,
}

#[derive(Debug, Args)]
pub struct ListRequestsArgs {
    /// Only requests still waiting for a decision
    #[arg(long)]
    pub pending: bool,
}

const REQUEST_EXAMPLES: &str =
    "When the org's approval-required setting covers the user, `start` needs an
approved request: another active super admin of the org approves it, and the
approval is good for one start within 1 hour. A pending request lapses after
24 hours.

Examples:
  admin-proxy --actor ada@acme.com request sam@acme.com --reason 'ticket 4521'
  admin-proxy --actor sam@acme.com list requests --pending
  admin-proxy --actor sam@acme.com approve r_0123456789abcdef
  admin-proxy --actor ada@acme.com --yes start sam@acme.com --reason 'ticket 4521'";

#[derive(Debug, Args)]
#[command(after_long_help = REQUEST_EXAMPLES)]
pub struct RequestArgs {
    /// The email of the user to impersonate
    pub email: String,

    /// Why (always required: the super admin who decides reads it)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The request's id (from `list requests` or the notice)
    pub id: String,
}

#[derive(Debug, Args)]
pub struct RejectArgs {
    /// The request's id (from `list requests` or the notice)
    pub id: String,

    /// Why, for the record
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

const START_EXAMPLES: &str = "Examples:
  admin-proxy --actor hal@acme.com start fay@acme.com
  admin-proxy --actor hal@acme.com --yes start fay@acme.com --reason 'ticket 4521'
  admin-proxy --actor hal@acme.com --format json --yes start fay@acme.com";

#[derive(Debug, Args)]
pub struct StartArgs {
    /// The email of the user to impersonate
    pub email: String,

    /// Why (required when the org's require-reason is on)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct StopArgs {
    /// End this session instead of your own (its actor, a super admin or an operator)
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,
}

#[derive(Debug, Args)]
pub struct ActArgs {
    /// What was done, e.g. report.generate or profile.update
    pub action: String,

    /// The action changes the user's data (the user is notified)
    #[arg(long)]
    pub change: bool,

    /// More about the action, as a JSON object
    #[arg(long, value_name = "JSON")]
    pub detail: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// End every overdue session and report how many (for cron)
    Sweep,
}

#[derive(Debug, Subcommand)]
pub enum NotificationsCommand {
    /// Print pending notifications as JSON lines and mark them delivered
    Drain,
}

const IMPORT_EXAMPLES: &str =
    "The header names the columns, in any order: email and name are required;
groups, first_login_at, status, role, hr_scope and protected are optional. A
column left out keeps the stored values; an empty cell clears the field or sets
its default. Groups and hr_scope are separated by ';', hr_scope '*' is the whole
org. protected is true or false: a protected user is never impersonated.

Examples:
  admin-proxy --actor pa@vendor.com --org acme users import people.csv --dry-run
  admin-proxy --actor pa@vendor.com --org acme users import people.csv

  email,name,groups,first_login_at,status,role,hr_scope
  ann@acme.com,Ann Lee,Finance;London,2026-01-10T09:00:00Z,active,hr_admin,Finance";

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Create or update users from a CSV file (all or nothing)
    #[command(after_long_help = IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// List every user of the org
    List(UsersListArgs),
    /// Protect a user: nobody may impersonate them (ends the sessions that do)
    Protect(UserEmailArgs),
    /// Let a protected user be impersonated again, by the usual rules
    Unprotect(UserEmailArgs),
}

#[derive(Debug, Args)]
pub struct UserEmailArgs {
    /// The user's email
    pub email: String,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV file
    pub file: PathBuf,

    /// Check the file and report what would change, without writing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct UsersListArgs {
    /// Only users whose name or email contains TEXT (any case, any script)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum GrantCommand {
    /// Make a user a super admin
    SuperAdmin(GrantSuperAdminArgs),
    /// Make a user an HR admin over some groups, or the whole org
    HrAdmin(GrantHrAdminArgs),
}

#[derive(Debug, Args)]
pub struct GrantSuperAdminArgs {
    /// The user's email
    pub email: String,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("reach").required(true).args(["scope", "all_groups"])))]
pub struct GrantHrAdminArgs {
    /// The user's email
    pub email: String,

    /// The groups the HR admin may reach (repeat, or separate with ';')
    #[arg(long, value_name = "GROUP", num_args = 1..)]
    pub scope: Vec<String>,

    /// The HR admin may reach the whole org
    #[arg(long)]
    pub all_groups: bool,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// The user's email
    pub email: String,
}

const CONFIG_SET_EXAMPLES: &str = "Settings:
  session-timeout              1h to 24h, e.g. 90m, 4h30m (operators)
  super-admin-only             true/false (operators); on ends HR admins' sessions
  impersonation-notifications  true/false (operators, super admins)
  require-reason               true/false (operators, super admins)
  impersonation                true/false (operators); off ends every session
  impersonation-receipts       true/false (operators, super admins); a receipt
                               for the user when a session ends
  approval-required            off, super-admins or all (operators): whose
                               impersonation needs another super admin's approval

Examples:
  admin-proxy --actor pa@vendor.com config set session-timeout 4h30m
  admin-proxy --actor ada@acme.com config set require-reason on";

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show every setting of the org
    Show,
    /// Print one setting's value
    Get(ConfigGetArgs),
    /// Change one setting
    #[command(after_long_help = CONFIG_SET_EXAMPLES)]
    Set(ConfigSetArgs),
}

#[derive(Debug, Args)]
pub struct ConfigGetArgs {
    /// session-timeout, super-admin-only, impersonation-notifications, require-reason,
    /// impersonation, impersonation-receipts or approval-required
    pub key: String,
}

#[derive(Debug, Args)]
pub struct ConfigSetArgs {
    /// session-timeout, super-admin-only, impersonation-notifications, require-reason,
    /// impersonation, impersonation-receipts or approval-required
    pub key: String,
    /// The new value: a duration such as 4h30m, true/false (on/off, yes/no), or off,
    /// super-admins, all
    // A value such as `-1h` is taken as the value, so that it is refused naming the range.
    #[arg(allow_hyphen_values = true)]
    pub value: String,
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Create an org (operators)
    Create(OrgCreateArgs),
    /// List orgs (operators see all, others their own)
    List,
}

#[derive(Debug, Args)]
pub struct OrgCreateArgs {
    /// A short name: lower-case letters, digits and -, e.g. acme
    pub slug: String,

    /// The org's display name
    #[arg(long)]
    pub name: String,
}

#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Add an operator (the first needs no actor, later ones an operator)
    Add(OperatorAddArgs),
}

#[derive(Debug, Args)]
pub struct OperatorAddArgs {
    /// The operator's email
    pub email: String,

    /// The operator's role
    #[arg(long, value_enum)]
    pub role: OperatorRoleArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OperatorRoleArg {
    ProgramArchitect,
    CustomerSuccessManager,
}

const EXPORT_EXAMPLES: &str = "Examples:
  admin-proxy --actor ada@acme.com audit export > audit.csv
  admin-proxy --actor ada@acme.com audit export --since 2026-06-01 --until 2026-07-01 --output june.csv
  admin-proxy --actor ada@acme.com audit export --event 'impersonation.*' --by hal@acme.com
  admin-proxy --actor pa@vendor.com audit export --all-orgs --format jsonl | gzip > all.jsonl.gz";

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Stream audit rows as CSV (or JSON lines with --format jsonl)
    #[command(after_long_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Print the rows committed after a seq as JSON lines, and with --follow as they come
    #[command(after_long_help = TAIL_EXAMPLES)]
    Tail(TailArgs),
    /// Per admin who held a role in a period: role, grant, sessions, time, denials, approvals
    #[command(after_long_help = REVIEW_EXAMPLES)]
    Review(ReviewArgs),
    /// Check every row against its hash chain, in the store or in an export
    #[command(after_long_help = VERIFY_EXAMPLES)]
    Verify(VerifyArgs),
    /// Make an Ed25519 key pair to sign checkpoints (no store, no actor)
    Keygen(KeygenArgs),
    /// Print each chain's head as a signed note, to be kept off the store's host
    #[command(after_long_help = CHECKPOINT_EXAMPLES)]
    Checkpoint(CheckpointArgs),
}

const TAIL_EXAMPLES: &str =
    "Rows come in seq order, which is commit order, each exactly once: resume
after the last seq seen with --after. With --follow the store is read again at
most once a second; it ends quietly (exit 0) on Ctrl-C, SIGTERM or a closed pipe.

Examples:
  admin-proxy --actor ada@acme.com audit tail --after 1200
  admin-proxy --actor ada@acme.com audit tail --follow --event 'impersonation.*'
  admin-proxy --actor pa@vendor.com --org acme audit tail --follow | my-siem-forwarder";

#[derive(Debug, Args)]
pub struct TailArgs {
    /// Only rows after this seq (exclusive) [default: every row]
    #[arg(long, value_name = "SEQ", value_parser = clap::value_parser!(i64).range(0..))]
    pub after: Option<i64>,

    /// Only this event (repeatable); `impersonation.*` for a family
    #[arg(long, value_name = "NAME")]
    pub event: Vec<String>,

    /// Keep printing rows as they are committed, until interrupted
    #[arg(long, short = 'f')]
    pub follow: bool,
}

const REVIEW_EXAMPLES: &str =
    "One row per admin who held a role in the period: the current role and
scope, when and by whom it was last granted, sessions started, distinct users
impersonated, impersonation time, denials, requests approved for others and the
last session. Read in one pass over the audit log; --format csv or json for
scripts.

Examples:
  admin-proxy --actor ada@acme.com audit review --since 2026-04-01 --until 2026-07-01
  admin-proxy --actor pa@vendor.com --org acme --format csv audit review > q2.csv";

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The period's start (RFC 3339, or YYYY-MM-DD for midnight UTC) [default: the log's
    /// start]
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// The period's end, exclusive (RFC 3339, or YYYY-MM-DD for midnight UTC) [default: now]
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
}

const VERIFY_EXAMPLES: &str =
    "A head is printed by `audit verify` and recorded by each export; a checkpoint
is printed by `audit checkpoint`. Kept off the store's host, either shows a chain
that was cut or rewritten since it was taken.

Examples:
  admin-proxy --actor ada@acme.com audit verify
  admin-proxy audit verify --file acme.csv
  admin-proxy audit verify --file june.csv --against acme.csv
  admin-proxy audit verify --file acme.jsonl --head acme=42:3f5c0e…
  admin-proxy --actor ada@acme.com audit verify --checkpoint acme.note --public-key checkpoint.pub";

const CHECKPOINT_EXAMPLES: &str = "Each note is a C2SP signed note (a tlog checkpoint): the origin
admin-proxy/<store id>/<org or vendor>, the chain's row count, its head hash in
base64, then the signature. Check one later with
`audit verify --checkpoint FILE --public-key KEY`.

Examples:
  admin-proxy audit keygen
  admin-proxy --actor ada@acme.com audit checkpoint > acme-$(date +%F).note";

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Check this export (JSON lines or CSV, told from its first bytes) instead of the store;
    /// needs no store and no actor
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub file: Option<PathBuf>,

    /// FILE is a filtered export: check this full export instead, and that every row of FILE
    /// is in it, field for field
    #[arg(long, value_name = "FULL", requires = "file", value_hint = clap::ValueHint::FilePath)]
    pub against: Option<PathBuf>,

    /// A head kept earlier (repeatable): the chain must still hold row SEQ with hash HASH;
    /// ORG empty or (vendor) for the vendor's chain
    #[arg(long, value_name = "ORG=SEQ:HASH")]
    pub head: Vec<String>,

    /// Signed checkpoints kept earlier (from `audit checkpoint`): each chain must extend them
    #[arg(long, value_name = "FILE", requires = "public_key", value_hint = clap::ValueHint::FilePath)]
    pub checkpoint: Option<PathBuf>,

    /// The public key the checkpoints were signed with: the key itself, or its file
    #[arg(long, value_name = "KEY", requires = "checkpoint")]
    pub public_key: Option<String>,
}

#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write checkpoint.key and checkpoint.pub [default:
    /// $XDG_CONFIG_HOME/admin-proxy, or ~/.config/admin-proxy]
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckpointArgs {
    /// The private key to sign with [default: checkpoint.key in $XDG_CONFIG_HOME/admin-proxy,
    /// or ~/.config/admin-proxy]
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub key: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Rows at or after this time (RFC 3339, or YYYY-MM-DD for midnight UTC)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// Rows before this time (RFC 3339, or YYYY-MM-DD for midnight UTC)
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,

    /// Only this event (repeatable); `impersonation.*` for a family
    #[arg(long, value_name = "NAME")]
    pub event: Vec<String>,

    /// Only rows whose actor is EMAIL
    #[arg(long, value_name = "EMAIL")]
    pub by: Option<String>,

    /// Only rows whose target is EMAIL
    #[arg(long, value_name = "EMAIL")]
    pub target: Option<String>,

    /// Only rows after this seq (exclusive): resume after the last row already seen
    #[arg(long, value_name = "SEQ", value_parser = clap::value_parser!(i64).range(0..))]
    pub after: Option<i64>,

    /// Write to FILE (complete or not at all) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Every org's rows and the vendor's (operators)
    #[arg(long)]
    pub all_orgs: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The full clap command, with the grouped command list in `--help`.
pub fn command() -> clap::Command {
    let cmd = Cli::command();
    let mut listing = String::new();
    for (heading, names) in COMMAND_GROUPS {
        listing.push_str(&format!("{heading}:\n"));
        for name in *names {
            if let Some(sub) = cmd.find_subcommand(name) {
                let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
                listing.push_str(&format!("  {name:<15} {about}\n"));
            }
        }
        listing.push('\n');
    }
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{listing}Options:\n{{options}}{{after-help}}"
    );
    cmd.help_template(template)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_tree_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn every_command_is_in_a_help_group() {
        let cmd = Cli::command();
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            assert!(
                COMMAND_GROUPS
                    .iter()
                    .any(|(_, names)| names.contains(&name)),
                "{name} is in no group of --help"
            );
        }
    }
}
