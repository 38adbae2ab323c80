//! A build stopped by Ctrl-C, SIGTERM or SIGHUP removes its staging file (and SQLite's journal beside
//! it) before it exits, so it never outlives the build; the previous database is untouched, as the
//! staging file is renamed over it only when complete. A build killed outright (SIGKILL, power loss)
//! cannot clean up: the next build into the same path removes what it left (crates/store).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

static STAGING: Mutex<Option<PathBuf>> = Mutex::new(None);

/// From now on, a terminating signal removes `staging` and exits with status 130.
pub fn remove_on_signal(staging: &Path) {
    *STAGING.lock().unwrap_or_else(|p| p.into_inner()) = Some(staging.to_path_buf());
    static HANDLER: Once = Once::new();
    HANDLER.call_once(|| {
        let installed = ctrlc::set_handler(|| {
            let staging = STAGING.lock().unwrap_or_else(|p| p.into_inner()).take();
            if let Some(staging) = staging {
                for suffix in ["", "-journal", "-wal", "-shm"] {
                    let mut path = staging.clone().into_os_string();
                    path.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(path));
                }
                eprintln!(
                    "stopped: removed {}; the previous database is unchanged",
                    crate::source::shown(&staging)
                );
            }
            std::process::exit(130);
        });
        if let Err(e) = installed {
            eprintln!(
                "warning: a stopped build will leave its staging file for the next build to remove ({e})"
            );
        }
    });
}

/// The build is committed: a signal from now on has nothing to remove.
pub fn committed() {
    STAGING.lock().unwrap_or_else(|p| p.into_inner()).take();
}
