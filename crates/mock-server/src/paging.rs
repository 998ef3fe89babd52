//! Paged lists: the `size`/`page` parameters, and the collection with its page links.

use licensing::contract::{Collection, CollectionAttributes, CollectionLinks, Link};

use crate::error::Error;

pub const DEFAULT_PAGE_SIZE: u32 = 25;
pub const MAX_PAGE_SIZE: u32 = 500;

/// A checked page request: `size` in 1..=500 (default 25), `page` 1-based (default 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub size: u32,
    pub page: u32,
}

impl PageRequest {
    pub fn new(size: Option<u32>, page: Option<u32>) -> Result<PageRequest, Error> {
        let size = size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&size) {
            return Err(Error::InvalidParameter(format!(
                "size must be between 1 and {MAX_PAGE_SIZE}, not {size}"
            )));
        }
        let page = page.unwrap_or(1);
        if page == 0 {
            return Err(Error::InvalidParameter(
                "page is 1-based: the first page is 1".to_owned(),
            ));
        }
        Ok(PageRequest { size, page })
    }
}

/// One page of `matching`, with links to the first, previous, next and last pages. `uri`
/// gives the address of a page number. A page past the last is an error (the last page of an
/// empty list is page 1). The page borrows its items: serialize it where they live.
pub fn paginate<'a, T>(
    matching: &[&'a T],
    request: PageRequest,
    uri: impl Fn(u32) -> String,
) -> Result<Collection<&'a T>, Error> {
    paginate_range(matching.len(), request, uri, |range| {
        matching[range].to_vec()
    })
}

/// [`paginate`] over `total` items that `items` hands out by position, for a list that need not
/// be gathered first (a tenant's 10,000 users in their stored order).
pub fn paginate_range<T>(
    total: usize,
    request: PageRequest,
    uri: impl Fn(u32) -> String,
    items: impl FnOnce(std::ops::Range<usize>) -> Vec<T>,
) -> Result<Collection<T>, Error> {
    let size = request.size as usize;
    let last = u32::try_from(total.div_ceil(size).max(1)).unwrap_or(u32::MAX);
    if request.page > last {
        return Err(Error::InvalidParameter(format!(
            "page {} is past the last page, {last}",
            request.page
        )));
    }
    let start = ((request.page as usize - 1) * size).min(total);
    let items = items(start..(start + size).min(total));
    let link = |page: u32| Link {
        uri: uri(page),
        method: "GET".to_owned(),
    };
    Ok(Collection {
        total_count: total as u64,
        items,
        links: CollectionLinks {
            first: Some(link(1)),
            previous: (request.page > 1).then(|| link(request.page - 1)),
            next: (request.page < last).then(|| link(request.page + 1)),
            last: Some(link(last)),
        },
        attributes: CollectionAttributes::default(),
    })
}

/// A whole list in one collection (products, subscriptions, a user's licenses).
pub fn unpaged<T>(items: Vec<T>) -> Collection<T> {
    Collection {
        total_count: items.len() as u64,
        items,
        links: CollectionLinks::default(),
        attributes: CollectionAttributes::default(),
    }
}

/// Percent-encodes a path segment or query value (everything but RFC 3986 unreserved bytes).
pub fn encode(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    encode_into(&mut encoded, text);
    encoded
}

fn encode_into(encoded: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
}

/// `path?name=value&...` with the values encoded, leaving out the absent ones. Written into
/// one string: a page's links are built on every list request.
pub fn with_query(path: &str, params: &[(&str, Option<&str>)]) -> String {
    let length = params
        .iter()
        .filter_map(|(name, value)| Some(name.len() + 2 + (*value)?.len()))
        .sum::<usize>();
    let mut uri = String::with_capacity(path.len() + length + 16);
    uri.push_str(path);
    let mut separator = '?';
    for (name, value) in params {
        if let Some(value) = value {
            uri.push(separator);
            uri.push_str(name);
            uri.push('=');
            encode_into(&mut uri, value);
            separator = '&';
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(count: u32) -> Vec<u32> {
        (1..=count).collect()
    }

    #[test]
    fn fifty_seven_users_make_three_pages_of_twenty_five() {
        let all = numbers(57);
        let refs: Vec<&u32> = all.iter().collect();
        let request = PageRequest::new(None, Some(3)).unwrap();
        let page = paginate(&refs, request, |n| format!("/x?page={n}")).unwrap();
        assert_eq!(page.total_count, 57);
        assert_eq!(page.items, all[50..].iter().collect::<Vec<_>>());
        assert_eq!(page.links.last.unwrap().uri, "/x?page=3");
        assert_eq!(page.links.previous.unwrap().uri, "/x?page=2");
        assert!(page.links.next.is_none());
    }

    #[test]
    fn an_empty_list_has_one_empty_page() {
        let page = paginate::<u32>(&[], PageRequest::new(None, None).unwrap(), |n| {
            n.to_string()
        })
        .unwrap();
        assert!(page.items.is_empty());
        assert_eq!(page.links.last.unwrap().uri, "1");
    }

    #[test]
    fn a_page_past_the_last_is_refused() {
        let all = numbers(25);
        let refs: Vec<&u32> = all.iter().collect();
        let request = PageRequest::new(Some(25), Some(2)).unwrap();
        assert!(paginate(&refs, request, |n| n.to_string()).is_err());
    }

    #[test]
    fn page_sizes_outside_one_to_five_hundred_are_refused() {
        assert!(PageRequest::new(Some(0), None).is_err());
        assert!(PageRequest::new(Some(501), None).is_err());
        assert!(PageRequest::new(Some(500), None).is_ok());
        assert!(PageRequest::new(None, Some(0)).is_err());
    }

    #[test]
    fn query_values_are_percent_encoded_and_absent_ones_left_out() {
        assert_eq!(
            with_query(
                "/u",
                &[
                    ("filter", Some("陳 a&b")),
                    ("sortField", None),
                    ("ids", Some(""))
                ]
            ),
            "/u?filter=%E9%99%B3%20a%26b&ids="
        );
        assert_eq!(with_query("/u", &[("sortField", None)]), "/u");
        assert_eq!(encode("a/b c~ü"), "a%2Fb%20c~%C3%BC");
    }
}
