# The core's texts: explanations of decisions, messages when checking a reglement, the
# processing register.

month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Periods ("4 weeks")
period-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
period-working-days = { $count ->
    [one] { $count } working day
   *[other] { $count } working days
}
period-weeks = { $count ->
    [one] { $count } week
   *[other] { $count } weeks
}
period-months = { $count ->
    [one] { $count } month
   *[other] { $count } months
}
period-years = { $count ->
    [one] { $count } year
   *[other] { $count } years
}

## Messages when checking a reglement
# Shown as "file:line:column: error[code]: message", with "= help: ..." below.
reglement-severity-error = error
reglement-severity-warning = warning
reglement-help = help
# $kind: category, role, subject or recipient
reglement-unknown-id = unknown { $kind ->
    [category] data category
    [role] role
    [subject] subject category
   *[recipient] recipient
} `{ $id }`
reglement-did-you-mean = did you mean `{ $suggestion }`?
reglement-known-ids = known ids are: { $known }
reglement-format-version = format { $found } is not supported; expected formaat = { $expected }
reglement-invalid-id = id `{ $id }` may hold only lowercase letters, digits and _, starting with a letter
# $kind: category, role, subject or recipient
reglement-duplicate-id = { $kind ->
    [category] data category
    [role] role
    [subject] subject category
   *[recipient] recipient
} `{ $id }` already exists in the built-in taxonomy
reglement-effective-before-adoption = in_werking ({ $effective }) is before adoption ({ $adopted })
reglement-announcement-period = in_werking ({ $effective }) falls within the announcement period of { $period } after announcement on { $announced }; { $earliest } at the earliest
reglement-invalid-processing-id = id `{ $id }` may hold only lowercase letters, digits and _
reglement-duplicate-processing = processing `{ $id }` appears twice
# $bases: the legal bases allowed, separated by " | "
reglement-missing-legal-basis = processing `{ $id }` has no legal basis (art. 6(1) GDPR); expected grondslag = ["{ $bases }", ...]
reglement-processing-no-categories = processing `{ $id }` names no data categories (art. 30(1)(c) GDPR)
reglement-no-actions = user `{ $role }` has no actions
reglement-special-grant-without-effect = `bijzondere_gegevens` for role `{ $role }` in processing `{ $processing }` changes nothing: only administratie and planner are kept from special categories, and only a rule with a special category can grant them
reglement-user-category-outside-processing = category `{ $category }` is not part of processing `{ $processing }`; a user only gets the processing's categories
reglement-no-duties = role `{ $role }` gets no duties in [[beheer]]; known are: { $known }
reglement-duty-not-scoped = zorgrelatie = true limits only list_persons and search_persons to the user's own clients, not `{ $duty }`
reglement-special-without-exception = processing `{ $processing }`, category `{ $category }`: special category data without an exception of art. 9(2) GDPR; fill in uitzondering_art9
reglement-criminal-without-exception = processing `{ $processing }`, category `{ $category }`: criminal data without a basis of art. 10 GDPR; fill in uitzondering_art9 = ["strafrechtelijk"]
reglement-retention-no-categories = retention rule without categories
reglement-no-retention = category `{ $category }` has no retention rule; add a [[bewaartermijnen]] that names it (art. 5(1)(e) GDPR)
reglement-retention-below-wgbo = `{ $category }` is part of the medical record and is kept shorter than the WGBO's 20 years (art. 7:454(3) Dutch Civil Code)
reglement-retention-below-fiscal = `{ $category }` falls under the 7-year fiscal retention obligation (art. 52(4) AWR) and is kept shorter
reglement-no-request-types = request rule without types
reglement-empty-request-rule = request rule without content; give a deadline (reageren, uitvoeren, uitvoeren_na_ontvangst, verwijderen) or a procedure (identiteitscontrole, vergoeding, weigeringsgronden, ...)
reglement-respond-beyond-one-month = the response period of { $period } can exceed the one month of art. 12(3) GDPR
reglement-fee-for-first-copy = a first access or copy is free; a reasonable fee is only allowed for further copies or excessive requests (art. 12(5) and 15(3) GDPR)
reglement-no-recipients = disclosure rule without recipients
reglement-recipient-not-registered = recipient `{ $recipient }` is not listed under ontvangers of any processing; the processing register (art. 30(1)(d) GDPR) is then incomplete
reglement-conflicting-consent = articles { $articles } ask different consent for disclosure to `{ $recipient }`; the stricter rule governs
reglement-default-disclosure-without-consent = disclosure to any recipient without consent has no basis in art. 6 GDPR

## Access decisions: the reason, then the articles that carry the decision.
decision-allowed = Allowed by the reglement
decision-emergency-allowed = Emergency access allowed; the data protection officer reviews this access
decision-denied-no-rule = Denied: the reglement does not give this role this right on this data
decision-denied-not-supervised = Denied: only under a supervisor's guidance
decision-denied-emergency-without-reason = Denied: emergency access needs a reason
decision-denied-emergency-not-permitted = Denied: the reglement does not permit emergency access for this role
decision-denied-forbidden = Denied: the reglement forbids this access
decision-denied-heirs = Denied: heirs have no access to this record
decision-denied-no-care-relationship = Denied: only for clients in your care team
# $reason: one of the sentences above; $articles: "art. 2.2" or "art. 4.7, 4.8; AVG art. 12 lid 3"
decision-explained = { $reason } ({ $articles }).
decision-explained-uncited = { $reason }.

## Questions that cannot be answered
# $kind: category, role, subject or recipient
decision-unknown-id = unknown { $kind ->
    [category] data category
    [role] role
    [subject] subject category
   *[recipient] recipient
} `{ $id }`
decision-unknown-id-suggestion = unknown { $kind ->
    [category] data category
    [role] role
    [subject] subject category
   *[recipient] recipient
} `{ $id }`; did you mean `{ $suggestion }`?
decision-no-retention-rule = the reglement has no retention rule for category `{ $category }`
# $fact: the missing option (--created); $from: "the moment of recording", ...
decision-missing-fact = { $fact } is needed: { $article } counts the retention period from { $from }
decision-out-of-range = the date falls outside the supported range (years 1 to 9999)

