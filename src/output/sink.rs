//! Stdout as a stream that says when a write failed, for output whose delivery is recorded
//! (exports, notices). The standard handle cannot: with stdout closed (`>&-`) the process
//! starts with `/dev/null` in its place, or its writes are dropped without a word.

use std::fs::File;
use std::io;

use crate::error::{Error, Result};

/// Stdout as a file of its own. Refused when stdout is closed, or is `/dev/null`: nothing
/// written there reaches a reader, so nothing may be recorded as delivered.
pub fn reader_stdout() -> Result<File> {
    use std::os::fd::AsFd;
    let closed = |detail: &str| {
        Error::io(
            "stdout is closed or is /dev/null, so nothing would reach a reader",
            io::Error::other(format!(
                "{detail}; nothing was written or recorded: redirect stdout to a file or a pipe"
            )),
        )
    };
    let fd = io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|e| closed(&e.to_string()))?;
    let file = File::from(fd);
    if is_dev_null(&file) {
        return Err(closed("stdout is /dev/null"));
    }
    Ok(file)
}

/// Whether the reader of `file` went away (a pipe whose other end is closed), without
/// writing to it: a follower that has nothing to print notices that it is no longer read.
#[cfg(unix)]
pub fn reader_gone(file: &File) -> bool {
    use std::os::fd::AsRawFd;
    let mut fds = libc::pollfd {
        fd: file.as_raw_fd(),
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, for a descriptor `file` keeps open; a zero timeout.
    let n = unsafe { libc::poll(&mut fds, 1, 0) };
    n > 0 && fds.revents & (libc::POLLERR | libc::POLLHUP) != 0
}

#[cfg(not(unix))]
pub fn reader_gone(_file: &File) -> bool {
    false
}

#[cfg(unix)]
fn is_dev_null(file: &File) -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let (Ok(out), Ok(null)) = (file.metadata(), std::fs::metadata("/dev/null")) else {
        return false;
    };
    out.file_type().is_char_device() && out.rdev() == null.rdev()
}

#[cfg(not(unix))]
fn is_dev_null(_file: &File) -> bool {
    false
}
