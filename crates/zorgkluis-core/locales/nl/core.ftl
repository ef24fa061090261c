# De teksten van de kern: uitleg bij beslissingen, meldingen bij het controleren van een reglement,
# het verwerkingsregister.

month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

## Termijnen ("4 weken"): zo staan ze ook in een reglement.
period-days = { $count ->
    [one] { $count } dag
   *[other] { $count } dagen
}
period-working-days = { $count ->
    [one] { $count } werkdag
   *[other] { $count } werkdagen
}
period-weeks = { $count ->
    [one] { $count } week
   *[other] { $count } weken
}
period-months = { $count ->
    [one] { $count } maand
   *[other] { $count } maanden
}
period-years = { $count } jaar

## Meldingen bij het controleren van een reglement
# Weergave als "bestand:regel:kolom: fout[code]: melding", met "= hint: ..." eronder.
reglement-severity-error = fout
reglement-severity-warning = waarschuwing
reglement-help = hint
# $kind: category, role, subject of recipient
reglement-unknown-id = onbekende { $kind ->
    [category] gegevenscategorie
    [role] rol
    [subject] categorie betrokkenen
   *[recipient] ontvanger
} `{ $id }`
reglement-did-you-mean = bedoelt u `{ $suggestion }`?
reglement-known-ids = bekend zijn: { $known }
reglement-format-version = formaat { $found } wordt niet ondersteund; verwacht formaat = { $expected }
reglement-invalid-id = id `{ $id }` mag alleen kleine letters, cijfers en _ bevatten en begint met een letter
# $kind: category, role, subject of recipient
reglement-duplicate-id = { $kind ->
    [category] gegevenscategorie
    [role] rol
    [subject] categorie betrokkenen
   *[recipient] ontvanger
} `{ $id }` bestaat al in de ingebouwde taxonomie
reglement-effective-before-adoption = in_werking ({ $effective }) ligt voor de vaststelling ({ $adopted })
reglement-announcement-period = in_werking ({ $effective }) valt binnen de aankondigingstermijn van { $period } na bekendmaking op { $announced }; op zijn vroegst { $earliest }
reglement-invalid-processing-id = id `{ $id }` mag alleen kleine letters, cijfers en _ bevatten
reglement-duplicate-processing = verwerking `{ $id }` komt twee keer voor
# $bases: de toegestane grondslagen, gescheiden door " | "
reglement-missing-legal-basis = verwerking `{ $id }` heeft geen grondslag (art. 6 lid 1 AVG); verwacht grondslag = ["{ $bases }", ...]
reglement-processing-no-categories = verwerking `{ $id }` noemt geen gegevenscategorieën (art. 30 lid 1 sub c AVG)
reglement-no-actions = gebruiker `{ $role }` heeft geen acties
reglement-special-grant-without-effect = `bijzondere_gegevens` voor rol `{ $role }` in verwerking `{ $processing }` verandert niets: alleen administratie en planner worden van bijzondere gegevens weggehouden, en alleen een regel met een bijzondere categorie kan ze die geven
reglement-user-category-outside-processing = categorie `{ $category }` staat niet in verwerking `{ $processing }`; een gebruiker krijgt alleen categorieën van de verwerking
reglement-no-duties = rol `{ $role }` krijgt in [[beheer]] geen taken; bekend zijn: { $known }
reglement-duty-not-scoped = zorgrelatie = true beperkt alleen list_persons en search_persons tot de eigen cliënten, niet `{ $duty }`
reglement-special-without-exception = verwerking `{ $processing }`, categorie `{ $category }`: bijzonder persoonsgegeven zonder uitzondering van art. 9 lid 2 AVG; vul uitzondering_art9 in
reglement-criminal-without-exception = verwerking `{ $processing }`, categorie `{ $category }`: strafrechtelijk gegeven zonder grondslag van art. 10 AVG; vul uitzondering_art9 = ["strafrechtelijk"] in
reglement-retention-no-categories = bewaarregel zonder categorieën
reglement-no-retention = categorie `{ $category }` heeft geen bewaartermijn; voeg een [[bewaartermijnen]] toe die haar noemt (art. 5 lid 1 sub e AVG)
reglement-retention-below-wgbo = `{ $category }` hoort bij het medisch dossier en wordt korter bewaard dan de 20 jaar van de WGBO (art. 7:454 lid 3 BW)
reglement-retention-below-fiscal = `{ $category }` valt onder de fiscale bewaarplicht van 7 jaar (art. 52 lid 4 AWR) en wordt korter bewaard
reglement-no-request-types = verzoekregel zonder types
reglement-empty-request-rule = verzoekregel zonder inhoud; geef een termijn (reageren, uitvoeren, uitvoeren_na_ontvangst, verwijderen) of een procedure (identiteitscontrole, vergoeding, weigeringsgronden, ...)
reglement-respond-beyond-one-month = de reactietermijn van { $period } kan langer zijn dan de maand van art. 12 lid 3 AVG
reglement-fee-for-first-copy = een eerste inzage of afschrift is kosteloos; alleen voor extra kopieën of buitensporige verzoeken mag een redelijke vergoeding gevraagd worden (art. 12 lid 5 en art. 15 lid 3 AVG)
reglement-no-recipients = verstrekkingsregel zonder ontvangers
reglement-recipient-not-registered = ontvanger `{ $recipient }` staat bij geen enkele verwerking onder ontvangers; het verwerkingsregister (art. 30 lid 1 sub d AVG) is dan onvolledig
reglement-conflicting-consent = de artikelen { $articles } vragen verschillende toestemming voor verstrekking aan `{ $recipient }`; de strengste regel geldt
reglement-default-disclosure-without-consent = verstrekking aan elke ontvanger zonder toestemming heeft geen grondslag in art. 6 AVG

## Beslissingen over toegang: de reden, dan de artikelen die de beslissing dragen.
decision-allowed = Toegestaan volgens het reglement
decision-emergency-allowed = Noodtoegang toegestaan; de functionaris gegevensbescherming beoordeelt deze toegang
decision-denied-no-rule = Geweigerd: het reglement geeft deze rol dit recht op deze gegevens niet
decision-denied-not-supervised = Geweigerd: alleen onder begeleiding van een stagebegeleider
decision-denied-emergency-without-reason = Geweigerd: noodtoegang vraagt een reden
decision-denied-emergency-not-permitted = Geweigerd: het reglement staat noodtoegang voor deze rol niet toe
decision-denied-forbidden = Geweigerd: het reglement verbiedt deze toegang
decision-denied-heirs = Geweigerd: nabestaanden hebben geen inzage in dit dossier
decision-denied-no-care-relationship = Geweigerd: alleen voor cliënten in uw zorgteam
# $reason: een van de zinnen hierboven; $articles: "art. 2.2" of "art. 4.7, 4.8; AVG art. 12 lid 3"
decision-explained = { $reason } ({ $articles }).
decision-explained-uncited = { $reason }.

## Vragen die niet te beantwoorden zijn
# $kind: category, role, subject of recipient
decision-unknown-id = onbekende { $kind ->
    [category] gegevenscategorie
    [role] rol
    [subject] categorie betrokkenen
   *[recipient] ontvanger
} `{ $id }`
decision-unknown-id-suggestion = onbekende { $kind ->
    [category] gegevenscategorie
    [role] rol
    [subject] categorie betrokkenen
   *[recipient] ontvanger
} `{ $id }`; bedoelt u `{ $suggestion }`?
decision-no-retention-rule = het reglement heeft geen bewaartermijn voor categorie `{ $category }`
# $fact: de optie die ontbreekt (--created); $from: "het moment van vastlegging", ...
decision-missing-fact = { $fact } is nodig: { $article } telt de bewaartermijn vanaf { $from }
decision-out-of-range = de datum valt buiten het ondersteunde bereik (jaar 1 tot 9999)

