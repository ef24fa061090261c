# The command line.

# Before an error message: "error: cannot open the installation: ..."
cli-error = error
cli-listening = zorgkluis listens on { $address }

## zorgkluis demo
cli-demo-logins = Log in at { $url }: users { $users }, password { $password }
cli-demo-tokens = Demo organisation BG wonen, 12 synthetic clients. API tokens per staff member:
cli-demo-care = zorg-1 cares for clients 1-6, zorg-2 for 7-12. Example:
# In the example: curl -H 'Authorization: Bearer <token of admin-1>' ...
cli-demo-token-of = token of admin-1

## Accounts and tokens
cli-portal-keep = Hand these to the client safely (in person or by letter): the password is not shown again.
cli-portal-issued = Portal account { $login } for person { $person }; initial password: { $password }
cli-portal-revoked = Portal account { $login } of person { $person } revoked.
cli-token-keep = Keep this token: it is not shown again.
cli-token-revoked = Token revoked: { $name }
# $at: when the token was revoked
cli-token-state-revoked = revoked { $at }
cli-token-state-valid = valid
cli-user-created = User created: { $id } ({ $role })

## zorgkluis reglement
cli-cannot-read-file = { $file }: cannot read the file: { $error }
cli-check-valid = { $file }: valid ({ $reglement }, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
})
cli-check-invalid = { $file }: invalid ({ $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
})
cli-check-invalid-policies = { $file }: invalid policies

## The installation: what went wrong, after "error: "
cli-cannot-read-reglement = cannot read the reglement
cli-cannot-create-installation = cannot create the installation
cli-configuration = configuration
cli-cannot-write-configuration = cannot write the configuration
cli-cannot-open-database = cannot open the database
cli-cannot-open-installation = cannot open the installation
cli-runtime = runtime
cli-failed = failed
cli-restore-failed = restore failed
cli-no-configuration = { $file }: { $error } (run `zorgkluis init` first)

## The installation: what happened
# $key: new (the master key was made now) or existing
cli-init-done = Installation ready in { $dir } (tenant: { $tenant }; master key: { $key ->
    [new] newly created
   *[existing] already there
})
cli-audit-intact = Audit log intact: { $events ->
    [one] { $events } event
   *[other] { $events } events
}, { $checkpoints ->
    [one] { $checkpoints } signed checkpoint
   *[other] { $checkpoints } signed checkpoints
}
cli-audit-title = Who accessed this file: { $person }
# One line per event; $at: "1 December 2026, 09:51"; $emergency: yes or no
cli-audit-event = { $at }  { $user } ({ $role })  { $action } { $category }  purpose: { $purpose }  { $outcome }{ $emergency ->
    [yes] {"  "}EMERGENCY
   *[no] {""}
}
cli-keys-rewrapped = { $count ->
    [one] { $count } key re-wrapped
   *[other] { $count } keys re-wrapped
}
cli-backup-written = Backup written: { $file }
cli-restored-from = Restored from { $source }

## audit verify: what a finding says (one message per ChainBreak id)
cli-finding-altered = { $tenant }: event { $seq } was altered
cli-finding-removed = { $tenant }: event { $seq } was removed
cli-finding-inserted = { $tenant }: event { $seq } was inserted and was never part of the chain
cli-finding-reordered = { $tenant }: event { $seq } stands at another place than where it belongs
cli-finding-truncated = { $tenant }: the chain ends before event { $seq }; a signed checkpoint names later events, which were cut off
cli-finding-bad_checkpoint = { $tenant }: a checkpoint (event { $seq }) is not validly signed, cannot be read, or is not in its place
cli-finding-subjects_altered = { $tenant }: the index of persons list { $seq } showed does not match the event
cli-finding-forged = { $tenant }: event { $seq } has a hash computed without the audit key: forged
cli-finding-unanchored = { $tenant }: no signed checkpoint anchors the chain from event { $seq } on; the checkpoint log is missing
cli-finding-checkpoints_lost = { $tenant }: the database knows a checkpoint (up to event { $seq }) the checkpoint log no longer has; the log was deleted, cut short or replaced by an older copy
cli-finding-mirror_differs = { $tenant }: the mirror of the checkpoint log differs (event { $seq }); the log was cut short, replaced or edited
cli-finding-guard_removed = { $tenant }: the guard that lets the audit tables only grow was removed or disabled
cli-finding-line = (line { $line } of the checkpoint log)
cli-finding-installation = the installation

