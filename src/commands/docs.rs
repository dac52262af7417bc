//! `man` and `completions`: generated from the clap definitions, also checked in under
//! `man/` and `completions/` (a test keeps those fresh).

use clap_complete::{Generator, Shell};

use crate::cli;
use crate::commands::Answer;
use crate::error::{Error, Result};
use crate::output;

/// The man page of the top command, as roff.
pub fn render_man() -> Result<Vec<u8>> {
    render_man_of(cli::command())
}

fn render_man_of(cmd: clap::Command) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| Error::io("cannot render the man page", e))?;
    Ok(out)
}

/// Every man page: `admin-proxy.1` and one per subcommand, nested ones included
/// (`admin-proxy-sessions-sweep.1`), as (file name, roff).
pub fn render_all_man_pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut root = cli::command();
    root.build();
    let mut pages = vec![("admin-proxy.1".to_string(), render_man_of(root.clone())?)];
    collect_pages(&root, "admin-proxy", &mut pages)?;
    Ok(pages)
}

fn collect_pages(
    cmd: &clap::Command,
    prefix: &str,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> Result<()> {
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let name = format!("{prefix}-{}", sub.get_name());
        let page = sub.clone().name(name.clone()).display_name(name.clone());
        pages.push((format!("{name}.1"), render_man_of(page)?));
        collect_pages(sub, &name, pages)?;
    }
    Ok(())
}

/// Completions for `shell`, as clap_complete names and writes them.
pub fn render_completions(shell: Shell) -> Vec<u8> {
    let mut cmd = cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "admin-proxy", &mut out);
    out
}

/// The file name clap_complete gives the completions of `shell`.
pub fn completion_file_name(shell: Shell) -> String {
    shell.file_name("admin-proxy")
}

pub fn man() -> Result<Answer> {
    output::write_stdout(&render_man()?)?;
    Ok(Answer::Streamed)
}

pub fn completions(shell: Shell) -> Result<Answer> {
    output::write_stdout(&render_completions(shell))?;
    Ok(Answer::Streamed)
}
