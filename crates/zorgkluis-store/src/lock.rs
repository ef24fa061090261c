//! The installation lock: every process that opens the vault holds `zorgkluis.lock` in the
//! data directory shared; `restore`, which replaces the database underneath, holds it
//! exclusively, so it refuses while a server or another command has the installation open.
//! The operating system releases the lock when a process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};

use crate::StoreError;
use crate::db::Location;

#[derive(Debug)]
pub(crate) struct InstallationLock {
    _file: File,
}

fn open(location: &Location) -> Result<File, StoreError> {
    std::fs::create_dir_all(&location.data_dir)?;
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    Ok(options.open(location.lock_file())?)
}

impl InstallationLock {
    /// Shared with every other opener; refused while `restore` holds the installation.
    pub(crate) fn shared(location: &Location) -> Result<InstallationLock, StoreError> {
        let file = open(location)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(InstallationLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::Busy(
                "a restore is replacing the database; try again when it has finished".into(),
            )),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }

    /// Exclusive: refused while any other process has the installation open.
    pub(crate) fn exclusive(location: &Location) -> Result<InstallationLock, StoreError> {
        let file = open(location)?;
        match file.try_lock() {
            Ok(()) => Ok(InstallationLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::Busy(
                "another process (a running server?) has the installation open; stop it first"
                    .into(),
            )),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

impl InstallationLock {
    /// Runs `f` with this shared lock turned exclusive, if no other process holds the
    /// installation; `None` (and `f` not run) if one does. The lock is shared again after.
    pub(crate) fn alone<T>(&self, f: impl FnOnce() -> T) -> Result<Option<T>, StoreError> {
        match self._file.try_lock() {
            Ok(()) => {
                let result = f();
                self._file.lock_shared()?;
                Ok(Some(result))
            }
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exclusive_lock_waits_for_every_shared_one() {
        let dir = tempfile::tempdir().unwrap();
        let location = Location::embedded(dir.path());
        let a = InstallationLock::shared(&location).unwrap();
        let b = InstallationLock::shared(&location).unwrap();
        assert!(matches!(
            InstallationLock::exclusive(&location),
            Err(StoreError::Busy(_))
        ));
        drop(a);
        assert!(InstallationLock::exclusive(&location).is_err());
        drop(b);
        let restore = InstallationLock::exclusive(&location).unwrap();
        assert!(matches!(
            InstallationLock::shared(&location),
            Err(StoreError::Busy(_))
        ));
        drop(restore);
        assert!(InstallationLock::shared(&location).is_ok());
    }
}
