//! The memory of zorgkluis: SQLite (embedded default) or PostgreSQL behind one access path,
//! personal data sealed per person, and a hash-chained NEN 7513 audit log.
//!
//! The only way to personal data is [`vault::Vault`]: every read, write, correction, erasure and
//! export is decided by the reglement, written to the audit log in the same transaction, and
//! only then decrypted or committed. The database layer ([`db`]) hands out ciphertext only.

pub mod audit;
mod db;
pub mod keys;
pub mod vault;
mod verify;
mod writer;

pub use db::{Backend, Location};
pub use writer::Receipt;

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
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("audit verification: {0}")]
    Verify(String),
    #[error("audit checkpoint file: {0}")]
    Checkpoint(String),
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
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
}