## Deadlines of data subject requests
# $request: "access", "transfer of the record", ...
deadline-respond = A request for { $request }, received on { $received }, must be answered by { $date } ({ $period } after receipt; { $articles }).
# $deadlines: "2026-05-22 (4 weeks, art. 4.7); 2026-05-24 (1 month, AVG art. 12 lid 3)"
deadline-several = Several periods apply: { $deadlines }; the stricter governs.
deadline-extension = An extension is possible up to { $date } ({ $articles }); the requester must be told so within the first period, with reasons.
deadline-execute = The decision of { $decided } must be carried out by { $date } ({ $period }; { $articles }).
deadline-erase = The data must be erased by { $date } ({ $articles }).
deadline-identity-check = The requester's identity is established first.
deadline-handler = Handled by: { $handler }.
deadline-refusal-grounds = Grounds for refusal: { $grounds }.
deadline-fee = Fee: { $fee }.

## Disclosure to third parties
disclosure-allowed = Disclosure of `{ $category }` to `{ $recipient }` is allowed ({ $articles }).
disclosure-not-allowed = Disclosure of `{ $category }` to `{ $recipient }` is not allowed ({ $articles }).
# $consent: "written consent", ...
disclosure-needs-consent = It needs the subject's { $consent }.
disclosure-no-consent-needed = No consent is needed.
disclosure-on-conflict-of-duties = It goes without that consent, on the conflict of duties the caregiver judged and justified.
disclosure-conflict-of-duties-possible = Without consent it may go only on a conflict of duties, which the caregiver judges and justifies.
disclosure-objection-blocks = An objection of the subject blocks it.
disclosure-notify-subject = The subject must be told of it.
disclosure-by-default = The reglement does not name this recipient for this category; the default rule applies.
disclosure-conditions = Conditions: { $conditions }.

## Retention
# $from: "the last change to the record", ...
retention-kept-until = Data of category `{ $category }` is kept until { $until }: { $period } from { $from } ({ $articles }).
retention-not-started = The retention period of category `{ $category }` ({ $period } from { $from }) has not started: care is ongoing ({ $articles }).
retention-destroy-by = Destruction by { $date } at the latest.
retention-suspended = Destruction is suspended while the complaint or proceedings last.
retention-extendable = With the client's consent the period can be extended.

## The processing register (art. 30 GDPR)
register-title = Processing register — { $organisation }
register-controller = Controller
register-address = Address
register-dpo = Data protection officer
register-version = Reglement: { $version } (effective since { $effective })
register-field = Field
register-content = Content
register-purpose = Purpose
register-legal-basis = Legal basis
register-special-exception = Special category exception
register-subjects = Data subjects
register-personal-data = Personal data
register-sources = Sources
register-workings = How it works
register-processor = Processor
register-recipients = Recipients
register-transfers = Transfers outside the EEA
register-retention = Retention
register-security = Security
register-users = Users
register-none = none
register-no-transfers = no transfers outside the EEA
register-silences = Where the reglement is silent
# A retention period in the register: "gezondheid: 20 years from the last change to the record (art. 3.4)"
register-retention-rule = { $category }: { $period } from { $from } ({ $articles })
register-retention-rule-window = { $category }: { $period } from { $from }, destroyed within { $window } ({ $articles })
# After a user's actions, after a comma.
register-within-care = only within the care relationship
register-supervised = under supervision
reglement-reserved-role = role `{ $id }` is the product's own (the command line, heirs) and cannot be declared in a reglement