## Termijnen van verzoeken van betrokkenen
# $request: "inzage", "overdracht van het dossier", ...
deadline-respond = Een verzoek tot { $request }, ontvangen op { $received }, moet uiterlijk { $date } beantwoord zijn ({ $period } na ontvangst; { $articles }).
# $deadlines: "2026-05-22 (4 weken, art. 4.7); 2026-05-24 (1 maand, AVG art. 12 lid 3)"
deadline-several = Meerdere termijnen gelden: { $deadlines }; de strengste geldt.
deadline-extension = Verlenging is mogelijk tot uiterlijk { $date } ({ $articles }); de verzoeker hoort dat binnen de eerste termijn, met redenen.
deadline-execute = De beslissing van { $decided } moet uiterlijk { $date } uitgevoerd zijn ({ $period }; { $articles }).
deadline-erase = De gegevens moeten uiterlijk { $date } verwijderd zijn ({ $articles }).
deadline-identity-check = De identiteit van de verzoeker wordt eerst vastgesteld.
deadline-handler = Behandeld door: { $handler }.
deadline-refusal-grounds = Weigeringsgronden: { $grounds }.
deadline-fee = Kosten: { $fee }.

## Verstrekking aan derden
disclosure-allowed = Verstrekking van `{ $category }` aan `{ $recipient }` is toegestaan ({ $articles }).
disclosure-not-allowed = Verstrekking van `{ $category }` aan `{ $recipient }` is niet toegestaan ({ $articles }).
# $consent: "schriftelijke toestemming", ...
disclosure-needs-consent = Daarvoor is { $consent } van de betrokkene nodig.
disclosure-no-consent-needed = Toestemming is niet nodig.
disclosure-on-conflict-of-duties = Zij gaat zonder die toestemming, op het conflict van plichten dat de hulpverlener heeft afgewogen en verantwoord.
disclosure-conflict-of-duties-possible = Zonder toestemming kan zij alleen bij een conflict van plichten, dat de hulpverlener afweegt en verantwoordt.
disclosure-objection-blocks = Bezwaar van de betrokkene houdt haar tegen.
disclosure-notify-subject = De betrokkene wordt hiervan op de hoogte gebracht.
disclosure-by-default = Het reglement noemt deze ontvanger niet voor deze categorie; de standaardregel geldt.
disclosure-conditions = Voorwaarden: { $conditions }.

## Bewaartermijnen
# $from: "de laatste wijziging in het dossier", ...
retention-kept-until = Gegevens van categorie `{ $category }` worden bewaard tot en met { $until }: { $period } vanaf { $from } ({ $articles }).
retention-not-started = De bewaartermijn van categorie `{ $category }` ({ $period } vanaf { $from }) is nog niet begonnen: de zorg loopt nog ({ $articles }).
retention-destroy-by = Vernietiging uiterlijk { $date }.
retention-suspended = Vernietiging is opgeschort zolang de klacht of procedure loopt.
retention-extendable = Met toestemming van de cliënt kan de termijn worden verlengd.

## Het verwerkingsregister (art. 30 AVG)
register-title = Verwerkingsregister — { $organisation }
register-controller = Verwerkingsverantwoordelijke
register-address = Adres
register-dpo = Functionaris gegevensbescherming
register-version = Reglement: { $version } (in werking sinds { $effective })
register-field = Onderdeel
register-content = Inhoud
register-purpose = Doel
register-legal-basis = Grondslag
register-special-exception = Uitzondering bijzondere gegevens
register-subjects = Betrokkenen
register-personal-data = Persoonsgegevens
register-sources = Herkomst
register-workings = Werking
register-processor = Verwerker
register-recipients = Ontvangers
register-transfers = Doorgifte buiten de EER
register-retention = Bewaartermijnen
register-security = Beveiliging
register-users = Gebruikers
register-none = geen
register-no-transfers = geen doorgifte buiten de EER
register-silences = Waar het reglement zwijgt
# Een bewaartermijn in het register: "gezondheid: 20 jaar vanaf de laatste wijziging in het dossier (art. 3.4)"
register-retention-rule = { $category }: { $period } vanaf { $from } ({ $articles })
register-retention-rule-window = { $category }: { $period } vanaf { $from }, vernietigen binnen { $window } ({ $articles })
# Achter de acties van een gebruiker, na een komma.
register-within-care = alleen binnen de zorgrelatie
register-supervised = onder begeleiding
reglement-reserved-role = rol `{ $id }` is van het product zelf (de opdrachtregel, nabestaanden) en kan niet in een reglement worden gedeclareerd

