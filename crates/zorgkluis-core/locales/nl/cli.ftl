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

## Accounts: disabling, passwords, token expiry
cli-user-disabled = Account uitgeschakeld: { $id }. Zijn sessies en API-token zijn beëindigd.
cli-user-password-set = Wachtwoord ingesteld voor { $id }. Zijn sessies zijn beëindigd.
cli-password-prompt = Nieuw wachtwoord:
cli-bad-expiry = --expires `{ $value }`: geef een datum (2027-01-31), een moment (2027-01-31T12:00:00Z) of een duur (90d, 12h).
cli-token-state-expired = verlopen { $at }
cli-token-state-expires = geldig tot { $at }
