# De webinterface voor medewerkers, en de foutmeldingen van de API.

## Kader en navigatie
skip-to-content = Naar de inhoud
nav-label = Navigatie
nav-home = Start
nav-clients = Cliënten
nav-search = Zoeken
nav-register = Inschrijven
nav-emergency-review = Noodtoegang
nav-requests = Verzoeken
nav-incidents = Datalekken
nav-processors = Verwerkers
nav-complaints = Klachten
nav-do-not-contact = Niet-benaderen
nav-log-review = Logcontrole
nav-annual-report = Jaarverslag
logout = Uitloggen
back = Terug
back-home = Terug naar de startpagina
home = Start

## Inloggen
login = Inloggen
login-button = Inloggen
username = Gebruikersnaam
password = Wachtwoord
wrong-login = Onjuiste gebruikersnaam of wachtwoord.
form-expired = Het formulier is verlopen. Probeer het opnieuw.

## Startpagina
my-clients = Mijn cliënten
clients = Cliënten
privacy-dashboard = Privacydashboard
registration-and-search = Inschrijving en zoeken
overview = Overzicht van de organisatie
overview-figures = Kerncijfers
overview-no-personal-data = Aantallen, zonder persoonsgegevens.
no-clients = U heeft op dit moment geen cliënten in uw zorgteam.
nothing-to-do = Het reglement geeft uw rol hier geen taken.
emergency-count = { $count ->
    [0] Er is geen noodtoegang vastgelegd.
    [one] Er is 1 noodtoegang vastgelegd.
   *[other] Er zijn { $count } noodtoegangen vastgelegd.
}
emergency-review-open = Noodtoegang beoordelen
search-for-log = Zoek een cliënt om diens logging in te zien.
count-persons = cliënten ingeschreven
count-care-relationships = zorgrelaties vandaag
count-records = dossierregels
count-events = gebeurtenissen in de logging
count-emergency = keer noodtoegang
count-denied = geweigerde toegangen
count-erased = verwijderde personen

## Cliënten
name = Naam
birth-date = Geboortedatum
client-number = Cliëntnummer
client-number-optional = Cliëntnummer (als de organisatie er een heeft)
no-name = (geen naam vastgelegd)
born-on = geboren { $date }
client-number-is = cliëntnummer { $number }
previous-page = Vorige pagina
next-page = Volgende pagina
search = Zoeken
search-clients = Cliënten zoeken
search-results = { $count ->
    [0] Geen cliënten gevonden
    [one] 1 cliënt gevonden
   *[other] { $count } cliënten gevonden
}
search-none = Niemand voldoet aan alles wat u invulde.
search-truncated = Er zijn meer cliënten gevonden dan hier staan: maak de zoekvraag preciezer.
register-client = Cliënt inschrijven
address = Adres (straat, huisnummer, postcode, woonplaats)
bsn = Burgerservicenummer
bsn-nine-digits = Burgerservicenummer (9 cijfers)
identity-check = Identiteitscontrole
document-type = Soort document
document-number = Documentnummer
document-paspoort = Paspoort
document-identiteitskaart = Identiteitskaart
document-rijbewijs = Rijbewijs
document-verblijfsdocument = Verblijfsdocument
checked-on = Datum controle
valid-until = Geldig tot
register = Inschrijven
invalid-search-empty = Vul ten minste één zoekveld in.
invalid-generic = Controleer wat u invulde.
invalid-name = Vul een naam in (met ten minste één letter, hoogstens 200 tekens).
invalid-birth-date = Vul een geldige geboortedatum in, niet in de toekomst.
invalid-client-number = Een cliëntnummer bestaat uit letters, cijfers, -, . of / (hoogstens 40).
invalid-bsn = Het BSN klopt niet: negen cijfers die de elfproef doorstaan.
invalid-document-type = Kies een soort document.
invalid-document-number = Vul het documentnummer in: letters, cijfers of -.
invalid-checked-on = Vul de datum van de controle in (niet in de toekomst).
invalid-valid-until = Het document moet geldig zijn op de dag van de controle.
conflict-bsn = Er is al een cliënt met dit BSN of dit cliëntnummer ingeschreven.
conflict-client-number = Er is al een cliënt met dit cliëntnummer ingeschreven.

## Dossier
dossier = Dossier
name-withheld = De naam van deze cliënt is voor u niet zichtbaar.
no-records = Geen gegevens die u mag inzien.
withheld = Niet zichtbaar voor u
corrected = Gecorrigeerd
client-supplement = Aanvulling van de cliënt
earlier-versions = { $count ->
    [one] Eerdere versie (1)
   *[other] Eerdere versies ({ $count })
}
correct = Corrigeren
new-text = Nieuwe tekst (de oude blijft in de geschiedenis)
save-correction = Correctie opslaan
add-supplement = Aanvulling van de cliënt toevoegen
client-statement = Verklaring van de cliënt, in diens eigen woorden
save-supplement = Aanvulling opslaan
text-required = Vul een tekst in.
back-to-dossier = Terug naar het dossier

## Noodtoegang
emergency-access = Noodtoegang
emergency-explained = Noodtoegang geeft u toegang buiten uw zorgteam. Geef een reden: de toegang wordt vastgelegd en door de functionaris gegevensbescherming beoordeeld.
emergency-not-permitted = Het reglement staat u geen noodtoegang toe.
emergency-granted = Noodtoegang verleend. Deze toegang wordt beoordeeld door de functionaris gegevensbescherming.
emergency-short = buiten de zorgrelatie
conflict-of-duties-short = zonder toestemming, op een conflict van plichten
category = Categorie
reason = Reden
reason-required-label = Reden (verplicht)
reason-required = Noodtoegang vraagt een reden.
break-the-glass = Noodtoegang openen

## Toezicht
access-log = Wie heeft dit dossier ingezien
access-log-caption = Alle toegang tot dit dossier, de nieuwste eerst (NEN 7513).
emergency-review = Noodtoegang ter beoordeling
emergency-review-explained = Elke toegang buiten de zorgrelatie, met de reden die de medewerker gaf. Het openen van deze lijst wordt vastgelegd.
emergency-none = Er is geen noodtoegang vastgelegd.
reason-unreadable = (niet leesbaar)
reason-erased = (niet leesbaar: de gegevens van de cliënt zijn verwijderd)
reason-none = (geen reden vastgelegd)
client = Cliënt
when = Wanneer
who = Wie
what = Wat
why = Waarom
outcome = Uitkomst
outcome-allowed = Toegestaan
outcome-denied = Geweigerd

## Wat de logging vastlegt
audit-action-read = Ingezien
audit-action-write = Vastgelegd
audit-action-correct = Gecorrigeerd
audit-action-erase = Verwijderd
audit-action-disclose = Verstrekt
audit-action-export = Geëxporteerd
audit-action-register = Ingeschreven
audit-action-find-by-bsn = Gezocht op BSN
audit-action-list-persons = In een cliëntenlijst getoond
audit-action-search-persons = In zoekresultaten getoond
audit-action-assign-care = In het zorgteam opgenomen
audit-action-end-care = Zorgrelatie beëindigd
audit-action-read-audit = Logging ingezien
audit-action-review-emergency = Noodtoegang beoordeeld
audit-action-view-overview = Overzicht ingezien
audit-action-incident-record = Incident vastgelegd
audit-action-incident-change = Incident bijgewerkt
audit-action-annual-report = Jaarverslag privacy opgemaakt
audit-action-incident-read = Incidentenregister ingezien
audit-action-portal-issue = Portaalaccount uitgegeven
audit-action-portal-revoke = Portaalaccount ingetrokken
audit-action-user-disable = Account uitgeschakeld
audit-action-user-password = Wachtwoord ingesteld
audit-action-user-second-factor = Tweede factor ingesteld of verwijderd
audit-action-user-create = Account aangemaakt
audit-action-token-create = API-token aangemaakt
audit-action-token-list = API-tokens opgevraagd
audit-action-token-revoke = API-token ingetrokken
audit-action-login = Ingelogd
audit-action-login-code = Code van de tweede factor gegeven
audit-action-logout = Uitgelogd
audit-action-keys-rotate = Sleutels vernieuwd
audit-action-backup = Back-up gemaakt
audit-action-restore = Hersteld uit back-up
audit-action-erase-reapplied = Verwijdering opnieuw toegepast na herstel