## Accounts: disabling, passwords, token expiry
cli-user-disabled = Account disabled: { $id }. Its sessions and API token have ended.
cli-user-password-set = Password set for { $id }. Its sessions have ended.
cli-password-prompt = New password:
cli-bad-expiry = --expires `{ $value }`: give a date (2027-01-31), a moment (2027-01-31T12:00:00Z) or a duration (90d, 12h).
cli-token-state-expired = expired { $at }
cli-token-state-expires = valid until { $at }

## user totp: the second factor of a staff account
cli-user-totp-set = Second factor set up for { $id }; its sessions have ended. Put this key into the staff member's authenticator app (and keep it nowhere else):
    key: { $secret }
    address (for a QR code): { $uri }
cli-user-totp-removed = Second factor removed for { $id }; its sessions have ended. If the role needs one, a new one is set up at the next login.

## demo: the second factor of the staff whose role needs one
cli-demo-second-factor = { $user } logs in with a second factor: put key { $key } into an authenticator app, or get the code with `cargo run -q -p zorgkluis -- user totp-code --secret { $key }`

## where the installation's files are (zorgkluis.toml or the environment)
cli-reminder-days-invalid = { $var } = "{ $value }": give a whole number of working days from 0 up to { $max }
cli-location-no-directory = `{ $field }` (in zorgkluis.toml, or { $var }): the directory of { $path } does not exist
cli-location-same-file = `{ $field }` (in zorgkluis.toml, or { $var }): { $path } is the same file as the one it should stand beside, or the key file; choose another file, best on another volume

## requests
cli-request-filed = Request { $id } filed: { $request }, received on { $received }. Respond by { $date } ({ $articles }).
cli-request-extendable = It may be extended to { $date } at the latest (GDPR art. 12(3)), if the requester is told within the first month.
cli-request-erase-by = Erase by { $date }.
cli-request-identity = Establish the requester's identity first (`zorgkluis request identify`).
cli-request-none = No requests.
cli-request-overdue = overdue
cli-request-due-soon = due soon
cli-request-show = Request { $id }: { $request } about { $person }, { $status }. Received on { $received } ({ $channel }) from: { $requester }. Respond by { $date } ({ $articles }).
cli-request-decision = Decision: { $outcome } on { $on }. { $grounds }
cli-request-decided = Request { $id }: { $outcome } on { $on }.
cli-request-execute-by = Carry out by { $date } ({ $articles }).
cli-request-extended = Request { $id }: period extended to { $date } ({ $articles }); the requester was told on { $told }.
cli-request-status = Request { $id }: { $status }.

## incident: the register of incidents and data breaches
cli-incident-hours-left = { $hours } hours left to notify the AP
cli-incident-overdue = { $hours } hours past the notification term
cli-incident-not-notified = not notified (decided, with reasons)
cli-incident-notified = notified to the AP
cli-incident-none = No incidents in the register.
cli-incident-ap-notified = Notified to the AP on { $at }, reference { $reference }.
cli-incident-form-missing = (not known yet)
cli-incident-form-open = Still to answer: { $questions }.
## retention runs
cli-retention-plan-title = Retention plan as of { $as_of }: { $files } whole files and { $records } records are due for destruction (law layer { $law }, reglement { $version }).
cli-retention-nothing = Nothing is due.
cli-retention-plan-category = { $category }: { $records } records of { $persons } persons due, { $held } kept back by a hold ({ $articles })
cli-retention-plan-whole = { $person }: the whole file is due (crypto-shredding): { $categories }
cli-retention-plan-entry = { $person }: { $category }, { $records } records, kept until { $until }, to be destroyed by { $by } ({ $articles })
cli-retention-plan-held = { $person } ({ $category }): kept back by hold { $hold }, { $kind } ({ $articles }); { $records } records whose term has ended
cli-retention-run-resumed = The unfinished run { $run } was resumed.
cli-retention-run-done = Run { $run } finished: { $files } whole files and { $records } records destroyed, { $skipped } skipped. To print it again: zorgkluis retention certificate { $run }
cli-retention-certificate-heading = Destruction certificate
cli-retention-certificate-title = Destruction certificate { $run } ({ $tenant }), as of { $as_of }, started by { $by } ({ $role }) at { $started }, finished at { $finished }; law layer { $law }, reglement { $version }.
cli-retention-count = { $category }: { $records } records of { $persons } persons destroyed
cli-retention-whole-file = the whole file (crypto-shredding)
cli-retention-certificate-item = { $person }: { $what } destroyed at { $at } ({ $articles })
cli-retention-certificate-skipped = { $person }: skipped ({ $reason })

