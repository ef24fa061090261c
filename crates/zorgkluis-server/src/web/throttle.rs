//! The login throttle: exponential backoff per account and network, counted before the
//! password is checked.
//!
//! **Counted first.** An attempt reserves its place in every count before Argon2 runs, under
//! one lock, so attempts sent in parallel see each other: a burst of any size gets as many
//! password checks as the counts allow, not as many as arrive while the first ones are being
//! verified. A success gives its reservation back; a failure keeps it.
//!
//! **Backoff, not lockout.** Each count admits a few failures free, then makes the next attempt
//! wait a delay that doubles with every further failure, up to a cap; one failure is forgiven
//! for every `decay` that passes without one. Nothing is ever locked for good, and a refusal
//! says how long to wait (`Retry-After`).
//!
//! **Three counts, so that nobody can lock a colleague out.** A network is an IPv4 /24 or an
//! IPv6 /64: an attacker rotating addresses within one gains nothing.
//! - *account on a network*: guessing one account's password from one network. Strict (5 free,
//!   up to 15 minutes), and it slows only that network's attempts on that account.
//! - *network*: spraying many accounts from one network. Looser (30 free, up to 15 minutes).
//! - *account*: a distributed guess at one account from many networks. A ceiling (10 free, up
//!   to 2 minutes) which an attacker could raise for everyone, so it is short, and it does not
//!   apply to a network the account has logged in from before (known for 30 days): a colleague
//!   at their usual desk gets in at once with the right password, however hard their account
//!   is attacked elsewhere, and from a new network after at most the short ceiling.
//!   The network count does not apply on such a known network either, so an attacker sharing
//!   an office's address cannot keep that office's staff out.
//!
//! The counts live in the process: a restart forgets them, and several processes count apart
//! (docs/operations.md). Their size is bounded: entries that have decayed are dropped, and
//! under a flood the per-account-on-network counts go first (the other two still hold).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where an attempt comes from, for counting: an IPv4 /24 or an IPv6 /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Network {
    V4([u8; 3]),
    V6([u8; 8]),
}

impl Network {
    pub(crate) fn of(ip: IpAddr) -> Network {
        match ip {
            IpAddr::V4(v4) => {
                let o = v4.octets();
                Network::V4([o[0], o[1], o[2]])
            }
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Network::of(IpAddr::V4(v4)),
                None => {
                    let o = v6.octets();
                    Network::V6([o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]])
                }
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    AccountOnNetwork(String, Network),
    Network(Network),
    Account(String),
}

impl Key {
    fn rule(&self) -> &'static Rule {
        match self {
            Key::AccountOnNetwork(..) => &ACCOUNT_ON_NETWORK,
            Key::Network(_) => &NETWORK,
            Key::Account(_) => &ACCOUNT,
        }
    }
}

/// How one count backs off.
#[derive(Debug)]
pub(crate) struct Rule {
    /// Failures admitted without delay.
    pub free: u32,
    /// The delay after the first failure beyond the free ones; it doubles with each further.
    pub base: Duration,
    pub cap: Duration,
    /// One failure is forgiven per this much time without a failure.
    pub decay: Duration,
}

pub(crate) const ACCOUNT_ON_NETWORK: Rule = Rule {
    free: 5,
    base: Duration::from_secs(1),
    cap: Duration::from_secs(15 * 60),
    decay: Duration::from_secs(15 * 60),
};
pub(crate) const NETWORK: Rule = Rule {
    free: 30,
    base: Duration::from_secs(1),
    cap: Duration::from_secs(15 * 60),
    decay: Duration::from_secs(5 * 60),
};
pub(crate) const ACCOUNT: Rule = Rule {
    free: 10,
    base: Duration::from_secs(1),
    cap: Duration::from_secs(2 * 60),
    decay: Duration::from_secs(5 * 60),
};

/// How long a successful login makes its network known to the account.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);
/// The most counts kept before the table is pruned.
const MAX_ENTRIES: usize = 100_000;

impl Rule {
    fn delay(&self, failures: u32) -> Duration {
        if failures < self.free {
            return Duration::ZERO;
        }
        let doublings = (failures - self.free).min(30);
        self.base.saturating_mul(1 << doublings).min(self.cap)
    }
}

#[derive(Debug, Clone, Copy)]
struct Count {
    failures: u32,
    last: Instant,
}

impl Count {
    /// The failures left after forgiving one per `decay` since the last.
    fn decayed(&self, rule: &Rule, now: Instant) -> u32 {
        let forgiven = now.saturating_duration_since(self.last).as_secs() / rule.decay.as_secs();
        self.failures
            .saturating_sub(u32::try_from(forgiven).unwrap_or(u32::MAX))
    }