## Fouten
error-denied = Geen toegang
error-not-found = Niet gevonden
error-erased = De gegevens van deze persoon zijn verwijderd.
error-invalid = Ongeldige invoer
error-csrf = Het formulier is verlopen of komt niet van deze site. Laad de pagina opnieuw.
error-internal = Er ging iets mis; er is niets gewijzigd.
problem-auth-required = Aanmelden vereist: geef een geldige API-token als 'Authorization: Bearer ...'.
problem-not-found = Niet gevonden.
problem-invalid-field = Ongeldig veld `{ $field }`: { $message }
problem-conflict = Bestaat al (`{ $field }`): { $message }

## The login throttle (backoff per account and network)
too-many-attempts-wait = Te veel mislukte pogingen. Probeer het over { $seconds } seconden opnieuw.

## The server's timeouts
request-timeout = Het verzoek kwam niet op tijd volledig binnen; er is niets gewijzigd.

## The dossier outside the care team (no list of what is withheld)
outside-care-team = U hoort niet bij het zorgteam van deze cliënt.

## The API's own refusals as problem details
problem-method-not-allowed = Dit adres neemt deze methode niet aan; zie de header Allow.

## The second factor (a code from an authenticator app after the password)
problem-second-factor = Geef eerst de code van uw tweede factor.
second-factor-code-title = Code uit uw authenticator-app
second-factor-code-intro = Uw account is beveiligd met een tweede factor. Vul de code van zes cijfers in die uw authenticator-app nu toont.
second-factor-code = Code (6 cijfers)
second-factor-confirm = Bevestigen
second-factor-wrong = Deze code klopt niet of is al gebruikt. Wacht op de volgende code en probeer het opnieuw.
second-factor-enrol-title = Tweede factor instellen
second-factor-enrol-intro = Uw rol mag de logging of de noodtoegang inzien, of de organisatie vraagt het voor uw rol: daarvoor is naast het wachtwoord een tweede factor nodig (NEN 7513). Scan de QR-code met een authenticator-app op uw telefoon, of typ de sleutel over. Vul daarna de code in die de app toont.
second-factor-key = Sleutel
second-factor-enrol-button = Instellen
second-factor-lost = Telefoon kwijt of nieuw? Vraag de beheerder om uw tweede factor opnieuw in te stellen.

## requests
audit-action-request-file = Verzoek van een betrokkene ingediend
audit-action-request-change = Verzoek van een betrokkene bijgewerkt
audit-action-request-read = Verzoek van een betrokkene ingezien

## requests: the work queue of data subject requests
requests-queue = Verzoeken van betrokkenen
requests-queue-explained = De open verzoeken, wat het eerst moet bovenaan; te late verzoeken staan voorop. De termijn is die van het reglement en de wet (de AVG-maand).
requests-none = Er zijn geen open verzoeken.
requests-open-count = { $count ->
    [one] 1 open verzoek
   *[other] { $count } open verzoeken
}
requests-overdue-count = { $count ->
    [one] waarvan 1 te laat
   *[other] waarvan { $count } te laat
}
requests-due-soon = binnenkort
requests-due-soon-count = { $count ->
    [one] 1 binnenkort
   *[other] { $count } binnenkort
}
requests-next-due = Eerstvolgende termijn: { $date } ({ $left }).
requests-open = Naar de verzoeken
requests-due = Termijn
requests-type = Verzoek
requests-received = Ontvangen
requests-channel = Via
requests-status = Stand
requests-due-today = vandaag
requests-days-left = { $days ->
    [one] nog 1 dag
   *[other] nog { $days } dagen
}
requests-days-late = { $days ->
    [one] 1 dag te laat
   *[other] { $days } dagen te laat
}
request-title = Verzoek tot { $kind }
request-received-on = ontvangen op { $date }
request-deadlines = Termijnen
request-respond-by = Beantwoorden uiterlijk { $date }
request-extendable-to = Verlengen kan tot uiterlijk { $date }, gemeld binnen de eerste termijn
request-execute-by = Uitvoeren uiterlijk { $date }
request-erase-by = Verwijderen uiterlijk { $date }
request-extended = Verlengd, gemeld op { $date }
request-asked = Wat is gevraagd
request-categories = Gegevens
request-changes = Gewenste wijziging
request-asked-all = Alle gegevens van de cliënt.
request-requester = Ingediend door
request-decision = Besluit
request-decide = Besluiten
request-outcome = Uitkomst
request-grounds = Gronden bij (gedeeltelijke) afwijzing, zoals het reglement en de wet ze toestaan
request-decided-on = Besloten op
request-decide-button = Besluit vastleggen
request-extend = Termijn verlengen
request-extend-reason = Reden (de verzoeker hoort die)
request-extend-told = De verzoeker is ingelicht op
request-extend-button = Verlenging vastleggen
request-steps = Volgende stap
request-next-step = Stap
request-step-on = Op
request-step-button = Stap vastleggen
request-history = Geschiedenis
request-step = Stap
requests-back = Terug naar de verzoeken

## the register of incidents and data breaches
incidents-register = Incidenten en datalekken
incidents-show = Toon
incidents-show-all = alle incidenten
incidents-show-open = nog te melden of te besluiten
incidents-show-decided = afgehandeld
incidents-filter-button = Toon
incidents-explained = Wat nog bij de Autoriteit Persoonsgegevens gemeld moet worden staat bovenaan, op de uren die van de 72 over zijn (art. 33 lid 1 AVG); daarna de rest, het nieuwste eerst.
incidents-none = Er staan geen incidenten in het register.
incidents-none-open = Geen datalekken die nog gemeld moeten worden.
incidents-open-count = { $count ->
    [one] 1 datalek nog te melden
   *[other] { $count } datalekken nog te melden
}
incidents-open = Naar het register
incidents-ap = Melding AP
incidents-by = uiterlijk { $moment }
incidents-discovered = Ontdekt
incidents-what = Wat er gebeurde
incidents-persons = Betrokkenen
incidents-risk = Risico
incidents-risk-open = nog niet beoordeeld
incidents-hours-left = { $hours ->
    [one] nog 1 uur
   *[other] nog { $hours } uur
}
incidents-hours-late = { $hours } uur te laat
incidents-not-notified = niet gemeld (met reden)
incidents-notified = gemeld
incidents-notify = Melding aan de AP vastleggen
incidents-notified-at = Gemeld op
incidents-reference = Meldnummer van de AP
incidents-late-reason = Reden van de vertraging (verplicht na 72 uur)
incidents-notify-button = Melding vastleggen
incidents-new = Nieuw incident vastleggen
incidents-nature = Aard van de inbreuk
incidents-categories = Welke gegevens
incidents-how = Hoe ontdekt
incidents-record = Incident vastleggen

