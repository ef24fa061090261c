# The web UI for staff, and the API's error messages.

## Frame and navigation
skip-to-content = Skip to content
nav-label = Navigation
nav-home = Home
nav-clients = Clients
nav-search = Search
nav-register = Register
nav-emergency-review = Emergency access
nav-requests = Requests
nav-incidents = Data breaches
nav-processors = Processors
nav-complaints = Complaints
nav-do-not-contact = Do not contact
nav-log-review = Log review
nav-annual-report = Annual report
logout = Log out
back = Back
back-home = Back to the home page
home = Home

## Login
login = Log in
login-button = Log in
username = User name
password = Password
wrong-login = Wrong user name or password.
form-expired = The form has expired. Please try again.

## Home
my-clients = My clients
clients = Clients
privacy-dashboard = Privacy dashboard
registration-and-search = Registration and search
overview = The organisation's overview
overview-figures = Key figures
overview-no-personal-data = Counts, without personal data.
no-clients = You have no clients in your care team now.
nothing-to-do = The reglement gives your role no tasks here.
emergency-count = { $count ->
    [0] No emergency access is on record.
    [one] 1 emergency access is on record.
   *[other] { $count } emergency accesses are on record.
}
emergency-review-open = Review emergency accesses
search-for-log = Search for a client to read their access log.
count-persons = clients registered
count-care-relationships = care relationships today
count-records = record entries
count-events = events in the audit log
count-emergency = emergency accesses
count-denied = denied accesses
count-erased = persons erased

## Clients
name = Name
birth-date = Date of birth
client-number = Client number
client-number-optional = Client number (if the organisation has one)
no-name = (no name recorded)
born-on = born { $date }
client-number-is = client number { $number }
previous-page = Previous page
next-page = Next page
search = Search
search-clients = Search clients
search-results = { $count ->
    [0] No clients found
    [one] 1 client found
   *[other] { $count } clients found
}
search-none = Nobody matches everything you filled in.
search-truncated = More clients were found than are shown: make the search more precise.
register-client = Register a client
address = Address (street, number, postcode, town)
bsn = Citizen service number
bsn-nine-digits = Citizen service number (9 digits)
identity-check = Identity check
document-type = Document type
document-number = Document number
document-paspoort = Passport
document-identiteitskaart = Identity card
document-rijbewijs = Driving licence
document-verblijfsdocument = Residence document
checked-on = Date of the check
valid-until = Valid until
register = Register
invalid-search-empty = Fill in at least one search field.
invalid-generic = Please check what you filled in.
invalid-name = Fill in a name (with at least one letter, at most 200 characters).
invalid-birth-date = Fill in a valid date of birth, not in the future.
invalid-client-number = A client number consists of letters, digits, -, . or / (at most 40).
invalid-bsn = The BSN is not valid: nine digits passing the 11-check.
invalid-document-type = Choose a document type.
invalid-document-number = Fill in the document number: letters, digits or -.
invalid-checked-on = Fill in the date of the check (not in the future).
invalid-valid-until = The document must be valid on the day of the check.
conflict-bsn = A client with this BSN or client number is registered already.
conflict-client-number = A client with this client number is registered already.

## Dossier
dossier = Record
name-withheld = This client's name is not visible to you.
no-records = No data you may see.
withheld = Not visible to you
corrected = Corrected
client-supplement = The client's supplement
earlier-versions = { $count ->
    [one] Earlier version (1)
   *[other] Earlier versions ({ $count })
}
correct = Correct
new-text = New text (the old one stays in the history)
save-correction = Save correction
add-supplement = Add the client's statement
client-statement = The client's statement, in their own words
save-supplement = Save supplement
text-required = Fill in a text.
back-to-dossier = Back to the record

## Emergency access
emergency-access = Emergency access
emergency-explained = Emergency access lets you in outside your care team. Give a reason: the access is logged and reviewed by the data protection officer.
emergency-not-permitted = The reglement does not permit you emergency access.
emergency-granted = Emergency access granted. The data protection officer reviews this access.
emergency-short = outside the care relationship
conflict-of-duties-short = without consent, on a conflict of duties
category = Category
reason = Reason
reason-required-label = Reason (required)
reason-required = Emergency access needs a reason.
break-the-glass = Open emergency access

