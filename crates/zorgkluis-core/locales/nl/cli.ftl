# De opdrachtregel.

# Voor een foutmelding: "fout: kan de installatie niet openen: ..."
cli-error = fout
cli-listening = zorgkluis luistert op { $address }

## zorgkluis demo
cli-demo-logins = Inloggen op { $url }: gebruikers { $users }, wachtwoord { $password }
cli-demo-tokens = Demo-organisatie BG wonen, 12 synthetische cliënten. API-tokens per medewerker:
cli-demo-care = zorg-1 zorgt voor cliënt 1-6, zorg-2 voor 7-12. Voorbeeld:
# In het voorbeeld: curl -H 'Authorization: Bearer <token van admin-1>' ...
cli-demo-token-of = token van admin-1

## Accounts en tokens
cli-portal-keep = Geef de cliënt deze gegevens veilig (persoonlijk of per brief): het wachtwoord wordt niet nog eens getoond.
cli-portal-issued = Portaalaccount { $login } voor persoon { $person }; eerste wachtwoord: { $password }
cli-portal-revoked = Portaalaccount { $login } van persoon { $person } ingetrokken.
cli-token-keep = Bewaar deze token: hij wordt niet nog eens getoond.
cli-token-revoked = Token ingetrokken: { $name }
# $at: wanneer de token is ingetrokken
cli-token-state-revoked = ingetrokken { $at }
cli-token-state-valid = geldig
cli-user-created = Gebruiker aangemaakt: { $id } ({ $role })

## zorgkluis reglement
cli-cannot-read-file = { $file }: kan het bestand niet lezen: { $error }
cli-check-valid = { $file }: geldig ({ $reglement }, { $warnings ->
    [one] { $warnings } waarschuwing
   *[other] { $warnings } waarschuwingen
})
cli-check-invalid = { $file }: ongeldig ({ $errors ->
    [one] { $errors } fout
   *[other] { $errors } fouten
})
cli-check-invalid-policies = { $file }: ongeldig beleid

## De installatie: wat er misging, na "fout: "
cli-cannot-read-reglement = kan het reglement niet lezen
cli-cannot-create-installation = kan de installatie niet aanmaken
cli-configuration = configuratie
cli-cannot-write-configuration = kan de configuratie niet schrijven
cli-cannot-open-database = kan de database niet openen
cli-cannot-open-installation = kan de installatie niet openen
cli-runtime = runtime
cli-failed = mislukt
cli-restore-failed = herstel mislukt
cli-no-configuration = { $file }: { $error } (voer eerst `zorgkluis init` uit)

## De installatie: wat er gebeurde
# $key: new (de hoofdsleutel is nu gemaakt) of existing
cli-init-done = Installatie klaar in { $dir } (organisatie: { $tenant }; hoofdsleutel: { $key ->
    [new] nieuw aangemaakt
   *[existing] bestond al
})
cli-audit-intact = Auditlog intact: { $events ->
    [one] { $events } gebeurtenis
   *[other] { $events } gebeurtenissen
}, { $checkpoints ->
    [one] { $checkpoints } ondertekend ankerpunt
   *[other] { $checkpoints } ondertekende ankerpunten
}
cli-audit-title = Wie heeft dit dossier ingezien: { $person }
# Eén regel per gebeurtenis; $at: "1 december 2026, 09:51"; $emergency: yes of no
cli-audit-event = { $at }  { $user } ({ $role })  { $action } { $category }  doel: { $purpose }  { $outcome }{ $emergency ->
    [yes] {"  "}NOODTOEGANG
   *[no] {""}
}
cli-keys-rewrapped = { $count ->
    [one] { $count } sleutel opnieuw verpakt
   *[other] { $count } sleutels opnieuw verpakt
}
cli-backup-written = Back-up gemaakt: { $file }
cli-restored-from = Hersteld uit { $source }