## complaints
audit-action-complaint-record = Klacht vastgelegd in het klachtenregister
audit-action-complaint-change = Klacht bijgewerkt (verlenging, oordeel, geschilleninstantie)
audit-action-complaint-read = Klachtenregister ingezien
audit-action-processor-record = Verwerkersovereenkomst vastgelegd in het verwerkersregister
audit-action-processor-change = Verwerkersovereenkomst bijgewerkt (herziening, einde)
audit-action-processor-read = Verwerkersregister ingezien
audit-action-asset-record = Privacy-asset vastgelegd (systeem en de categorieën die het bewaart)
audit-action-asset-read = Register van privacy-assets ingezien
complaints-register = Klachtenregister
complaints-explained = Een klacht wordt binnen zes weken na ontvangst beslist; verlengen kan eenmaal met ten hoogste vier weken, als de klager dat voor het einde van de zes weken schriftelijk hoort (Wkkgz art. 17). Open klachten staan bovenaan, op de dag dat het oordeel uiterlijk klaar moet zijn; daarna de beslisten, de nieuwste eerst.
complaints-open = Naar het klachtenregister
complaints-none = Geen klachten die aan het filter voldoen.
complaints-none-open = Geen open klachten.
complaints-open-count = { $count ->
    [one] 1 open klacht
   *[other] { $count } open klachten
}
complaints-overdue-count = { $count ->
    [one] 1 over de termijn
   *[other] { $count } over de termijn
}
complaints-count-open = { $count ->
    [one] open klacht
   *[other] open klachten
}
complaints-count-overdue = over de termijn
complaints-count-decided = beslist
complaints-filter = Filteren
complaints-show = Tonen
complaints-show-all = Alle klachten
complaints-show-open = Open klachten
complaints-show-decided = Beslist
complaints-only-privacy = Alleen privacyklachten die ook bij de Autoriteit Persoonsgegevens liggen
complaints-filter-button = Filter toepassen
complaints-due = Termijn
complaints-received = Ontvangen op
complaints-received-on = Klacht van { $date }
complaints-by = Door wie
complaints-about = Waarover
complaints-handler = Behandelaar
complaints-officer = de klachtenfunctionaris
complaints-handler-with-officer = { $handler }, met { $officer } (Wkkgz art. 15)
complaints-due-today = vandaag de laatste dag
complaints-days-left = { $days ->
    [one] nog 1 dag
   *[other] nog { $days } dagen
}
complaints-days-over = { $days ->
    [one] 1 dag over de termijn
   *[other] { $days } dagen over de termijn
}
complaints-decide-by = beslissen uiterlijk { $date }
complaints-decided = { $outcome }, beslist op { $date }
complaints-decided-late = { $outcome }, beslist op { $date }, na de termijn
complaints-mark-extended = verlengd
complaints-mark-referred = bij de geschilleninstantie
complaints-mark-ap = ook bij de AP
complaints-new = Klacht vastleggen
complaints-client-id = Cliënt (id uit het dossier), als de klacht een cliënt betreft
complaints-client-explained = Leeg laten als de klacht geen cliënt betreft. Het id staat in het adres van het dossier.
complaints-officer-involved = De klachtenfunctionaris is betrokken (Wkkgz art. 15)
complaints-privacy = Privacyklacht: de klager heeft ook een klacht ingediend bij de Autoriteit Persoonsgegevens (art. 77 AVG)
complaints-record = Klacht vastleggen
complaints-error = { $field } ({ $name }): { $message }. Er is niets vastgelegd.
complaints-title = Klacht van { $date }
complaints-back = Terug naar het klachtenregister
complaints-state = Stand
complaints-decide-by-label = Beslissen uiterlijk
complaints-plus-extension = plus de verlenging
complaints-extension = Verlenging
complaints-extension-told = schriftelijk meegedeeld op { $date }
complaints-decision = Oordeel
complaints-dispute-body = Geschilleninstantie
complaints-referred-on = voorgelegd op { $date } (Wkkgz art. 21)
complaints-not-referred = niet voorgelegd
complaints-ap = Autoriteit Persoonsgegevens
complaints-ap-yes = de klager heeft ook bij de AP geklaagd (art. 77 AVG)
complaints-ap-no = niet bij de AP
complaints-articles = Artikelen
complaints-extend = Termijn verlengen
complaints-extend-explained = Met de verlenging wordt de laatste dag { $date }. De klager moet dat uiterlijk { $told } schriftelijk en met redenen horen (Wkkgz art. 17 lid 2); later meegedeeld verlengt het niet.
complaints-told-on = Schriftelijk meegedeeld op
complaints-extension-reason = Waarom de zorgvuldige behandeling meer tijd vraagt
complaints-extend-too-late = De eerste termijn is voorbij: hij eindigde op { $date }. Een verlenging die nu wordt meegedeeld, verlengt de termijn niet.
complaints-extend-button = Verlenging vastleggen
complaints-decide = Oordeel vastleggen
complaints-outcome = Oordeel
complaints-on = Op
complaints-decision-text = Het met redenen omklede oordeel, de beslissingen en de termijn van de maatregelen
complaints-decide-button = Oordeel vastleggen
complaints-refer = Voorgelegd aan de geschilleninstantie
complaints-referred-label = Voorgelegd op
complaints-refer-button = Voorleggen vastleggen
complaints-marks = Klachtenfunctionaris en AP
complaints-marks-button = Opslaan

## letters of a request (printable; save as PDF from the browser)
letters = Brieven
letter-page-title = Brief
letter-receipt = Ontvangstbevestiging
letter-extension = Verlenging van de termijn
letter-decision = Besluit
letter-to = Aan: { $name }
letter-subject = Betreft: uw verzoek tot { $kind } — { $title }
letter-salutation = Geachte heer, mevrouw,
letter-closing = Met vriendelijke groet,
letter-receipt-text = Op { $received } ontvingen wij { $channel } uw verzoek tot { $kind }. Wij beantwoorden het uiterlijk { $date } ({ $articles }).
letter-receipt-identity = Voordat wij uw verzoek uitvoeren, stellen wij uw identiteit vast. Wij nemen daarvoor contact met u op.
letter-extension-text = Wij hebben meer tijd nodig om uw verzoek tot { $kind } zorgvuldig te behandelen. U hoort uiterlijk { $date } van ons (AVG art. 12 lid 3). De reden: { $reason }
letter-decision-text = Op { $date } hebben wij op uw verzoek tot { $kind } besloten: { $outcome }.
letter-complain-own = Bent u het niet eens met dit besluit, dan kunt u een klacht indienen bij { $officer }.
letter-complain-dispute = U kunt zich ook wenden tot { $body }.
letter-complain-ap = U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens (AVG art. 77) of naar de rechter gaan (AVG art. 79).

# Restriction of processing (issue 13 part 4)
audit-action-restrict = Afgeschermd
audit-action-restriction-lift = Afscherming opgeheven
## the export of a request: inzage, afschrift, inzage in de logging (printable; save as PDF)
export-title-copy = Afschrift van uw persoonsgegevens
export-title-access = Inzage in uw persoonsgegevens
export-title-logging = Overzicht van wie uw dossier inzag
export-draft = Concept: nog niet vrijgegeven. Dit document gaat pas uit na vrijgave.
# $kind: "inzage"; $received, $decided: "2 maart 2026"; $outcome: "toegewezen"
export-request-line = Uw verzoek tot { $kind }, ontvangen op { $received }, is op { $decided } besloten: { $outcome }.
export-made-on = Opgemaakt op { $moment }.
export-who = Wie u bent
export-dossier = Uw dossier
export-recorded-on = Vastgelegd op { $moment }
export-special = bijzonder persoonsgegeven, AVG art. 9
export-earlier = Eerdere versies, gecorrigeerd ({ $count })
export-supplement = Uw aanvulling van { $moment } (art. 7:454 lid 2 BW)
# $ground: de grond van het besluit; $articles: "AVG art. 15 lid 4; art. 7:456 BW"
export-withheld = Een dossierregel van { $moment } is niet opgenomen: { $ground } ({ $articles }).
export-withheld-reason = Reden: { $reason }
export-empty-dossier = Er zijn geen dossierregels opgenomen.
export-not-included = Niet opgenomen
export-not-included-explained = Van deze soorten gegevens heeft { $organisation } gegevens over u, maar het reglement staat de behandelaar van uw verzoek niet toe ze te exporteren. Vraag ernaar als u ze wilt inzien.
export-processings = Waarvoor wij uw gegevens gebruiken
export-disclosures = Aan wie wij gegevens mogen verstrekken
export-disclosures-explained = Dit zijn de ontvangers die het reglement toestaat, geen overzicht van wat werkelijk is verstrekt.
export-all-categories = al uw gegevens
export-retention = Hoe lang wij uw gegevens bewaren
export-access-log = Wie uw dossier inzag
export-access-log-explained = Elke keer dat iemand uw gegevens inzag, vastlegde of opzocht, met de functie en de organisatie, wanneer en waarom (NEN 7513, art. 15e Wabvpz). Namen van medewerkers staan er niet in.
export-rights = Uw rechten
export-complaints = Waar u terechtkunt
export-complain-own = Een klacht over hoe wij met uw gegevens omgaan, kunt u indienen bij { $officer }.
export-dpo = Functionaris gegevensbescherming: { $dpo }
export-automated = Geautomatiseerde besluiten
export-fee = Kosten
export-review = Beoordeling voor vrijgave
export-review-explained = Bekijk wat er uitgaat. Houd een dossierregel over een ander achter, met de reden (AVG art. 15 lid 4, art. 7:456 BW); geef de export daarna vrij. Dit vak wordt niet afgedrukt.
export-status-draft = Nog niet vrijgegeven.
export-status-released = Vrijgegeven op { $moment }.
export-status-executed = Uitgevoerd op { $date }.
export-withhold-hint = Alleen bij een deels toegewezen verzoek, op de grond dat het gegevens over een ander betreft, kan een dossierregel worden achtergehouden.
export-withhold = Deze regel achterhouden
export-withhold-ground = Grond
export-withhold-reason = Reden (komt in de export)
export-withhold-button = Achterhouden
export-release-button = Vrijgeven
export-execute-explained = Druk de export af of bewaar hem als PDF (Ctrl+P) en geef hem de cliënt; leg hem daarna vast als uitgevoerd.
export-execute-button = Vastleggen als uitgevoerd
export-fhir-link = FHIR-bundel downloaden (FHIR R4, voor het systeem van een andere zorgaanbieder)
export-transfer-explained = Een overdracht gaat naar de opvolgende zorgaanbieder: druk de export af of bewaar hem als PDF, download de FHIR-bundel en geef beide mee; noem hier de ontvanger en het kanaal. De overdracht wordt vastgelegd als verstrekking; het origineel blijft in het dossier.
export-transfer-recipient = Opvolgende zorgaanbieder
export-transfer-channel = Kanaal
export-transfer-button = Overdracht vastleggen als uitgevoerd
export-back = Terug naar het verzoek
export-request-section = Uitvoeren
export-request-explained = Een inzage, afschrift of inzage in de logging wordt uitgevoerd met de export: bekijk wat er uitgaat, houd zo nodig regels achter en geef hem vrij.
export-link = Export bekijken en vrijgeven

