//! The proliferation rating: where a flagged firm marketed outside its home country, and whether
//! that includes NATO members, states on the adversary list and other autocracies.

use crate::rules::Confidence;
use crate::{Market, Rating, RatingLevel};

/// Rates where a flagged firm marketed, counting only fairs outside its home country; `fair_name`
/// names a fair edition in the explanation.
pub(crate) fn rate<'a>(
    fair_name: &dyn Fn(usize) -> &'a str,
    markets: &[Market],
    home: Option<&str>,
    confidence: Confidence,
) -> Rating {
    let abroad: Vec<usize> = (0..markets.len())
        .filter(|&m| markets[m].host.as_deref().is_some_and(|h| Some(h) != home))
        .collect();
    let pick = |keep: &dyn Fn(&Market) -> bool| -> Vec<usize> {
        abroad.iter().copied().filter(|&m| keep(&markets[m])).collect()
    };
    let nato_markets = pick(&|m| m.nato);
    let adversary_markets = pick(&|m| m.adversary);
    let autocracy_markets = pick(&|m| !m.adversary && !m.nato && m.autocracy());
    let unknown_regime_markets = pick(&|m| !m.adversary && !m.nato && m.regime.is_none());
    let level = match (
        !nato_markets.is_empty(),
        !adversary_markets.is_empty(),
        !autocracy_markets.is_empty(),
    ) {
        (true, true, _) => RatingLevel::IrresponsibleProliferator,
        (false, true, _) => RatingLevel::Adversaries,
        (true, false, true) => RatingLevel::NatoAndAutocracies,
        (false, false, true) => RatingLevel::Autocracies,
        _ if !unknown_regime_markets.is_empty() => RatingLevel::Unrated,
        _ => RatingLevel::NoConcern,
    };
    let list = |ms: &[usize]| -> String {
        let names: Vec<String> = ms.iter().map(|&m| describe(fair_name, &markets[m])).collect();
        const SHOWN: usize = 6;
        if names.len() > SHOWN {
            format!("{} and {} more", names[..SHOWN].join(", "), names.len() - SHOWN)
        } else {
            names.join(", ")
        }
    };
    let mut parts = vec![format!(
        "Flagged for interception/intrusion with {} confidence.",
        confidence.as_str()
    )];
    if !nato_markets.is_empty() {
        parts.push(format!(
            "Exhibited in NATO member states at {} fair(s): {}.",
            nato_markets.len(),
            list(&nato_markets)
        ));
    }
    if !adversary_markets.is_empty() {
        parts.push(format!(
            "Exhibited in states on the adversary list at {} fair(s): {}.",
            adversary_markets.len(),
            list(&adversary_markets)
        ));
    }
    if !autocracy_markets.is_empty() {
        parts.push(format!(
            "Exhibited in other autocracies (Regimes of the World) at {} fair(s): {}.",
            autocracy_markets.len(),
            list(&autocracy_markets)
        ));
    }
    if !unknown_regime_markets.is_empty() {
        parts.push(format!(
            "{} fair(s) abroad are in countries whose regime type fairwatch has not classified: {}.",
            unknown_regime_markets.len(),
            list(&unknown_regime_markets)
        ));
    }
    if abroad.is_empty() {
        parts.push("No fair outside its home country in scope.".into());
    }
    Rating {
        level,
        explanation: parts.join(" "),
        nato_markets,
        adversary_markets,
        autocracy_markets,
        unknown_regime_markets,
    }
}

/// "Milipol Qatar 2012 (QA)".
fn describe<'a>(fair_name: &dyn Fn(usize) -> &'a str, market: &Market) -> String {
    let name = fair_name(market.fair);
    match &market.host {
        Some(h) => format!("{name} ({h})"),
        None => name.to_owned(),
    }
}
