//! `fairwatch serve`: the web pages and JSON API on a built database (read-only).

use std::net::SocketAddr;

use anyhow::{Context, Result};
use clap::Args;

use crate::source::DbArg;

/// The address served when none is given: this machine only.
pub const DEFAULT_BIND: &str = "127.0.0.1:8417";

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: DbArg,
    /// Address and port to listen on (port 0 picks a free one).
    #[arg(long, value_name = "ADDR", default_value = DEFAULT_BIND)]
    bind: SocketAddr,
}

pub fn run(args: ServeArgs) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(fairwatch_serve::run(&args.db.db, args.bind, |addr| {
        // Printed on standard output, so scripts and tests can read where it listens.
        println!(
            "fairwatch serves {} at http://{addr}/",
            crate::source::shown(&args.db.db)
        );
    }))?;
    Ok(())
}