## carrying out an erasure request on its page (issue 13 part 3)
erasure-section = Uitvoeren: verwijderen
erasure-explained = Per categorie wordt getoetst aan de wet: de fiscale bewaarplicht van zeven jaar (art. 52 AWR), het belang van een ander bij het dossier (art. 7:455 lid 2 BW) en een juridische blokkade. Wat weg mag, wordt onleesbaar gemaakt door de sleutel van die categorie te vernietigen; de rest blijft bewaard. Daarna staat hier de verwijderingsverklaring.
erasure-button = Verwijderen wat weg mag
erasure-certificate = Verwijderingsverklaring
transfer-erased-after = Na de overdracht van de zorg is gewist wat de wet liet gaan, zoals het reglement voorschrijft; wat de wet laat bewaren staat hieronder met de grond. Laat de nieuwe zorgaanbieder weten dat de gegevens hier zijn gewist.
erasure-whole-file = het hele dossier is vernietigd
erasure-category = Categorie
erasure-what = Uitkomst
erasure-articles = Artikelen
# $count: the number of records
erasure-erased-records = verwijderd ({ $count ->
    [one] 1 record
   *[other] { $count } records
})
erasure-kept = bewaard

# Retention extensions (issue 15 part 2)
audit-action-retention-extend = Bewaartermijn verlengd
audit-action-retention-extend-withdraw = Verlenging bewaartermijn ingetrokken
audit-action-registration-transfer = Overdracht van de gehele registratie gestart
audit-action-registration-transfer-change = Overdracht van de registratie bijgewerkt