    /// When the next attempt may be made.
    fn open_at(&self, rule: &Rule, now: Instant) -> Instant {
        self.last + rule.delay(self.decayed(rule, now))
    }
}

#[derive(Default)]
struct Table {
    counts: HashMap<Key, Count>,
    /// (account, network) → when it last logged in from there.
    known: HashMap<(String, Network), Instant>,
}

impl Table {
    fn prune(&mut self, now: Instant) {
        if self.counts.len() > MAX_ENTRIES {
            self.counts.retain(|k, c| c.decayed(k.rule(), now) > 0);
        }
        if self.counts.len() > MAX_ENTRIES {
            self.counts
                .retain(|k, _| !matches!(k, Key::AccountOnNetwork(..)));
        }
        if self.known.len() > MAX_ENTRIES {
            self.known
                .retain(|_, at| now.saturating_duration_since(*at) < KNOWN_FOR);
        }
        if self.known.len() > MAX_ENTRIES {
            self.known.clear();
        }
    }
}

/// The login throttle of one server process.
#[derive(Clone, Default)]
pub struct Throttle(Arc<Mutex<Table>>);

/// An attempt counted as a failure until [`Reservation::succeeded`] or [`Reservation::refund`]
/// says otherwise.
#[must_use]
pub(crate) struct Reservation {
    throttle: Throttle,
    keys: Vec<Key>,
    account: String,
    network: Network,
}

impl Throttle {
    /// Counts an attempt on `account` from `ip` before its password is checked: a reservation,
    /// or how long to wait.
    pub(crate) fn reserve(&self, account: &str, ip: IpAddr) -> Result<Reservation, Duration> {
        self.reserve_at(account, ip, Instant::now())
    }

    pub(crate) fn reserve_at(
        &self,
        account: &str,
        ip: IpAddr,
        now: Instant,
    ) -> Result<Reservation, Duration> {
        let network = Network::of(ip);
        // A poisoned lock means a panic elsewhere: refuse rather than count nothing.
        let Ok(mut table) = self.0.lock() else {
            return Err(Duration::from_secs(60));
        };
        table.prune(now);
        let known = table
            .known
            .get(&(account.to_owned(), network))
            .is_some_and(|at| now.saturating_duration_since(*at) < KNOWN_FOR);
        let mut keys = vec![Key::AccountOnNetwork(account.to_owned(), network)];
        if !known {
            keys.push(Key::Network(network));
            keys.push(Key::Account(account.to_owned()));
        }
        let wait = keys
            .iter()
            .filter_map(|k| table.counts.get(k).map(|c| c.open_at(k.rule(), now)))
            .max()
            .map_or(Duration::ZERO, |at| at.saturating_duration_since(now));
        if !wait.is_zero() {
            return Err(wait);
        }
        for k in &keys {
            let rule = k.rule();
            let count = table.counts.entry(k.clone()).or_insert(Count {
                failures: 0,
                last: now,
            });
            *count = Count {
                failures: count.decayed(rule, now).saturating_add(1),
                last: now,
            };
        }
        Ok(Reservation {
            throttle: self.clone(),
            keys,
            account: account.to_owned(),
            network,
        })
    }
}

impl Reservation {
    /// The password was right: the attempt is not a failure, and the network becomes known to
    /// the account.
    pub(crate) fn succeeded(self) {
        self.succeeded_at(Instant::now());
    }

    pub(crate) fn succeeded_at(self, now: Instant) {
        if let Ok(mut table) = self.throttle.0.lock() {
            table
                .counts
                .remove(&Key::AccountOnNetwork(self.account.clone(), self.network));
            give_back(&mut table, &self.keys);
            table.known.insert((self.account, self.network), now);
        }
    }

    /// The attempt was not decided (an internal error): it does not count.
    pub(crate) fn refund(self) {
        if let Ok(mut table) = self.throttle.0.lock() {
            give_back(&mut table, &self.keys);
        }
    }
}

