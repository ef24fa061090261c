//! The transfer of a dossier to a successor care provider (an `overdracht` request): whether
//! it may go by a channel, whether the client's consent came in the form the reglement asks,
//! and what happens to the organisation's own data after the transfer of care.
//!
//! The law beneath it:
//!
//! - **The original stays** unless the reglement says otherwise: the right to have data
//!   transmitted "laat artikel 17 onverlet" (art. 20 lid 3 AVG), so a transfer is no erasure;
//!   and the dossier is kept for twenty years (art. 7:454 lid 3 BW; art. 7.3.8 Jeugdwet).
//! - **After a transfer of care** a reglement may erase what it holds (BG wonen and Rondomzorg
//!   3.9: "Na overdracht wist de organisatie alle gegevens en informeert de nieuwe organisatie
//!   hierover"). Before its term ends the dossier goes only at the client's request (art.
//!   7:455 lid 1 BW, art. 7.3.9 Jeugdwet): the client's consent to a transfer the reglement
//!   announces as followed by erasure is read as that request, and each category is then
//!   decided as any erasure ([`super::erasure_decision`]): what the law keeps (the fiscal seven
//!   years, another's substantial interest, a legal hold) stays, with its ground.
//! - **The channel** is the organisation's procedure for a safe handover (art. 32 AVG): one the
//!   reglement does not allow is refused, citing its article.

use serde::Serialize;

use crate::i18n::Lang;
use crate::reglement::Reglement;
use crate::vocabulary::{AfterTransfer, Channel, ConsentForm, TransferChannel};

/// Where the reglement is silent on what follows a transfer.
pub const TRANSFER_KEEPS_ORIGINAL: &str = "AVG art. 20 lid 3; art. 7:454 lid 3 BW";
/// The erasure after a transfer of care, on the client's request.
pub const ERASURE_AFTER_TRANSFER: &str = "art. 7:455 lid 1 BW; AVG art. 17 lid 1";

/// The reglement's answer on one transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransferAnswer {
    /// The transfer may go by the channel named, with the consent as it came.
    pub allowed: bool,
    /// Why not, in the language asked; empty when allowed.
    pub reason: String,
    /// The channels the reglement allows.
    pub channels: Vec<TransferChannel>,
    /// What follows the transfer: the original kept, or the organisation's data erased.
    pub after: AfterTransfer,
    /// The successor is told of the erasure.
    pub inform_recipient: bool,
    /// The reglement's article and the law the answer rests on.
    pub articles: Vec<String>,
}

/// Decides a transfer by `channel` of a request that came in by `filed_by`.
pub fn transfer(
    reglement: &Reglement,
    channel: TransferChannel,
    filed_by: Channel,
    lang: Lang,
) -> TransferAnswer {
    let rule = reglement.file.transfer.as_ref();
    let channels = transfer_channels(reglement);
    let after = rule.map_or(AfterTransfer::Bewaren, |r| *r.after.get_ref());
    let mut articles = Vec::new();
    if let Some(r) = rule {
        articles.push(r.article.get_ref().clone());
    }
    articles.push(match after {
        AfterTransfer::Bewaren => TRANSFER_KEEPS_ORIGINAL.to_owned(),
        AfterTransfer::Wissen => ERASURE_AFTER_TRANSFER.to_owned(),
    });
    let consent = rule.and_then(|r| r.consent.as_ref()).map(|c| *c.get_ref());
    let article = rule.map(|r| r.article.get_ref().as_str()).unwrap_or("");
    let reason = if !channels.contains(&channel) {
        let allowed: Vec<&str> = channels.iter().map(|c| c.label(lang)).collect();
        crate::t!(
            lang,
            "transfer-refused-channel",
            channel = channel.label(lang),
            channels = &allowed.join(", "),
            article = article
        )
    } else if consent == Some(ConsentForm::Schriftelijk) && !in_writing(filed_by) {
        crate::t!(
            lang,
            "transfer-refused-consent-in-writing",
            channel = filed_by.label(lang),
            article = article
        )
    } else {
        String::new()
    };
    TransferAnswer {
        allowed: reason.is_empty(),
        reason,
        channels,
        after,
        inform_recipient: rule
            .and_then(|r| r.inform_recipient.as_ref())
            .is_some_and(|b| *b.get_ref()),
        articles,
    }
}

