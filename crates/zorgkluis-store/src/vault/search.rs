//! Finding persons again without decrypting anyone: search by the words of a name, the date of
//! birth, the client number and the BSN through their keyed hashes (HMAC with a key derived
//! from the root secret, per organisation), and the lookup by BSN. A search is one audited
//! event with the persons found as its subjects; the criteria themselves are never logged.

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row as _;
use unicode_normalization::UnicodeNormalization as _;
use zorgkluis_core::decide::AccessRequest;
use zorgkluis_core::taxonomy::BSN_CATEGORY;
use zorgkluis_core::vocabulary::{Action, Duty};

use super::access::ListScope;
use super::persons::{ClientSummary, PersonFacts, invalid};
use super::{Actor, Vault, VaultError};
use crate::StoreError;
use crate::audit::AuditAction;
use crate::keys::MasterKeys;
use crate::sealed::{self, Question};

/// What a search looks for; every criterion given must match.
#[derive(Debug, Clone, Default)]
pub struct SearchCriteria {
    /// Words of the name ("de vries"): each must be a word of the person's name, whatever its
    /// case or accents.
    pub name: Option<String>,
    pub birth_date: Option<Date>,
    pub client_number: Option<String>,
    pub bsn: Option<String>,
}

/// A search's answer: the persons found (at most the limit) and whether there were more.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    pub persons: Vec<ClientSummary>,
    pub truncated: bool,
}

