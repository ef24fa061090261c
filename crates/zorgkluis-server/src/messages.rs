//! The web UI's texts: Dutch first, English second, one catalogue, no literals in the pages.

use zorgkluis_core::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Navigation,
    Login,
    LoginButton,
    Username,
    Password,
    WrongLogin,
    TooManyAttempts,
    InternalError,
    Logout,
    MyClients,
    NoClients,
    Dossier,
    Records,
    NoRecords,
    Withheld,
    Correction,
    Supplement,
    EmergencyAccess,
    EmergencyExplained,
    EmergencyGranted,
    EmergencyShort,
    EmergencyReview,
    Category,
    Reason,
    ReasonRequired,
    BreakTheGlass,
    AccessLog,
    OnlyOfficer,
    NotFound,
    Erased,
    When,
    Who,
    What,
    Why,
    Outcome,
    Correct,
    NewText,
    SaveCorrection,
}

/// The text of `msg` in `lang`.
pub fn t(lang: Lang, msg: Msg) -> &'static str {
    let (nl, en) = match msg {
        Msg::Navigation => ("Navigatie", "Navigation"),
        Msg::Login => ("Inloggen", "Log in"),
        Msg::LoginButton => ("Inloggen", "Log in"),
        Msg::Username => ("Gebruikersnaam", "User name"),
        Msg::Password => ("Wachtwoord", "Password"),
        Msg::WrongLogin => (
            "Onjuiste gebruikersnaam of wachtwoord.",
            "Wrong user name or password.",
        ),
        Msg::TooManyAttempts => (
            "Te veel mislukte pogingen. Probeer het over een minuut opnieuw.",
            "Too many failed attempts. Try again in a minute.",
        ),
        Msg::InternalError => (
            "Er ging iets mis; er is niets gewijzigd.",
            "Something went wrong; nothing was changed.",
        ),
        Msg::Logout => ("Uitloggen", "Log out"),
        Msg::MyClients => ("Mijn cliënten", "My clients"),
        Msg::NoClients => (
            "U heeft op dit moment geen cliënten in uw zorgteam.",
            "You have no clients in your care team now.",
        ),
        Msg::Dossier => ("Dossier", "Record"),
        Msg::Records => ("Gegevens", "Data"),
        Msg::NoRecords => ("Geen gegevens die u mag inzien.", "No data you may see."),
        Msg::Withheld => ("Niet zichtbaar voor u", "Not visible to you"),
        Msg::Correction => ("correctie", "correction"),
        Msg::Supplement => ("aanvulling van de cliënt", "client's supplement"),
        Msg::EmergencyAccess => ("Noodtoegang", "Emergency access"),
        Msg::EmergencyExplained => (
            "Noodtoegang geeft u toegang buiten uw zorgteam. Geef een reden: de toegang wordt vastgelegd en door de functionaris gegevensbescherming beoordeeld.",
            "Emergency access lets you in outside your care team. Give a reason: the access is logged and reviewed by the data protection officer.",
        ),
        Msg::EmergencyGranted => (
            "Noodtoegang verleend. Deze toegang wordt beoordeeld door de functionaris gegevensbescherming.",
            "Emergency access granted. The data protection officer reviews this access.",
        ),
        Msg::EmergencyShort => ("noodtoegang", "emergency"),
        Msg::EmergencyReview => (
            "Noodtoegang ter beoordeling",
            "Emergency accesses to review",
        ),
        Msg::Category => ("Categorie", "Category"),
        Msg::Reason => ("Reden (verplicht)", "Reason (required)"),
        Msg::ReasonRequired => (
            "Noodtoegang vraagt een reden.",
            "Emergency access needs a reason.",
        ),
        Msg::BreakTheGlass => ("Noodtoegang openen", "Open emergency access"),
        Msg::AccessLog => ("Wie heeft dit dossier ingezien", "Who accessed this record"),
        Msg::OnlyOfficer => (
            "Alleen voor de functionaris gegevensbescherming",
            "For the data protection officer only",
        ),
        Msg::NotFound => ("Niet gevonden", "Not found"),
        Msg::Erased => (
            "De gegevens van deze persoon zijn verwijderd",
            "This person's data was erased",
        ),
        Msg::When => ("Wanneer", "When"),
        Msg::Who => ("Wie", "Who"),
        Msg::What => ("Wat", "What"),
        Msg::Why => ("Waarom", "Why"),
        Msg::Outcome => ("Uitkomst", "Outcome"),
        Msg::Correct => ("Corrigeren", "Correct"),
        Msg::NewText => (
            "Nieuwe tekst (de oude blijft in de geschiedenis)",
            "New text (the old one stays in the history)",
        ),
        Msg::SaveCorrection => ("Correctie opslaan", "Save correction"),
    };
    lang.pick(nl, en)
}
