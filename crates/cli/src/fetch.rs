//! `fairwatch fetch`: the corpus (or the published vendor list) from its publisher into the cache.

use std::path::PathBuf;

use crate::source::*;
use crate::{paths, pipeline};
use anyhow::{Context, Result};
use clap::Args;
use fairwatch_ingest::fetch as ingest_fetch;

#[derive(Args)]
pub(crate) struct FetchArgs {
    /// Fetch the published vendor list (digitalfreedom/data-vendors, at its default branch's commit)
    /// instead of the corpus.
    #[arg(long, conflicts_with = "archive")]
    pub(crate) vendor_list: bool,
    /// Where the archive of the publisher's default branch is downloaded from.
    #[arg(long, default_value = ingest_fetch::CAAT_ARCHIVE_URL)]
    pub(crate) url: String,
    /// Unpack this .tar.gz of the repository instead of downloading.
    #[arg(long, value_name = "FILE", conflicts_with = "url")]
    pub(crate) archive: Option<PathBuf>,
    /// Where to put the corpus. Default: the fairwatch cache folder.
    #[arg(long, value_name = "DIR")]
    pub(crate) dest: Option<PathBuf>,
}

pub(crate) fn run(args: FetchArgs) -> Result<PathBuf> {
    if args.vendor_list {
        let dest = match args.dest {
            Some(dest) => dest,
            None => paths::cache("digitalfreedom-vendors")?,
        };
        return pipeline::fetch_vendor_list(&dest);
    }
    let dest = match args.dest {
        Some(dest) => dest,
        None => paths::corpus_cache()?,
    };
    let fetched = match &args.archive {
        Some(archive) => ingest_fetch::unpack_corpus_file(archive, &dest)?,
        None => {
            let bar = spinner(&format!("downloading {}", args.url));
            let fetched = ingest_fetch::download_corpus(&args.url, &dest);
            bar.finish_and_clear();
            fetched.with_context(|| {
                format!(
                    "no network? Download {} by hand and run `fairwatch fetch --archive FILE`, \
                     or pass a local copy to `fairwatch build --source DIR`",
                    args.url
                )
            })?
        }
    };
    eprintln!("{} fair files in {}", fetched.files, shown(&fetched.dir));
    Ok(fetched.dir)
}