/// The words of a name as search compares them: lower case, accents removed, split on anything
/// that is not a letter or digit ("Éva van 't Hof" -> eva, van, t, hof).
pub(crate) fn name_words(name: &str) -> Vec<String> {
    let plain: String = name
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut words: Vec<String> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// The keyed hashes a person is found by: each word of the name, the birth date, the client
/// number.
pub(super) fn search_tokens(
    keys: &MasterKeys,
    tenant: &str,
    facts: &PersonFacts,
) -> Result<Vec<Vec<u8>>, StoreError> {
    let mut tokens = Vec::new();
    for word in name_words(&facts.name) {
        tokens.push(keys.search_token(tenant, "naam", &word)?);
    }
    if let Some(d) = facts.birth_date {
        tokens.push(keys.search_token(tenant, "geboortedatum", &d.to_string())?);
    }
    if let Some(n) = &facts.client_number {
        tokens.push(keys.search_token(tenant, "clientnummer", n.trim())?);
    }
    Ok(tokens)
}

/// At most this many persons match a search before the caller's page is taken from them.
const CANDIDATES: i64 = 1000;

impl Vault {
    /// Searches the persons this actor may search (the reglement's `search_persons` rule) by
    /// name words, date of birth, client number and BSN, through their keyed hashes: nothing is
    /// decrypted to compare. One audited event with the persons found as subjects; the
    /// criteria themselves are never logged.
    pub async fn search_persons(
        &self,
        actor: &Actor,
        criteria: &SearchCriteria,
        limit: i64,
    ) -> Result<SearchResult, VaultError> {
        let name = criteria
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let client_number = criteria
            .client_number
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let bsn = criteria
            .bsn
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty());
        if name.is_none()
            && criteria.birth_date.is_none()
            && client_number.is_none()
            && bsn.is_none()
        {
            return Err(invalid(
                "name",
                "give a name, a date of birth, a client number or a BSN",
            ));
        }
        if let Some(b) = bsn
            && !zorgkluis_core::bsn::is_valid(b)
        {
            return Err(invalid(
                "bsn",
                "a BSN is nine digits that pass the 11-check",
            ));
        }
        if name.is_some_and(|n| n.chars().count() > 200 || name_words(n).is_empty()) {
            return Err(invalid(
                "name",
                "1 to 200 characters with a letter or digit",
            ));
        }
        if !(1..=200).contains(&limit) {
            return Err(invalid("limit", "between 1 and 200"));
        }
        let scope = self.scope(actor, Duty::SearchPersons);
        let search = self
            .authorize_duty(
                actor,
                Duty::SearchPersons,
                scope == Some(ListScope::OwnClients),
                AuditAction::SearchPersons,
                None,
                "zoeken",
            )
            .await?;
        // Looking a person up by BSN is a read of the BSN, whatever else the search may do: it is
        // decided and logged as one, beside the search.
        let mut permits = Vec::new();
        if bsn.is_some() {
            let question = Question::Data(AccessRequest {
                supervised: actor.supervised,
                ..AccessRequest::new(&actor.role, Action::Read, BSN_CATEGORY)
            });
            let event = self.event(
                actor,
                AuditAction::FindByBsn,
                None,
                Some(BSN_CATEGORY),
                "zoeken",
            );
            permits.push(self.authorize(question, event).await?.0);
        }
        let scope = scope.unwrap_or(ListScope::OwnClients);
        let (candidates, capped) = self
            .candidates(actor, scope, name, criteria.birth_date, client_number, bsn)
            .await?;
        let page = if candidates.is_empty() {
            Vec::new()
        } else {
            self.persons_in_scope(actor, scope, Some(&candidates), 0, limit + 1)
                .await?
        };
        let truncated = capped || page.len() as i64 > limit;
        let page: Vec<_> = page.into_iter().take(limit as usize).collect();
        let ids: Vec<String> = page.iter().map(|p| p.0.clone()).collect();
        let permits: Vec<_> = std::iter::once(search.showing(ids.clone()))
            .chain(permits.into_iter().map(|p| p.showing(ids.clone())))
            .collect();
        let receipts = sealed::commit_all(&self.inner.writer, permits, Vec::new()).await?;
        let Some(receipt) = receipts.first() else {
            return Err(VaultError::Store(StoreError::Commit(
                "the search's event was not written".into(),
            )));
        };
        Ok(SearchResult {
            persons: self.summaries(&page, receipt).await?,
            truncated,
        })
    }

    /// The ids of the persons within `scope` whose keyed hashes match every criterion given, at
    /// most [`CANDIDATES`] of them; and whether there were more.
    async fn candidates(
        &self,
        actor: &Actor,
        scope: ListScope,
        name: Option<&str>,
        birth_date: Option<Date>,
        client_number: Option<&str>,
        bsn: Option<&str>,
    ) -> Result<(Vec<String>, bool), VaultError> {
        let t = &self.inner.tenant;
        let (tokens, bsn_hash) = {
            let keys = self.inner.keys.read().await;
            let mut tokens = Vec::new();
            for word in name.map(name_words).unwrap_or_default() {
                tokens.push(keys.search_token(t, "naam", &word)?);
            }
            if let Some(d) = birth_date {
                tokens.push(keys.search_token(t, "geboortedatum", &d.to_string())?);
            }
            if let Some(n) = client_number {
                tokens.push(keys.search_token(t, "clientnummer", n)?);
            }
            (tokens, bsn.map(|b| keys.bsn_hash(t, b)).transpose()?)
        };
        let mut found: Option<Vec<String>> = None;
        let mut capped = false;
        if !tokens.is_empty() {
            // The caller's scope is applied here, before the cap, so that a caregiver's own
            // client is never crowded out by the organisation's other matches.
            let care = match scope {
                ListScope::All => "($3 = $3 AND $4 = $4)",
                ListScope::OwnClients => {
                    "EXISTS (SELECT 1 FROM care_relationships c WHERE c.tenant_id = s.tenant_id \
                     AND c.person_id = s.person_id AND c.user_id = $3 AND c.valid_from <= $4 \
                     AND (c.valid_until IS NULL OR c.valid_until >= $4))"
                }
            };
            let marks: Vec<String> = (0..tokens.len()).map(|i| format!("${}", i + 6)).collect();
            let sql = format!(
                "SELECT s.person_id FROM person_search s WHERE s.tenant_id = $1 AND s.token IN ({}) \
                 AND {care} GROUP BY s.person_id HAVING COUNT(DISTINCT s.token) = $2 \
                 ORDER BY s.person_id LIMIT $5",
                marks.join(", ")
            );
            let query = tokens.iter().fold(
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(t)
                    .bind(tokens.len() as i64)
                    .bind(&actor.user_id)
                    .bind(crate::clock::today().to_string())
                    .bind(CANDIDATES + 1),
                |q, token| q.bind(token.as_slice()),
            );
            let rows = query.fetch_all(&*self.inner.pool).await?;
            let mut ids: Vec<String> = rows
                .iter()
                .map(|r| r.try_get::<String, _>(0))
                .collect::<Result<_, _>>()?;
            capped = ids.len() as i64 > CANDIDATES;
            ids.truncate(CANDIDATES as usize);
            found = Some(ids);
        }
        if let Some(hash) = bsn_hash {
            let by_bsn = self.person_by_bsn_hash(&hash).await?;
            found = Some(match found {
                Some(ids) => ids
                    .into_iter()
                    .filter(|i| Some(i) == by_bsn.as_ref())
                    .collect(),
                None => by_bsn.into_iter().collect(),
            });
        }
        Ok((found.unwrap_or_default(), capped))
    }

    async fn person_by_bsn_hash(&self, hash: &[u8]) -> Result<Option<String>, StoreError> {
        let row = sqlx::query(
            "SELECT id FROM persons WHERE tenant_id = $1 AND bsn_hash = $2 AND erased_at IS NULL",
        )
        .bind(&self.inner.tenant)
        .bind(hash)
        .fetch_optional(&*self.inner.pool)
        .await?;
        Ok(row.map(|r| r.try_get(0)).transpose()?)
    }

    /// Finds a person by BSN (through its keyed hash): a read of the BSN category, decided and
    /// logged like one.
    pub async fn find_by_bsn(
        &self,
        actor: &Actor,
        bsn: &str,
        purpose: &str,
    ) -> Result<Option<String>, VaultError> {
        Self::check_purpose(purpose)?;
        if !zorgkluis_core::bsn::is_valid(bsn) {
            return Err(invalid(
                "bsn",
                "a BSN is nine digits that pass the 11-check",
            ));
        }
        let hash = self
            .inner
            .keys
            .read()
            .await
            .bsn_hash(&self.inner.tenant, bsn)?;
        let found = self.person_by_bsn_hash(&hash).await?;
        let question = Question::Data(AccessRequest {
            supervised: actor.supervised,
            ..AccessRequest::new(&actor.role, Action::Read, BSN_CATEGORY)
        });
        let event = self.event(
            actor,
            AuditAction::FindByBsn,
            found.as_deref(),
            Some(BSN_CATEGORY),
            purpose,
        );
        let (permit, _) = self.authorize(question, event).await?;
        sealed::commit(&self.inner.writer, permit, Vec::new()).await?;
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::name_words;

    #[test]
    fn names_are_compared_word_by_word_without_case_or_accents() {
        assert_eq!(name_words("Éva van 't Hof"), ["eva", "hof", "t", "van"]);
        assert_eq!(name_words("  DE  VRIES-Jansen "), ["de", "jansen", "vries"]);
        assert_eq!(name_words("Çelik Ağaoğlu"), ["agaoglu", "celik"]);
        assert!(name_words(" -- ").is_empty());
    }
}