# reglement represent
# Wie een verzoek mag indienen (zorgkluis reglement represent). Leeftijden in hele jaren.
decision-facts-out-of-order = { $earlier } ({ $earlier_date }) ligt na { $later } ({ $later_date }); dat kan niet
reglement-representation-age = `leeftijd` { $age } is geen leeftijdsgrens voor een minderjarige; kies 12 tot en met 18
reglement-representation-age-law = `leeftijd` { $age } wijkt af van de 16 jaar van de { $law }; die wet gaat voor (art. 7:468 BW), het reglement kan de leeftijd niet verhogen of verlagen
reglement-empty-care-laws = `dossierwetten` is leeg; laat de sleutel weg, of noem "wgbo" en/of "jeugdwet"
represent-also-needed = Ook nodig: { $needed }.
represent-self-adult = De betrokkene ({ $age } jaar) dient een verzoek tot { $request } zelf in ({ $articles }).
represent-self-minor = Een minderjarige van { $age } jaar dient een verzoek tot { $request } zelf in; ook de ouders met gezag of de voogd mogen dat ({ $articles }).
represent-self-from-16 = Vanaf 16 jaar oefent de minderjarige zijn rechten alleen uit: met { $age } jaar dient hij een verzoek tot { $request } zelf in ({ $articles }).
represent-self-under-12 = Een kind van { $age } jaar kan geen verzoek tot { $request } alleen indienen: onder 12 jaar treden de ouders met gezag of de voogd op ({ $articles }).
represent-self-incapable = Wie niet in staat is tot een redelijke waardering van zijn belangen ter zake, dient het verzoek niet zelf in: zijn vertegenwoordiger treedt op ({ $articles }).
represent-self-deceased = De betrokkene is op { $died } overleden en kan geen verzoek meer indienen; na het overlijden bepaalt de regeling voor nabestaanden wie inzage krijgt ({ $articles }).
represent-parent-under-12 = Voor een kind van { $age } jaar dient de { $requester } het verzoek tot { $request } in ({ $articles }).
represent-parent-minor = Bij een minderjarige van { $age } jaar mag de { $requester } een verzoek tot { $request } indienen, naast de minderjarige zelf ({ $articles }).
represent-parent-from-16 = Vanaf 16 jaar oefent de minderjarige ({ $age } jaar) zijn rechten alleen uit: de minderjarige dient het verzoek zelf in, of de { $requester } alleen met zijn schriftelijke toestemming ({ $articles }).
represent-parent-consented = Met de schriftelijke toestemming van de minderjarige ({ $age } jaar) mag de { $requester } het verzoek tot { $request } indienen ({ $articles }).
represent-parent-incapable = De minderjarige ({ $age } jaar) is niet in staat tot een redelijke waardering van zijn belangen ter zake; de { $requester } treedt voor hem op ({ $articles }).
represent-parent-adult = De betrokkene is { $age } jaar en meerderjarig: gezag en voogdij zijn geëindigd; een { $requester } treedt alleen op als curator, mentor of schriftelijk gemachtigde ({ $articles }).
represent-guardian = De { $requester } treedt op voor een meerderjarige onder { $status } en mag het verzoek tot { $request } indienen ({ $articles }).
represent-guardian-minor = De betrokkene is { $age } jaar en minderjarig: voor hem treden de ouders met gezag of de voogd op, geen { $requester } ({ $articles }).
represent-guardian-no-status = Een { $requester } treedt alleen op voor een meerderjarige onder { $status }, en die rechtstoestand is niet opgegeven ({ $articles }).
represent-guardian-mismatch = Een { $requester } treedt alleen op bij { $status }; opgegeven is: { $ground } ({ $articles }).
represent-guardian-bewind = Beschermingsbewind gaat alleen over het vermogen: het geeft de bewindvoerder geen recht op het (medisch) dossier en geen recht om namens de betrokkene een verzoek tot { $request } in te dienen. Dat kan de betrokkene zelf, of een curator, mentor of schriftelijk gemachtigde ({ $articles }).
represent-proxy = De schriftelijk gemachtigde mag met de machtiging het verzoek tot { $request } namens de betrokkene indienen ({ $articles }).
represent-proxy-missing = Zonder schriftelijke machtiging van de betrokkene mag een ander geen verzoek tot { $request } indienen: het beroepsgeheim en de AVG laten de gegevens alleen aan de betrokkene of zijn vertegenwoordiger verstrekken ({ $articles }).
represent-ended-by-death = De betrokkene is op { $died } overleden; daarmee is het optreden van de { $requester } geëindigd. Na het overlijden geldt de regeling voor nabestaanden ({ $articles }).
represent-heir-alive = De betrokkene leeft; een nabestaande heeft pas na het overlijden een eigen recht op inzage ({ $articles }).
represent-heir = Na het overlijden op { $died } mag de { $requester } op grond van { $ground } inzage of afschrift vragen ({ $articles }).
represent-heir-refused = Na het overlijden op { $died } geeft { $ground } de { $requester } geen recht op inzage of afschrift ({ $articles }).
represent-heir-no-ground = Na het overlijden op { $died } heeft een nabestaande een grond nodig; hier gelden: { $grounds } ({ $articles }).
represent-heir-no-rule = Na het overlijden op { $died } heeft een nabestaande geen recht op inzage: het reglement regelt het niet en de AVG beschermt geen overledenen; het beroepsgeheim blijft gelden ({ $articles }).
represent-heir-type = Na het overlijden kan een nabestaande alleen inzage of afschrift vragen, geen { $request } ({ $articles }).
represent-heir-child-over-16 = De betrokkene was bij het overlijden { $age } jaar; het eigen recht van wie het gezag had, geldt alleen voor een kind dat voor zijn zestiende overleed. Een andere grond (zoals een zwaarwegend belang) kan wel ({ $articles }).
represent-unknown-combination = Voor een { $requester } met grond `{ $ground }` kent zorgkluis geen regel; het verzoek wordt niet aangenomen.
represent-note-law-age = Het reglement noemt { $age } jaar ({ $article }); de { $law } stelt 16 jaar en gaat voor.
represent-note-heir-law-over-reglement = Het reglement ({ $article }) noemt deze grond niet; de wet geeft hem wel en gaat voor.
represent-note-heir-reglement-only = De { $law } kent deze grond niet; hij steunt alleen op het reglement.
represent-note-handler = Behandeling: { $handler }.
represent-note-self-guardianship = Ook onder curatele of mentorschap dient de betrokkene zelf een verzoek in zolang hij zijn belangen ter zake redelijk kan waarderen; anders treedt de curator of mentor op.
represent-note-self-bewind = Beschermingsbewind laat de betrokkene de rechten over zijn gegevens zelf uitoefenen.
represent-needed-judgement = het oordeel van de hulpverlener dat inzage door de ouders of de voogd niet in strijd is met de zorg van een goed hulpverlener
represent-needed-minor-rights = de minderjarige houdt zijn eigen rechten; zijn bezwaar tegen inzage door de ouders weegt mee
represent-needed-minor-consent = schriftelijke toestemming van de minderjarige
represent-needed-incapable = het oordeel dat de betrokkene niet in staat is tot een redelijke waardering van zijn belangen ter zake
represent-needed-authorisation = een schriftelijke machtiging van de betrokkene
represent-needed-authorisation-check = de machtiging is van de betrokkene zelf, gedateerd en voor dit verzoek
represent-needed-authorisation-minor = de machtiging is van de minderjarige; een machtiging van alleen de ouders geeft geen inzage buiten de minderjarige om
represent-needed-authorisation-parents = de machtiging is van de ouders met gezag of de voogd, gedateerd en voor dit verzoek
represent-needed-recorded-consent = de schriftelijk of elektronisch vastgelegde toestemming van de overledene voor deze verzoeker
represent-needed-weighty-interest = de verzoeker maakt aannemelijk dat een zwaarwegend belang mogelijk wordt geschaad en dat inzage daarvoor nodig is
represent-needed-incident = een mededeling van de zorgaanbieder aan deze nabestaande over een incident (art. 10 lid 3 Wkkgz)
represent-needed-good-care = het oordeel van de hulpverlener dat inzage niet in strijd is met de zorg van een goed hulpverlener
represent-needed-presumed = het oordeel van de hulpverlener dat de overledene met deze inzage zou hebben ingestemd
represent-needed-heir-scope = alleen gegevens die met de grond te maken hebben; niets als de overledene (vanaf 12 jaar en wilsbekwaam) heeft vastgelegd dat niet te willen, of als de privacy van een ander wordt geschaad