## audit verify: what a finding says (one message per ChainBreak id)
cli-finding-altered = { $tenant }: gebeurtenis { $seq } is gewijzigd
cli-finding-removed = { $tenant }: gebeurtenis { $seq } is verwijderd
cli-finding-inserted = { $tenant }: gebeurtenis { $seq } is ingevoegd en hoorde niet bij de keten
cli-finding-reordered = { $tenant }: gebeurtenis { $seq } staat op een andere plaats dan waar hij hoort
cli-finding-truncated = { $tenant }: de keten houdt op vóór gebeurtenis { $seq }; een ondertekend controlepunt noemt latere gebeurtenissen, die zijn afgeknipt
cli-finding-bad_checkpoint = { $tenant }: een controlepunt (gebeurtenis { $seq }) is niet geldig ondertekend, niet leesbaar of staat niet op zijn plaats
cli-finding-subjects_altered = { $tenant }: de index van personen die lijst { $seq } toonde, klopt niet met de gebeurtenis
cli-finding-forged = { $tenant }: gebeurtenis { $seq } heeft een hash die zonder de auditsleutel is berekend: vervalst
cli-finding-unanchored = { $tenant }: geen enkel ondertekend controlepunt verankert de keten vanaf gebeurtenis { $seq }; het controlepuntlogboek ontbreekt
cli-finding-checkpoints_lost = { $tenant }: de database kent een controlepunt (tot gebeurtenis { $seq }) dat het controlepuntlogboek niet meer heeft; het logboek is verwijderd, ingekort of door een oudere kopie vervangen
cli-finding-mirror_differs = { $tenant }: de spiegel van het controlepuntlogboek wijkt af (gebeurtenis { $seq }); het logboek is ingekort, vervangen of bewerkt
cli-finding-guard_removed = { $tenant }: de beveiliging die de audittabellen alleen laat aanvullen, is verwijderd of uitgeschakeld
cli-finding-line = (regel { $line } van het controlepuntlogboek)
cli-finding-installation = de installatie

## Accounts: disabling, passwords, token expiry
cli-user-disabled = Account uitgeschakeld: { $id }. Zijn sessies en API-token zijn beëindigd.
cli-user-password-set = Wachtwoord ingesteld voor { $id }. Zijn sessies zijn beëindigd.
cli-password-prompt = Nieuw wachtwoord:
cli-bad-expiry = --expires `{ $value }`: geef een datum (2027-01-31), een moment (2027-01-31T12:00:00Z) of een duur (90d, 12h).
cli-token-state-expired = verlopen { $at }
cli-token-state-expires = geldig tot { $at }

## user totp: the second factor of a staff account
cli-user-totp-set = Tweede factor ingesteld voor { $id }; zijn sessies zijn beëindigd. Zet deze sleutel in de authenticator-app van de medewerker (en bewaar hem nergens anders):
    sleutel: { $secret }
    adres (voor een QR-code): { $uri }
cli-user-totp-removed = Tweede factor verwijderd voor { $id }; zijn sessies zijn beëindigd. Vraagt zijn rol er een, dan stelt hij bij de volgende aanmelding een nieuwe in.

## demo: the second factor of the staff whose role needs one
cli-demo-second-factor = { $user } logt in met een tweede factor: zet sleutel { $key } in een authenticator-app, of vraag de code met `cargo run -q -p zorgkluis -- user totp-code --secret { $key }`

## where the installation's files are (zorgkluis.toml or the environment)
cli-reminder-days-invalid = { $var } = "{ $value }": geef een geheel aantal werkdagen van 0 tot en met { $max }
cli-location-no-directory = `{ $field }` (in zorgkluis.toml, of { $var }): de map van { $path } bestaat niet
cli-location-same-file = `{ $field }` (in zorgkluis.toml, of { $var }): { $path } is hetzelfde bestand als wat het moet aanvullen of als het sleutelbestand; kies een ander bestand, liefst op een ander volume

## requests
cli-request-filed = Verzoek { $id } ingediend: { $request }, ontvangen op { $received }. Reageren uiterlijk { $date } ({ $articles }).
cli-request-extendable = Verlengen kan tot uiterlijk { $date } (AVG art. 12 lid 3), als de verzoeker dat binnen de eerste maand hoort.
cli-request-erase-by = Verwijderen uiterlijk { $date }.
cli-request-identity = Stel eerst de identiteit van de verzoeker vast (`zorgkluis request identify`).
cli-request-none = Geen verzoeken.
cli-request-overdue = te laat
cli-request-due-soon = binnenkort
cli-request-show = Verzoek { $id }: { $request } over { $person }, { $status }. Ontvangen op { $received } ({ $channel }) van: { $requester }. Reageren uiterlijk { $date } ({ $articles }).
cli-request-decision = Besluit: { $outcome } op { $on }. { $grounds }
cli-request-decided = Verzoek { $id }: { $outcome } op { $on }.
cli-request-execute-by = Uitvoeren uiterlijk { $date } ({ $articles }).
cli-request-extended = Verzoek { $id }: termijn verlengd tot { $date } ({ $articles }); de verzoeker hoorde het op { $told }.
cli-request-status = Verzoek { $id }: { $status }.