# carrying out a restriction request (issue 13 part 4)
restriction-section = Afschermen
restriction-explained = De gegevens die het verzoek noemt (alles, als het niets noemt) worden afgeschermd: ze blijven bewaard, maar niemand gebruikt ze meer, behalve voor opslag en wat art. 18 lid 2 AVG toestaat, tot de afscherming wordt opgeheven. De cliënt hoort het voordat dat gebeurt (art. 18 lid 3 AVG).
restriction-ground = Grond (art. 18 lid 1 AVG)
restriction-button = Afschermen
restriction-standing = Afscherming
restriction-state = Stand
restriction-everything = alle gegevens
restriction-stands = van kracht
restriction-lifted = opgeheven op
restriction-told-on = Cliënt geïnformeerd op
restriction-lift = Afscherming opheffen
## retention in the web UI: the plan, runs, certificates, the hold register (issue 15 part 5)
nav-retention = Bewaartermijnen
nav-holds = Blokkades
audit-action-hold-place = Juridische blokkade geplaatst
audit-action-hold-release = Juridische blokkade opgeheven
audit-action-read-holds = Register van blokkades ingezien
audit-action-retention-plan = In een bewaarplan getoond
audit-action-retention-run = Vernietiging gestart of hervat
audit-action-destroy = Vernietigd na afloop van de bewaartermijn
audit-action-retention-certificate = Vernietigingsverklaring geschreven of ingezien
retention-title = Bewaartermijnen
retention-plan-explained = Wat op { $date } verlopen is volgens het reglement (versie { $version }) en de wet (versie { $law }). Er wordt niets vernietigd zonder uw besluit hieronder.
retention-client-id = Cliënt-id
# $count: the number of records
retention-records = { $count ->
    [one] 1 record
   *[other] { $count } records
}
retention-count-dossiers = { $count ->
    [one] dossier met iets te vernietigen
   *[other] dossiers met iets te vernietigen
}
retention-count-whole-files = { $count ->
    [one] daarvan het hele dossier
   *[other] daarvan de hele dossiers
}
retention-count-records = { $count ->
    [one] record te vernietigen
   *[other] records te vernietigen
}
retention-count-overdue = { $count ->
    [one] dossier over de termijn
   *[other] dossiers over de termijn
}
retention-count-holds = { $count ->
    [one] juridische blokkade
   *[other] juridische blokkades
}
retention-per-category = Per categorie
retention-nothing-due = Er is niets verlopen.
retention-due-records = Te vernietigen records
retention-due-persons = Cliënten
retention-held-records = Tegengehouden records
retention-articles = Artikelen
retention-persons-due = Cliënten met verlopen gegevens
retention-retain-until = Bewaren tot
retention-destroy-by-column = Vernietigen uiterlijk
retention-whole-file = het hele dossier
retention-overdue = over de termijn
retention-holds = Juridische blokkades
retention-no-holds = Er staat geen juridische blokkade.
retention-destroy-title = Vernietigen wat verlopen is
retention-destroy-explained = U besluit tot de vernietiging van wat hierboven staat. Een heel dossier wordt onleesbaar gemaakt door de sleutel ervan te vernietigen, ook in oudere back-ups; losse records worden verwijderd. Wat een juridische blokkade tegenhoudt, blijft bewaard. Elk onderdeel wordt vlak voor de vernietiging opnieuw getoetst. Daarna volgt een vernietigingsverklaring op uw naam.
retention-destroy-confirm = Ik heb het plan gecontroleerd en besluit tot vernietiging.
retention-destroy-button = Vernietigen wat verlopen is
retention-run-under-way = Er loopt een vernietiging: { $done } van { $total } onderdelen gedaan.
retention-run-follow = Voortgang bekijken
# $left: the number of items still to do
retention-run-unfinished = Een vernietiging met peildatum { $date } is niet afgemaakt ({ $left ->
    [one] nog 1 onderdeel
   *[other] nog { $left } onderdelen
}). Maak die eerst af; niets wordt twee keer vernietigd.
retention-run-resume = Vernietiging afmaken
retention-runs = Vernietigingen
retention-no-runs = Er is nog niets vernietigd.
retention-started = Gestart
retention-finished = Afgerond
retention-as-of = Peildatum
retention-destroyed = Vernietigd
retention-skipped = Overgeslagen
retention-state = Stand
retention-state-finished = afgerond
retention-state-running = bezig
retention-state-failed = gestopt door een fout
retention-state-unfinished = niet afgemaakt
retention-run-title = Vernietiging
retention-progress = { $done } van { $total } onderdelen gedaan, nog { $left } te gaan.
retention-progress-label = Voortgang van de vernietiging
retention-run-started-by = Gestart door { $by } op { $at }, peildatum { $date }.
retention-refresh = Vernieuwen
retention-run-stopped = Deze vernietiging loopt niet meer (de server is gestopt of er ging iets mis). Start hem opnieuw: wat al vernietigd is, wordt overgeslagen.
retention-back = Terug naar de bewaartermijnen
retention-certificate = Vernietigingsverklaring
retention-organisation = Organisatie
retention-started-by = Gestart door
retention-versions = Reglement en wet
retention-versions-are = reglement versie { $version }, wetgeving versie { $law }
retention-run-id = Kenmerk
# $files: whole files destroyed; $records: records destroyed; $skipped: items skipped
retention-certificate-summary = { $files ->
    [one] 1 heel dossier
   *[other] { $files } hele dossiers
} en { $records ->
    [one] 1 record
   *[other] { $records } records
} vernietigd; { $skipped ->
    [one] 1 onderdeel overgeslagen
   *[other] { $skipped } onderdelen overgeslagen
}.
retention-nothing-destroyed = Er is niets vernietigd.
retention-destroyed-records = Vernietigde records
retention-destroyed-items = Vernietigd
retention-destroyed-at = Vernietigd op
retention-skipped-items = Overgeslagen
retention-skip-erased = intussen al verwijderd
retention-skip-held = een juridische blokkade houdt het tegen
retention-skip-no-longer-due = niet meer verlopen (gewijzigd sinds de planning)
retention-certificate-no-names = Deze verklaring noemt cliënten alleen bij hun id en bevat geen namen of inhoud.
retention-print = Druk deze verklaring af of bewaar hem als PDF (Ctrl+P).
retention-dashboard-due = { $dossiers ->
    [one] 1 dossier
   *[other] { $dossiers } dossiers
} / { $records ->
    [one] 1 gegeven
   *[other] { $records } gegevens
} te vernietigen
retention-dashboard-overdue = waarvan { $count } over de termijn
retention-dashboard-held = { $count ->
    [one] 1 juridische blokkade houdt
   *[other] { $count } juridische blokkades houden
} { $records ->
    [one] 1 record
   *[other] { $records } records
} tegen.
retention-dashboard-planned = Bewaarplan van { $date }.
retention-dashboard-not-yet = Het bewaarplan van vandaag wordt nog gemaakt.
retention-dashboard-open = Naar de bewaartermijnen
hold-register = Register van juridische blokkades
hold-register-open = Naar het register van blokkades
hold-register-explained = Een juridische blokkade schort de bewaartermijn op: wat zij dekt, wordt niet vernietigd of verwijderd tot zij is opgeheven of afloopt. U plaatst een blokkade vanuit het dossier van de cliënt.
hold-none = Er is nog geen juridische blokkade geplaatst.
hold-kind = Soort
hold-until = Einde of herbeoordeling
hold-ends-on = loopt af na { $date }
hold-review-on = herbeoordeling { $date }
hold-until-released = tot zij wordt opgeheven
hold-term = Looptijd
hold-placed-by = geplaatst door { $by } ({ $role }), { $moment }
hold-since = sinds { $date }
hold-released-on = Opgeheven op { $moment } door { $by }
hold-standing = Van kracht
hold-not-yet = Gaat nog in
hold-ended = Afgelopen
hold-release = Blokkade opheffen
hold-notice = Juridische blokkade:
hold-notice-effect = Vernietiging en verwijdering wachten tot de blokkade is opgeheven.
hold-whole-file = het hele dossier
hold-place-open = Bewaarplicht opschorten
hold-reason-label = Reden (alleen zichtbaar voor wie blokkades plaatst)
hold-starts-label = Vanaf
hold-ends-label = Tot en met (leeg: tot de blokkade wordt opgeheven)
hold-review-label = Herbeoordelen op
hold-place-button = Blokkade plaatsen
hold-reason-required = Geef de reden van de blokkade.
retention-more-persons = En nog { $count } dossiers met iets te vernietigen; ze worden in dezelfde vernietiging meegenomen.
retention-dashboard-nothing = Er is niets te vernietigen.

# retention: the privacy officer's panel, the transfer of the registration (issue 15)
retention-dashboard-supervise = U houdt toezicht; de vernietiging gebeurt na een besluit van wie daarover gaat.
retention-transfer-title = De bewaartermijnen gelden niet.
retention-transfer-text = De gehele registratie wordt sinds { $date } overgedragen aan { $recipient } (art. { $article }): er wordt niets vernietigd; wat anders verlopen was, is tegengehouden.
retention-transfer-untold = De cliënten zijn nog niet geïnformeerd (zij kunnen bezwaar maken).

# the do-not-contact register (issue 14 part 4)
audit-action-contact-block = Op het register niet-benaderen gezet
audit-action-contact-unblock = Van het register niet-benaderen gehaald
audit-action-contact-check = Nagegaan of benaderen mag
audit-action-contact-list = Register niet-benaderen ingezien

# consent records (issue 14 part 1)
audit-action-consent-give = Toestemming vastgelegd
audit-action-consent-withdraw = Toestemming ingetrokken
audit-action-consent-read = Toestemmingen ingezien
audit-action-consent-check = Nagegaan of er toestemming is

# The disclosure ledger (issue 14 part 2)
audit-action-recipient-register = Ontvanger geregistreerd
audit-action-recipient-list = Register van ontvangers ingezien
audit-action-disclosure-record = Verstrekking vastgelegd
audit-action-disclosure-notice = Cliënt geïnformeerd over verstrekking
audit-action-disclosure-list = Verstrekkingen ingezien
# objections (art. 21 AVG)
audit-action-objection-file = Bezwaar vastgelegd
audit-action-objection-decide = Op bezwaar beslist
audit-action-objection-withdraw = Bezwaar ingetrokken
audit-action-objection-read = Bezwaren ingezien

# the consent tab of the dossier (issue 14 part 6)
dossier-tabs = Onderdelen van het dossier
consent-tab = Toestemmingen
consent-title = Toestemmingen
consent-explained = Elke toestemming met wie haar gaf, de vorm, waarvoor, van wanneer tot wanneer en het bewijs (AVG art. 7 lid 1). Intrekken kan altijd (art. 7 lid 3): de intrekking komt naast de toestemming, die zelf blijft staan.
consent-none = Er zijn geen toestemmingen vastgelegd.
consent-history-caption = Alle toestemmingen, ook ingetrokken en verlopen, de nieuwste eerst
consent-col-scope = Waarvoor
consent-col-form = Vorm
consent-col-period = Geldig
consent-col-given-by = Gegeven door
consent-col-evidence = Bewijs
consent-col-status = Stand
# $date: "2 maart 2026"
consent-valid-from = vanaf { $date }
consent-valid-until = tot en met { $date }
consent-one-day = alleen op die dag
consent-until-withdrawn = tot intrekking
consent-given-on = gegeven op { $date }
# $version: "audit-2026-1"
consent-evidence-text = getoonde tekst, versie { $version }
consent-evidence-show = Tekst tonen
# $document: "formulier-0001.pdf"
consent-evidence-document = ondertekend formulier { $document }
consent-withdrawn-on = ingetrokken per { $date }
consent-in-force = geldt
consent-withdraw = Intrekken
consent-not-yet = geldt nog niet
consent-expired = verlopen
consent-give-title = Toestemming vastleggen
consent-form-label = Vorm
consent-given-by-label = Gegeven door
consent-given-on-label = Gegeven op
consent-scope-legend = Waarvoor (een verwerking, een ontvanger of beide)
consent-processing-label = Verwerking
consent-recipient-label = Ontvanger
consent-none-chosen = (geen)
consent-categories-label = Gegevens (categorieën)
consent-purpose-label = Doel (kort label, kleine letters)
consent-period-legend = Geldigheid (voor één dag: tweemaal dezelfde datum)
consent-from-label = Geldig vanaf (leeg: de dag van geven)
consent-until-label = Geldig tot en met (leeg: tot intrekking)
consent-evidence-legend = Bewijs (de getoonde tekst met versie, of het ondertekende formulier)
consent-text-label = Getoonde of voorgelezen tekst
consent-text-version-label = Versie van die tekst
consent-document-label = Waar het ondertekende formulier is (kenmerk)
consent-sha256-label = SHA-256 van het formulier
consent-give-button = Toestemming vastleggen
# $field: "Geldig tot en met", $name: "valid_until", $message: the vault's explanation
consent-error = { $field } ({ $name }): { $message }. Er is niets vastgelegd.