# reglement represent
# Who may file a request (zorgkluis reglement represent). Ages in whole years.
decision-facts-out-of-order = { $earlier } ({ $earlier_date }) lies after { $later } ({ $later_date }), which cannot be
reglement-representation-age = `leeftijd` { $age } is no age limit for a minor; choose 12 to 18
reglement-representation-age-law = `leeftijd` { $age } differs from the 16 years of the { $law }; that law governs (art. 7:468 BW), the reglement cannot raise or lower the age
reglement-empty-care-laws = `dossierwetten` is empty; leave the key out, or name "wgbo" and/or "jeugdwet"
represent-also-needed = Also needed: { $needed }.
represent-self-adult = The subject ({ $age } years old) files a request for { $request } himself ({ $articles }).
represent-self-minor = A minor of { $age } files a request for { $request } himself; the parents with authority or the guardian may too ({ $articles }).
represent-self-from-16 = From 16 a minor exercises his rights alone: at { $age } he files a request for { $request } himself ({ $articles }).
represent-self-under-12 = A child of { $age } cannot file a request for { $request } alone: under 12 the parents with authority or the guardian act ({ $articles }).
represent-self-incapable = Whoever cannot reasonably weigh his interests in the matter does not file the request himself: his representative acts ({ $articles }).
represent-self-deceased = The subject died on { $died } and can no longer file a request; after death the rules for heirs decide who gets access ({ $articles }).
represent-parent-under-12 = For a child of { $age } the { $requester } files the request for { $request } ({ $articles }).
represent-parent-minor = For a minor of { $age } the { $requester } may file a request for { $request }, beside the minor himself ({ $articles }).
represent-parent-from-16 = From 16 a minor ({ $age } years old) exercises his rights alone: the minor files the request himself, or the { $requester } only with his written consent ({ $articles }).
represent-parent-consented = With the written consent of the minor ({ $age } years old) the { $requester } may file the request for { $request } ({ $articles }).
represent-parent-incapable = The minor ({ $age } years old) cannot reasonably weigh his interests in the matter; the { $requester } acts for him ({ $articles }).
represent-parent-adult = The subject is { $age } and of age: parental authority and guardianship have ended; a { $requester } acts only as curator, mentor or written proxy ({ $articles }).
represent-guardian = The { $requester } acts for an adult under { $status } and may file the request for { $request } ({ $articles }).
represent-guardian-minor = The subject is { $age } and a minor: the parents with authority or the guardian act for him, not a { $requester } ({ $articles }).
represent-guardian-no-status = A { $requester } acts only for an adult under { $status }, and that legal status was not given ({ $articles }).
represent-guardian-mismatch = A { $requester } acts only under { $status }; given was: { $ground } ({ $articles }).
represent-guardian-bewind = Financial administration (beschermingsbewind) concerns property only: it gives the administrator no right to the (medical) record and no right to file a request for { $request } for the subject. The subject himself can, or a curator, mentor or written proxy ({ $articles }).
represent-proxy = The written proxy may file the request for { $request } for the subject, with the authorisation ({ $articles }).
represent-proxy-missing = Without a written authorisation of the subject nobody else may file a request for { $request }: professional secrecy and the GDPR give the data only to the subject or his representative ({ $articles }).
represent-ended-by-death = The subject died on { $died }; with that the { $requester }'s role has ended. After death the rules for heirs apply ({ $articles }).
represent-heir-alive = The subject is alive; an heir has a right of access of his own only after the death ({ $articles }).
represent-heir = After the death on { $died } the { $requester } may ask for access or a copy on the ground of { $ground } ({ $articles }).
represent-heir-refused = After the death on { $died }, { $ground } gives the { $requester } no right to access or a copy ({ $articles }).
represent-heir-no-ground = After the death on { $died } an heir needs a ground; here these apply: { $grounds } ({ $articles }).
represent-heir-no-rule = After the death on { $died } an heir has no right of access: the reglement does not provide for it and the GDPR protects no deceased; professional secrecy still holds ({ $articles }).
represent-heir-type = After the death an heir can only ask for access or a copy, not for { $request } ({ $articles }).
represent-heir-child-over-16 = The subject was { $age } at death; the own right of whoever had authority holds only for a child who died before 16. Another ground (such as a weighty interest) can apply ({ $articles }).
represent-unknown-combination = zorgkluis has no rule for a { $requester } with ground `{ $ground }`; the request is not accepted.
represent-note-law-age = The reglement names { $age } years ({ $article }); the { $law } sets 16 and governs.
represent-note-heir-law-over-reglement = The reglement ({ $article }) does not name this ground; the law gives it and governs.
represent-note-heir-reglement-only = The { $law } has no such ground; it rests on the reglement alone.
represent-note-handler = Handling: { $handler }.
represent-note-self-guardianship = Under guardianship or mentorship too, the subject files a request himself as long as he can reasonably weigh his interests in the matter; otherwise the curator or mentor acts.
represent-note-self-bewind = Financial administration leaves the subject to exercise the rights over his data himself.
represent-needed-judgement = the care provider's judgement that access by the parents or guardian is not contrary to the care of a good care provider
represent-needed-minor-rights = the minor keeps his own rights; his objection to access by the parents is weighed
represent-needed-minor-consent = written consent of the minor
represent-needed-incapable = the judgement that the subject cannot reasonably weigh his interests in the matter
represent-needed-authorisation = a written authorisation of the subject
represent-needed-authorisation-check = the authorisation is the subject's own, dated and for this request
represent-needed-authorisation-minor = the authorisation is the minor's; one of the parents alone gives no access behind the minor's back
represent-needed-authorisation-parents = the authorisation is of the parents with authority or the guardian, dated and for this request
represent-needed-recorded-consent = the deceased's consent for this requester, recorded in writing or electronically
represent-needed-weighty-interest = the requester makes plausible that a weighty interest may be harmed and that access is needed for it
represent-needed-incident = a notice of the care provider to this heir about an incident (art. 10 lid 3 Wkkgz)
represent-needed-good-care = the care provider's judgement that access is not contrary to the care of a good care provider
represent-needed-presumed = the care provider's judgement that the deceased would have agreed to this access
represent-needed-heir-scope = only data that concern the ground; nothing where the deceased (from 12 and competent) recorded not to want it, or where another's privacy is harmed

