//! The closed vocabularies of a reglement: values that the law fixes, so a reglement cannot
//! extend them. Their ids are the Dutch words a privacy officer writes in the file.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Generates a closed vocabulary: the enum, its file ids, and Dutch/English labels.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $id:literal, $nl:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $id)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The id as written in a reglement file and on the command line.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$variant, Lang::Nl) => $nl, ($name::$variant, Lang::En) => $en,)+
                }
            }

            pub fn from_id(id: &str) -> Option<$name> {
                match id { $($id => Some($name::$variant),)+ _ => None }
            }

            pub fn ids() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.id()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

vocabulary! {
    /// The rights of the subject (art. 15-21 AVG), the transfer of the whole dossier, and the
    /// client's overview of who accessed his data (art. 15e Wabvpz).
    RequestType {
        Inzage = "inzage", "inzage", "access";
        Afschrift = "afschrift", "afschrift", "copy";
        Correctie = "correctie", "correctie", "rectification";
        Aanvulling = "aanvulling", "aanvulling", "supplement";
        Verwijdering = "verwijdering", "verwijdering", "erasure";
        Afscherming = "afscherming", "afscherming", "restriction";
        Bezwaar = "bezwaar", "bezwaar", "objection";
        Overdraagbaarheid = "overdraagbaarheid", "overdraagbaarheid", "portability";
        Overdracht = "overdracht", "overdracht van het dossier", "transfer of the record";
        InzageLogging = "inzage_logging", "inzage in de logging", "access to the access log";
    }
}

vocabulary! {
    /// The legal bases of art. 6(1) AVG.
    LegalBasis {
        Toestemming = "toestemming", "toestemming (art. 6 lid 1 sub a AVG)", "consent (art. 6(1)(a) GDPR)";
        Overeenkomst = "overeenkomst", "uitvoering van een overeenkomst (art. 6 lid 1 sub b AVG)", "performance of a contract (art. 6(1)(b) GDPR)";
        WettelijkePlicht = "wettelijke_plicht", "wettelijke verplichting (art. 6 lid 1 sub c AVG)", "legal obligation (art. 6(1)(c) GDPR)";
        VitaalBelang = "vitaal_belang", "vitaal belang (art. 6 lid 1 sub d AVG)", "vital interest (art. 6(1)(d) GDPR)";
        AlgemeenBelang = "algemeen_belang", "taak van algemeen belang (art. 6 lid 1 sub e AVG)", "public task (art. 6(1)(e) GDPR)";
        GerechtvaardigdBelang = "gerechtvaardigd_belang", "gerechtvaardigd belang (art. 6 lid 1 sub f AVG)", "legitimate interest (art. 6(1)(f) GDPR)";
    }
}

vocabulary! {
    /// The exceptions to the prohibition on processing special category data (art. 9(2) AVG,
    /// with the UAVG), and for criminal data art. 10 AVG with art. 33 UAVG.
    Art9Exception {
        UitdrukkelijkeToestemming = "uitdrukkelijke_toestemming", "uitdrukkelijke toestemming (art. 9 lid 2 sub a AVG)", "explicit consent (art. 9(2)(a) GDPR)";
        Arbeidsrecht = "arbeidsrecht", "arbeidsrecht en sociale zekerheid (art. 9 lid 2 sub b AVG)", "employment and social security law (art. 9(2)(b) GDPR)";
        VitaalBelang = "vitaal_belang", "vitaal belang (art. 9 lid 2 sub c AVG)", "vital interest (art. 9(2)(c) GDPR)";
        OpenbaarGemaakt = "openbaar_gemaakt", "door betrokkene openbaar gemaakt (art. 9 lid 2 sub e AVG)", "made public by the subject (art. 9(2)(e) GDPR)";
        Rechtsvordering = "rechtsvordering", "rechtsvordering (art. 9 lid 2 sub f AVG)", "legal claims (art. 9(2)(f) GDPR)";
        ZwaarwegendAlgemeenBelang = "zwaarwegend_algemeen_belang", "zwaarwegend algemeen belang (art. 9 lid 2 sub g AVG)", "substantial public interest (art. 9(2)(g) GDPR)";
        Gezondheidszorg = "gezondheidszorg", "goede zorg en behandeling (art. 9 lid 2 sub h AVG, art. 30 lid 3 UAVG)", "health or social care (art. 9(2)(h) GDPR, art. 30(3) UAVG)";
        Volksgezondheid = "volksgezondheid", "volksgezondheid (art. 9 lid 2 sub i AVG)", "public health (art. 9(2)(i) GDPR)";
        Onderzoek = "onderzoek", "wetenschappelijk onderzoek en statistiek (art. 9 lid 2 sub j AVG, art. 24 UAVG)", "scientific research and statistics (art. 9(2)(j) GDPR, art. 24 UAVG)";
        Strafrechtelijk = "strafrechtelijk", "strafrechtelijke gegevens met wettelijke grondslag (art. 10 AVG, art. 33 UAVG)", "criminal data with a legal basis (art. 10 GDPR, art. 33 UAVG)";
    }
}