## incident: the register of incidents and data breaches
cli-incident-hours-left = nog { $hours } uur voor de melding aan de AP
cli-incident-overdue = { $hours } uur over de meldtermijn
cli-incident-not-notified = niet gemeld (besloten, met reden)
cli-incident-notified = gemeld bij de AP
cli-incident-none = Geen incidenten in het register.
cli-incident-ap-notified = Gemeld bij de AP op { $at }, meldnummer { $reference }.
cli-incident-form-missing = (nog onbekend)
cli-incident-form-open = Nog in te vullen: { $questions }.
## retention runs
cli-retention-plan-title = Bewaarplan per { $as_of }: { $files } volledige dossiers en { $records } records zijn te vernietigen (wettelijke laag { $law }, reglement { $version }).
cli-retention-nothing = Niets is te vernietigen.
cli-retention-plan-category = { $category }: { $records } records van { $persons } personen te vernietigen, { $held } tegengehouden door een blokkade ({ $articles })
cli-retention-plan-whole = { $person }: het hele dossier is te vernietigen (crypto-shredding): { $categories }
cli-retention-plan-entry = { $person }: { $category }, { $records } records, bewaard tot { $until }, vernietigen uiterlijk { $by } ({ $articles })
cli-retention-plan-held = { $person } ({ $category }): tegengehouden door blokkade { $hold }, { $kind } ({ $articles }); { $records } records waarvan de termijn verstreken is
cli-retention-run-resumed = De onafgemaakte run { $run } is hervat.
cli-retention-run-done = Run { $run } afgerond: { $files } volledige dossiers en { $records } records vernietigd, { $skipped } overgeslagen. Opnieuw afdrukken: zorgkluis retention certificate { $run }
cli-retention-certificate-heading = Vernietigingsverklaring
cli-retention-certificate-title = Vernietigingsverklaring { $run } ({ $tenant }), per { $as_of }, gestart door { $by } ({ $role }) op { $started }, afgerond op { $finished }; wettelijke laag { $law }, reglement { $version }.
cli-retention-count = { $category }: { $records } records van { $persons } personen vernietigd
cli-retention-whole-file = het hele dossier (crypto-shredding)
cli-retention-certificate-item = { $person }: { $what } vernietigd op { $at } ({ $articles })
cli-retention-certificate-skipped = { $person }: overgeslagen ({ $reason })

## complaints
cli-complaint-days-left = nog { $days } dagen (beslissen uiterlijk { $date })
cli-complaint-overdue = { $days } dagen over de termijn (beslissen uiterlijk { $date })
cli-complaint-decided = { $outcome }, beslist op { $date }
cli-complaint-decided-late = { $outcome }, beslist op { $date }, na de termijn
cli-complaint-received = ontvangen { $date }
cli-complaint-none = Geen klachten in het register.
cli-complaint-extension = De termijn is verlengd, schriftelijk meegedeeld op { $date }: { $reason }
cli-complaint-decision = Oordeel: { $text }
cli-complaint-officer-involved = De klachtenfunctionaris is betrokken (Wkkgz art. 15).
cli-complaint-referred = Voorgelegd aan de geschilleninstantie op { $date } (Wkkgz art. 21).
cli-complaint-to-ap = De klager heeft ook een klacht ingediend bij de Autoriteit Persoonsgegevens (art. 77 AVG).

## carrying out inzage, afschrift and inzage in de logging
cli-request-withheld = Verzoek { $id }: dossierregel { $record } wordt achtergehouden; de export noemt hem met de reden. Geef de export daarna (opnieuw) vrij.
cli-request-released = Verzoek { $id }: de export is vrijgegeven; voer hem uit met `zorgkluis request execute { $id }`.
cli-request-executed = Verzoek { $id } ({ $request }) is uitgevoerd; de export staat in:
# $id: a request id, $recipient: "Zorggroep De Opvolger", $channel: "aangetekend", $disclosure: a disclosure id
cli-request-transferred = Verzoek { $id } (overdracht) is uitgevoerd: overgedragen aan { $recipient } ({ $channel }), vastgelegd als verstrekking { $disclosure }; de bestanden staan in:
cli-request-tell-successor = Het reglement vraagt { $recipient } te laten weten dat de gegevens hier na de overdracht zijn gewist.