## data breaches and complaints (reglement breach, reglement complaint)
breach-notify-ap = Notify the Dutch Data Protection Authority (AP) of the breach by { $by }: { $hours } hours after its discovery on { $discovered }, weekends and summer time included. If later, give the reasons for the delay.
breach-tell-persons-high-risk = Tell the persons affected without undue delay if the breach is likely to result in a high risk to them.
breach-tell-persons-always = Tell the persons affected without undue delay: the reglement asks it of every breach, high risk or not.
breach-register = Record the breach in the register, with its facts, effects and the measures taken, also when it need not be notified.
breach-articles = Articles: { $articles }.
complaint-decide-by = The complaint, received on { $received }, must be decided by { $date }.
complaint-extended = The term is extended; the complainant was told in writing, with reasons, before the first term ended.
complaint-extension-possible = It may be extended once, by at most four weeks, where careful handling requires it; tell the complainant in writing by { $date }.
complaint-officer = Complaints officer: { $officer }.
complaint-dispute-body = Dispute body: { $body }.
reglement-complaint-term-beyond-law = The complaint term { $period } is longer than the Wkkgz's six weeks (art. 17(1)); the law governs.
reglement-complaint-extension-beyond-law = The extension { $period } is longer than the Wkkgz's four weeks (art. 17(2)); the law governs.
## the law layer
law-source-wet = law
law-source-richtsnoer = guidance of the Dutch Data Protection Authority, not law
law-source-productbeleid = zorgkluis product policy, not law
retention-law-minimum = The law prevails: { $article } ({ $source }) requires { $period } from { $from }, until { $date }; the reglement says { $own_period } from { $own_from } ({ $own_articles }), which is shorter.
retention-law-follows-dossier = These data follow the dossier ({ $own_articles }): { $article } ({ $source }) keeps the dossier { $period } from { $from }, until { $date }; the reglement's own term, { $own_period } from { $own_from }, is shorter.
retention-law-maximum = The maximum stays strict: { $article } ({ $source }) allows at most { $period } from { $from }, so gone by { $date }; the reglement ({ $own_period } from { $own_from }, { $own_articles }) would keep the data longer.
deadline-identity-law = The reglement says nothing of an identity check: where there is reasonable doubt about the identity, additional information may be asked for ({ $article }).
decision-before-law = the reglement sets no response period and on { $date } the GDPR did not apply yet (it does since 25 May 2018); the law layer knows no period for that day
reglement-retention-law-help = the answer follows the law: { $period } from { $from } ({ $articles }); a shorter term of the reglement does not hold
reglement-retention-start-law = `{ $category }` is kept { $period } from { $own_from }, but { $articles } counts from { $from }: the statutory term can end later
reglement-retention-above-ceiling = `{ $category }` is kept longer than { $period } from { $from } ({ $article }; { $source }); the answer keeps to the maximum
reglement-destruction-above-ceiling = the destruction window of { $window } lets `{ $category }` outlive { $period } ({ $article }; { $source }); the answer keeps to the maximum
law-topic-camerabeelden = the law layer: camera footage at most 4 weeks after recording, unless an incident was recorded (AP guidance on GDPR art. 5(1)(e))
law-topic-sollicitatie = the law layer: job applicants' data at most 4 weeks after the procedure, up to a year with consent (AP guidance on GDPR art. 5(1)(e))
law-topic-medisch-dossier = the law layer: the medical record 20 years after its last change (art. 7:454(3) Dutch Civil Code; the youth-care dossier art. 7.3.8 Jeugdwet)
law-topic-fiscaal = the law layer: the fiscal records 7 years (art. 52(4) AWR)
law-topic-datalek = the law layer: a breach is notified to the Dutch Data Protection Authority within 72 hours of becoming aware of it (GDPR art. 33(1))
law-topic-klacht = the law layer: the judgement on a complaint within 6 weeks, extendable once by at most 4 weeks (art. 17 Wkkgz)
law-topic-identiteit = the law layer: where there is reasonable doubt about the identity, ask for additional information (GDPR art. 12(6))
law-topic-reactietermijn = the law layer: respond within one month of receipt, extendable by two further months (GDPR art. 12(3))

## the AP's notification form, prepared (incident ap-form)
form-yes = yes
form-no = no
form-none = none
form-chapter-3 = Controller
form-chapter-4 = Timeline
form-chapter-5 = The breach
form-chapter-6 = Which personal data
form-chapter-7 = Persons affected
form-chapter-8 = Measures beforehand
form-chapter-9 = Consequences
form-chapter-10 = Follow-up
form-q-3-1-1a = Name of the organisation
form-q-3-1-1b = Controller
form-q-3-2-2 = Contact for the AP (the DPO)
form-q-4-1-1 = (Possible) start of the breach
form-q-4-1-2 = (Possible) end, or still ongoing
form-q-4-2 = Discovered on
form-q-4-3 = How discovered
form-q-4-5 = Reason for notifying after 72 hours
form-q-5-1 = Nature of the breach
form-q-5-3 = Description of the incident
form-q-6-1 = Categories of personal data
form-q-6-2 = Special categories of personal data
form-q-6-3-1 = Number of records (approximately)
form-q-7-3 = Number of persons affected (exact, or minimum and maximum)
form-q-8-1 = Encrypted, hashed or otherwise made unintelligible
form-q-9-2 = Consequences for the persons affected
form-q-9-3 = Severity of the consequences
form-q-10-1-1 = Persons affected informed on
form-q-10-2 = Measures to address the breach
## requests
request-error-in-future = { $date } is after today ({ $today })
request-error-before-receipt = { $date } is before the request was received ({ $received })
request-error-transition = a request that is { $from } cannot become { $to }
request-error-identity = the requester's identity must be established first ({ $articles })
request-error-ground = `{ $ground }` is no refusal ground the reglement or the law allows for { $request }; allowed: { $allowed }
request-error-grounds-required = a refusal, full or partial, names at least one refusal ground
request-error-grounds-with-grant = a request granted in full has no refusal ground
request-error-extension-ruled-out = the reglement rules out extending the period ({ $articles })
request-error-extension-too-late = the extension was told only on { $told }; it had to be within the first month, by { $by } ({ $articles }), so the period was not extended
request-error-already-extended = the period was extended already; that can be done once
request-error-nothing-to-execute = a refused request has nothing to carry out
request-error-empty = empty
request-note-not-in-writing = The reglement asks for a written request ({ $articles }). That is the organisation's procedure, no reason to refuse a request that arrived { $channel } ({ $law }); the period runs from its receipt.
request-ground-identiteit-niet-vastgesteld = the requester's identity could not be established
request-ground-kennelijk-ongegrond = the request is manifestly unfounded or excessive, in particular because of its repetitive character
request-ground-uavg-41 = an interest of article 41(1) UAVG (such as the protection of the data subject or of the rights and freedoms of others, or the prevention and detection of criminal offences)
request-ground-rechten-van-anderen = the rights and freedoms of others, such as their privacy, would be adversely affected
request-ground-gegevens-juist = the data are accurate, complete and relevant
request-ground-wettelijke-bewaarplicht = a legal obligation prevents the erasure
request-ground-volksgezondheid = keeping the data is necessary for reasons of public interest in the area of public health
request-ground-rechtsvordering = keeping the data is necessary for a legal claim
request-ground-aanmerkelijk-belang-ander = keeping the data is of substantial importance to someone other than the client
request-ground-geen-grond-beperking = none of the grounds for restricting the processing applies
request-ground-dwingende-gronden = there are compelling legitimate grounds for the processing which override the interests of the data subject
request-ground-geen-toestemming-of-overeenkomst = the processing is not based on consent or a contract, or is not carried out by automated means
## retention runs
decision-extension-not-allowed = the retention of `{ $category }` cannot be extended on the ground of { $ground }: neither the reglement nor the law allows it (a statutory maximum stays strict)
decision-extension-without-reason = an extension of `{ $category }` on the caregiver's judgement needs a reason
## erasure on request (reglement erase, issue 13 part 3)
erasure-granted = Erasure of `{ $category }` is granted: erased by { $date } ({ $articles }).
erasure-refused = Erasure of `{ $category }` is refused:
erasure-ground-fiscal = The fiscal retention obligation of { $period }, counted from the end of the fiscal year, runs until and including { $until }.
erasure-ground-statutory = A statutory obligation to keep the data stands in the way of erasure.
erasure-ground-statutory-dossier = A provision of or under a statute stands in the way of destroying the dossier.
erasure-ground-third-party = Keeping the data is reasonably likely to be of substantial interest to someone other than the client, such as hereditary information for blood relatives.
erasure-ground-legal-hold = The data is needed for the establishment, exercise or defence of legal claims: a complaint or proceedings are pending.
erasure-fiscal-ends = From { $date } the fiscal retention obligation no longer stands in the way of erasure.
erasure-note-dossier-retention = The dossier's retention period (art. 7:454(3) BW) applies without prejudice to art. 7:455 BW: it is no ground to refuse destruction at the client's request.
erasure-note-third-party-not-dossier = Another person's substantial interest is a ground to refuse only for the medical record (art. 7:455(2) BW); `{ $category }` is not part of it, so it does not count here.
erasure-note-reglement-longer = The reglement keeps `{ $category }` until and including { $until } ({ $articles }); after the statutory term that is no ground to refuse erasure (art. 17(3) AVG).
erasure-reglement-grounds = The reglement also names these refusal grounds, which need the handler's judgement and were not weighed here: { $grounds } ({ $articles }).