## data breaches and complaints (reglement breach, reglement complaint)
breach-notify-ap = Meld het datalek uiterlijk { $by } bij de Autoriteit Persoonsgegevens: { $hours } uur na de ontdekking op { $discovered }, ook in het weekend en over de zomertijd heen. Is het later, meld dan met de reden van de vertraging.
breach-tell-persons-high-risk = Informeer de betrokkenen onverwijld als het datalek waarschijnlijk een hoog risico voor hen oplevert.
breach-tell-persons-always = Informeer de betrokkenen onverwijld: het reglement vraagt dat bij elk datalek, ook zonder hoog risico.
breach-register = Leg het datalek vast in het register, met de feiten, de gevolgen en de maatregelen, ook als het niet gemeld hoeft te worden.
breach-articles = Artikelen: { $articles }.
complaint-decide-by = De klacht, ontvangen op { $received }, moet uiterlijk { $date } beslist zijn.
complaint-extended = De termijn is verlengd; de klager hoorde dat schriftelijk en met redenen voor het einde van de eerste termijn.
complaint-extension-possible = Verlengen kan eenmaal, met ten hoogste vier weken, als de zorgvuldige behandeling dat vraagt; laat het de klager uiterlijk { $date } schriftelijk weten.
complaint-officer = Klachtenfunctionaris: { $officer }.
complaint-dispute-body = Geschilleninstantie: { $body }.
reglement-complaint-term-beyond-law = De klachttermijn { $period } is langer dan de zes weken van de Wkkgz (art. 17 lid 1); de wet geldt.
reglement-complaint-extension-beyond-law = De verlenging { $period } is langer dan de vier weken van de Wkkgz (art. 17 lid 2); de wet geldt.
## the law layer
law-source-wet = wet
law-source-richtsnoer = richtsnoer van de Autoriteit Persoonsgegevens, geen wet
law-source-productbeleid = productbeleid zorgkluis, geen wet
retention-law-minimum = De wet gaat voor: { $article } ({ $source }) schrijft { $period } vanaf { $from } voor, tot en met { $date }; het reglement noemt { $own_period } vanaf { $own_from } ({ $own_articles }), en dat is korter.
retention-law-follows-dossier = Deze gegevens volgen het dossier ({ $own_articles }): { $article } ({ $source }) laat het dossier { $period } vanaf { $from } bewaren, tot en met { $date }; de eigen termijn van het reglement, { $own_period } vanaf { $own_from }, is korter.
retention-law-maximum = Het maximum blijft strikt: { $article } ({ $source }) staat ten hoogste { $period } vanaf { $from } toe, dus uiterlijk { $date } weg; het reglement ({ $own_period } vanaf { $own_from }, { $own_articles }) zou de gegevens langer laten bestaan.
deadline-identity-law = Het reglement zegt niets over een identiteitscontrole: bij redelijke twijfel over de identiteit mag om aanvullende gegevens worden gevraagd ({ $article }).
decision-before-law = het reglement noemt geen reactietermijn en op { $date } gold de AVG nog niet (sinds 25 mei 2018); de wettelijke laag kent voor die dag geen termijn
reglement-retention-law-help = het antwoord volgt de wet: { $period } vanaf { $from } ({ $articles }); een kortere termijn van het reglement geldt niet
reglement-retention-start-law = `{ $category }` wordt { $period } bewaard vanaf { $own_from }, maar { $articles } telt vanaf { $from }: de wettelijke termijn kan later eindigen
reglement-retention-above-ceiling = `{ $category }` wordt langer bewaard dan { $period } vanaf { $from } ({ $article }; { $source }); het antwoord houdt het maximum aan
reglement-destruction-above-ceiling = het vernietigingsvenster van { $window } laat `{ $category }` langer bestaan dan { $period } ({ $article }; { $source }); het antwoord houdt het maximum aan
law-topic-camerabeelden = de wettelijke laag: camerabeelden ten hoogste 4 weken na opname, tenzij een incident is vastgelegd (richtsnoer van de AP bij AVG art. 5 lid 1 sub e)
law-topic-sollicitatie = de wettelijke laag: sollicitatiegegevens ten hoogste 4 weken na de procedure, met toestemming tot een jaar (richtsnoer van de AP bij AVG art. 5 lid 1 sub e)
law-topic-medisch-dossier = de wettelijke laag: het medisch dossier 20 jaar na de laatste wijziging (art. 7:454 lid 3 BW; het jeugdhulpdossier art. 7.3.8 Jeugdwet)
law-topic-fiscaal = de wettelijke laag: de fiscale administratie 7 jaar (art. 52 lid 4 AWR)
law-topic-datalek = de wettelijke laag: een datalek binnen 72 uur na ontdekking melden bij de Autoriteit Persoonsgegevens (AVG art. 33 lid 1)
law-topic-klacht = de wettelijke laag: het oordeel over een klacht binnen 6 weken, eenmaal met ten hoogste 4 weken te verlengen (art. 17 Wkkgz)
law-topic-identiteit = de wettelijke laag: bij redelijke twijfel over de identiteit aanvullende gegevens vragen (AVG art. 12 lid 6)
law-topic-reactietermijn = de wettelijke laag: reageren binnen een maand na ontvangst, te verlengen met twee maanden (AVG art. 12 lid 3)

## the AP's notification form, prepared (incident ap-form)
form-yes = ja
form-no = nee
form-none = geen
form-chapter-3 = Verwerkingsverantwoordelijke
form-chapter-4 = Tijdlijn
form-chapter-5 = Gegevens over de inbreuk
form-chapter-6 = Welke persoonsgegevens
form-chapter-7 = Getroffen personen
form-chapter-8 = Maatregelen vooraf
form-chapter-9 = Gevolgen
form-chapter-10 = Vervolgacties
form-q-3-1-1a = Naam van de organisatie
form-q-3-1-1b = Verwerkingsverantwoordelijke
form-q-3-2-2 = Contactpersoon voor de AP (de FG)
form-q-4-1-1 = (Mogelijke) begindatum van de inbreuk
form-q-4-1-2 = (Mogelijke) einddatum, of duurt nog voort
form-q-4-2 = Ontdekt op
form-q-4-3 = Hoe ontdekt
form-q-4-5 = Reden van melding later dan 72 uur
form-q-5-1 = Aard van de inbreuk
form-q-5-3 = Beschrijving van het incident
form-q-6-1 = Categorieën persoonsgegevens
form-q-6-2 = Bijzondere categorieën persoonsgegevens
form-q-6-3-1 = Aantal gegevensrecords (bij benadering)
form-q-7-3 = Aantal betrokkenen (exact, of minimum en maximum)
form-q-8-1 = Versleuteld, gehasht of anderszins onleesbaar gemaakt
form-q-9-2 = Gevolgen voor de betrokkenen
form-q-9-3 = Ernst van de gevolgen
form-q-10-1-1 = Betrokkenen geïnformeerd op
form-q-10-2 = Maatregelen om de inbreuk aan te pakken
## requests
request-error-in-future = { $date } ligt na vandaag ({ $today })
request-error-before-receipt = { $date } ligt vóór de ontvangst van het verzoek ({ $received })
request-error-transition = een verzoek dat { $from } is, kan niet naar { $to }
request-error-identity = eerst moet de identiteit van de verzoeker zijn vastgesteld ({ $articles })
request-error-ground = `{ $ground }` is geen weigeringsgrond die het reglement of de wet voor { $request } kent; wel: { $allowed }
request-error-grounds-required = een (gedeeltelijke) afwijzing noemt ten minste één weigeringsgrond
request-error-grounds-with-grant = een volledig toegewezen verzoek heeft geen weigeringsgrond
request-error-extension-ruled-out = het reglement sluit verlenging van de termijn uit ({ $articles })
request-error-extension-too-late = verlenging is pas op { $told } meegedeeld; dat moest binnen de eerste maand, uiterlijk { $by } ({ $articles }), dus de termijn is niet verlengd
request-error-already-extended = de termijn is al verlengd; dat kan één keer
request-error-nothing-to-execute = een afgewezen verzoek heeft niets uit te voeren
request-error-empty = leeg
request-note-not-in-writing = Het reglement vraagt een schriftelijk verzoek ({ $articles }). Dat is de werkwijze van de organisatie, geen reden om een verzoek dat { $channel } binnenkwam te weigeren ({ $law }); de termijn loopt vanaf de ontvangst.
request-ground-identiteit-niet-vastgesteld = de identiteit van de verzoeker kon niet worden vastgesteld
request-ground-kennelijk-ongegrond = het verzoek is kennelijk ongegrond of buitensporig, met name door zijn herhaald karakter
request-ground-uavg-41 = een belang van artikel 41 lid 1 UAVG (zoals de bescherming van de betrokkene of van de rechten en vrijheden van anderen, of het voorkomen en opsporen van strafbare feiten)
request-ground-rechten-van-anderen = de rechten en vrijheden van anderen, zoals hun persoonlijke levenssfeer, worden geschaad
request-ground-gegevens-juist = de gegevens zijn juist, volledig en ter zake dienend
request-ground-wettelijke-bewaarplicht = een wettelijke plicht verzet zich tegen verwijdering
request-ground-volksgezondheid = bewaring is nodig om redenen van algemeen belang op het gebied van de volksgezondheid
request-ground-rechtsvordering = bewaring is nodig voor een rechtsvordering
request-ground-aanmerkelijk-belang-ander = bewaring is van aanmerkelijk belang voor een ander dan de cliënt
request-ground-geen-grond-beperking = geen van de gronden voor beperking van de verwerking doet zich voor
request-ground-dwingende-gronden = er zijn dwingende gerechtvaardigde gronden voor de verwerking die zwaarder wegen dan de belangen van de betrokkene
request-ground-geen-toestemming-of-overeenkomst = de verwerking berust niet op toestemming of een overeenkomst, of wordt niet geautomatiseerd verricht
## retention runs
decision-extension-not-allowed = de bewaartermijn van `{ $category }` kan niet worden verlengd op grond van { $ground }: het reglement of de wet staat dat niet toe (een wettelijk maximum blijft strikt)
decision-extension-without-reason = een verlenging van `{ $category }` op het oordeel van de hulpverlener heeft een reden nodig
## erasure on request (reglement erase, issue 13 part 3)
erasure-granted = Verwijdering van `{ $category }` wordt toegewezen: uiterlijk { $date } verwijderd ({ $articles }).
erasure-refused = Verwijdering van `{ $category }` wordt afgewezen:
erasure-ground-fiscal = De fiscale bewaarplicht van { $period }, gerekend vanaf het einde van het boekjaar, loopt tot en met { $until }.
erasure-ground-statutory = Een wettelijke bewaarplicht verzet zich tegen verwijdering.
erasure-ground-statutory-dossier = Het bepaalde bij of krachtens de wet verzet zich tegen vernietiging van het dossier.
erasure-ground-third-party = Het is redelijkerwijs aannemelijk dat bewaring van aanmerkelijk belang is voor een ander dan de cliënt, zoals erfelijke informatie voor bloedverwanten.
erasure-ground-legal-hold = De gegevens zijn nodig voor de instelling, uitoefening of onderbouwing van een rechtsvordering: een klacht of procedure loopt.
erasure-fiscal-ends = Vanaf { $date } verzet de fiscale bewaarplicht zich niet meer tegen verwijdering.
erasure-note-dossier-retention = De bewaartermijn van het dossier (art. 7:454 lid 3 BW) geldt onverminderd art. 7:455 BW: hij is geen grond om vernietiging op verzoek van de cliënt te weigeren.
erasure-note-third-party-not-dossier = Een aanmerkelijk belang van een ander is alleen bij het medisch dossier een grond om te weigeren (art. 7:455 lid 2 BW); `{ $category }` hoort daar niet bij, dus het telt hier niet mee.
erasure-note-reglement-longer = Het reglement bewaart `{ $category }` tot en met { $until } ({ $articles }); na de wettelijke termijn is dat geen grond om verwijdering te weigeren (AVG art. 17 lid 3).
erasure-reglement-grounds = Het reglement noemt ook deze weigeringsgronden, die een oordeel van de behandelaar vragen en hier niet zijn meegewogen: { $grounds } ({ $articles }).