/// The channels the reglement allows a transfer to take: all of them where it is silent.
pub fn transfer_channels(reglement: &Reglement) -> Vec<TransferChannel> {
    reglement
        .file
        .transfer
        .as_ref()
        .and_then(|r| r.channels.as_ref())
        .map(|c| c.get_ref().clone())
        .unwrap_or_else(|| TransferChannel::ALL.to_vec())
}

/// A request that came in writing carries the client's written consent.
fn in_writing(filed_by: Channel) -> bool {
    matches!(
        filed_by,
        Channel::Schriftelijk | Channel::Email | Channel::Portaal
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BG wonen's reglement with its `[overdracht]` replaced by `transfer`.
    fn reglement(transfer: &str) -> Reglement {
        let bg = include_str!("../../../../reglementen/bg-wonen.toml");
        let start = bg
            .find("\n[overdracht]\n")
            .expect("BG wonen has [overdracht]")
            + 1;
        let end = start + bg[start..].find("\n\n").expect("a blank line after it");
        let source = format!("{}{transfer}{}", &bg[..start], &bg[end..]);
        Reglement::load("bg-wonen.toml", &source, Lang::En).expect("reglement")
    }

    #[test]
    fn silent_reglement_allows_every_channel_and_keeps_the_original() {
        let r = reglement("");
        let a = transfer(
            &r,
            TransferChannel::Aangetekend,
            Channel::Mondeling,
            Lang::En,
        );
        assert!(a.allowed, "{}", a.reason);
        assert_eq!(a.channels.len(), 3);
        assert_eq!(a.after, AfterTransfer::Bewaren);
        assert!(!a.inform_recipient);
        assert_eq!(a.articles, vec![TRANSFER_KEEPS_ORIGINAL.to_owned()]);
    }

    #[test]
    fn a_channel_the_reglement_leaves_out_is_refused_citing_it() {
        let r = reglement(
            "[overdracht]\nkanalen = [\"persoonlijk\", \"beveiligde_email\"]\nartikel = \"3.9\"\n",
        );
        let a = transfer(&r, TransferChannel::Aangetekend, Channel::Email, Lang::En);
        assert!(!a.allowed);
        assert!(a.reason.contains("3.9"), "{}", a.reason);
        assert!(a.reason.contains("by registered post"), "{}", a.reason);
        let ok = transfer(&r, TransferChannel::Persoonlijk, Channel::Email, Lang::En);
        assert!(ok.allowed, "{}", ok.reason);
    }

    #[test]
    fn written_consent_needs_a_request_in_writing_and_erasure_follows() {
        let r = reglement(
            "[overdracht]\ntoestemming = \"schriftelijk\"\nna_overdracht = \"wissen\"\n\
             ontvanger_informeren = true\nartikel = \"3.9\"\n",
        );
        let oral = transfer(
            &r,
            TransferChannel::Persoonlijk,
            Channel::Mondeling,
            Lang::En,
        );
        assert!(!oral.allowed);
        assert!(oral.reason.contains("in writing"), "{}", oral.reason);
        let letter = transfer(
            &r,
            TransferChannel::Persoonlijk,
            Channel::Schriftelijk,
            Lang::Nl,
        );
        assert!(letter.allowed, "{}", letter.reason);
        assert_eq!(letter.after, AfterTransfer::Wissen);
        assert!(letter.inform_recipient);
        assert_eq!(
            letter.articles,
            vec!["3.9".to_owned(), ERASURE_AFTER_TRANSFER.to_owned()]
        );
    }
}