fn give_back(table: &mut Table, keys: &[Key]) {
    for k in keys {
        if let Some(c) = table.counts.get_mut(k) {
            c.failures = c.failures.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    /// Fails `n` attempts at `now`; how many were admitted.
    fn fail(t: &Throttle, account: &str, from: &str, n: u32, now: Instant) -> u32 {
        (0..n)
            .filter(|_| t.reserve_at(account, ip(from), now).is_ok())
            .count() as u32
    }

    #[test]
    fn a_burst_gets_the_free_attempts_only_and_the_delay_doubles() {
        let t = Throttle::default();
        let now = Instant::now();
        assert_eq!(fail(&t, "zorg-1", "10.0.0.1", 100, now), 5);
        // Another address of the same /24 is the same network.
        let wait = t.reserve_at("zorg-1", ip("10.0.0.77"), now).err().unwrap();
        assert_eq!(wait, Duration::from_secs(1));
        let mut at = now;
        for delay in [1, 2, 4, 8, 16, 32] {
            at += Duration::from_secs(delay) - Duration::from_millis(1);
            assert!(
                t.reserve_at("zorg-1", ip("10.0.0.1"), at).is_err(),
                "{delay}"
            );
            at += Duration::from_millis(1);
            assert!(
                t.reserve_at("zorg-1", ip("10.0.0.1"), at).is_ok(),
                "{delay}"
            );
        }
        // And so on: the next is 64 s after the last.
        let wait = t
            .reserve_at("zorg-1", ip("10.0.0.1"), at + Duration::from_secs(1))
            .err()
            .unwrap();
        assert_eq!(wait, Duration::from_secs(63));
    }

    #[test]
    fn failures_decay_so_nothing_is_locked_for_good() {
        let t = Throttle::default();
        let now = Instant::now();
        assert_eq!(fail(&t, "zorg-1", "10.0.0.1", 20, now), 5);
        // One failure forgiven per 15 minutes: after 15 minutes, 4 left, so one more is free.
        let later = now + Duration::from_secs(15 * 60);
        assert_eq!(fail(&t, "zorg-1", "10.0.0.1", 20, later), 1);
        let much_later = later + Duration::from_secs(6 * 15 * 60);
        assert_eq!(fail(&t, "zorg-1", "10.0.0.1", 20, much_later), 5);
    }

    #[test]
    fn an_attack_from_one_network_does_not_keep_a_colleague_out() {
        let t = Throttle::default();
        let now = Instant::now();
        // An hour of attack on zorg-1 from one network, always as soon as it may.
        let mut at = now;
        let end = now + Duration::from_secs(3600);
        while at < end {
            match t.reserve_at("zorg-1", ip("203.0.113.5"), at) {
                Ok(_) => {}
                Err(wait) => at += wait,
            }
        }
        // zorg-1 from the office, where they have not logged in before: at most a short wait,
        // then in.
        let office = ip("192.0.2.10");
        let r = match t.reserve_at("zorg-1", office, at) {
            Ok(r) => r,
            Err(wait) => {
                assert!(wait <= ACCOUNT.cap, "{wait:?}");
                t.reserve_at("zorg-1", office, at + wait).unwrap()
            }
        };
        r.succeeded_at(at);
        // Known from now on: not even the short wait, however hard the account is attacked.
        for _ in 0..50 {
            let _ = t.reserve_at("zorg-1", ip("198.51.100.9"), at);
            let _ = t.reserve_at("zorg-1", ip("2001:db8:1:2::9"), at);
        }
        assert!(t.reserve_at("zorg-1", office, at).is_ok());
        // Another account from the attacker's network is not slowed until it sprays.
        assert!(t.reserve_at("zorg-2", ip("203.0.113.5"), at).is_ok());
    }

    #[test]
    fn many_networks_against_one_account_meet_its_ceiling() {
        let t = Throttle::default();
        let now = Instant::now();
        let admitted = (0..200)
            .filter(|i| {
                t.reserve_at("zorg-1", ip(&format!("10.{i}.0.1")), now)
                    .is_ok()
            })
            .count();
        assert_eq!(admitted, ACCOUNT.free as usize);
        let wait = t.reserve_at("zorg-1", ip("10.250.0.1"), now).err().unwrap();
        assert!(wait <= ACCOUNT.cap);
    }

    #[test]
    fn spraying_from_one_network_meets_its_limit_and_ipv6_counts_per_64() {
        let t = Throttle::default();
        let now = Instant::now();
        let admitted = (0..200)
            .filter(|i| {
                t.reserve_at(
                    &format!("user-{i}"),
                    ip(&format!("2001:db8:0:1::{i:x}")),
                    now,
                )
                .is_ok()
            })
            .count();
        assert_eq!(admitted, NETWORK.free as usize);
        assert!(t.reserve_at("user-x", ip("2001:db8:0:2::1"), now).is_ok());
    }

    #[test]
    fn a_success_gives_its_attempt_back() {
        let t = Throttle::default();
        let now = Instant::now();
        for _ in 0..4 {
            let _ = t.reserve_at("zorg-1", ip("10.0.0.1"), now).unwrap();
        }
        t.reserve_at("zorg-1", ip("10.0.0.1"), now)
            .unwrap()
            .succeeded_at(now);
        assert_eq!(fail(&t, "zorg-1", "10.0.0.1", 100, now), 5);
        t.reserve_at("zorg-2", ip("10.0.0.1"), now)
            .unwrap()
            .refund();
    }
}