## complaints
cli-complaint-days-left = { $days } days left (decide by { $date })
cli-complaint-overdue = { $days } days past the term (decide by { $date })
cli-complaint-decided = { $outcome }, decided on { $date }
cli-complaint-decided-late = { $outcome }, decided on { $date }, after the term
cli-complaint-received = received { $date }
cli-complaint-none = No complaints in the register.
cli-complaint-extension = The term is extended, told in writing on { $date }: { $reason }
cli-complaint-decision = Decision: { $text }
cli-complaint-officer-involved = The complaints officer is involved (Wkkgz art. 15).
cli-complaint-referred = Put to the disputes body on { $date } (Wkkgz art. 21).
cli-complaint-to-ap = The complainant also complained to the Dutch Data Protection Authority (art. 77 GDPR).

## carrying out inzage, afschrift and inzage in de logging
cli-request-withheld = Request { $id }: entry { $record } is withheld; the export names it with the reason. Then release the export (again).
cli-request-released = Request { $id }: the export is released; carry it out with `zorgkluis request execute { $id }`.
cli-request-executed = Request { $id } ({ $request }) is carried out; the export is in:
# $id: a request id, $recipient: "Zorggroep De Opvolger", $channel: "aangetekend", $disclosure: a disclosure id
cli-request-transferred = Request { $id } (transfer) is carried out: transferred to { $recipient } ({ $channel }), recorded as disclosure { $disclosure }; the files are in:
cli-request-tell-successor = The reglement asks that { $recipient } is told that the data here was erased after the transfer.

## request execute for an erasure (issue 13 part 3)
# $whole: yes or no
cli-erasure-certificate = Erasure certificate { $id } (request { $request }){ $whole ->
    [yes] : the whole file was destroyed.
   *[no] :
}
cli-erasure-erased = erased: { $category }, { $records } records ({ $articles })
cli-erasure-refused = kept: { $category }: { $reason } ({ $article })
## import (issue 13 part 10)
cli-import-line-field = { $file }:{ $line }: field { $field }: { $message }
cli-import-line = { $file }:{ $line }: { $message }
cli-import-refused = { $file }: not imported, { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}; nothing was written.
cli-import-stopped = { $file }:{ $line }: import stopped: { $error }. The { $persons } persons before it were imported.
cli-import-done = Imported: { $persons } persons, { $care } care relationships and { $records } dossier records in { $seconds } s ({ $rate } per second).

# retention: dry run, holds and extensions (issue 15)
cli-retention-dry-run = Dry run: nothing was destroyed. To destroy: `zorgkluis retention run --as-of … --execute`.
cli-hold-line = { $id }: { $person } ({ $category }), { $kind } ({ $law }), from { $from } until { $until }, review { $review }, placed by { $by }: { $reason }{ $released ->
        [yes] {" "}(released)
       *[no] {""}
    }
cli-hold-released = Hold { $id } is released.
cli-holds-none = No hold stands.
cli-extension-line = { $id }: { $person }, { $category } kept until { $until } on { $ground } ({ $article }), decided by { $by }: { $reason }{ $withdrawn ->
        [yes] {" "}(withdrawn)
       *[no] {""}
    }
cli-extension-withdrawn = Extension { $id } is withdrawn.
cli-extensions-none = No retention was extended.
cli-transfer-line = { $id }: transfer of the whole registration to { $recipient }, from { $from } until { $until } (art. { $article }), clients told on { $told }, started by { $by }
cli-transfer-told = Recorded that the clients were told of transfer { $id }.
cli-transfer-ended = Transfer { $id } has ended; the retention terms apply again.
cli-transfers-none = The registration was never transferred.
cli-retention-plan-transfer = The retention and destruction terms do not apply: the whole registration is being transferred to { $recipient } since { $from } (art. { $article }). What would otherwise be due is held back.
cli-retention-plan-transfer-untold = Note: the clients have not been told of the transfer yet (they can object).
cli-request-restriction-ground = a restriction needs its ground of art. 18(1) GDPR: --ground juistheid_betwist, onrechtmatig, rechtsvordering or bezwaar_in_behandeling
cli-request-restricted = Restricted ({ $id }): { $category }, { $ground } ({ $article })
cli-request-lifted = Restriction { $id } is lifted.

# the do-not-contact register (issue 14 part 4)
cli-contact-all = anything outside the care
cli-contact-unblocked = { $id } is taken off the do-not-contact register.
cli-contact-allowed = { $person } may be approached for { $purpose }: the do-not-contact register says nothing else.
cli-contact-refused = { $person } may not be approached for { $purpose }: asked on { $since } ({ $articles }).
cli-contact-none = Nobody is on the do-not-contact register.
cli-contact-line = { $id }: { $person }, not to be approached for { $purpose }, since { $since }, recorded by { $by }{ $ended ->
        [yes] {" "}(ended)
       *[no] {""}
    }