# Research exports (issue 14 part 5)
audit-action-research-export = Onderzoeksbestand verstrekt
audit-action-recipient-told = Ontvanger geïnformeerd over correctie of verwijdering
audit-action-log-review-run = Logcontrole uitgevoerd
audit-action-log-review-read = Meldingen van de logcontrole ingezien
audit-action-log-review-close = Melding van de logcontrole afgehandeld
audit-action-log-review-incident = Melding van de logcontrole als incident geregistreerd

# web: the disclosure ledger (issue 14 parts 2 and 6): the disclosure form, the notice to the client, the ledger, the register of recipients
nav-disclosures = Verstrekkingen
nav-recipients = Ontvangers
ledger-form-title = Gegevens verstrekken
ledger-form-title-of = Gegevens verstrekken van { $name }
ledger-form-explained = Kies de organisatie, welke gegevens en waarvoor. Met "Beoordelen" ziet u eerst wat het reglement ervan zegt; er gaat dan nog niets de deur uit.
ledger-no-recipients = Er staat nog geen organisatie in het register van ontvangers. De coördinator die het register bijhoudt, voegt ze toe.
ledger-no-name = De naam van de cliënt kunt u niet inzien.
ledger-recipient = Ontvanger
ledger-choose-recipient = Kies een ontvanger
ledger-categories = Gegevens
ledger-purpose = Doel van de verstrekking
ledger-purpose-hint = Een kort doel in kleine letters, bijvoorbeeld "overdracht van zorg".
ledger-review-button = Beoordelen
ledger-review-title = Beoordeling vóór verstrekking
ledger-decision-caption = Wat het reglement per soort gegevens zegt
ledger-decision = Besluit
ledger-allowed = Toegestaan
ledger-not-allowed = Niet toegestaan
ledger-consent = Toestemming
ledger-consent-needed = Nodig: { $form }
ledger-consent-found = Vastgelegd en geldig.
ledger-consent-missing = Niet gevonden.
ledger-consent-not-needed = Niet nodig
ledger-conditions = Voorwaarden
ledger-by-default = Het reglement noemt deze ontvanger niet: de standaardregel geldt.
ledger-client-told = Cliënt informeren
ledger-client-told-yes = Ja
ledger-client-told-no = Nee
ledger-will-tell = De cliënt moet worden geïnformeerd.
ledger-will-tell-explained = Deze verstrekking gebeurt zonder toestemming; na het verstrekken legt u vast dat de cliënt een brief kreeg.
ledger-confirm = Ik heb de beoordeling gelezen en verstrek deze gegevens aan deze ontvanger.
ledger-disclose-button = Verstrekken
ledger-cannot-disclose = Zo kan het niet worden verstrekt. Leg eerst de toestemming vast die nodig is, of kies andere gegevens of een andere ontvanger.
ledger-conflict-of-duties = Conflict van plichten
ledger-conflict-of-duties-hint = De regel vraagt toestemming, maar laat verstrekking zonder toestemming toe bij een conflict van plichten: alleen als toestemming vragen niet kan of is geweigerd, zwijgen ernstige schade voor de cliënt of een ander meebrengt, er geen andere weg is en u niet meer verstrekt dan nodig. Uw verantwoording wordt vastgelegd voor de beoordeling door de functionaris gegevensbescherming.
ledger-conflict-of-duties-reason = Verantwoording
ledger-conflict-of-duties-button = Beoordelen met conflict van plichten
ledger-error-conflict-of-duties = Schrijf waarom het conflict van plichten de verstrekking zonder toestemming vraagt; of: deze verstrekking steunt niet op een conflict van plichten (de toestemming is er, er is geen nodig, of geen regel laat het toe).
ledger-on-conflict-of-duties = op een conflict van plichten
ledger-refused = Verstrekking geweigerd.
ledger-change = Keuze wijzigen
ledger-result-title = Gegevens verstrekt
ledger-done = De verstrekking is vastgelegd in het verstrekkingenregister.
ledger-must-tell = De cliënt moet worden geïnformeerd.
ledger-must-tell-explained = De gegevens zijn zonder toestemming verstrekt; het reglement vraagt dat de cliënt dat hoort ({ $articles }). Verstuur de brief en leg vast wanneer.
ledger-to-notice = Naar de melding aan de cliënt
ledger-record-count = Aantal gegevens
ledger-basis = Grondslag
ledger-basis-with = Met toestemming ({ $articles })
ledger-basis-without = Zonder toestemming ({ $articles })
ledger-disclosed-on = Verstrekt op
ledger-sha256 = Controlegetal (SHA-256)
ledger-extract = Het uittreksel
ledger-extract-explained = Dit ging naar de ontvanger. Druk deze pagina af, of
ledger-download = download het uittreksel (JSON)
ledger-notice-title = Melding aan de cliënt
ledger-notice = Melding aan de cliënt
ledger-notice-due = Nog te doen
ledger-notice-not-needed = Niet nodig
ledger-notice-sent-on = Brief verstuurd op { $date }
ledger-notice-exception-on = Niet verstuurd (uitzondering), { $date }
ledger-notice-not-needed-explained = Deze verstrekking gebeurde met toestemming: de cliënt hoeft niet apart te worden geïnformeerd.
ledger-letter = De brief
ledger-record-notice = Vastleggen
ledger-notice-how = Wat is er gebeurd?
ledger-notice-sent-option = De brief is verstuurd
ledger-notice-exception-option = Niet verstuurd: uitzondering ({ $exception })
ledger-notice-date = Datum
ledger-notice-reason-label = Reden (verplicht bij de uitzondering)
ledger-notice-reason-hint = Waarom de cliënt niet wordt geïnformeerd; de reden komt in het dossier, niet in de logging.
ledger-notice-button = Vastleggen
ledger-notice-recorded-sent = Vastgelegd: de brief is verstuurd op { $date }. Zo luidde hij:
ledger-notice-recorded-exception = Vastgelegd op { $date }: de cliënt is niet geïnformeerd, onder de uitzondering van het reglement.
ledger-notice-reason = Reden: { $reason }
ledger-back = Naar de verstrekkingen
ledger-title = Verstrekkingenregister
ledger-explained = Elke verstrekking van gegevens aan een organisatie buiten de eigen organisatie, de nieuwste eerst. Wat nog moet gebeuren staat bovenaan.
ledger-count-all = { $count ->
    [one] verstrekking
   *[other] verstrekkingen
}
ledger-count-due = meldingen aan cliënten nog te doen
ledger-filter = Filteren
ledger-all = Alle
ledger-from = Vanaf
ledger-until = Tot en met
ledger-only-due = Alleen met een melding die nog te doen is
ledger-filter-button = Toepassen
ledger-csv = Download als CSV
ledger-csv-explained = (de lijst zoals gefilterd; CSV opent in elk spreadsheetprogramma)
ledger-xlsx = Download als Excel (XLSX)
ledger-todo = Te doen: cliënt informeren
ledger-todo-what = Actie
ledger-shown = { $count ->
    [one] 1 verstrekking
   *[other] { $count } verstrekkingen
}
ledger-none = Geen verstrekkingen gevonden.
ledger-by = Door
ledger-records = { $count ->
    [one] 1 gegeven
   *[other] { $count } gegevens
}
ledger-csv-date = Datum
ledger-csv-client-id = Cliënt-id
ledger-csv-client = Cliënt
ledger-csv-recipient = Ontvanger
ledger-csv-kind = Soort ontvanger
ledger-csv-agb = AGB-code
ledger-csv-kvk = KvK-nummer
ledger-csv-country = Land
ledger-csv-categories = Gegevens
ledger-csv-records = Aantal gegevens
ledger-csv-purpose = Doel
ledger-csv-consent = Met toestemming
ledger-csv-articles = Artikelen
ledger-csv-by = Verstrekt door
ledger-csv-role = Rol
ledger-csv-notice = Melding
ledger-csv-notice-date = Datum melding
ledger-csv-id = Kenmerk
ledger-csv-sha256 = SHA-256
ledger-csv-yes = ja
ledger-csv-no = nee
ledger-error-recipient = Kies een organisatie uit het register van ontvangers.
ledger-error-categories = Kies ten minste één soort gegevens.
ledger-error-purpose = Geef een kort doel in kleine letters (cijfers, spaties, - en _ mogen ook; ten hoogste 60 tekens).
ledger-error-confirm = Vink aan dat u de beoordeling hebt gelezen.
ledger-error-kind = Kies de soort ontvanger uit de lijst.
ledger-error-name = Geef de naam van de organisatie (ten hoogste 200 tekens).
ledger-error-agb = Een AGB-code heeft 8 cijfers.
ledger-error-kvk = Een KvK-nummer heeft 8 cijfers.
ledger-error-country = Geef de landcode in twee hoofdletters, zoals NL.
ledger-error-on = De datum ligt niet vóór de verstrekking en niet in de toekomst.
ledger-error-reason = Geef de reden waarom de cliënt niet wordt geïnformeerd.
ledger-error-outcome = Kies wat er is gebeurd.
recipients-title = Register van ontvangers
recipients-explained = De organisaties waaraan gegevens kunnen worden verstrekt. De soort bepaalt wat het reglement toestaat.
recipients-none = Er staan nog geen organisaties in het register.
recipients-name = Naam
recipients-kind = Soort ontvanger
recipients-choose-kind = Kies een soort
recipients-agb = AGB-code
recipients-kvk = KvK-nummer
recipients-country = Land
recipients-registered = Geregistreerd
recipients-new = Organisatie toevoegen
recipients-codes-hint = AGB-code voor een zorgaanbieder, KvK-nummer voor andere organisaties; beide 8 cijfers, niet verplicht.
recipients-register-button = Toevoegen
export-disclosed-to = Aan wie uw gegevens zijn verstrekt
export-disclosed-to-none = Volgens ons verstrekkingenregister zijn uw gegevens niet aan andere organisaties verstrekt.
export-disclosed-on = Datum
export-disclosed-recipient = Ontvanger
export-disclosed-basis = Grondslag
export-disclosed-with-consent = Met uw toestemming
export-disclosed-without-consent = Zonder uw toestemming