## carrying out inzage, afschrift and inzage in de logging (the export of a request)
export-no-automated-decisions = The reglement names no automated decision-making or profiling about you (art. 15(1)(h) and 22 GDPR).
# $period: "20 years"; $from: "the last change to the record"; $date: "10 January 2045"
export-retention-until = { $period } after { $from }: kept until at least { $date }
export-retention-open = { $period } after { $from }; that term has not started yet
export-retention-none = The reglement sets no retention period: no longer than the purpose needs (art. 5(1)(e) GDPR)
export-complain-authority = You can lodge a complaint with the Autoriteit Persoonsgegevens, the Dutch supervisory authority (art. 77 GDPR).
export-complain-court = You can also go to court (art. 79 GDPR).
export-fee-first = This is your first copy: it is free of charge.
# $fee: "a reasonable fee"
export-fee-further = You were given a copy before; for this further copy: { $fee }.
export-fee-further-silent = You were given a copy before; the reglement names no fee. The GDPR allows a reasonable fee for further copies.
export-role-system = The system (running the installation)
# $kind: "access"
export-error-execute-by-export = a request for { $kind } is carried out by executing its export (zorgkluis request execute, or Carry out on the export page), once released
export-error-type = this request for { $kind } is not carried out by zorgkluis (yet); zorgkluis carries out access, copy, access to the access log, portability and transfer
# $status: "received"
export-error-not-decided = the request is not decided yet (status: { $status }): only a granted or partly granted request is carried out
export-error-refused = the request was refused: there is nothing to carry out
export-error-withhold-logging = the overview of the access log has no dossier entries to withhold
export-error-withhold-needs-partial = withholding an entry is a partial refusal: decide the request as partly granted, on the ground that it concerns information about another person (art. 15(4) GDPR, art. 7:456 BW)
# $max: 2000
export-error-reason = give the reason for withholding (at most { $max } characters)
# $grounds: "rechten_van_anderen, 4.4/3"
export-error-ground = choose one of the decision's grounds: { $grounds }
export-error-not-released = the export has not been released: review what goes out and release it
export-error-changed-since-release = the record gained an entry after the release: review the export again and release it again

## portability and transfer to a successor (issue 13 parts 6 and 7)
export-error-transfer-recipient = a transfer goes to a successor care provider: name the recipient and the channel (zorgkluis request execute --recipient NAME --channel CHANNEL)
# $channel: "fax", $channels: "persoonlijk, aangetekend, beveiligde_email"
transfer-error-channel = unknown channel `{ $channel }`; choose one of: { $channels }
transfer-error-recipient = name the successor care provider (at most 200 characters)
transfer-error-recipient-unknown = the reglement has no recipient of the kind zorgaanbieder: register the successor as a recipient first and name it
# $kind: "access"
transfer-error-type = a request for { $kind } is no transfer: carry it out without a recipient and channel
transfer-refused-channel = the reglement (art. { $article }) does not allow this transfer ({ $channel }); allowed: { $channels }
transfer-refused-consent-in-writing = the reglement (art. { $article }) asks for the client's consent in writing, and this request came in { $channel }: record the request in writing
reglement-transfer-channels-empty = A transfer with no channel allowed can never take place; name at least one or leave `kanalen` out.
reglement-transfer-inform-without-erasure = `ontvanger_informeren` tells the successor of an erasure, but `na_overdracht` keeps the original; write `na_overdracht = "wissen"` or leave it out.

## carrying out an erasure request (issue 13 part 3)
request-error-execute-erasure = a request for erasure is carried out by executing it (zorgkluis request execute, or Carry out on the request page): that erases what may go and writes the certificate