vocabulary! {
    /// What a user does with personal data: the actions access decisions are about.
    Action {
        Read = "read", "inzien", "read";
        Write = "write", "vastleggen", "write";
        Correct = "correct", "corrigeren", "correct";
        Erase = "erase", "verwijderen", "erase";
        Disclose = "disclose", "verstrekken", "disclose";
        Export = "export", "exporteren", "export";
    }
}

vocabulary! {
    /// What a role may do besides using personal data by category: the duties of running the
    /// registration, each granted by a `[[beheer]]` rule of the reglement and decided by the
    /// policy engine like every access.
    Duty {
        ManageCareTeam = "manage_care_team", "zorgteams beheren", "manage care teams";
        ReadAudit = "read_audit", "de logging van een cliënt inzien", "read a client's access log";
        ReviewEmergency = "review_emergency", "noodtoegang beoordelen, met de opgegeven reden", "review emergency accesses, with the reason given";
        ListPersons = "list_persons", "cliënten in een lijst zien (naam, geboortedatum, cliëntnummer)", "see clients in a list (name, date of birth, client number)";
        SearchPersons = "search_persons", "cliënten zoeken (naam, geboortedatum, cliëntnummer, BSN)", "search for clients (name, date of birth, client number, BSN)";
        ManageAccounts = "manage_accounts", "accounts en API-tokens beheren", "manage accounts and API tokens";
        ViewOverview = "view_overview", "het overzicht van de organisatie zien (aantallen, geen persoonsgegevens)", "see the organisation's overview (counts, no personal data)";
        ManageIncidents = "manage_incidents", "het register van incidenten en datalekken bijhouden en inzien", "keep and read the register of incidents and data breaches";
        ManageComplaints = "manage_complaints", "het klachtenregister bijhouden en inzien", "keep and read the complaints register";
        HandleRequests = "handle_requests", "verzoeken van betrokkenen behandelen", "handle data subject requests";
        PlaceHold = "place_hold", "een bewaarplicht opschorten (juridische blokkade plaatsen en opheffen) en het register daarvan zien", "place and release legal holds, and see their register";
        RunRetention = "run_retention", "bewaartermijnen uitvoeren: plannen en vernietigen wat verlopen is, met een vernietigingsverklaring", "run retention: plan and destroy what is due, with a destruction certificate";
        CheckContact = "check_contact", "nagaan of iemand benaderd mag worden (register niet-benaderen) en die lijst zien", "check whether someone may be approached (do-not-contact register) and see that list";
        ManageRecipients = "manage_recipients", "het register van ontvangers bijhouden (organisaties waaraan gegevens worden verstrekt)", "keep the register of recipients (the organisations data are disclosed to)";
        PortalRequests = "portal_requests", "via het cliëntportaal een verzoek indienen en volgen, voor zichzelf of voor wie men vertegenwoordigt", "file and follow a request through the client portal, for oneself or for whom one represents";
        AdoptReglement = "adopt_reglement", "een nieuwe versie van het reglement vaststellen, met de datum van bekendmaking en van inwerkingtreding", "adopt a new version of the reglement, with the dates of its announcement and its taking effect";
    }
}