## Registers als spreadsheet
registers-excel = Registers in Excel
registers-excel-explained = Het verwerkingsregister en de registers die u bijhoudt of inziet, elk als tabblad van één werkmap. Het downloaden wordt per register gelogd.
registers-excel-download = Download de werkmap (XLSX)
register-download-xlsx = Download als Excel (XLSX)
register-download-csv = Download als CSV
## Het register niet-benaderen
contacts-title = Register niet-benaderen
contacts-explained = Wie heeft gevraagd niet benaderd te worden voor nieuwsbrieven, tevredenheidsonderzoek of fondsenwerving, of voor alles buiten de zorg. Ga dit na vóór zo'n contact: bezwaar tegen direct marketing is absoluut (AVG art. 21 lid 2 en 3).
contacts-home = Ga na of iemand benaderd mag worden, en zet iemand op het register als hij dat vraagt.
contacts-open = Naar het register niet-benaderen
contacts-register = Op het register
contacts-caption = De nieuwste eerst
contacts-none = Niemand staat op het register.
contacts-with-ended = Ook beëindigde vermeldingen tonen
contacts-only-standing = Alleen wie nu op het register staat
contacts-all = alles buiten de zorg
contacts-col-purpose = Niet benaderen voor
contacts-col-asked-on = Gevraagd op
contacts-col-recorded-by = Vastgelegd door
contacts-col-state = Stand
contacts-standing = Staat op het register
contacts-end = Beëindigen (wil weer benaderd worden)
contacts-ended-on = Beëindigd op { $moment } door { $by }
contacts-choose-client = Kies eerst een cliënt: in het dossier van de cliënt of in de lijst hieronder staat de link naar dit register.
contacts-check-purpose = Nagaan voor
contacts-check-button = Nagaan
contacts-check-yes = Ja, benaderen mag.
contacts-check-yes-detail = { $name } staat niet op het register voor { $purpose }.
contacts-check-no = Nee, niet benaderen.
contacts-check-no-detail = { $name } heeft op { $since } gevraagd niet benaderd te worden voor { $purpose }.
contacts-block-title = Op het register zetten
contacts-block-explained = Als de cliënt vraagt niet meer benaderd te worden. Vanaf de dag dat hij het vroeg geldt het, tot hij vraagt weer benaderd te worden.
contacts-block-purpose = Niet benaderen voor
contacts-block-asked-on = Gevraagd op
contacts-block-button = Op het register zetten
contacts-error-person = Kies een cliënt die is ingeschreven.
contacts-error-purpose = Kies waarvoor de cliënt niet benaderd wil worden uit de lijst.
contacts-error-asked-on = Geef de dag waarop de cliënt het vroeg; die ligt niet in de toekomst.
contacts-error-entry = Deze vermelding staat al, of is al beëindigd.
contacts-nothing-recorded = Er is niets vastgelegd.

## Toestemming namens de cliënt
consent-on-behalf-legend = Namens de cliënt
consent-on-behalf-explained = Alleen invullen als de cliënt niet zelf, of niet alleen, toestemming gaf. Is de cliënt 12 tot 16 jaar, dan geven de cliënt en een ouder met gezag (of de voogd) allebei toestemming: kies bij "Gegeven door" de één en hier bij "Ook gegeven door" de ander.
consent-also-by-label = Ook gegeven door
consent-representative-label = Naam van de vertegenwoordiger (als die niet als persoon is ingeschreven)
consent-ground-label = Grond van de vertegenwoordiging
consent-authorisation-label = Er is een schriftelijke machtiging van de cliënt
consent-born-label = Geboortedatum van de cliënt (alleen als die niet is ingeschreven)
consent-representative-is = vertegenwoordiger: { $name }
consent-ground-is = grond: { $ground }
consent-authorisation-given = met schriftelijke machtiging
## log review (logcontrole, NEN 7513)
log-review-title = Logcontrole
log-review-explained = Regels over de logging (NEN 7513) melden wat een blik verdient: noodtoegang die niet op tijd is beoordeeld, ongewoon veel dossiers op een dag, inzage buiten de zorgrelatie op een brede regel, en het dossier van een collega. Handel elke melding af met een notitie, of maak er een incident van. Wat het eerst moet, staat bovenaan.
log-review-run = Controle uitvoeren
log-review-from = Vanaf (leeg: alleen de laatste dag)
log-review-to = Tot en met (leeg: vandaag)
log-review-run-button = Controle uitvoeren
log-review-open-count = { $count ->
    [one] 1 open melding
   *[other] { $count } open meldingen
}
log-review-overdue-count = { $count ->
    [one] 1 noodtoegang over de termijn
   *[other] { $count } noodtoegangen over de termijn
}
log-review-none-open = Geen open meldingen.
log-review-open = Naar de logcontrole
log-review-due = Beoordelen uiterlijk { $date }
log-review-user = Gebruiker
log-review-clients = Cliënt(en)
log-review-reason = Reden
log-review-events = Gebeurtenissen
log-review-events-count = { $count ->
    [one] 1 gebeurtenis
   *[other] { $count } gebeurtenissen
}
log-review-articles = Grondslag
log-review-note = Notitie bij het afhandelen
log-review-close-button = Afhandelen
log-review-incident-button = Maak er een incident van
log-review-closed = Afgehandelde meldingen
log-review-kind = Melding
log-review-closed-at = Afgehandeld
log-review-outcome = Uitkomst
log-review-became-incident = Incident { $id }
log-review-error-note = Schrijf een notitie: wat de controle vond en waarom het in orde is.
log-review-error-from = Geef een begindatum die niet na de einddatum ligt.
log-review-error-to = Geef een einddatum die niet in de toekomst ligt.

