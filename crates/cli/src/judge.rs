//! `fairwatch judge`: records a human judgement in the judgements file.

use crate::paths;
use crate::source::*;
use anyhow::{bail, Context, Result};
use clap::Args;
use fairwatch_resolve::judgements::{self, Judgement, Verdict};

#[derive(Args)]
pub(crate) struct JudgeArgs {
    /// A name as it appears in the data.
    pub(crate) left: String,
    /// The other name.
    pub(crate) right: String,
    /// same, not-same or unsure (one legal entity or not); same-group or not-same-group (one
    /// corporate group or not).
    pub(crate) verdict: Verdict,
    /// Why (a source, a reason).
    #[arg(long, default_value = "")]
    pub(crate) note: String,
    /// Who decided.
    #[arg(long, env = "USER", default_value = "unknown")]
    pub(crate) author: String,
    #[command(flatten)]
    pub(crate) judgements: JudgementsArg,
}

pub(crate) fn run(args: JudgeArgs) -> Result<()> {
    let judgement = Judgement {
        left: args.left,
        right: args.right,
        verdict: args.verdict,
        author: args.author,
        date: paths::utc_now()[..10].to_owned(),
        note: args.note,
    };
    if let Some(key) = judgement.unenforceable_key() {
        bail!(
            "{:?} and {:?} both read as the company name {key:?}, so they cannot be kept apart; \
             judge a pair of names that differ after normalisation",
            judgement.left,
            judgement.right
        );
    }
    judgements::append(args.judgements.path(), &judgement)
        .with_context(|| format!("writing {}", args.judgements.path().display()))?;
    eprintln!(
        "recorded in {}; applied on the next `fairwatch build`",
        crate::source::shown(args.judgements.path())
    );
    Ok(())
}