vocabulary! {
    /// What a person may ask not to be approached for (the do-not-contact register, Aliantus
    /// "register niet-benaderen"): contact outside the care itself.
    ContactPurpose {
        Nieuwsbrief = "nieuwsbrief", "nieuwsbrieven en informatie", "newsletters and information";
        Tevredenheidsonderzoek = "tevredenheidsonderzoek", "tevredenheidsonderzoek", "satisfaction surveys";
        Fondsenwerving = "fondsenwerving", "fondsenwerving en acties", "fundraising and campaigns";
    }
}

impl Duty {
    /// Whether a `[[beheer]]` rule may limit the duty to clients in the user's care team.
    pub fn scoped_by_care(self) -> bool {
        matches!(self, Duty::ListPersons | Duty::SearchPersons)
    }
}

vocabulary! {
    /// Whether a disclosure needs the subject's consent, and in what form. Ordered from least to
    /// most demanding, so that the stricter of two rules is the larger.
    ConsentForm {
        Geen = "geen", "geen toestemming nodig", "no consent needed";
        Toestemming = "toestemming", "toestemming", "consent";
        Uitdrukkelijk = "uitdrukkelijk", "uitdrukkelijke toestemming", "explicit consent";
        Schriftelijk = "schriftelijk", "schriftelijke toestemming", "written consent";
    }
}

vocabulary! {
    /// The form in which a consent was given, as recorded beside it (issue 14). Which
    /// [`ConsentForm`] a rule needs it meets is [`crate::decide::form_meets`]'s to say.
    ConsentGiven {
        Mondeling = "mondeling", "mondeling", "orally";
        Schriftelijk = "schriftelijk", "schriftelijk (ondertekend formulier)", "in writing (signed form)";
        Uitdrukkelijk = "uitdrukkelijk", "uitdrukkelijk (een duidelijke verklaring, vastgelegd)", "explicitly (a clear statement, recorded)";
        Elektronisch = "elektronisch", "elektronisch (portaal, formulier op het scherm)", "electronically (portal, on-screen form)";
    }
}

vocabulary! {
    /// The decision on an objection (art. 21 lid 1 AVG): upheld, the processing stops for the
    /// person; or rejected, the controller recorded the compelling legitimate grounds that
    /// override the person's interests (or a legal claim).
    ObjectionOutcome {
        Toegewezen = "toegewezen", "toegewezen (de verwerking stopt voor deze persoon)", "upheld (the processing stops for this person)";
        Afgewezen = "afgewezen", "afgewezen (dwingende gerechtvaardigde gronden)", "rejected (compelling legitimate grounds)";
    }
}

vocabulary! {
    /// The date a retention period runs from.
    Anchor {
        Aanmaak = "aanmaak", "het moment van vastlegging", "the moment of recording";
        LaatsteWijziging = "laatste_wijziging", "de laatste wijziging in het dossier", "the last change to the record";
        EindeZorg = "einde_zorg", "het einde van de zorg", "the end of care";
        EindeBoekjaar = "einde_boekjaar", "het einde van het boekjaar", "the end of the fiscal year";
        LaatsteBehandeling = "laatste_behandeling", "de laatste behandeling", "the last treatment";
    }
}

vocabulary! {
    /// An event that ends a retention rule's hold on a record ("zes maanden, tenzij een
    /// behandeling volgt", `tenzij`): once it has happened, the rule no longer applies and the
    /// category's other rules govern.
    RetentionEvent {
        Behandeling = "behandeling", "er volgt een behandeling", "a treatment follows";
    }
}