## carrying out inzage, afschrift and inzage in de logging (the export of a request)
export-no-automated-decisions = Het reglement noemt geen geautomatiseerde besluitvorming of profilering over u (AVG art. 15 lid 1 sub h en art. 22).
# $period: "20 jaar"; $from: "de laatste wijziging in het dossier"; $date: "10 januari 2045"
export-retention-until = { $period } na { $from }: bewaard tot ten minste { $date }
export-retention-open = { $period } na { $from }; die termijn is nog niet begonnen
export-retention-none = Het reglement noemt geen bewaartermijn: niet langer dan nodig voor het doel (AVG art. 5 lid 1 sub e)
export-complain-authority = U kunt een klacht indienen bij de Autoriteit Persoonsgegevens (AVG art. 77).
export-complain-court = U kunt ook naar de rechter gaan (AVG art. 79).
export-fee-first = Dit is uw eerste afschrift: het is kosteloos.
# $fee: "een redelijke vergoeding"
export-fee-further = U kreeg eerder een afschrift; voor dit verdere afschrift geldt: { $fee }.
export-fee-further-silent = U kreeg eerder een afschrift; het reglement noemt geen vergoeding. De AVG staat voor verdere afschriften een redelijke vergoeding toe.
export-role-system = Het systeem (beheer van de installatie)
# $kind: "inzage"
export-error-execute-by-export = een verzoek tot { $kind } wordt uitgevoerd door de export uit te voeren (zorgkluis request execute, of Uitvoeren op de exportpagina), na vrijgave
export-error-type = dit verzoek tot { $kind } wordt (nog) niet door zorgkluis uitgevoerd; zorgkluis voert inzage, afschrift, inzage in de logging, overdraagbaarheid en overdracht uit
# $status: "ontvangen"
export-error-not-decided = het verzoek is nog niet besloten (status: { $status }): pas een toegewezen of deels toegewezen verzoek wordt uitgevoerd
export-error-refused = het verzoek is afgewezen: er is niets uit te voeren
export-error-withhold-logging = het overzicht van de logging kent geen dossierregels om achter te houden
export-error-withhold-needs-partial = een regel achterhouden is een gedeeltelijke weigering: besluit het verzoek als deels toegewezen, op de grond dat het gegevens over een ander betreft (AVG art. 15 lid 4, art. 7:456 BW)
# $max: 2000
export-error-reason = geef de reden van het achterhouden (hoogstens { $max } tekens)
# $grounds: "rechten_van_anderen, 4.4/3"
export-error-ground = kies een van de gronden van het besluit: { $grounds }
export-error-not-released = de export is nog niet vrijgegeven: bekijk wat er uitgaat en geef het vrij
export-error-changed-since-release = het dossier kreeg na de vrijgave een nieuwe regel: bekijk de export opnieuw en geef hem opnieuw vrij

## portability and transfer to a successor (issue 13 parts 6 and 7)
export-error-transfer-recipient = een overdracht gaat naar een opvolgende zorgaanbieder: noem de ontvanger en het kanaal (zorgkluis request execute --recipient NAAM --channel KANAAL)
# $channel: "fax", $channels: "persoonlijk, aangetekend, beveiligde_email"
transfer-error-channel = onbekend kanaal `{ $channel }`; kies een van: { $channels }
transfer-error-recipient = noem de opvolgende zorgaanbieder (hoogstens 200 tekens)
transfer-error-recipient-unknown = het reglement kent geen ontvanger van de soort zorgaanbieder: registreer de opvolger eerst als ontvanger en noem die
# $kind: "inzage"
transfer-error-type = een verzoek tot { $kind } is geen overdracht: voer het uit zonder ontvanger en kanaal
transfer-refused-channel = het reglement (art. { $article }) staat deze overdracht niet toe ({ $channel }); toegestaan: { $channels }
transfer-refused-consent-in-writing = het reglement (art. { $article }) vraagt de schriftelijke toestemming van de cliënt, en dit verzoek kwam { $channel } binnen: leg het verzoek schriftelijk vast
reglement-transfer-channels-empty = Een overdracht zonder toegestaan kanaal kan nooit plaatsvinden; noem er minstens één of laat `kanalen` weg.
reglement-transfer-inform-without-erasure = `ontvanger_informeren` zegt de nieuwe organisatie dat er gewist is, maar `na_overdracht` bewaart het origineel; schrijf `na_overdracht = "wissen"` of laat het weg.