# retention rules with a condition (issue 15 part 2)
reglement-retention-only-conditional = category `{ $category }` has only retention rules with `tenzij`: once a { $event } follows, no rule says how long it is kept; add a [[bewaartermijnen]] without `tenzij` that names it
reglement-follows-dossier-conditional = `volgt_dossier` contradicts `tenzij`: a rule that ends once a { $event } follows cannot last as long as the dossier; put `volgt_dossier` on a rule without `tenzij`
reglement-follows-dossier-no-dossier-law = `volgt_dossier`: no law governs a dossier of this reglement (its `dossierwetten` name neither the WGBO nor the Jeugdwet), so there is no dossier term to follow; write the term itself
reglement-follows-dossier-ceiling = `volgt_dossier` on `{ $category }`: it may be kept no longer than a maximum ({ $article }), which the dossier's twenty years would outlive; give it a rule of its own

# carrying out a restriction request (issue 13 part 4)
request-error-execute-restriction = a request for restriction is carried out by executing it with its ground of art. 18(1) GDPR (zorgkluis request execute ID --ground GROUND, or Restrict on the request page): that restricts the data

## The letter that tells a client of a disclosure without consent (issue 14 part 2)
notice-letter-subject = Subject: data from your file disclosed
notice-letter-text = On { $date } we disclosed data from your file ({ $categories }) to { $recipient }, for { $purpose }, without your consent. This is allowed under { $articles }.
notice-letter-why = We tell you because our privacy regulation asks us to ({ $articles }).
notice-letter-rights = You may know which data we disclosed and to whom (GDPR art. 15(1)(c)). If you have questions or disagree, contact us; you may also lodge a complaint with the Dutch Data Protection Authority (GDPR art. 77).
# objections (art. 21 AVG; issue 13 part 5, issue 14 part 3)
# $processing: "cameratoezicht", $bases: "legitimate interest (art. 6(1)(f) GDPR)"
objection-applies = The right to object applies to the processing `{ $processing }` (AVG art. 21 lid 1): it rests on { $bases }. The processing stops for this person unless the organisation records compelling legitimate grounds that override; while that is assessed, the processing is restricted (AVG art. 18 lid 1 sub d).
objection-not-applies = The right to object of AVG art. 21 lid 1 does not apply to the processing `{ $processing }`: it rests on { $bases }, not on art. 6 lid 1 sub e or f AVG. The objection is recorded; the organisation decides on it, and a rule of the reglement that lets an objection block (bezwaar_blokkeert) applies.
objection-not-applies-consent = Where consent is the basis, the person withdraws it (AVG art. 7 lid 3).

## Registers as spreadsheets (XLSX and CSV)
sheet-verwerkingen = Processing
sheet-incidenten = Incidents
sheet-verzoeken = Requests
sheet-klachten = Complaints
sheet-verstrekkingen = Disclosures
sheet-col-id = Reference
sheet-col-name = Name
sheet-col-article = Article
sheet-col-discovered = Discovered
sheet-col-started = Started
sheet-col-ended = Ended
sheet-col-discovered-by = Discovered by
sheet-col-how-discovered = How discovered
sheet-col-description = Description
sheet-col-nature = Nature
sheet-col-categories = Categories
sheet-col-persons-min = Persons (at least)
sheet-col-persons-max = Persons (at most)
sheet-col-records = Records
sheet-col-encrypted = Encrypted
sheet-col-consequences = Consequences
sheet-col-risk = Risk
sheet-col-measures = Measures
sheet-col-notify-ap = Notify the AP
sheet-col-decision-reason = Reason of the decision
sheet-col-ap-notified = Notified to the AP
sheet-col-ap-reference = AP reference
sheet-col-late-reason = Reason for the delay
sheet-col-persons-notified = Persons told
sheet-col-persons-notified-count = Number told
sheet-col-persons-notified-how = How told
sheet-col-notify-by = Notify by
sheet-col-state = State
sheet-col-received = Received
sheet-col-complainant = Complainant
sheet-col-client-id = Client (id)
sheet-col-client = Client
sheet-col-about = About
sheet-col-officer = Complaints officer
sheet-col-extension-told = Extension told
sheet-col-extension-reason = Reason for the extension
sheet-col-decided-on = Decided on
sheet-col-outcome = Outcome
sheet-col-decision-text = Explanation
sheet-col-referred = Disputes committee
sheet-col-to-ap = Complaint to the AP
sheet-col-decide-by = Decide by
sheet-col-request-type = Kind of request
sheet-col-channel = Channel
sheet-col-due = Due
sheet-verwerkers = Processors
sheet-middelen = Privacy assets
sheet-col-processor = Processor
sheet-col-kvk = KvK number
sheet-col-processings = Processings
sheet-col-subprocessors = Sub-processors
sheet-col-countries = Countries
sheet-col-signed-on = Signed on
sheet-col-reviewed-on = Reviewed on
sheet-col-next-review = Next review
sheet-col-ended-on = Ended on
sheet-col-security = Security measures
sheet-col-kind = Kind
sheet-col-country = Country
sheet-col-location = Location
sheet-col-agreement = Processor agreement
sheet-col-owner-role = Owner (role)
sheet-col-overdue = Late