vocabulary! {
    /// Why a legal hold keeps data past its retention term (bewaarplicht opgeschort): what
    /// blocks destruction and erasure until the hold is released.
    HoldKind {
        Klacht = "klacht", "een klacht waarbij de gegevens betrokken zijn", "a complaint the data concern";
        Rechtszaak = "rechtszaak", "een gerechtelijke procedure", "a court case";
        WkkgzOnderzoek = "wkkgz_onderzoek", "een onderzoek naar een calamiteit (Wkkgz)", "an investigation of a calamity (Wkkgz)";
        OordeelHulpverlener = "oordeel_hulpverlener", "het oordeel van de hulpverlener dat langer bewaren nodig is", "the caregiver's judgement that keeping it longer is needed";
        WettelijkePlicht = "wettelijke_plicht", "een specifieke wettelijke bewaarplicht", "a specific legal obligation to keep it";
    }
}

impl HoldKind {
    /// What the hold rests on in the law: the AVG's exceptions to erasure (art. 17 lid 3 sub b
    /// for a legal obligation, sub e for legal claims), the Wkkgz's duty to report and
    /// investigate a calamity (art. 11 Wkkgz), and the WGBO's "of zoveel langer als
    /// redelijkerwijs uit de zorg van een goed hulpverlener voortvloeit" (art. 7:454 lid 3 BW).
    pub fn law(self) -> &'static str {
        match self {
            HoldKind::Klacht | HoldKind::Rechtszaak => "AVG art. 17 lid 3 sub e",
            HoldKind::WkkgzOnderzoek => "art. 11 Wkkgz; AVG art. 17 lid 3 sub b",
            HoldKind::OordeelHulpverlener => "art. 7:454 lid 3 BW",
            HoldKind::WettelijkePlicht => "AVG art. 17 lid 3 sub b",
        }
    }
}

vocabulary! {
    /// Why the processing of data is restricted (afscherming, art. 18 lid 1 AVG).
    RestrictionGround {
        JuistheidBetwist = "juistheid_betwist", "de betrokkene betwist de juistheid, zolang die wordt gecontroleerd", "the subject contests the accuracy, while it is verified";
        Onrechtmatig = "onrechtmatig", "de verwerking is onrechtmatig en de betrokkene wil geen verwijdering", "the processing is unlawful and the subject opposes erasure";
        Rechtsvordering = "rechtsvordering", "de betrokkene heeft de gegevens nodig voor een rechtsvordering", "the subject needs the data for a legal claim";
        BezwaarInBehandeling = "bezwaar_in_behandeling", "de betrokkene maakte bezwaar, zolang dat wordt beoordeeld", "the subject objected, while that is assessed";
    }
}

impl RestrictionGround {
    /// The point of art. 18 lid 1 AVG the ground is.
    pub fn article(self) -> &'static str {
        match self {
            RestrictionGround::JuistheidBetwist => "AVG art. 18 lid 1 sub a",
            RestrictionGround::Onrechtmatig => "AVG art. 18 lid 1 sub b",
            RestrictionGround::Rechtsvordering => "AVG art. 18 lid 1 sub c",
            RestrictionGround::BezwaarInBehandeling => "AVG art. 18 lid 1 sub d",
        }
    }
}

vocabulary! {
    /// Why a retention term is extended beyond its end: the client's consent (BG wonen 3.6,
    /// Rondomzorg 3.6), or the caregiver's judgement where the dossier law allows it (art. 7:454
    /// lid 3 BW, art. 7.3.8 Jeugdwet: "of zoveel langer als redelijkerwijs uit de zorg van een
    /// goed hulpverlener voortvloeit").
    ExtensionGround {
        Toestemming = "toestemming", "toestemming van de cliënt", "the client's consent";
        OordeelHulpverlener = "oordeel_hulpverlener", "het oordeel van de hulpverlener (zorg van een goed hulpverlener)", "the caregiver's judgement (the care of a good caregiver)";
    }
}

