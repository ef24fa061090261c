//! The memory of zorgkluis: SQLite (embedded default) or PostgreSQL behind one access path,
//! personal data sealed per person, and a hash-chained NEN 7513 audit log.
//!
//! The only way to personal data is [`vault::Vault`]: every read, write, correction, erasure and
//! export is decided by the reglement, written to the audit log in the same transaction, and
//! only then decrypted or committed. What opens ciphertext is the private [`sealed`] module,
//! and it opens only with the receipt of a committed, allowed access that covers it. Staff
//! accounts, sessions and API tokens are a room of their own ([`accounts::Accounts`]).
//!
//! Rooms: `vault/` (persons, records, care teams, the audit log, erasure, operations),
//! `accounts/`, and below them `sealed` (the capability), `keys`, `audit` (the chain and its
//! checkpoints), `writer` (group commit), `db` (pool and migrations), `verify`.

pub mod accounts;
pub mod audit;
mod clock;
mod db;
pub mod keys;
mod keystore;
mod lock;
mod sealed;
pub mod spreadsheet;
pub mod vault;
mod verify;
mod writer;

pub use db::{Backend, Location};
pub use sealed::Receipt;

/// Everything that can go wrong below the service layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("key file: {0}")]
    KeyFile(String),
    #[error("cryptography: {0}")]
    Crypto(String),
    /// Sealed data was presented with a receipt that does not cover it: another person,
    /// another category, or an access that reveals nothing.
    #[error("the receipt does not cover this data")]
    NotCovered,
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("audit verification: {0}")]
    Verify(String),
    #[error("audit checkpoint file: {0}")]
    Checkpoint(String),
    /// The writer will not append to a chain whose tip it cannot vouch for.
    #[error(
        "the audit chain was changed outside zorgkluis and is not appended to: {0} (run `zorgkluis audit verify`)"
    )]
    ChainRefused(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("invalid input: {field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    #[error("the transaction did not commit: {0}")]
    Commit(String),
    #[error("the store is shutting down")]
    Closed,
    /// The database cannot be upgraded to this release as it is; the message says why and
    /// what to do.
    #[error("upgrade: {0}")]
    Upgrade(String),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    /// Another process holds the installation in a way this operation cannot share.
    #[error("the installation is in use: {0}")]
    Busy(String),
}

impl StoreError {
    /// A unique or primary-key constraint refused the statement (a duplicate), on either
    /// backend: told apart by the database's own error code, never by guessing.
    pub fn is_duplicate(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(e)) => {
                e.kind() == sqlx::error::ErrorKind::UniqueViolation
            }
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.extended_code,
                rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            ),
            _ => false,
        }
    }
}
