//! spaCy's `URL_MATCH` (`spacy/lang/tokenizer_exceptions.py`) as code: a string that is a URL
//! or an e-mail address after prefixes and suffixes are gone stays one token, infixes and all.
//! The input never holds whitespace, which makes the regex's `\S*` parts "the rest".

use super::charset::lower;

/// `[A-Za-z0-9\u00a1-\uffff]`, the characters of a host name label.
fn label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{a1}'..='\u{ffff}').contains(&c)
}

fn label_ok(label: &[char]) -> bool {
    let inner = |c: &char| label_char(*c) || *c == '_' || *c == '-';
    match label {
        [] => false,
        [c] => label_char(*c),
        [first, middle @ .., last] => {
            label.len() <= 64 && label_char(*first) && label_char(*last) && middle.iter().all(inner)
        }
    }
}

fn digits(s: &[char]) -> Option<u32> {
    if s.is_empty() || s.len() > 3 || !s.iter().all(char::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0u32, |n, c| Some(n * 10 + c.to_digit(10)?))
}

/// `(?:\.\d{1,3}){n}` at the start of `s`.
fn dotted(s: &[char], n: usize) -> bool {
    let mut at = 0;
    for _ in 0..n {
        if s.get(at) != Some(&'.') {
            return false;
        }
        let run = s[at + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if run == 0 {
            return false;
        }
        at += 1 + run.min(3);
    }
    true
}

fn starts(s: &[char], text: &str) -> bool {
    let n = text.chars().count();
    s.len() >= n && s[..n].iter().copied().eq(text.chars())
}

/// The private and local networks the pattern refuses as addresses (its negative lookaheads,
/// which guard the IP alternative only: `192.168.1.1x.io` is still a host name).
fn private_network(s: &[char]) -> bool {
    let after = |p: &str| starts(s, p).then(|| &s[p.chars().count()..]);
    if let Some(rest) = after("10").or_else(|| after("127")) {
        return dotted(rest, 3);
    }
    if let Some(rest) = after("169.254").or_else(|| after("192.168")) {
        return dotted(rest, 2);
    }
    if let Some(rest) = after("172.") {
        let two = rest.get(..2).and_then(digits);
        return two.is_some_and(|n| (16..=31).contains(&n)) && dotted(&rest[2..], 2);
    }
    false
}

/// A dotted IPv4 address in the ranges the pattern accepts.
fn ip(host: &[char]) -> bool {
    let parts: Vec<&[char]> = host.split(|c| *c == '.').collect();
    let [a, b, c, d] = parts.as_slice() else { return false };
    let plain = |s: &[char]| s.first() != Some(&'0');
    let middle = |s: &[char]| {
        digits(s).is_some_and(|n| match s.len() {
            1 | 2 => true,
            _ => s[0] == '1' || (200..=255).contains(&n),
        })
    };
    digits(a).is_some_and(|n| (1..=223).contains(&n) && plain(a))
        && middle(b)
        && middle(c)
        && digits(d).is_some_and(|n| (1..=254).contains(&n) && plain(d))
}

fn domain(host: &[char]) -> bool {
    let parts: Vec<&[char]> = host.split(|c| *c == '.').collect();
    let Some((tld, labels)) = parts.split_last() else { return false };
    !labels.is_empty()
        && labels.iter().all(|l| label_ok(l))
        && (2..=63).contains(&tld.len())
        && tld.iter().all(|c| lower(*c))
}

/// Host, optional port and optional path, to the end.
fn host_and_rest(s: &[char]) -> bool {
    let end = s.iter().position(|c| ":/?#".contains(*c)).unwrap_or(s.len());
    let (host, rest) = s.split_at(end);
    if !((ip(host) && !private_network(s)) || domain(host)) {
        return false;
    }
    let rest = match rest.first() {
        Some(':') => {
            let port = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if !(2..=5).contains(&port) {
                return false;
            }
            &rest[1 + port..]
        }
        _ => rest,
    };
    rest.first().is_none_or(|c| "/?#".contains(*c))
}

/// Optional `user[:password]@`, then the host.
fn after_scheme(s: &[char]) -> bool {
    host_and_rest(s)
        || s.iter().enumerate().any(|(i, c)| *c == '@' && i > 0 && host_and_rest(&s[i + 1..]))
}

/// Whether spaCy's `URL_MATCH` matches all of `s`.
pub(super) fn is_url(s: &[char]) -> bool {
    let scheme = s
        .windows(3)
        .position(|w| w == [':', '/', '/'])
        .filter(|&p| p >= 2 && s[..p].iter().all(|c| c.is_alphanumeric() || "_+-.".contains(*c)));
    scheme.is_some_and(|p| after_scheme(&s[p + 3..])) || after_scheme(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> bool {
        is_url(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn urls_and_addresses() {
        assert!(url("https://tass.ru/politika/14783155"));
        assert!(url("tass.ru"));
        assert!(url("www.example.com:8080/a?b#c"));
        assert!(url("user@example.org"));
        assert!(url("8.8.8.8"));
        assert!(!url("10.0.0.1"), "private network");
        assert!(url("192.168.1.1x.io:80/"), "a host name that starts like one");
        assert!(!url("example.Com"), "the top level domain must be lower case");
        assert!(!url("3.14"));
        assert!(!url("ЛНР.Он"));
        assert!(url("президент.рф"));
    }
}