# consent records (issue 14 part 1)
cli-consent-none = There are no consents.
cli-consent-open-end = until withdrawn
cli-consent-line = { $id }: { $form }, by { $by }, for { $scope }: { $categories }; valid from { $from } up to and including { $until }
cli-consent-withdrawn = ; withdrawn as of { $on } by { $by }
cli-consent-withdraw-done = Consent { $id } is withdrawn.

# The disclosure ledger on the command line (issue 14 part 2)
cli-recipient-none = No recipients are registered.
cli-disclosure-none = There are no disclosures.
cli-disclosure-notice-due = ; client still to be told
cli-disclosure-noticed = ; notice: { $outcome } on { $on }
cli-disclosure-line = { $id }: { $on }, client { $person } to { $recipient }: { $categories } ({ $records } records){ $notice }
cli-disclosure-tell-client = The client must be told of this ({ $articles }): record the notice with `zorgkluis disclosure notice`.
cli-disclosure-tell-none = According to the ledger no recipient received this record.
# objections (art. 21 AVG)
cli-objection-none = There are no objections.
cli-objection-pending = pending
# $outcome: "upheld (...)", $on: "2026-03-02"
cli-objection-decided = { $outcome } on { $on }
cli-objection-withdrawn = withdrawn as of { $on }
# $applies: "yes" or "no"
cli-objection-line = { $id }: objection to { $scope }, by { $by }, received { $received }; art. 21 lid 1 AVG { $applies ->
        [yes] applies
       *[no] does not apply
    }; { $status }
cli-objection-decide-done = Objection { $id } is decided: { $outcome } ({ $articles }).
cli-objection-withdraw-done = Objection { $id } is withdrawn.

# Research exports (issue 14 part 5)
cli-research-summary = Research dataset: { $rows } clients; left out for an objection: { $objection }, for want of consent: { $consent }; suppressed (group too small): { $suppressed }; k achieved: { $k }; SHA-256 { $sha }
cli-recipient-told-on = told on { $on }
cli-recipient-not-told = not told: { $reason }
cli-recipient-to-tell = still to be told (GDPR art. 19)
cli-recipient-told-done = Recorded.

## zorgkluis register
cli-register-xlsx-needs-out = an XLSX workbook goes to a file: give --out FILE (or --format csv)
cli-register-csv-one = CSV holds one register: name it with --register
cli-register-written = Wrote { $file }: { $registers }.
cli-register-imported = Imported: { $counts }.
cli-register-import-refused = { $count ->
    [one] One problem in the workbook; nothing was imported:
   *[other] { $count } problems in the workbook; nothing was imported:
}
cli-register-skipped = Skipped (made from the reglement and the events, not imported): { $tabs }.
## logcontrole: the log review (NEN 7513)
cli-log-review-ran = Log review from { $from } to { $to }: { $new } new flag(s), { $known } found before.
cli-log-review-none = No flags.
cli-log-review-closed = closed by { $by }
cli-log-review-incident = incident { $id }
cli-log-review-closed-now = Flag { $id } closed.
cli-processor-next-review = review by { $date }
cli-processor-overdue = review overdue (was due by { $date })
cli-processor-ended = ended on { $date }
cli-processor-signed = signed on { $date }
cli-processor-categories = categories: { $list }
cli-processor-subprocessors = sub-processors: { $list }
cli-processor-security = security measures: { $text }
cli-processor-none = No processor agreements.
cli-asset-none = No privacy assets.
## person: facts the law turns on and representatives
cli-person-deceased = Died on { $date }.
cli-person-alive = No date of death registered.
cli-person-legal-status = Legal status: { $status }, since { $since }.
cli-person-no-legal-status = No legal status (curatele, mentorschap, beschermingsbewind) registered.
cli-person-facts-recorded = Facts of { $id } recorded.
cli-person-linked = Representation { $id } recorded: { $by } as { $ground } of { $person }, { $validity }.
cli-person-valid-from = valid from { $from }
cli-person-valid-between = valid from { $from } up to and including { $until }
cli-person-authorised = written authorisation of { $date }
cli-person-ended = ended on { $date }
cli-person-no-representatives = No representatives registered.
cli-person-ended-now = Representation { $id } ended on { $date }.
cli-reglement-adopted = Version { $version } of the reglement adopted by { $by }: announced on { $announced }, in force on { $effective }.
cli-reglement-adopt-as = adopting a new version is the directie's duty (adopt_reglement); give --as with an account of that role
cli-reglement-version = version { $version } ({ $sha }), in force on { $effective }
cli-reglement-version-announced = announced on { $announced }
cli-reglement-version-adopted-by = adopted by { $by }
cli-reglement-version-installed = installed (not through reglement adopt)
cli-reglement-version-in-force = in force now