## request execute for an erasure (issue 13 part 3)
# $whole: yes or no
cli-erasure-certificate = Verwijderingsverklaring { $id } (verzoek { $request }){ $whole ->
    [yes] : het hele dossier is vernietigd.
   *[no] :
}
cli-erasure-erased = verwijderd: { $category }, { $records } records ({ $articles })
cli-erasure-refused = bewaard: { $category }: { $reason } ({ $article })
## import (issue 13 part 10)
cli-import-line-field = { $file }:{ $line }: veld { $field }: { $message }
cli-import-line = { $file }:{ $line }: { $message }
cli-import-refused = { $file }: niet geïmporteerd, { $errors ->
    [one] 1 fout
   *[other] { $errors } fouten
}; er is niets weggeschreven.
cli-import-stopped = { $file }:{ $line }: import gestopt: { $error }. De { $persons } personen daarvoor zijn geïmporteerd.
cli-import-done = Geïmporteerd: { $persons } personen, { $care } zorgrelaties en { $records } dossierregels in { $seconds } s ({ $rate } per seconde).

# retention: dry run, holds and extensions (issue 15)
cli-retention-dry-run = Proefdraaien: er is niets vernietigd. Vernietigen doet `zorgkluis retention run --as-of … --execute`.
cli-hold-line = { $id }: { $person } ({ $category }), { $kind } ({ $law }), van { $from } tot { $until }, herzien { $review }, geplaatst door { $by }: { $reason }{ $released ->
        [yes] {" "}(opgeheven)
       *[no] {""}
    }
cli-hold-released = Blokkade { $id } is opgeheven.
cli-holds-none = Er staat geen blokkade.
cli-extension-line = { $id }: { $person }, { $category } bewaard tot { $until } op grond van { $ground } ({ $article }), besloten door { $by }: { $reason }{ $withdrawn ->
        [yes] {" "}(ingetrokken)
       *[no] {""}
    }
cli-extension-withdrawn = Verlenging { $id } is ingetrokken.
cli-extensions-none = Er is geen bewaartermijn verlengd.
cli-transfer-line = { $id }: overdracht van de gehele registratie aan { $recipient }, van { $from } tot { $until } (art. { $article }), cliënten geïnformeerd op { $told }, gestart door { $by }
cli-transfer-told = Vastgelegd dat de cliënten over overdracht { $id } zijn geïnformeerd.
cli-transfer-ended = Overdracht { $id } is beëindigd; de bewaartermijnen gelden weer.
cli-transfers-none = De registratie is nooit overgedragen.
cli-retention-plan-transfer = De bewaar- en vernietigingstermijnen gelden niet: de gehele registratie wordt sinds { $from } overgedragen aan { $recipient } (art. { $article }). Wat anders te vernietigen was, is tegengehouden.
cli-retention-plan-transfer-untold = Let op: de cliënten zijn nog niet over de overdracht geïnformeerd (zij kunnen bezwaar maken).
cli-request-restriction-ground = een afscherming heeft de grond van art. 18 lid 1 AVG nodig: --ground juistheid_betwist, onrechtmatig, rechtsvordering of bezwaar_in_behandeling
cli-request-restricted = Afgeschermd ({ $id }): { $category }, { $ground } ({ $article })
cli-request-lifted = Afscherming { $id } is opgeheven.

# the do-not-contact register (issue 14 part 4)
cli-contact-all = alles buiten de zorg
cli-contact-unblocked = { $id } is van het register niet-benaderen gehaald.
cli-contact-allowed = { $person } mag benaderd worden voor { $purpose }: het register niet-benaderen zegt niets anders.
cli-contact-refused = { $person } mag niet benaderd worden voor { $purpose }: gevraagd op { $since } ({ $articles }).
cli-contact-none = Niemand staat op het register niet-benaderen.
cli-contact-line = { $id }: { $person }, niet benaderen voor { $purpose }, sinds { $since }, vastgelegd door { $by }{ $ended ->
        [yes] {" "}(beëindigd)
       *[no] {""}
    }

# consent records (issue 14 part 1)
cli-consent-none = Er zijn geen toestemmingen.
cli-consent-open-end = tot intrekking
cli-consent-line = { $id }: { $form }, door { $by }, voor { $scope }: { $categories }; geldig van { $from } tot en met { $until }
cli-consent-withdrawn = ; ingetrokken per { $on } door { $by }
cli-consent-withdraw-done = Toestemming { $id } is ingetrokken.

# The disclosure ledger on the command line (issue 14 part 2)
cli-recipient-none = Er zijn geen ontvangers geregistreerd.
cli-disclosure-none = Er zijn geen verstrekkingen.
cli-disclosure-notice-due = ; cliënt nog informeren
cli-disclosure-noticed = ; melding: { $outcome } op { $on }
cli-disclosure-line = { $id }: { $on }, cliënt { $person } aan { $recipient }: { $categories } ({ $records } regels){ $notice }
cli-disclosure-tell-client = De cliënt moet hiervan op de hoogte worden gebracht ({ $articles }): leg de melding vast met `zorgkluis disclosure notice`.
cli-disclosure-tell-none = Volgens het verstrekkingenregister heeft geen ontvanger deze dossierregel gekregen.
# objections (art. 21 AVG)
cli-objection-none = Er zijn geen bezwaren.
cli-objection-pending = in behandeling
# $outcome: "toegewezen (...)", $on: "2026-03-02"
cli-objection-decided = { $outcome } op { $on }
cli-objection-withdrawn = ingetrokken per { $on }
# $applies: "yes" or "no"
cli-objection-line = { $id }: bezwaar tegen { $scope }, door { $by }, ontvangen { $received }; art. 21 lid 1 AVG { $applies ->
        [yes] geldt
       *[no] geldt niet
    }; { $status }