## Supervision
access-log = Who accessed this record
access-log-caption = Every access to this record, newest first (NEN 7513).
emergency-review = Emergency accesses to review
emergency-review-explained = Every access outside the care relationship, with the reason the staff member gave. Opening this list is logged.
emergency-none = No emergency access is on record.
reason-unreadable = (unreadable)
reason-erased = (unreadable: the client's data was erased)
reason-none = (no reason recorded)
client = Client
when = When
who = Who
what = What
why = Why
outcome = Outcome
outcome-allowed = Allowed
outcome-denied = Denied

## What the audit log records
audit-action-read = Read
audit-action-write = Recorded
audit-action-correct = Corrected
audit-action-erase = Erased
audit-action-disclose = Disclosed
audit-action-export = Exported
audit-action-register = Registered
audit-action-find-by-bsn = Looked up by BSN
audit-action-list-persons = Shown in a client list
audit-action-search-persons = Shown in search results
audit-action-assign-care = Added to the care team
audit-action-end-care = Care relationship ended
audit-action-read-audit = Access log read
audit-action-review-emergency = Emergency accesses reviewed
audit-action-view-overview = Overview read
audit-action-incident-record = Incident recorded
audit-action-incident-change = Incident updated
audit-action-annual-report = Annual privacy report made
audit-action-incident-read = Incident register read
audit-action-portal-issue = Portal account issued
audit-action-portal-revoke = Portal account revoked
audit-action-user-disable = Account disabled
audit-action-user-password = Password set
audit-action-user-second-factor = Second factor set up or removed
audit-action-user-create = Account created
audit-action-token-create = API token created
audit-action-token-list = API tokens listed
audit-action-token-revoke = API token revoked
audit-action-login = Logged in
audit-action-login-code = Second factor code given
audit-action-logout = Logged out
audit-action-keys-rotate = Keys rotated
audit-action-backup = Backup made
audit-action-restore = Restored from a backup
audit-action-erase-reapplied = Erasure applied again after a restore

## Errors
error-denied = No access
error-not-found = Not found
error-erased = This person's data was erased.
error-invalid = Invalid input
error-csrf = The form has expired or does not come from this site. Reload the page.
error-internal = Something went wrong; nothing was changed.
problem-auth-required = Authentication required: give a valid API token as 'Authorization: Bearer ...'.
problem-not-found = Not found.
problem-invalid-field = Invalid field `{ $field }`: { $message }
problem-conflict = Exists already (`{ $field }`): { $message }

## The login throttle (backoff per account and network)
too-many-attempts-wait = Too many failed attempts. Try again in { $seconds } seconds.

## The server's timeouts
request-timeout = The request did not arrive in full in time; nothing was changed.

## The dossier outside the care team (no list of what is withheld)
outside-care-team = You are not in this client's care team.

## The API's own refusals as problem details
problem-method-not-allowed = This path does not take this method; see the Allow header.

## The second factor (a code from an authenticator app after the password)
problem-second-factor = Give the code of your second factor first.
second-factor-code-title = Code from your authenticator app
second-factor-code-intro = Your account is protected by a second factor. Enter the six-digit code your authenticator app shows now.
second-factor-code = Code (6 digits)
second-factor-confirm = Confirm
second-factor-wrong = This code is wrong or was used before. Wait for the next code and try again.
second-factor-enrol-title = Set up a second factor
second-factor-enrol-intro = Your role may read the access log or the emergency accesses, or the organisation asks it for your role: that takes a second factor besides the password (NEN 7513). Scan the QR code with an authenticator app on your phone, or type the key. Then enter the code the app shows.
second-factor-key = Key
second-factor-enrol-button = Set up
second-factor-lost = Lost or new phone? Ask the administrator to set up your second factor again.

## requests
audit-action-request-file = Data subject request filed
audit-action-request-change = Data subject request updated
audit-action-request-read = Data subject request read

## requests: the work queue of data subject requests
requests-queue = Data subject requests
requests-queue-explained = The open requests, what is due first on top; overdue requests lead. The deadline is the reglement's and the law's (the GDPR month).
requests-none = There are no open requests.
requests-open-count = { $count ->
    [one] 1 open request
   *[other] { $count } open requests
}
requests-overdue-count = { $count ->
    [one] of which 1 overdue
   *[other] of which { $count } overdue
}
requests-due-soon = due soon
requests-due-soon-count = { $count ->
    [one] 1 due soon
   *[other] { $count } due soon
}
requests-next-due = Next deadline: { $date } ({ $left }).
requests-open = To the requests
requests-due = Deadline
requests-type = Request
requests-received = Received
requests-channel = By
requests-status = Status
requests-due-today = today
requests-days-left = { $days ->
    [one] 1 day left
   *[other] { $days } days left
}
requests-days-late = { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
request-title = Request for { $kind }
request-received-on = received on { $date }
request-deadlines = Deadlines
request-respond-by = Answer by { $date }
request-extendable-to = Extendable to { $date }, told within the first term
request-execute-by = Carry out by { $date }
request-erase-by = Erase by { $date }
request-extended = Extended, told on { $date }
request-asked = What is asked
request-categories = Data
request-changes = Change wanted
request-asked-all = All of the client's data.
request-requester = Filed by
request-decision = Decision
request-decide = Decide
request-outcome = Outcome
request-grounds = Grounds for a (partial) refusal, as the reglement and the law allow them
request-decided-on = Decided on
request-decide-button = Record the decision
request-extend = Extend the term
request-extend-reason = Reason (the requester is told)
request-extend-told = The requester was told on
request-extend-button = Record the extension
request-steps = Next step
request-next-step = Step
request-step-on = On
request-step-button = Record the step
request-history = History
request-step = Step
requests-back = Back to the requests

## the register of incidents and data breaches
incidents-register = Incidents and data breaches
incidents-show = Show
incidents-show-all = all incidents
incidents-show-open = still to notify or decide
incidents-show-decided = decided
incidents-filter-button = Show
incidents-explained = What is still to be notified to the Dutch Data Protection Authority comes first, by the hours left of the 72 (art. 33(1) GDPR); then the rest, newest first.
incidents-none = There are no incidents in the register.
incidents-none-open = No data breaches still to be notified.
incidents-open-count = { $count ->
    [one] 1 data breach still to notify
   *[other] { $count } data breaches still to notify
}
incidents-open = To the register
incidents-ap = Notification
incidents-by = by { $moment }
incidents-discovered = Discovered
incidents-what = What happened
incidents-persons = Persons
incidents-risk = Risk
incidents-risk-open = not assessed yet
incidents-hours-left = { $hours ->
    [one] 1 hour left
   *[other] { $hours } hours left
}
incidents-hours-late = { $hours } hours late
incidents-not-notified = not notified (with reasons)
incidents-notified = notified
incidents-notify = Record the notification to the AP
incidents-notified-at = Notified on
incidents-reference = The AP's reference
incidents-late-reason = Reasons for the delay (required after 72 hours)
incidents-notify-button = Record the notification
incidents-new = Record a new incident
incidents-nature = Nature of the breach
incidents-categories = Which data
incidents-how = How discovered
incidents-record = Record the incident

## complaints
audit-action-complaint-record = Complaint recorded in the complaints register
audit-action-complaint-change = Complaint updated (extension, decision, disputes body)
audit-action-complaint-read = Complaints register read
audit-action-processor-record = Processor agreement recorded in the processor register
audit-action-processor-change = Processor agreement updated (review, end)
audit-action-processor-read = Processor register read
audit-action-asset-record = Privacy asset recorded (a system and the categories it keeps)
audit-action-asset-read = Register of privacy assets read
complaints-register = Complaints register
complaints-explained = A complaint is decided within six weeks of its receipt; the term may be extended once by at most four weeks, if the complainant is told so in writing before the six weeks end (Wkkgz art. 17). Open complaints come first, by the last day of the decision; then the decided ones, newest first.
complaints-open = Open the complaints register
complaints-none = No complaints match the filter.
complaints-none-open = No open complaints.
complaints-open-count = { $count ->
    [one] 1 open complaint
   *[other] { $count } open complaints
}
complaints-overdue-count = { $count ->
    [one] 1 past the term
   *[other] { $count } past the term
}
complaints-count-open = { $count ->
    [one] open complaint
   *[other] open complaints
}
complaints-count-overdue = past the term
complaints-count-decided = decided
complaints-filter = Filter
complaints-show = Show
complaints-show-all = All complaints
complaints-show-open = Open complaints
complaints-show-decided = Decided
complaints-only-privacy = Only privacy complaints also lodged with the Dutch Data Protection Authority
complaints-filter-button = Apply filter
complaints-due = Term
complaints-received = Received on
complaints-received-on = Complaint of { $date }
complaints-by = By whom
complaints-about = About
complaints-handler = Handled by
complaints-officer = the complaints officer
complaints-handler-with-officer = { $handler }, with { $officer } (Wkkgz art. 15)
complaints-due-today = today is the last day
complaints-days-left = { $days ->
    [one] 1 day left
   *[other] { $days } days left
}
complaints-days-over = { $days ->
    [one] 1 day past the term
   *[other] { $days } days past the term
}
complaints-decide-by = decide by { $date }
complaints-decided = { $outcome }, decided on { $date }
complaints-decided-late = { $outcome }, decided on { $date }, after the term
complaints-mark-extended = extended
complaints-mark-referred = with the disputes body
complaints-mark-ap = also with the AP
complaints-new = Record a complaint
complaints-client-id = Client (id from the record), if the complaint concerns a client
complaints-client-explained = Leave empty if the complaint concerns no client. The id is in the address of the record.
complaints-officer-involved = The complaints officer is involved (Wkkgz art. 15)
complaints-privacy = Privacy complaint: the complainant also lodged a complaint with the Dutch Data Protection Authority (art. 77 GDPR)
complaints-record = Record the complaint
complaints-error = { $field } ({ $name }): { $message }. Nothing was recorded.
complaints-title = Complaint of { $date }
complaints-back = Back to the complaints register
complaints-state = State
complaints-decide-by-label = Decide by
complaints-plus-extension = plus the extension
complaints-extension = Extension
complaints-extension-told = told in writing on { $date }
complaints-decision = Decision
complaints-dispute-body = Disputes body
complaints-referred-on = referred on { $date } (Wkkgz art. 21)
complaints-not-referred = not referred
complaints-ap = Dutch Data Protection Authority
complaints-ap-yes = the complainant also complained to the AP (art. 77 GDPR)
complaints-ap-no = not with the AP
complaints-articles = Articles
complaints-extend = Extend the term
complaints-extend-explained = With the extension the last day becomes { $date }. The complainant must be told so in writing, with the reasons, by { $told } (Wkkgz art. 17 lid 2); told later, it does not extend the term.
complaints-told-on = Told in writing on
complaints-extension-reason = Why careful handling needs more time
complaints-extend-too-late = The first term is over: it ended on { $date }. An extension told now does not extend the term.
complaints-extend-button = Record the extension
complaints-decide = Record the decision
complaints-outcome = Decision
complaints-on = On
complaints-decision-text = The reasoned decision, what was decided and when the measures will be in place
complaints-decide-button = Record the decision
complaints-refer = Referred to the disputes body
complaints-referred-label = Referred on
complaints-refer-button = Record the referral
complaints-marks = Complaints officer and AP
complaints-marks-button = Save

## letters of a request (printable; save as PDF from the browser)
letters = Letters
letter-page-title = Letter
letter-receipt = Confirmation of receipt
letter-extension = Extension of the term
letter-decision = Decision
letter-to = To: { $name }
letter-subject = Your request for { $kind } — { $title }
letter-salutation = Dear Sir or Madam,
letter-closing = Kind regards,
letter-receipt-text = On { $received } we received your request for { $kind } { $channel }. We will answer it by { $date } ({ $articles }).
letter-receipt-identity = Before we carry out your request, we establish your identity. We will contact you for it.
letter-extension-text = We need more time to handle your request for { $kind } with care. You will hear from us by { $date } (GDPR art. 12(3)). The reason: { $reason }
letter-decision-text = On { $date } we decided on your request for { $kind }: { $outcome }.
letter-complain-own = If you do not agree with this decision, you can complain to { $officer }.
letter-complain-dispute = You can also turn to { $body }.
letter-complain-ap = You can also complain to the Dutch Data Protection Authority (GDPR art. 77) or go to court (GDPR art. 79).

# Restriction of processing (issue 13 part 4)
audit-action-restrict = Restricted
audit-action-restriction-lift = Restriction lifted
## the export of a request: inzage, afschrift, inzage in de logging (printable; save as PDF)
export-title-copy = Copy of your personal data
export-title-access = Access to your personal data
export-title-logging = Overview of who accessed your record
export-draft = Draft: not released yet. This document goes out only once released.
# $kind: "access"; $received, $decided: "2 March 2026"; $outcome: "granted"
export-request-line = Your request for { $kind }, received on { $received }, was decided on { $decided }: { $outcome }.
export-made-on = Made on { $moment }.
export-who = Who you are
export-dossier = Your record
export-recorded-on = Recorded on { $moment }
export-special = special category data, art. 9 GDPR
export-earlier = Earlier versions, corrected ({ $count })
export-supplement = Your statement of { $moment } (art. 7:454(2) BW)
# $ground: the decision's ground; $articles: "AVG art. 15 lid 4; art. 7:456 BW"
export-withheld = An entry of { $moment } is not included: { $ground } ({ $articles }).
export-withheld-reason = Reason: { $reason }
export-empty-dossier = No entries of the record are included.
export-not-included = Not included
export-not-included-explained = { $organisation } holds data about you of these kinds, but the reglement does not let the handler of your request export them. Ask if you want to see them.
export-processings = What we use your data for
export-disclosures = To whom we may disclose data
export-disclosures-explained = These are the recipients the reglement allows, not an overview of what was actually disclosed.
export-all-categories = all your data
export-retention = How long we keep your data
export-access-log = Who accessed your record
export-access-log-explained = Every time someone viewed, recorded or looked up your data, with their function and organisation, when and why (NEN 7513, art. 15e Wabvpz). Staff names are not in it.
export-rights = Your rights
export-complaints = Where you can turn
export-complain-own = A complaint about how we handle your data can be made to { $officer }.
export-dpo = Data protection officer: { $dpo }
export-automated = Automated decisions
export-fee = Costs
export-review = Review before release
export-review-explained = Look at what goes out. Withhold an entry about another person, with the reason (art. 15(4) GDPR, art. 7:456 BW); then release the export. This box is not printed.
export-status-draft = Not released yet.
export-status-released = Released on { $moment }.
export-status-executed = Carried out on { $date }.
export-withhold-hint = Only for a partly granted request, on the ground that it concerns information about another person, can an entry be withheld.
export-withhold = Withhold this entry
export-withhold-ground = Ground
export-withhold-reason = Reason (goes into the export)
export-withhold-button = Withhold
export-release-button = Release
export-execute-explained = Print the export or save it as PDF (Ctrl+P) and give it to the client; then record it as carried out.
export-execute-button = Record as carried out
export-fhir-link = Download the FHIR bundle (FHIR R4, for another care provider's system)
export-transfer-explained = A transfer goes to the successor care provider: print the export or save it as PDF, download the FHIR bundle and hand over both; name the recipient and the channel here. The transfer is recorded as a disclosure; the original stays in the dossier.
export-transfer-recipient = Successor care provider
export-transfer-channel = Channel
export-transfer-button = Record the transfer as carried out
export-back = Back to the request
export-request-section = Carry out
export-request-explained = An access, copy or access to the access log is carried out with the export: look at what goes out, withhold entries where needed and release it.
export-link = Review and release the export

## carrying out an erasure request on its page (issue 13 part 3)
erasure-section = Carry out: erase
erasure-explained = Each category is tested against the law: the fiscal retention of seven years (art. 52 AWR), another person's interest in the record (art. 7:455(2) BW) and a legal hold. What may go is made unreadable by destroying that category's key; the rest is kept. The erasure certificate then appears here.
erasure-button = Erase what may go
erasure-certificate = Erasure certificate
transfer-erased-after = After the transfer of care, what the law let go was erased, as the reglement prescribes; what the law keeps is listed below with its ground. Tell the successor care provider that the data here was erased.
erasure-whole-file = the whole file was destroyed
erasure-category = Category
erasure-what = Outcome
erasure-articles = Articles
# $count: the number of records
erasure-erased-records = erased ({ $count ->
    [one] 1 record
   *[other] { $count } records
})
erasure-kept = kept

# Retention extensions (issue 15 part 2)
audit-action-retention-extend = Retention extended
audit-action-retention-extend-withdraw = Retention extension withdrawn
audit-action-registration-transfer = Transfer of the whole registration started
audit-action-registration-transfer-change = Transfer of the registration updated

# carrying out a restriction request (issue 13 part 4)
restriction-section = Restrict
restriction-explained = The data the request names (everything, when it names none) is restricted: it is kept, but nobody uses it any more except for storage and what art. 18(2) GDPR allows, until the restriction is lifted. The client is told before that happens (art. 18(3) GDPR).
restriction-ground = Ground (art. 18(1) GDPR)
restriction-button = Restrict
restriction-standing = Restriction
restriction-state = State
restriction-everything = all data
restriction-stands = in force
restriction-lifted = lifted on
restriction-told-on = Client told on
restriction-lift = Lift the restriction
## retention in the web UI: the plan, runs, certificates, the hold register (issue 15 part 5)
nav-retention = Retention
nav-holds = Legal holds
audit-action-hold-place = Legal hold placed
audit-action-hold-release = Legal hold released
audit-action-read-holds = Register of legal holds read
audit-action-retention-plan = Shown in a retention plan
audit-action-retention-run = Destruction started or resumed
audit-action-destroy = Destroyed after the retention period
audit-action-retention-certificate = Destruction certificate written or read
retention-title = Retention
retention-plan-explained = What has expired on { $date } under the reglement (version { $version }) and the law (version { $law }). Nothing is destroyed without your decision below.
retention-client-id = Client id
# $count: the number of records
retention-records = { $count ->
    [one] 1 record
   *[other] { $count } records
}
retention-count-dossiers = { $count ->
    [one] file with something to destroy
   *[other] files with something to destroy
}
retention-count-whole-files = { $count ->
    [one] of which the whole file
   *[other] of which the whole files
}
retention-count-records = { $count ->
    [one] record to destroy
   *[other] records to destroy
}
retention-count-overdue = { $count ->
    [one] file past the deadline
   *[other] files past the deadline
}
retention-count-holds = { $count ->
    [one] legal hold
   *[other] legal holds
}
retention-per-category = Per category
retention-nothing-due = Nothing has expired.
retention-due-records = Records to destroy
retention-due-persons = Clients
retention-held-records = Records held back
retention-articles = Articles
retention-persons-due = Clients with expired data
retention-retain-until = Keep until
retention-destroy-by-column = Destroy by
retention-whole-file = the whole file
retention-overdue = past the deadline
retention-holds = Legal holds
retention-no-holds = No legal hold stands.
retention-destroy-title = Destroy what has expired
retention-destroy-explained = You decide to destroy what is listed above. A whole file is made unreadable by destroying its key, in older backups too; single records are deleted. What a legal hold keeps stays. Every item is checked again just before it is destroyed. A destruction certificate in your name follows.
retention-destroy-confirm = I have checked the plan and decide to destroy.
retention-destroy-button = Destroy what has expired
retention-run-under-way = A destruction is under way: { $done } of { $total } items done.
retention-run-follow = See its progress
# $left: the number of items still to do
retention-run-unfinished = A destruction as of { $date } is unfinished ({ $left ->
    [one] 1 item left
   *[other] { $left } items left
}). Finish it first; nothing is destroyed twice.
retention-run-resume = Finish the destruction
retention-runs = Destructions
retention-no-runs = Nothing has been destroyed yet.
retention-started = Started
retention-finished = Finished
retention-as-of = As of
retention-destroyed = Destroyed
retention-skipped = Skipped
retention-state = State
retention-state-finished = finished
retention-state-running = under way
retention-state-failed = stopped by an error
retention-state-unfinished = unfinished
retention-run-title = Destruction
retention-progress = { $done } of { $total } items done, { $left } to go.
retention-progress-label = Progress of the destruction
retention-run-started-by = Started by { $by } on { $at }, as of { $date }.
retention-refresh = Refresh
retention-run-stopped = This destruction is no longer running (the server stopped or something went wrong). Start it again: what was destroyed already is skipped.
retention-back = Back to retention
retention-certificate = Destruction certificate
retention-organisation = Organisation
retention-started-by = Started by
retention-versions = Reglement and law
retention-versions-are = reglement version { $version }, law version { $law }
retention-run-id = Reference
# $files: whole files destroyed; $records: records destroyed; $skipped: items skipped
retention-certificate-summary = { $files ->
    [one] 1 whole file
   *[other] { $files } whole files
} and { $records ->
    [one] 1 record
   *[other] { $records } records
} destroyed; { $skipped ->
    [one] 1 item skipped
   *[other] { $skipped } items skipped
}.
retention-nothing-destroyed = Nothing was destroyed.
retention-destroyed-records = Records destroyed
retention-destroyed-items = Destroyed
retention-destroyed-at = Destroyed on
retention-skipped-items = Skipped
retention-skip-erased = erased in the meantime
retention-skip-held = a legal hold keeps it
retention-skip-no-longer-due = no longer expired (changed since the plan)
retention-certificate-no-names = This certificate names clients by their id only and holds no names or content.
retention-print = Print this certificate or save it as a PDF (Ctrl+P).
retention-dashboard-due = { $dossiers ->
    [one] 1 file
   *[other] { $dossiers } files
} / { $records ->
    [one] 1 record
   *[other] { $records } records
} to destroy
retention-dashboard-overdue = of which { $count } past the deadline
retention-dashboard-held = { $count ->
    [one] 1 legal hold keeps
   *[other] { $count } legal holds keep
} { $records ->
    [one] 1 record
   *[other] { $records } records
}.
retention-dashboard-planned = Retention plan of { $date }.
retention-dashboard-not-yet = Today's retention plan is still being made.
retention-dashboard-open = To retention
hold-register = Register of legal holds
hold-register-open = To the register of legal holds
hold-register-explained = A legal hold suspends the retention period: what it covers is not destroyed or erased until it is released or ends. You place a hold from the client's file.
hold-none = No legal hold has been placed yet.
hold-kind = Kind
hold-until = End or review
hold-ends-on = ends after { $date }
hold-review-on = review on { $date }
hold-until-released = until it is released
hold-term = Term
hold-placed-by = placed by { $by } ({ $role }), { $moment }
hold-since = since { $date }
hold-released-on = Released on { $moment } by { $by }
hold-standing = In force
hold-not-yet = Not yet started
hold-ended = Ended
hold-release = Release the hold
hold-notice = Legal hold:
hold-notice-effect = Destruction and erasure wait until the hold is released.
hold-whole-file = the whole file
hold-place-open = Suspend the retention period (legal hold)
hold-reason-label = Reason (visible only to those who place holds)
hold-starts-label = From
hold-ends-label = Up to and including (empty: until the hold is released)
hold-review-label = Review on
hold-place-button = Place the hold
hold-reason-required = Give the reason for the hold.
retention-more-persons = And { $count } more files with something to destroy; the same destruction includes them.
retention-dashboard-nothing = Nothing is due for destruction.

# retention: the privacy officer's panel, the transfer of the registration (issue 15)
retention-dashboard-supervise = You supervise; destruction follows a decision of whoever decides on it.
retention-transfer-title = The retention terms do not apply.
retention-transfer-text = The whole registration is being transferred to { $recipient } since { $date } (art. { $article }): nothing is destroyed; what would have expired is held back.
retention-transfer-untold = The clients have not been told yet (they can object).

# the do-not-contact register (issue 14 part 4)
audit-action-contact-block = Put on the do-not-contact register
audit-action-contact-unblock = Taken off the do-not-contact register
audit-action-contact-check = Checked whether contact is allowed
audit-action-contact-list = Do-not-contact register read

# consent records (issue 14 part 1)
audit-action-consent-give = Consent recorded
audit-action-consent-withdraw = Consent withdrawn
audit-action-consent-read = Consents read
audit-action-consent-check = Checked whether consent is given

# The disclosure ledger (issue 14 part 2)
audit-action-recipient-register = Recipient registered
audit-action-recipient-list = Register of recipients read
audit-action-disclosure-record = Disclosure recorded
audit-action-disclosure-notice = Client told of a disclosure
audit-action-disclosure-list = Disclosures read
# objections (art. 21 AVG)
audit-action-objection-file = Objection recorded
audit-action-objection-decide = Objection decided
audit-action-objection-withdraw = Objection withdrawn
audit-action-objection-read = Objections read

# the consent tab of the dossier (issue 14 part 6)
dossier-tabs = Parts of the dossier
consent-tab = Consents
consent-title = Consents
consent-explained = Every consent with who gave it, the form, what for, from when until when and the evidence (AVG art. 7 lid 1). It can be withdrawn at any time (art. 7 lid 3): the withdrawal is recorded beside the consent, which itself stays.
consent-none = No consents are recorded.
consent-history-caption = Every consent, withdrawn and expired ones too, newest first
consent-col-scope = What for
consent-col-form = Form
consent-col-period = Valid
consent-col-given-by = Given by
consent-col-evidence = Evidence
consent-col-status = Status
# $date: "2 March 2026"
consent-valid-from = from { $date }
consent-valid-until = up to and including { $date }
consent-one-day = on that day only
consent-until-withdrawn = until withdrawn
consent-given-on = given on { $date }
# $version: "audit-2026-1"
consent-evidence-text = text shown, version { $version }
consent-evidence-show = Show the text
# $document: "form-0001.pdf"
consent-evidence-document = signed form { $document }
consent-withdrawn-on = withdrawn as of { $date }
consent-in-force = in force
consent-withdraw = Withdraw
consent-not-yet = not yet in force
consent-expired = expired
consent-give-title = Record a consent
consent-form-label = Form
consent-given-by-label = Given by
consent-given-on-label = Given on
consent-scope-legend = What for (a processing, a recipient or both)
consent-processing-label = Processing
consent-recipient-label = Recipient
consent-none-chosen = (none)
consent-categories-label = Data (categories)
consent-purpose-label = Purpose (a short label, lowercase)
consent-period-legend = Validity (for one day: the same date twice)
consent-from-label = Valid from (empty: the day it was given)
consent-until-label = Valid up to and including (empty: until withdrawn)
consent-evidence-legend = Evidence (the text shown with its version, or the signed form)
consent-text-label = Text shown or read out
consent-text-version-label = Version of that text
consent-document-label = Where the signed form is kept (reference)
consent-sha256-label = SHA-256 of the form
consent-give-button = Record the consent
# $field: "Valid up to and including", $name: "valid_until", $message: the vault's explanation
consent-error = { $field } ({ $name }): { $message }. Nothing was recorded.

# Research exports (issue 14 part 5)
audit-action-research-export = Research dataset disclosed
audit-action-recipient-told = Recipient told of a correction or erasure
audit-action-log-review-run = Log review run
audit-action-log-review-read = Log review flags read
audit-action-log-review-close = Log review flag closed
audit-action-log-review-incident = Log review flag recorded as an incident

# web: the disclosure ledger (issue 14 parts 2 and 6): the disclosure form, the notice to the client, the ledger, the register of recipients
nav-disclosures = Disclosures
nav-recipients = Recipients
ledger-form-title = Disclose data
ledger-form-title-of = Disclose data of { $name }
ledger-form-explained = Choose the organisation, which data and what for. "Review" first shows what the reglement says; nothing goes out yet.
ledger-no-recipients = No organisation is in the register of recipients yet. The coordinator who keeps the register adds them.
ledger-no-name = You may not see the client's name.
ledger-recipient = Recipient
ledger-choose-recipient = Choose a recipient
ledger-categories = Data
ledger-purpose = Purpose of the disclosure
ledger-purpose-hint = A short purpose in lowercase, for example "overdracht van zorg".
ledger-review-button = Review
ledger-review-title = Review before disclosing
ledger-decision-caption = What the reglement says per kind of data
ledger-decision = Decision
ledger-allowed = Allowed
ledger-not-allowed = Not allowed
ledger-consent = Consent
ledger-consent-needed = Needed: { $form }
ledger-consent-found = Recorded and valid.
ledger-consent-missing = Not found.
ledger-consent-not-needed = Not needed
ledger-conditions = Conditions
ledger-by-default = The reglement does not name this recipient: the default rule applies.
ledger-client-told = Tell the client
ledger-client-told-yes = Yes
ledger-client-told-no = No
ledger-will-tell = The client must be told.
ledger-will-tell-explained = This disclosure is made without consent; after disclosing, you record that the client got a letter.
ledger-confirm = I have read the review and disclose these data to this recipient.
ledger-disclose-button = Disclose
ledger-cannot-disclose = This cannot be disclosed as it is. Record the consent that is needed first, or choose other data or another recipient.
ledger-conflict-of-duties = Conflict of duties
ledger-conflict-of-duties-hint = The rule asks consent but allows the disclosure without it on a conflict of duties: only where consent cannot be asked or was refused, silence would bring serious harm to the client or another, there is no other way and you disclose no more than needed. Your justification is recorded for the data protection officer's review.
ledger-conflict-of-duties-reason = Justification
ledger-conflict-of-duties-button = Review with a conflict of duties
ledger-error-conflict-of-duties = Write why the conflict of duties requires the disclosure without consent; or: this disclosure does not rest on a conflict of duties (the consent is there, none is needed, or no rule allows it).
ledger-on-conflict-of-duties = on a conflict of duties
ledger-refused = Disclosure refused.
ledger-change = Change the choice
ledger-result-title = Data disclosed
ledger-done = The disclosure is recorded in the disclosure ledger.
ledger-must-tell = The client must be told.
ledger-must-tell-explained = The data were disclosed without consent; the reglement asks that the client hears of it ({ $articles }). Send the letter and record when.
ledger-to-notice = To the notice to the client
ledger-record-count = Number of records
ledger-basis = Basis
ledger-basis-with = With consent ({ $articles })
ledger-basis-without = Without consent ({ $articles })
ledger-disclosed-on = Disclosed on
ledger-sha256 = Checksum (SHA-256)
ledger-extract = The extract
ledger-extract-explained = This went to the recipient. Print this page, or
ledger-download = download the extract (JSON)
ledger-notice-title = Notice to the client
ledger-notice = Notice to the client
ledger-notice-due = Still to do
ledger-notice-not-needed = Not needed
ledger-notice-sent-on = Letter sent on { $date }
ledger-notice-exception-on = Not sent (exception), { $date }
ledger-notice-not-needed-explained = This disclosure was made with consent: the client need not be told separately.
ledger-letter = The letter
ledger-record-notice = Record
ledger-notice-how = What happened?
ledger-notice-sent-option = The letter was sent
ledger-notice-exception-option = Not sent: exception ({ $exception })
ledger-notice-date = Date
ledger-notice-reason-label = Reason (required for the exception)
ledger-notice-reason-hint = Why the client is not told; the reason is kept in the file, not in the log.
ledger-notice-button = Record
ledger-notice-recorded-sent = Recorded: the letter was sent on { $date }. It read:
ledger-notice-recorded-exception = Recorded on { $date }: the client was not told, under the reglement's exception.
ledger-notice-reason = Reason: { $reason }
ledger-back = To the disclosures
ledger-title = Disclosure ledger
ledger-explained = Every disclosure of data to an organisation outside our own, the newest first. What is still to be done is at the top.
ledger-count-all = { $count ->
    [one] disclosure
   *[other] disclosures
}
ledger-count-due = notices to clients still to do
ledger-filter = Filter
ledger-all = All
ledger-from = From
ledger-until = Up to and including
ledger-only-due = Only with a notice still to do
ledger-filter-button = Apply
ledger-csv = Download as CSV
ledger-csv-explained = (the list as filtered; CSV opens in any spreadsheet)
ledger-xlsx = Download as Excel (XLSX)
ledger-todo = To do: tell the client
ledger-todo-what = Action
ledger-shown = { $count ->
    [one] 1 disclosure
   *[other] { $count } disclosures
}
ledger-none = No disclosures found.
ledger-by = By
ledger-records = { $count ->
    [one] 1 record
   *[other] { $count } records
}
ledger-csv-date = Date
ledger-csv-client-id = Client id
ledger-csv-client = Client
ledger-csv-recipient = Recipient
ledger-csv-kind = Kind of recipient
ledger-csv-agb = AGB code
ledger-csv-kvk = KvK number
ledger-csv-country = Country
ledger-csv-categories = Data
ledger-csv-records = Number of records
ledger-csv-purpose = Purpose
ledger-csv-consent = With consent
ledger-csv-articles = Articles
ledger-csv-by = Disclosed by
ledger-csv-role = Role
ledger-csv-notice = Notice
ledger-csv-notice-date = Date of notice
ledger-csv-id = Reference
ledger-csv-sha256 = SHA-256
ledger-csv-yes = yes
ledger-csv-no = no
ledger-error-recipient = Choose an organisation from the register of recipients.
ledger-error-categories = Choose at least one kind of data.
ledger-error-purpose = Give a short purpose in lowercase (digits, spaces, - and _ are fine too; at most 60 characters).
ledger-error-confirm = Tick that you have read the review.
ledger-error-kind = Choose the kind of recipient from the list.
ledger-error-name = Give the organisation's name (at most 200 characters).
ledger-error-agb = An AGB code has 8 digits.
ledger-error-kvk = A KvK number has 8 digits.
ledger-error-country = Give the country code in two capitals, such as NL.
ledger-error-on = The date is not before the disclosure and not in the future.
ledger-error-reason = Give the reason why the client is not told.
ledger-error-outcome = Choose what happened.
recipients-title = Register of recipients
recipients-explained = The organisations data can be disclosed to. The kind decides what the reglement allows.
recipients-none = No organisations are in the register yet.
recipients-name = Name
recipients-kind = Kind of recipient
recipients-choose-kind = Choose a kind
recipients-agb = AGB code
recipients-kvk = KvK number
recipients-country = Country
recipients-registered = Registered
recipients-new = Add an organisation
recipients-codes-hint = AGB code for a care provider, KvK number for other organisations; both 8 digits, optional.
recipients-register-button = Add
export-disclosed-to = To whom your data were disclosed
export-disclosed-to-none = According to our disclosure ledger, your data were not disclosed to other organisations.
export-disclosed-on = Date
export-disclosed-recipient = Recipient
export-disclosed-basis = Basis
export-disclosed-with-consent = With your consent
export-disclosed-without-consent = Without your consent

## Registers als spreadsheet
registers-excel = Registers in Excel
registers-excel-explained = The processing register and the registers you keep or read, each a tab of one workbook. Each register's download is logged.
registers-excel-download = Download the workbook (XLSX)
register-download-xlsx = Download as Excel (XLSX)
register-download-csv = Download as CSV
## The do-not-contact register
contacts-title = Do-not-contact register
contacts-explained = Who asked not to be approached for newsletters, satisfaction surveys or fundraising, or for anything outside their care. Check this before such contact: an objection to direct marketing is absolute (GDPR art. 21(2) and (3)).
contacts-home = Check whether someone may be approached, and put someone on the register when they ask.
contacts-open = Open the do-not-contact register
contacts-register = On the register
contacts-caption = Newest first
contacts-none = Nobody is on the register.
contacts-with-ended = Show ended entries too
contacts-only-standing = Only who is on the register now
contacts-all = anything outside the care
contacts-col-purpose = Not to be approached for
contacts-col-asked-on = Asked on
contacts-col-recorded-by = Recorded by
contacts-col-state = State
contacts-standing = On the register
contacts-end = End (wants to be approached again)
contacts-ended-on = Ended on { $moment } by { $by }
contacts-choose-client = Choose a client first: the client's dossier and the list below link to this register.
contacts-check-purpose = Check for
contacts-check-button = Check
contacts-check-yes = Yes, they may be approached.
contacts-check-yes-detail = { $name } is not on the register for { $purpose }.
contacts-check-no = No, do not approach.
contacts-check-no-detail = { $name } asked on { $since } not to be approached for { $purpose }.
contacts-block-title = Put on the register
contacts-block-explained = When the client asks not to be approached any more. It holds from the day they asked until they ask to be approached again.
contacts-block-purpose = Not to be approached for
contacts-block-asked-on = Asked on
contacts-block-button = Put on the register
contacts-error-person = Choose a registered client.
contacts-error-purpose = Choose from the list what the client does not want to be approached for.
contacts-error-asked-on = Give the day the client asked; it is not in the future.
contacts-error-entry = This entry stands already, or has ended already.
contacts-nothing-recorded = Nothing was recorded.

## Consent on the client's behalf
consent-on-behalf-legend = On the client's behalf
consent-on-behalf-explained = Fill in only when the client did not consent himself, or not alone. For a client of 12 up to 16 the client and a parent with authority (or the guardian) both consent: choose one at "Given by" and the other here at "Also given by".
consent-also-by-label = Also given by
consent-representative-label = Name of the representative (when not registered as a person)
consent-ground-label = Ground of the representation
consent-authorisation-label = There is a written authorisation of the client
consent-born-label = Client's date of birth (only when none is registered)
consent-representative-is = representative: { $name }
consent-ground-is = ground: { $ground }
consent-authorisation-given = with a written authorisation
## log review (NEN 7513)
log-review-title = Log review
log-review-explained = Rules over the log (NEN 7513) flag what deserves a look: emergency access not reviewed in time, unusually many files in a day, reads outside the care relationship on a broad rule, and a colleague's file. Close each flag with a note, or make it an incident. What is due first is on top.
log-review-run = Run the review
log-review-from = From (empty: the last day only)
log-review-to = To (empty: today)
log-review-run-button = Run the review
log-review-open-count = { $count ->
    [one] 1 open flag
   *[other] { $count } open flags
}
log-review-overdue-count = { $count ->
    [one] 1 emergency access past its term
   *[other] { $count } emergency accesses past their term
}
log-review-none-open = No open flags.
log-review-open = To the log review
log-review-due = Review by { $date }
log-review-user = User
log-review-clients = Client(s)
log-review-reason = Reason
log-review-events = Events
log-review-events-count = { $count ->
    [one] 1 event
   *[other] { $count } events
}
log-review-articles = Grounds
log-review-note = Note on closing
log-review-close-button = Close
log-review-incident-button = Make it an incident
log-review-closed = Closed flags
log-review-kind = Flag
log-review-closed-at = Closed
log-review-outcome = Outcome
log-review-became-incident = Incident { $id }
log-review-error-note = Write a note: what the review found and why it is in order.
log-review-error-from = Give a start date that is not after the end date.
log-review-error-to = Give an end date that is not in the future.

## Annual privacy report
annual-web-year = Year
annual-web-show = Show
annual-web-pick = Another year
annual-web-download-pdf = Download as PDF
annual-web-download-json = Download as JSON (each figure with its events)
annual-web-bad-year = `{ $value }` is not a year from 2000 to { $last }
annual-web-home-title = Annual privacy report
annual-web-home = The figures of { $year } from the registers and the log, each with the events it counts: for adopting the annual privacy report.
annual-web-home-open = Open the annual report
processors-register = Processors and privacy assets
processors-explained = The processor agreements (art. 28 GDPR): who processes data for which processings, where, and when the agreement is looked at again. Below, the systems that keep personal data.
processors-eea-only = The reglement demands processing inside the EEA ({ $article }); a country outside it is refused.
processors-eea-not-demanded = The reglement does not demand processing inside the EEA; a transfer outside it falls under art. 44–46 GDPR.
processors-interval = Reviewed every { $interval }.
processors-count-active = agreements in force
processors-count-due = review needed
processors-count-overdue = review overdue
processors-agreements = Processor agreements
processors-none = No processor agreements yet.
processors-review = Review
processors-processor = Processor
processors-processings = Processings
processors-countries = Countries of processing
processors-signed = Signed on
processors-reviewed-on = last reviewed on { $date }
processors-review-on = Reviewed on
processors-next-optional = Next review (empty: as the reglement says)
processors-review-done = Record the review
processors-subprocessors-list = sub-processors: { $list }
processors-security-list = security: { $text }
processors-ended = ended on { $date }
processors-overdue = review overdue (due by { $date })
processors-due-soon = review soon (due by { $date })
processors-next-review = review by { $date }
processors-new = Record a processor agreement
processors-kvk = KvK number (eight digits, optional)
processors-processings-explained = The reglement's processings, separated by commas: { $list }.
processors-categories = Categories of data
processors-categories-explained = The categories of those processings, separated by commas (for instance naw, gezondheid).
processors-subprocessors = Sub-processors (separated by commas)
processors-countries-explained = ISO 3166-1 country codes, separated by commas (for instance NL, DE).
processors-security = Security measures (kept encrypted)
processors-record = Record the agreement
processors-panel = Processor agreement review needed
processors-open = To the processor register
assets-title = Privacy assets
assets-none = No privacy assets yet.
assets-name = System
assets-kind = Kind of system
assets-categories = Categories it keeps
assets-where = Where
assets-country = Country (ISO 3166-1, for instance NL)
assets-location = Location (data centre, office)
assets-agreement = Processor agreement
assets-no-agreement = None (kept in-house)
assets-owner = Owner
assets-new = Record a privacy asset
assets-record = Record the system

## the dossier's panel "Vertegenwoordiging" (issue 12 part 1)
representation-title = Representation
representation-legal-status = Legal status
representation-legal-status-since = { $status }, since { $since }
representation-no-legal-status = no curatele, mentorschap or beschermingsbewind registered
representation-deceased = Died on { $date }.
representation-none = No representatives registered.
representation-valid-from = from { $from }
representation-valid-between = from { $from } up to and including { $until }
representation-authorised = written authorisation of { $date }
representation-ended = ended on { $date }
representation-col-name = Name
representation-col-validity = Validity
representation-name-withheld = (name not shown)
representation-add-open = Add a representative
representation-by-label = Representative (person id of a registered person)
representation-ground-label = Ground
representation-from-label = Valid from
representation-until-label = Valid up to and including (empty: open)
representation-authorised-label = Date of the written authorisation (required for a proxy)
representation-add-button = Record the representative
audit-action-reglement-adopt = New version of the reglement adopted

## portal: the clients' portal (issue 12 part 5)
portal-nav-home = My requests
portal-nav-file = New request
portal-role = client portal
portal-title = My requests
portal-explained = Here you see the requests about your data that you filed, for yourself or for someone you represent, with the deadline by which the organisation answers.
portal-file-link = File a request
portal-none = You have not filed any requests yet.
portal-my-requests = Your requests, the first due on top
portal-for = For
portal-yourself = yourself
portal-file-title = File a request
portal-file-error-type = Choose what you ask for.
portal-file-error-long = Your explanation is too long: at most 4000 characters.
portal-file-explained = Choose what you ask and for whom. The organisation confirms receipt and answers within the term of the reglement and the law; sometimes it first asks you to have your identity established.
portal-file-type = What do you ask?
portal-file-for = For whom?
portal-file-asked = Explanation (for instance which data, or what should be changed)
portal-file-button = File the request
portal-back = Back to my requests
portal-status = Where it stands
portal-status-received = your request was received and waits to be handled.
portal-status-identity = your identity was established; your request is being handled.
portal-status-in-progress = your request is being handled.
portal-status-decided = a decision was taken; you find it below and in the letter.
portal-status-executed = your request was carried out.
portal-status-withdrawn = the request was withdrawn.
portal-identity-needed = The organisation establishes your identity before it handles your request; you will hear how.
portal-extended = The deadline was extended (you were told on { $date }).
portal-extended-until = The answer comes by { $date } at the latest.
portal-history = What happened
portal-step-filed = your request was received
portal-step-identity = your identity was established
portal-step-in-progress = your request was taken up
portal-step-extended = the deadline was extended
portal-step-decided = a decision was taken
portal-step-executed = your request was carried out
portal-step-withdrawn = the request was withdrawn
error-portal-not-staff = This page is for staff. You find your requests on the client portal (/portaal).
error-staff-not-portal = The client portal is for clients and their representatives; staff work in the request queue (/verzoeken).