## carrying out an erasure request (issue 13 part 3)
request-error-execute-erasure = een verzoek tot verwijdering wordt uitgevoerd door het uit te voeren (zorgkluis request execute, of Uitvoeren op de verzoekpagina): dat verwijdert wat weg mag en schrijft de verklaring

# retention rules with a condition (issue 15 part 2)
reglement-retention-only-conditional = categorie `{ $category }` heeft alleen bewaarregels met `tenzij`: als er een { $event } volgt, zegt geen regel meer hoe lang zij bewaard blijft; voeg een [[bewaartermijnen]] zonder `tenzij` toe die haar noemt
reglement-follows-dossier-conditional = `volgt_dossier` spreekt `tenzij` tegen: een regel die eindigt als er een { $event } volgt, kan niet zo lang duren als het dossier; zet `volgt_dossier` op een regel zonder `tenzij`
reglement-follows-dossier-no-dossier-law = `volgt_dossier`: geen wet regelt een dossier van dit reglement (de `dossierwetten` noemen de WGBO noch de Jeugdwet), dus er is geen dossiertermijn om te volgen; schrijf de termijn zelf
reglement-follows-dossier-ceiling = `volgt_dossier` op `{ $category }`: zij mag niet langer bewaard worden dan een maximum ({ $article }), dat de twintig jaar van het dossier zouden overschrijden; geef haar een eigen regel

# carrying out a restriction request (issue 13 part 4)
request-error-execute-restriction = een verzoek tot afscherming wordt uitgevoerd door het uit te voeren met de grond van art. 18 lid 1 AVG (zorgkluis request execute ID --ground GROND, of Afschermen op de verzoekpagina): dat schermt de gegevens af

## The letter that tells a client of a disclosure without consent (issue 14 part 2)
notice-letter-subject = Betreft: verstrekking van gegevens uit uw dossier
# $date: "2 december 2026"; $recipient: "Huisartsenpraktijk De Linde (zorgaanbieder)"; $categories: "zorgplan, rapportage"
notice-letter-text = Op { $date } hebben wij gegevens uit uw dossier ({ $categories }) verstrekt aan { $recipient }, voor { $purpose }, zonder uw toestemming. Dat is toegestaan op grond van { $articles }.
notice-letter-why = Wij laten u dit weten omdat ons privacyreglement dat vraagt ({ $articles }).
notice-letter-rights = U mag weten welke gegevens wij hebben verstrekt en aan wie (AVG art. 15 lid 1 sub c). Hebt u vragen of bent u het er niet mee eens, neem dan contact met ons op; u kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens (AVG art. 77).
# objections (art. 21 AVG; issue 13 part 5, issue 14 part 3)
# $processing: "cameratoezicht", $bases: "gerechtvaardigd belang (art. 6 lid 1 sub f AVG)"
objection-applies = Tegen de verwerking `{ $processing }` geldt het recht van bezwaar (AVG art. 21 lid 1): zij berust op { $bases }. De verwerking stopt voor deze persoon, tenzij de organisatie dwingende gerechtvaardigde gronden vastlegt die zwaarder wegen; zolang dat wordt beoordeeld, is de verwerking beperkt (AVG art. 18 lid 1 sub d).
objection-not-applies = Het recht van bezwaar van AVG art. 21 lid 1 geldt niet tegen de verwerking `{ $processing }`: zij berust op { $bases }, niet op art. 6 lid 1 sub e of f AVG. Het bezwaar is vastgelegd; de organisatie beslist erover, en een regel van het reglement die een bezwaar laat blokkeren (bezwaar_blokkeert) geldt.
objection-not-applies-consent = Waar toestemming de grondslag is, trekt de persoon die in (AVG art. 7 lid 3).

## Registers als spreadsheet (XLSX en CSV)
sheet-verwerkingen = Verwerkingen
sheet-incidenten = Incidenten
sheet-verzoeken = Verzoeken
sheet-klachten = Klachten
sheet-verstrekkingen = Verstrekkingen
sheet-col-id = Kenmerk
sheet-col-name = Naam
sheet-col-article = Artikel
sheet-col-discovered = Ontdekt
sheet-col-started = Begonnen
sheet-col-ended = Beëindigd
sheet-col-discovered-by = Ontdekt door
sheet-col-how-discovered = Hoe ontdekt
sheet-col-description = Omschrijving
sheet-col-nature = Aard
sheet-col-categories = Categorieën
sheet-col-persons-min = Personen (minimaal)
sheet-col-persons-max = Personen (maximaal)
sheet-col-records = Aantal records
sheet-col-encrypted = Versleuteld
sheet-col-consequences = Gevolgen
sheet-col-risk = Risico
sheet-col-measures = Maatregelen
sheet-col-notify-ap = Melden bij AP
sheet-col-decision-reason = Reden besluit
sheet-col-ap-notified = Gemeld bij AP
sheet-col-ap-reference = Meldnummer AP
sheet-col-late-reason = Reden te laat
sheet-col-persons-notified = Betrokkenen geïnformeerd
sheet-col-persons-notified-count = Aantal geïnformeerd
sheet-col-persons-notified-how = Hoe geïnformeerd
sheet-col-notify-by = Melden uiterlijk
sheet-col-state = Status
sheet-col-received = Ontvangen
sheet-col-complainant = Klager
sheet-col-client-id = Cliënt (id)
sheet-col-client = Cliënt
sheet-col-about = Waarover
sheet-col-officer = Klachtenfunctionaris
sheet-col-extension-told = Verlenging gemeld
sheet-col-extension-reason = Reden verlenging
sheet-col-decided-on = Besloten op
sheet-col-outcome = Uitkomst
sheet-col-decision-text = Toelichting
sheet-col-referred = Geschilleninstantie
sheet-col-to-ap = Klacht bij AP
sheet-col-decide-by = Besluit uiterlijk
sheet-col-request-type = Soort verzoek
sheet-col-channel = Kanaal
sheet-col-due = Termijn
sheet-verwerkers = Verwerkers
sheet-middelen = Privacymiddelen
sheet-col-processor = Verwerker
sheet-col-kvk = KvK-nummer
sheet-col-processings = Verwerkingen
sheet-col-subprocessors = Subverwerkers
sheet-col-countries = Landen
sheet-col-signed-on = Getekend op
sheet-col-reviewed-on = Herzien op
sheet-col-next-review = Volgende herziening
sheet-col-ended-on = Beëindigd op
sheet-col-security = Beveiligingsmaatregelen
sheet-col-kind = Soort
sheet-col-country = Land
sheet-col-location = Locatie
sheet-col-agreement = Verwerkersovereenkomst
sheet-col-owner-role = Eigenaar (rol)
sheet-col-overdue = Te laat