## Jaarverslag privacy
annual-web-year = Jaar
annual-web-show = Tonen
annual-web-pick = Een ander jaar
annual-web-download-pdf = Download als PDF
annual-web-download-json = Download als JSON (elk cijfer met zijn gebeurtenissen)
annual-web-bad-year = `{ $value }` is geen jaar van 2000 tot en met { $last }
annual-web-home-title = Jaarverslag privacy
annual-web-home = De cijfers van { $year } uit de registers en de logging, elk met de gebeurtenissen die het telt: om het jaarverslag privacy vast te stellen.
annual-web-home-open = Naar het jaarverslag
processors-register = Verwerkers en privacy-assets
processors-explained = De verwerkersovereenkomsten (art. 28 AVG): wie voor welke verwerkingen gegevens verwerkt, waar, en wanneer de overeenkomst opnieuw wordt bekeken. Daaronder de systemen die persoonsgegevens bewaren.
processors-eea-only = Het reglement eist verwerking binnen de EER ({ $article }); een land daarbuiten wordt geweigerd.
processors-eea-not-demanded = Het reglement eist geen verwerking binnen de EER; doorgifte daarbuiten valt onder art. 44–46 AVG.
processors-interval = Herziening elke { $interval }.
processors-count-active = lopende overeenkomsten
processors-count-due = herziening nodig
processors-count-overdue = herziening te laat
processors-agreements = Verwerkersovereenkomsten
processors-none = Nog geen verwerkersovereenkomsten.
processors-review = Herziening
processors-processor = Verwerker
processors-processings = Verwerkingen
processors-countries = Landen van verwerking
processors-signed = Getekend op
processors-reviewed-on = laatst herzien op { $date }
processors-review-on = Herzien op
processors-next-optional = Volgende herziening (leeg: volgens het reglement)
processors-review-done = Herziening vastleggen
processors-subprocessors-list = subverwerkers: { $list }
processors-security-list = beveiliging: { $text }
processors-ended = beëindigd op { $date }
processors-overdue = herziening te laat (uiterlijk { $date })
processors-due-soon = herziening binnenkort (uiterlijk { $date })
processors-next-review = herziening uiterlijk { $date }
processors-new = Verwerkersovereenkomst vastleggen
processors-kvk = KvK-nummer (acht cijfers, niet verplicht)
processors-processings-explained = De verwerkingen van het reglement, met komma's gescheiden: { $list }.
processors-categories = Categorieën van gegevens
processors-categories-explained = De categorieën van die verwerkingen, met komma's gescheiden (bijvoorbeeld naw, gezondheid).
processors-subprocessors = Subverwerkers (met komma's gescheiden)
processors-countries-explained = Landcodes volgens ISO 3166-1, met komma's gescheiden (bijvoorbeeld NL, DE).
processors-security = Beveiligingsmaatregelen (worden versleuteld bewaard)
processors-record = Overeenkomst vastleggen
processors-panel = Herziening verwerkersovereenkomst nodig
processors-open = Naar het verwerkersregister
assets-title = Privacy-assets
assets-none = Nog geen privacy-assets.
assets-name = Systeem
assets-kind = Soort systeem
assets-categories = Categorieën die het bewaart
assets-where = Waar
assets-country = Land (ISO 3166-1, bijvoorbeeld NL)
assets-location = Plaats (datacentrum, kantoor)
assets-agreement = Verwerkersovereenkomst
assets-no-agreement = Geen (eigen beheer)
assets-owner = Eigenaar
assets-new = Privacy-asset vastleggen
assets-record = Systeem vastleggen

## the dossier's panel "Vertegenwoordiging" (issue 12 part 1)
representation-title = Vertegenwoordiging
representation-legal-status = Juridische status
representation-legal-status-since = { $status }, sinds { $since }
representation-no-legal-status = geen curatele, mentorschap of beschermingsbewind geregistreerd
representation-deceased = Overleden op { $date }.
representation-none = Geen vertegenwoordigers geregistreerd.
representation-valid-from = vanaf { $from }
representation-valid-between = van { $from } tot en met { $until }
representation-authorised = schriftelijke machtiging van { $date }
representation-ended = beëindigd op { $date }
representation-col-name = Naam
representation-col-validity = Geldigheid
representation-name-withheld = (naam niet te zien)
representation-add-open = Vertegenwoordiger toevoegen
representation-by-label = Vertegenwoordiger (persoons-id van een geregistreerde persoon)
representation-ground-label = Grond
representation-from-label = Geldig vanaf
representation-until-label = Geldig tot en met (leeg: onbepaald)
representation-authorised-label = Datum van de schriftelijke machtiging (verplicht voor een gemachtigde)
representation-add-button = Vertegenwoordiger vastleggen
audit-action-reglement-adopt = Nieuwe versie van het reglement vastgesteld

## portal: the clients' portal (issue 12 part 5)
portal-nav-home = Mijn verzoeken
portal-nav-file = Nieuw verzoek
portal-role = cliëntportaal
portal-title = Mijn verzoeken
portal-explained = Hier ziet u de verzoeken over uw gegevens die u hebt ingediend, voor uzelf of voor iemand die u vertegenwoordigt, met de termijn waarbinnen de organisatie antwoordt.
portal-file-link = Een verzoek indienen
portal-none = U hebt nog geen verzoeken ingediend.
portal-my-requests = Uw verzoeken, wat het eerst afloopt bovenaan
portal-for = Voor
portal-yourself = uzelf
portal-file-title = Een verzoek indienen
portal-file-error-type = Kies wat u vraagt.
portal-file-error-long = Uw toelichting is te lang: hoogstens 4000 tekens.
portal-file-explained = Kies wat u vraagt en voor wie. De organisatie bevestigt de ontvangst en antwoordt binnen de termijn van het reglement en de wet; soms vraagt zij u eerst uw identiteit te laten vaststellen.
portal-file-type = Wat vraagt u?
portal-file-for = Voor wie?
portal-file-asked = Toelichting (bijvoorbeeld welke gegevens, of wat er gewijzigd moet worden)
portal-file-button = Verzoek indienen
portal-back = Terug naar mijn verzoeken
portal-status = Stand van zaken
portal-status-received = uw verzoek is ontvangen en wacht op behandeling.
portal-status-identity = uw identiteit is vastgesteld; uw verzoek wordt behandeld.
portal-status-in-progress = uw verzoek wordt behandeld.
portal-status-decided = er is een besluit genomen; u vindt het hieronder en in de brief.
portal-status-executed = uw verzoek is uitgevoerd.
portal-status-withdrawn = het verzoek is ingetrokken.
portal-identity-needed = De organisatie stelt uw identiteit vast voordat zij uw verzoek behandelt; u hoort hoe.
portal-extended = De termijn is verlengd (u bent daarover ingelicht op { $date }).
portal-extended-until = Het antwoord komt uiterlijk op { $date }.
portal-history = Wat er is gebeurd
portal-step-filed = uw verzoek is ontvangen
portal-step-identity = uw identiteit is vastgesteld
portal-step-in-progress = uw verzoek is in behandeling genomen
portal-step-extended = de termijn is verlengd
portal-step-decided = er is een besluit genomen
portal-step-executed = uw verzoek is uitgevoerd
portal-step-withdrawn = het verzoek is ingetrokken
error-portal-not-staff = Deze pagina is voor medewerkers. Uw verzoeken vindt u op het cliëntportaal (/portaal).
error-staff-not-portal = Het cliëntportaal is voor cliënten en hun vertegenwoordigers; medewerkers werken in de verzoekenlijst (/verzoeken).