cli-objection-decide-done = Op bezwaar { $id } is beslist: { $outcome } ({ $articles }).
cli-objection-withdraw-done = Bezwaar { $id } is ingetrokken.

# Research exports (issue 14 part 5)
cli-research-summary = Onderzoeksbestand: { $rows } cliënten; weggelaten wegens bezwaar: { $objection }, wegens ontbrekende toestemming: { $consent }; onderdrukt (te kleine groep): { $suppressed }; bereikte k: { $k }; SHA-256 { $sha }
cli-recipient-told-on = geïnformeerd op { $on }
cli-recipient-not-told = niet geïnformeerd: { $reason }
cli-recipient-to-tell = nog te informeren (AVG art. 19)
cli-recipient-told-done = Vastgelegd.

## zorgkluis register
cli-register-xlsx-needs-out = een XLSX-werkmap gaat naar een bestand: geef --out FILE (of --format csv)
cli-register-csv-one = CSV houdt één register: noem het met --register
cli-register-written = { $file } geschreven: { $registers }.
cli-register-imported = Ingelezen: { $counts }.
cli-register-import-refused = { $count ->
    [one] Eén probleem in de werkmap; er is niets ingelezen:
   *[other] { $count } problemen in de werkmap; er is niets ingelezen:
}
cli-register-skipped = Overgeslagen (gemaakt uit het reglement en de gebeurtenissen, niet in te lezen): { $tabs }.
## logcontrole: the log review (NEN 7513)
cli-log-review-ran = Logcontrole van { $from } tot en met { $to }: { $new } nieuwe melding(en), { $known } eerder gevonden.
cli-log-review-none = Geen meldingen.
cli-log-review-closed = afgehandeld door { $by }
cli-log-review-incident = incident { $id }
cli-log-review-closed-now = Melding { $id } afgehandeld.
cli-processor-next-review = herziening uiterlijk { $date }
cli-processor-overdue = herziening te laat (was uiterlijk { $date })
cli-processor-ended = beëindigd op { $date }
cli-processor-signed = getekend op { $date }
cli-processor-categories = categorieën: { $list }
cli-processor-subprocessors = subverwerkers: { $list }
cli-processor-security = beveiligingsmaatregelen: { $text }
cli-processor-none = Geen verwerkersovereenkomsten.
cli-asset-none = Geen privacy-assets.
## person: facts the law turns on and representatives
cli-person-deceased = Overleden op { $date }.
cli-person-alive = Geen overlijdensdatum geregistreerd.
cli-person-legal-status = Juridische status: { $status }, sinds { $since }.
cli-person-no-legal-status = Geen juridische status (curatele, mentorschap, beschermingsbewind) geregistreerd.
cli-person-facts-recorded = Gegevens van { $id } vastgelegd.
cli-person-linked = Vertegenwoordiging { $id } vastgelegd: { $by } als { $ground } van { $person }, { $validity }.
cli-person-valid-from = geldig vanaf { $from }
cli-person-valid-between = geldig van { $from } tot en met { $until }
cli-person-authorised = schriftelijke machtiging van { $date }
cli-person-ended = beëindigd op { $date }
cli-person-no-representatives = Geen vertegenwoordigers geregistreerd.
cli-person-ended-now = Vertegenwoordiging { $id } beëindigd op { $date }.
cli-reglement-adopted = Versie { $version } van het reglement vastgesteld door { $by }: bekendgemaakt op { $announced }, in werking op { $effective }.
cli-reglement-adopt-as = een nieuwe versie vaststellen is een taak van de directie (adopt_reglement); geef --as met een account van die rol
cli-reglement-version = versie { $version } ({ $sha }), in werking op { $effective }
cli-reglement-version-announced = bekendgemaakt op { $announced }
cli-reglement-version-adopted-by = vastgesteld door { $by }
cli-reglement-version-installed = geïnstalleerd (niet via reglement adopt)
cli-reglement-version-in-force = nu van kracht