## Jaarverslag privacy
annual-title = Jaarverslag privacy { $year } — { $organisation }
annual-made-on = Opgemaakt op { $date }. Elk cijfer telt de gebeurtenissen die erbij staan; een jaar dat nog loopt telt tot deze dag.
annual-days-late = { $days ->
    [one] 1 dag te laat
   *[other] { $days } dagen te laat
}
annual-hours-late = { $hours } uur na de 72 uur
annual-requests = Verzoeken van betrokkenen
annual-requests-total = Verzoeken ontvangen
annual-on-time = Binnen de termijn beantwoord
annual-late = Na de termijn (of nog open erna)
annual-still-open = Nog open, binnen de termijn
annual-withdrawn = Ingetrokken
annual-extended = Termijn verlengd
annual-refused = Geheel of deels afgewezen
annual-refused-on = Afgewezen op grond { $ground }
annual-incidents = Incidenten en datalekken
annual-incidents-total = Incidenten ontdekt
annual-ap-notified = Gemeld bij de Autoriteit Persoonsgegevens
annual-within-72h = Gemeld binnen 72 uur
annual-after-72h = Gemeld na 72 uur
annual-not-notified = Besloten niet te melden
annual-persons-told = Betrokkenen geïnformeerd
annual-complaints = Klachten
annual-complaints-total = Klachten ontvangen
annual-decided-in-term = Binnen de termijn beslist
annual-complaints-to-ap = Ook bij de Autoriteit Persoonsgegevens
annual-oversight = Toezicht op de logging
annual-emergency = Noodtoegangen
annual-emergency-reviewed = Noodtoegangen beoordeeld
annual-flags = Signalen van de logcontrole
annual-flags-closed = Signalen afgehandeld
annual-disclosures = Verstrekkingen
annual-disclosures-total = Verstrekkingen aan derden
annual-consents-retention = Toestemming, bewaren en het reglement
annual-consents-given = Toestemmingen gegeven
annual-consents-withdrawn = Toestemmingen ingetrokken
annual-retention-runs = Vernietigingsrondes
annual-destroyed = Vernietigd (dossiers en gegevens)
annual-versions = Versies van het reglement in werking getreden
annual-events = Gebeurtenissen
## log review (logcontrole, NEN 7513)
reglement-emergency-review-zero = Een beoordelingstermijn van nul kan niemand halen: geef bij beoordelen_binnen een termijn, bijvoorbeeld "7 dagen".
log-review-kind-emergency = Noodtoegang niet op tijd beoordeeld
log-review-kind-volume = Ongewoon veel dossiers
log-review-kind-outside-care = Buiten de zorgrelatie
log-review-kind-colleague = Dossier van een collega
log-review-reason-emergency = Noodtoegang op { $date } is niet binnen { $term } beoordeeld (uiterlijk { $due }).
log-review-reason-emergency-late = Noodtoegang op { $date } is niet binnen { $term } beoordeeld (uiterlijk { $due }), pas op { $reviewed }.
log-review-reason-volume = { $count } verschillende dossiers gelezen op { $date }, tegen gewoonlijk { $own } per dag voor deze gebruiker en { $role } voor de rol in de 30 dagen ervoor; gemeld boven { $factor } keer het gewone aantal en vanaf { $minimum }.
log-review-reason-volume-own = { $count } verschillende dossiers gelezen op { $date }, tegen gewoonlijk { $own } per dag voor deze gebruiker in de 30 dagen ervoor; gemeld boven { $factor } keer het gewone aantal en vanaf { $minimum }.
log-review-reason-volume-role = { $count } verschillende dossiers gelezen op { $date }, tegen gewoonlijk { $role } per dag voor de rol in de 30 dagen ervoor (de gebruiker las toen niets); gemeld boven { $factor } keer het gewone aantal en vanaf { $minimum }.
log-review-reason-volume-bare = { $count } verschillende dossiers gelezen op { $date }.
log-review-reason-outside-care = Gegevens '{ $category }' gelezen op { $date } zonder zorgrelatie met de cliënt, toegestaan door een regel die geen zorgrelatie vraagt (artikel { $article }).
log-review-reason-colleague = Het dossier van een collega ingezien op { $date } ({ $categories }).
annual-col-figure = Cijfer
annual-col-count = Aantal
annual-chart = Verdeling: { $section }
annual-events-summary = De gebeurtenissen achter deze cijfers (voor de controle)
annual-no-events = geen
annual-pdf-events = De gebeurtenissen achter elk cijfer (nummers van verzoeken, incidenten, klachten en logregels) staan in de HTML- en JSON-versie van dit verslag.
annual-page = Pagina { $page } van { $pages }
reglement-processor-review-zero = Een herzieningstermijn van nul herziet nooit; schrijf bijvoorbeeld "1 jaar".
reglement-processor-country-without-processor = `verwerker_land` bij verwerking "{ $id }" zonder `verwerker`: het land is waar de verwerker verwerkt.
reglement-processor-country-code = `verwerker_land` "{ $country }" is geen landcode volgens ISO 3166-1 alpha-2 (twee hoofdletters, zoals NL).
reglement-processor-outside-eea = De verwerker van "{ $id }" verwerkt in { $country }, buiten de EER, terwijl `[verwerkers] alleen_eer` verwerking binnen de EER eist ({ $article }).
reglement-announcement-article-without-period = `aankondigingsartikel` zonder `aankondigingstermijn`: noem de termijn die het artikel stelt, zoals "4 weken".
version-effective-before-announced = De datum van inwerkingtreding ({ $effective }) ligt voor de bekendmaking ({ $announced }): een wijziging die niemand is meegedeeld, bindt niemand.
version-effective-in-announcement-period = De datum van inwerkingtreding ({ $effective }) valt binnen de aankondigingstermijn van { $period } na de bekendmaking op { $announced } ({ $article }); op zijn vroegst { $earliest }.
diff-heading = Wijzigingen van versie { $old } naar versie { $new }
diff-none = Geen wijzigingen in de regels en geen andere antwoorden.
diff-article = Artikel { $article }
diff-no-article = Zonder artikel
diff-answers = Antwoorden die veranderen
diff-answer = - { $question }: was { $old }; wordt { $new }
diff-added = + { $topic } { $rule } toegevoegd: { $new }
diff-removed = - { $topic } { $rule } vervallen (was: { $old })
diff-changed = ~ { $topic } { $rule } gewijzigd: was { $old }; wordt { $new }
diff-moved = ~ { $topic } { $rule } ongewijzigd, nu onder dit artikel (was { $old })
diff-topic-role = rol
diff-topic-processing = verwerking
diff-topic-grant = gebruik door rol
diff-topic-duty = beheertaak
diff-topic-retention = bewaartermijn
diff-topic-request = verzoek
diff-topic-disclosure = verstrekking
diff-topic-procedure = regeling
diff-yes = ja
diff-no = nee
diff-all-categories = alle categorieën
diff-says-processing = { $name }; doel: { $purpose }; grondslag: { $bases }; categorieën: { $categories }; ontvangers: { $recipients }
diff-says-grant = acties: { $actions }; categorieën: { $categories }; alleen bij zorgrelatie: { $care }; onder begeleiding: { $supervised }
diff-says-duty = { $duty }; alleen bij zorgrelatie: { $care }
diff-says-retention = { $period } vanaf { $from }; vernietigen binnen: { $within }
diff-follows-dossier = volgt het dossier (zijn wettelijke termijn van de dag)
diff-says-request = reageren: { $respond }; uitvoeren: { $execute }; verwijderen: { $erase }; verlenging: { $extension }; weigeringsgronden: { $grounds }
diff-says-disclosure = { $consent }; bezwaar blokkeert: { $objection }; betrokkene informeren: { $notify }; voorwaarden: { $conditions }; bij conflict van plichten: { $conflict }
diff-rule-announcement = aankondigingstermijn
diff-rule-destruction = vernietiging
diff-rule-emergency = noodtoegang
diff-rule-heirs = nabestaanden
diff-rule-representation = vertegenwoordiging
diff-rule-complaints = klachten
diff-rule-breaches = datalekken
diff-rule-processors = verwerkers
diff-says-destruction = binnen { $within }; opgeschort door: { $suspended }
diff-says-emergency = toegestaan: { $allowed }; rollen: { $roles }; duur: { $duration }
diff-says-heirs = inzage: { $access }; gronden: { $grounds }; beoordeeld door: { $judge }
diff-says-representation = leeftijd: { $age }; curatele of mentorschap: { $guardianship }
diff-says-complaints = termijn: { $term }; verlenging: { $extension }; kanalen: { $channels }
diff-says-breaches = betrokkenen altijd informeren: { $always }
diff-says-processors = alleen binnen de EER: { $eea }; herzien: { $review }
diff-question-deadline = termijnen van een verzoek { $request }
diff-question-retention = bewaartermijn van { $category }
diff-question-disclose = verstrekking van { $category } aan { $recipient } zonder toestemming
diff-answer-respond = reageren binnen { $period } ({ $articles })
diff-answer-execute = uitvoeren binnen { $period } ({ $articles })
diff-answer-retention = { $period } vanaf { $from } ({ $articles })
diff-answer-none = geen regel
diff-answer-disclose-free = toegestaan zonder toestemming
diff-answer-disclose-consent = alleen met { $form } ({ $articles })
diff-answer-disclose-never = niet toegestaan
deadline-execute-from-receipt = Het verzoek van { $received } moet uiterlijk { $date } uitgevoerd zijn ({ $period } na ontvangst; { $articles }).
reglement-execute-from-receipt-zero = Een verzoek uitvoeren binnen nul dagen na ontvangst kan niemand: geef bij uitvoeren_na_ontvangst een termijn, bijvoorbeeld "1 maand".
diff-after-receipt = { $period } na ontvangst
disclosure-rule-not-in-force = De tijdelijke regel van { $article } (van { $from } tot en met { $until }) geldt niet op { $on }.
disclosure-rule-dated = De tijdelijke regel van { $article } geldt alleen van { $from } tot en met { $until }: vraag het met de datum van de verstrekking.
reglement-validity-reversed = geldig_tot ({ $until }) ligt vóór geldig_vanaf ({ $from }): de regel zou nooit gelden.
reglement-conflict-of-duties-without-consent = conflict_van_plichten laat een conflict van plichten in de plaats komen van ontbrekende toestemming; deze regel vraagt geen toestemming (toestemming = "geen"), dus de sleutel heeft niets te doen.
reglement-invalid-purpose = "{ $id }" is geen geldig doel-id: kleine letters, cijfers en _, beginnend met een letter (bijvoorbeeld "melding_infectieziekte").
disclosure-banned = { $category } mag niet aan { $recipient } worden verstrekt, ook niet met toestemming ({ $articles }).
reglement-ban-without-scope = Een verstrekkingsverbod zonder ontvangers, categorieën of doelen zou elke verstrekking verbieden: noem ten minste één ervan.
reglement-disclosure-rule-banned = De verstrekking aan "{ $recipient }" van { $article } kan nooit plaatsvinden: het verbod van { $ban } dekt haar geheel.
decision-unknown-processing = onbekende verwerking "{ $id }"
decision-unknown-processing-suggestion = onbekende verwerking "{ $id }"; bedoelt u "{ $suggestion }"?
reglement-unknown-processing = onbekende verwerking "{ $id }": een bewaarregel noemt alleen verwerkingen van dit reglement
reglement-retention-category-outside-processing = de categorie "{ $category }" hoort niet bij de verwerking "{ $processing }": de bewaarregel zou er niets bewaren
reglement-processor-purpose-without-processor = verwerking "{ $id }" noemt verwerker_doel zonder verwerker
processor-use-allowed = De verwerker van { $processing } mag dit doen voor { $purpose } ({ $articles }).
processor-use-other-purpose = De verwerker van { $processing } mag alleen verwerken voor { $only }, niet voor { $purpose } ({ $articles }).
processor-use-unlimited = Het reglement beperkt de verwerker van { $processing } niet tot één doel: hij verwerkt alleen volgens de schriftelijke instructies voor deze verwerking ({ $articles }).
processor-use-none = Voor { $processing } werkt geen verwerker ({ $articles }).
represent-needed-heir-judge = het oordeel van { $role } over het verzoek en de grond ervan
complaint-channels = Een klacht kan worden ingediend: { $channels }.
reglement-complaint-no-channels = kanalen is leeg: noem waar een klacht kan worden ingediend, of laat de sleutel weg.
reglement-information-beyond-month = { $period } kan langer zijn dan de maand van AVG art. 14 lid 3 sub a: de betrokkene hoort het uiterlijk binnen een maand, en het antwoord volgt de wet.
information-duty-at-collection = Gegevens van de betrokkene zelf: hij wordt geïnformeerd op het moment van verkrijgen, { $date } ({ $articles }).
information-duty-from-others = Gegevens van { $obtained } van een ander dan de betrokkene: hij wordt uiterlijk { $date } geïnformeerd, tenzij een uitzondering geldt ({ $articles }).
information-duty-how = Hoe: { $how }.
decision-no-shared-dossier = dit reglement kent geen gedeeld dossier ([gedeeld_dossier])
decision-unknown-part = onbekend deel "{ $id }" van het gedeelde dossier
decision-unknown-part-suggestion = onbekend deel "{ $id }" van het gedeelde dossier; bedoelt u "{ $suggestion }"?
reglement-shared-dossier-no-parts = [gedeeld_dossier] zonder delen: noem de gezamenlijke delen, de delen van één betrokkene en de werkaantekeningen
reglement-duplicate-part = het deel "{ $id }" staat twee keer in [gedeeld_dossier]
reglement-work-notes-in-dossier = de werkaantekeningen "{ $part }" bevatten "{ $category }", een categorie van het medisch dossier; werkaantekeningen zijn geen deel van het dossier (art. 7:454 BW): geef ze een eigen categorie
shared-needed-other-interest = het belang van de andere betrokkene bij het bewaren is gewogen (of hij stemt in)
shared-needed-own-consent = de toestemming van de verzoeker
shared-needed-other-consent = de toestemming van de andere betrokkene
shared-needed-owner-consent = de toestemming van de betrokkene van wie het deel is
shared-needed-work-notes-avg = het oordeel of de aantekeningen persoonsgegevens van de verzoeker bevatten waarop AVG art. 15 recht geeft
shared-allowed = { $action } van "{ $part }" ({ $kind }) mag ({ $articles }).
shared-refused = { $action } van "{ $part }" ({ $kind }) mag niet op deze feiten ({ $articles }).
shared-work-notes = { $action } van "{ $part }": { $kind }; de WGBO geeft er geen recht op en zij worden nooit verstrekt ({ $articles }).
diff-topic-ban = verstrekkingsverbod
diff-topic-shared-part = deel van het gedeelde dossier
diff-says-ban = verboden, wat de toestemming ook is
diff-says-shared-part = { $kind }; categorieën: { $categories }
diff-rule-information = informatieplicht
diff-says-information = gegevens van anderen gemeld binnen: { $within } (ten hoogste een maand)
diff-all-recipients = alle ontvangers
diff-all-purposes = alle doelen
register-processor-purpose = { $processor } (alleen voor het doel "{ $purpose }")
reglement-ban-empty-list = een lege lijst ontvangers of categorieën verbiedt niets: laat de sleutel weg voor "alle", of noem ze
reglement-validity-before-effective = deze regel geldt tot en met { $until }, vóór de inwerkingtreding van deze versie ({ $effective }): hij geldt nooit
