//! The citizen service number (burgerservicenummer): nine digits that pass the 11-check.

/// Whether `bsn` is nine digits passing the 11-check: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a
/// multiple of 11 (and not all zeros).
pub fn is_valid(bsn: &str) -> bool {
    let digits: Vec<u32> = bsn.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 9 || bsn.len() != 9 || digits.iter().all(|d| *d == 0) {
        return false;
    }
    let sum: i64 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let weight = if i == 8 { -1 } else { 9 - i as i64 };
            weight * i64::from(*d)
        })
        .sum();
    sum % 11 == 0
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn eleven_check() {
        // Synthetic numbers: 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−3 = 66, a multiple of 11.
        assert!(is_valid("111222333"));
        assert!(is_valid("123456782"));
        assert!(!is_valid("123456789"));
        assert!(!is_valid("12345678"));
        assert!(!is_valid("1234567820"));
        assert!(!is_valid("12345678a"));
        assert!(!is_valid("000000000"));
    }
}