## Annual privacy report
annual-title = Annual privacy report { $year } — { $organisation }
annual-made-on = Made on { $date }. Each figure counts the events listed with it; a year still running counts up to this day.
annual-days-late = { $days ->
    [one] 1 day late
   *[other] { $days } days late
}
annual-hours-late = { $hours } hours after the 72
annual-requests = Data subject requests
annual-requests-total = Requests received
annual-on-time = Answered within the term
annual-late = After the term (or still open past it)
annual-still-open = Still open, within the term
annual-withdrawn = Withdrawn
annual-extended = Term extended
annual-refused = Refused in whole or in part
annual-refused-on = Refused on ground { $ground }
annual-incidents = Incidents and data breaches
annual-incidents-total = Incidents discovered
annual-ap-notified = Notified to the Dutch DPA
annual-within-72h = Notified within 72 hours
annual-after-72h = Notified after 72 hours
annual-not-notified = Decided not to notify
annual-persons-told = Persons affected told
annual-complaints = Complaints
annual-complaints-total = Complaints received
annual-decided-in-term = Decided within the term
annual-complaints-to-ap = Also to the Dutch DPA
annual-oversight = Oversight of the log
annual-emergency = Emergency accesses
annual-emergency-reviewed = Emergency accesses reviewed
annual-flags = Log review flags
annual-flags-closed = Flags closed
annual-disclosures = Disclosures
annual-disclosures-total = Disclosures to third parties
annual-consents-retention = Consent, retention and the reglement
annual-consents-given = Consents given
annual-consents-withdrawn = Consents withdrawn
annual-retention-runs = Destruction runs
annual-destroyed = Destroyed (files and data)
annual-versions = Reglement versions that took effect
annual-events = Events
## log review (NEN 7513)
reglement-emergency-review-zero = A review term of zero cannot be met: give beoordelen_binnen a term, for example "7 dagen".
log-review-kind-emergency = Emergency access not reviewed in time
log-review-kind-volume = Unusually many files
log-review-kind-outside-care = Outside the care relationship
log-review-kind-colleague = A colleague's file
log-review-reason-emergency = Emergency access on { $date } was not reviewed within { $term } (by { $due }).
log-review-reason-emergency-late = Emergency access on { $date } was not reviewed within { $term } (by { $due }), only on { $reviewed }.
log-review-reason-volume = { $count } distinct files read on { $date }, against a usual { $own } a day for this user and { $role } for the role in the 30 days before; flagged above { $factor } times the usual and from { $minimum }.
log-review-reason-volume-own = { $count } distinct files read on { $date }, against a usual { $own } a day for this user in the 30 days before; flagged above { $factor } times the usual and from { $minimum }.
log-review-reason-volume-role = { $count } distinct files read on { $date }, against a usual { $role } a day for the role in the 30 days before (the user read none then); flagged above { $factor } times the usual and from { $minimum }.
log-review-reason-volume-bare = { $count } distinct files read on { $date }.
log-review-reason-outside-care = Data '{ $category }' read on { $date } without a care relationship with the client, allowed by a rule that asks for none (article { $article }).
log-review-reason-colleague = A colleague's file accessed on { $date } ({ $categories }).
annual-col-figure = Figure
annual-col-count = Number
annual-chart = Breakdown: { $section }
annual-events-summary = The events behind these figures (for the audit)
annual-no-events = none
annual-pdf-events = The events behind each figure (the numbers of requests, incidents, complaints and log entries) are listed in the HTML and JSON versions of this report.
annual-page = Page { $page } of { $pages }
reglement-processor-review-zero = A review interval of zero never reviews; write for instance "1 jaar".
reglement-processor-country-without-processor = `verwerker_land` on processing "{ $id }" without a `verwerker`: the country is where the processor processes.
reglement-processor-country-code = `verwerker_land` "{ $country }" is not an ISO 3166-1 alpha-2 country code (two capitals, such as NL).
reglement-processor-outside-eea = The processor of "{ $id }" processes in { $country }, outside the EEA, while `[verwerkers] alleen_eer` demands processing inside the EEA ({ $article }).
reglement-announcement-article-without-period = `aankondigingsartikel` without `aankondigingstermijn`: give the period the article sets, such as "4 weken".
version-effective-before-announced = The effective date ({ $effective }) lies before the announcement ({ $announced }): a change nobody was told of binds nobody.
version-effective-in-announcement-period = The effective date ({ $effective }) falls within the announcement period of { $period } after the announcement on { $announced } ({ $article }); { $earliest } at the earliest.
diff-heading = Changes from version { $old } to version { $new }
diff-none = No changes to the rules and no different answers.
diff-article = Article { $article }
diff-no-article = Without an article
diff-answers = Answers that change
diff-answer = - { $question }: was { $old }; becomes { $new }
diff-added = + { $topic } { $rule } added: { $new }
diff-removed = - { $topic } { $rule } removed (was: { $old })
diff-changed = ~ { $topic } { $rule } changed: was { $old }; becomes { $new }
diff-moved = ~ { $topic } { $rule } unchanged, now under this article (was { $old })
diff-topic-role = role
diff-topic-processing = processing
diff-topic-grant = use by role
diff-topic-duty = duty
diff-topic-retention = retention term
diff-topic-request = request
diff-topic-disclosure = disclosure
diff-topic-procedure = rule
diff-yes = yes
diff-no = no
diff-all-categories = all categories
diff-says-processing = { $name }; purpose: { $purpose }; legal basis: { $bases }; categories: { $categories }; recipients: { $recipients }
diff-says-grant = actions: { $actions }; categories: { $categories }; only in a care relationship: { $care }; supervised: { $supervised }
diff-says-duty = { $duty }; only in a care relationship: { $care }
diff-says-retention = { $period } from { $from }; destroy within: { $within }
diff-follows-dossier = follows the dossier (its statutory term of the day)
diff-says-request = respond: { $respond }; carry out: { $execute }; erase: { $erase }; extension: { $extension }; refusal grounds: { $grounds }
diff-says-disclosure = { $consent }; an objection blocks: { $objection }; tell the subject: { $notify }; conditions: { $conditions }; on a conflict of duties: { $conflict }
diff-rule-announcement = announcement period
diff-rule-destruction = destruction
diff-rule-emergency = emergency access
diff-rule-heirs = heirs
diff-rule-representation = representation
diff-rule-complaints = complaints
diff-rule-breaches = data breaches
diff-rule-processors = processors
diff-says-destruction = within { $within }; suspended by: { $suspended }
diff-says-emergency = allowed: { $allowed }; roles: { $roles }; duration: { $duration }
diff-says-heirs = access: { $access }; grounds: { $grounds }; judged by: { $judge }
diff-says-representation = age: { $age }; guardianship: { $guardianship }
diff-says-complaints = term: { $term }; extension: { $extension }; channels: { $channels }
diff-says-breaches = always tell the persons affected: { $always }
diff-says-processors = only inside the EEA: { $eea }; review: { $review }
diff-question-deadline = deadlines of a request for { $request }
diff-question-retention = retention of { $category }
diff-question-disclose = disclosure of { $category } to { $recipient } without consent
diff-answer-respond = respond within { $period } ({ $articles })
diff-answer-execute = carry out within { $period } ({ $articles })
diff-answer-retention = { $period } from { $from } ({ $articles })
diff-answer-none = no rule
diff-answer-disclose-free = allowed without consent
diff-answer-disclose-consent = only with { $form } ({ $articles })
diff-answer-disclose-never = not allowed
deadline-execute-from-receipt = The request of { $received } must be carried out by { $date } ({ $period } after receipt; { $articles }).
reglement-execute-from-receipt-zero = Carrying out a request within zero days of its receipt cannot be met: give uitvoeren_na_ontvangst a term, for example "1 maand".
diff-after-receipt = { $period } after receipt
disclosure-rule-not-in-force = The temporary rule of { $article } (from { $from } up to and including { $until }) does not hold on { $on }.
disclosure-rule-dated = The temporary rule of { $article } holds only from { $from } up to and including { $until }: ask with the day of the disclosure.
reglement-validity-reversed = geldig_tot ({ $until }) lies before geldig_vanaf ({ $from }): the rule would never hold.
reglement-conflict-of-duties-without-consent = conflict_van_plichten lets a conflict of duties stand in for missing consent; this rule asks no consent (toestemming = "geen"), so the key has nothing to do.
reglement-invalid-purpose = "{ $id }" is not a valid purpose id: lowercase letters, digits and _, starting with a letter (for example "melding_infectieziekte").
disclosure-banned = { $category } may not be disclosed to { $recipient }, not even with consent ({ $articles }).
reglement-ban-without-scope = A disclosure ban without recipients, categories or purposes would forbid every disclosure: name at least one of them.
reglement-disclosure-rule-banned = The disclosure to "{ $recipient }" of { $article } can never take place: the ban of { $ban } covers it entirely.
decision-unknown-processing = unknown processing "{ $id }"
decision-unknown-processing-suggestion = unknown processing "{ $id }"; did you mean "{ $suggestion }"?
reglement-unknown-processing = unknown processing "{ $id }": a retention rule names only processings of this reglement
reglement-retention-category-outside-processing = the category "{ $category }" is not one of the processing "{ $processing }": the retention rule would keep nothing there
reglement-processor-purpose-without-processor = processing "{ $id }" names verwerker_doel without verwerker
processor-use-allowed = The processor of { $processing } may do this for { $purpose } ({ $articles }).
processor-use-other-purpose = The processor of { $processing } may process only for { $only }, not for { $purpose } ({ $articles }).
processor-use-unlimited = The reglement does not limit the processor of { $processing } to one purpose: it processes only on the written instructions for this processing ({ $articles }).
processor-use-none = No processor works for { $processing } ({ $articles }).
represent-needed-heir-judge = the judgement of { $role } on the request and its ground
complaint-channels = A complaint can be filed: { $channels }.
reglement-complaint-no-channels = kanalen is empty: name where a complaint can be filed, or leave the key out.
reglement-information-beyond-month = { $period } can be longer than the month of art. 14(3)(a) GDPR: the subject is told within a month at the latest, and the answer follows the law.
information-duty-at-collection = Data from the subject himself: he is informed when they are obtained, { $date } ({ $articles }).
information-duty-from-others = Data of { $obtained } from someone other than the subject: he is informed by { $date }, unless an exception applies ({ $articles }).
information-duty-how = How: { $how }.
decision-no-shared-dossier = this reglement has no shared dossier ([gedeeld_dossier])
decision-unknown-part = unknown part "{ $id }" of the shared dossier
decision-unknown-part-suggestion = unknown part "{ $id }" of the shared dossier; did you mean "{ $suggestion }"?
reglement-shared-dossier-no-parts = [gedeeld_dossier] without parts: name the joint parts, the parts of one subject and the work notes
reglement-duplicate-part = the part "{ $id }" appears twice in [gedeeld_dossier]
reglement-work-notes-in-dossier = the work notes "{ $part }" hold "{ $category }", a category of the medical dossier; work notes are not part of the dossier (art. 7:454 BW): give them a category of their own
shared-needed-other-interest = the other subject's interest in keeping it is weighed (or he agrees)
shared-needed-own-consent = the requester's consent
shared-needed-other-consent = the other subject's consent
shared-needed-owner-consent = the consent of the subject whose part it is
shared-needed-work-notes-avg = the judgement whether the notes hold personal data of the requester that art. 15 GDPR gives him a right to
shared-allowed = { $action } of "{ $part }" ({ $kind }) is allowed ({ $articles }).
shared-refused = { $action } of "{ $part }" ({ $kind }) is not allowed on these facts ({ $articles }).
shared-work-notes = { $action } of "{ $part }": { $kind }; the WGBO gives no right to them and they are never disclosed ({ $articles }).
diff-topic-ban = disclosure ban
diff-topic-shared-part = part of the shared dossier
diff-says-ban = banned, whatever the consent
diff-says-shared-part = { $kind }; categories: { $categories }
diff-rule-information = information duty
diff-says-information = data from others told within: { $within } (at most a month)
diff-all-recipients = all recipients
diff-all-purposes = all purposes
register-processor-purpose = { $processor } (only for the purpose "{ $purpose }")
reglement-ban-empty-list = an empty list of recipients or categories bans nothing: leave the key out for "all", or name them
reglement-validity-before-effective = this rule holds up to and including { $until }, before this version takes effect ({ $effective }): it never applies