vocabulary! {
    /// A part of a dossier two subjects share (couples or family therapy, `[gedeeld_dossier]`).
    SharedPartKind {
        Gezamenlijk = "gezamenlijk", "gezamenlijk deel (van beide betrokkenen)", "joint part (of both subjects)";
        Eigen = "eigen", "deel van één betrokkene", "part of one subject";
        Werkaantekeningen = "werkaantekeningen", "persoonlijke werkaantekeningen van de therapeut (geen deel van het dossier)", "the therapist's personal work notes (not part of the dossier)";
    }
}

vocabulary! {
    /// What is asked of a part of a shared dossier.
    SharedAction {
        Inzage = "inzage", "inzage of afschrift", "access or a copy";
        Verwijdering = "verwijdering", "verwijdering", "erasure";
        Verstrekking = "verstrekking", "verstrekking aan een derde", "disclosure to a third party";
    }
}

vocabulary! {
    /// Whether a fee may be charged for handling a request.
    Fee {
        Geen = "geen", "kosteloos", "free of charge";
        Redelijk = "redelijk", "een redelijke vergoeding", "a reasonable fee";
        BijExcessief = "bij_excessief", "kosteloos, tenzij het verzoek buitensporig is", "free unless the request is excessive";
    }
}

vocabulary! {
    /// Who files a data subject request: the subject, or someone who acts for the subject
    /// (`zorgkluis reglement represent --requester`).
    Requester {
        Betrokkene = "betrokkene", "betrokkene", "subject";
        Ouder = "ouder", "ouder met gezag", "parent with authority";
        Voogd = "voogd", "voogd", "guardian";
        Curator = "curator", "curator", "curator";
        Mentor = "mentor", "mentor", "mentor";
        Gemachtigde = "gemachtigde", "schriftelijk gemachtigde", "written proxy";
        Nabestaande = "nabestaande", "nabestaande", "heir";
    }
}

vocabulary! {
    /// The legal status of an adult subject, or the ground an heir invokes for a deceased one
    /// (`zorgkluis reglement represent --ground`).
    Ground {
        Curatele = "curatele", "curatele", "guardianship (curatele)";
        Mentorschap = "mentorschap", "mentorschap", "mentorship (mentorschap)";
        Beschermingsbewind = "beschermingsbewind", "beschermingsbewind", "financial administration (beschermingsbewind)";
        Wilsonbekwaam = "wilsonbekwaam", "niet in staat tot een redelijke waardering van zijn belangen ter zake", "unable to reasonably weigh his interests in the matter";
        VastgelegdVoorOverlijden = "vastgelegd_voor_overlijden", "toestemming die de overledene bij leven heeft vastgelegd", "consent the deceased recorded during life";
        ZwaarwegendBelang = "zwaarwegend_belang", "een zwaarwegend belang", "a weighty interest";
        MedischeFout = "medische_fout", "een incident of vermoede medische fout", "an incident or suspected medical error";
        PresumedConsent = "veronderstelde_toestemming", "veronderstelde toestemming van de overledene", "presumed consent of the deceased";
        GezagOverledenMinderjarige = "gezag_overleden_minderjarige", "het gezag over een kind dat voor zijn zestiende overleed", "authority over a child who died before 16";
    }
}

vocabulary! {
    /// Where a data subject request stands (the request register, BG wonen E14).
    RequestStatus {
        Ontvangen = "ontvangen", "ontvangen", "received";
        IdentiteitVastgesteld = "identiteit_vastgesteld", "identiteit vastgesteld", "identity established";
        InBehandeling = "in_behandeling", "in behandeling", "in progress";
        Besloten = "besloten", "besloten", "decided";
        Uitgevoerd = "uitgevoerd", "uitgevoerd", "carried out";
        Ingetrokken = "ingetrokken", "ingetrokken", "withdrawn";
    }
}

vocabulary! {
    /// How a request arrived. Never a reason to refuse it (art. 12 lid 2 AVG): a reglement's
    /// "schriftelijk" is the organisation's procedure.
    Channel {
        Schriftelijk = "schriftelijk", "schriftelijk", "in writing";
        Mondeling = "mondeling", "mondeling", "orally";
        Email = "email", "per e-mail", "by e-mail";
        Telefonisch = "telefonisch", "telefonisch", "by telephone";
        Portaal = "portaal", "via het portaal", "through the portal";
    }
}

vocabulary! {
    /// How a dossier reaches a successor care provider (an `overdracht`); a reglement's
    /// `[overdracht].kanalen` may allow fewer.
    TransferChannel {
        Persoonlijk = "persoonlijk", "persoonlijk overhandigd", "handed over in person";
        Aangetekend = "aangetekend", "aangetekend per post", "by registered post";
        BeveiligdeEmail = "beveiligde_email", "beveiligde e-mail", "by secured e-mail";
    }
}

vocabulary! {
    /// What happens to the original after a transfer of care (`[overdracht].na_overdracht`).
    AfterTransfer {
        Bewaren = "bewaren", "het origineel blijft bewaard", "the original is kept";
        Wissen = "wissen", "de gegevens worden gewist", "the data is erased";
    }
}

vocabulary! {
    /// The decision on a request.
    RequestOutcome {
        Toegewezen = "toegewezen", "toegewezen", "granted";
        DeelsToegewezen = "deels_toegewezen", "deels toegewezen", "partly granted";
        Afgewezen = "afgewezen", "afgewezen", "refused";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for t in RequestType::ALL {
            assert_eq!(RequestType::from_id(t.id()), Some(*t));
        }
        assert_eq!(RequestType::ids().len(), 10);
        assert_eq!(RequestType::from_id("inzagen"), None);
    }

    #[test]
    fn consent_forms_order_by_strictness() {
        assert!(ConsentForm::Geen < ConsentForm::Toestemming);
        assert!(ConsentForm::Toestemming < ConsentForm::Uitdrukkelijk);
        assert!(ConsentForm::Uitdrukkelijk < ConsentForm::Schriftelijk);
    }
}

vocabulary! {
    /// What a privacy incident touched (the AP's form, question 5.1).
    BreachNature {
        Vertrouwelijkheid = "vertrouwelijkheid", "vertrouwelijkheid (ingezien of verstrekt door onbevoegden)", "confidentiality (seen or disclosed by the unauthorised)";
        Integriteit = "integriteit", "integriteit (gewijzigd of beschadigd)", "integrity (altered or damaged)";
        Beschikbaarheid = "beschikbaarheid", "beschikbaarheid (verloren of onbereikbaar)", "availability (lost or unreachable)";
    }
}

vocabulary! {
    /// How grave the consequences for the persons affected are (the AP's form, question 9.3).
    BreachRisk {
        Verwaarloosbaar = "verwaarloosbaar", "verwaarloosbaar", "negligible";
        Beperkt = "beperkt", "beperkt", "limited";
        Aanzienlijk = "aanzienlijk", "aanzienlijk", "significant";
        ZeerGroot = "zeer_groot", "zeer groot", "very high";
    }
}

vocabulary! {
    /// Who files a complaint (Wkkgz art. 1 lid 1, "klacht": of or on behalf of a client, or a
    /// surviving relative of a client who died).
    ComplainantKind {
        Client = "client", "de cliënt", "the client";
        Vertegenwoordiger = "vertegenwoordiger", "een vertegenwoordiger namens de cliënt", "a representative on the client's behalf";
        Nabestaande = "nabestaande", "een nabestaande van een overleden cliënt", "a surviving relative of a client who died";
    }
}

vocabulary! {
    /// The care provider's reasoned decision on a complaint (Wkkgz art. 17 lid 1).
    ComplaintOutcome {
        Gegrond = "gegrond", "gegrond", "upheld";
        DeelsGegrond = "deels_gegrond", "deels gegrond", "partly upheld";
        Ongegrond = "ongegrond", "ongegrond", "not upheld";
    }
}
