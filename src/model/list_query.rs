//! What a paged list (customers, users) shows, as it lives in the URL: page, page size, search and
//! (users only) whether only the selected users are listed, the filters and the order. Bad values
//! in a hand-edited URL fall back to defaults instead of breaking the page.

use licensing::user_filter::UserFilter;

/// Page sizes offered; the server accepts 1-500.
pub const PAGE_SIZES: [u32; 3] = [25, 50, 100];
pub const DEFAULT_PAGE_SIZE: u32 = 25;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ListView {
    #[default]
    All,
    Selected,
}

/// A column the users list can be sorted by (the API's `sortField`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortField {
    #[default]
    DisplayName,
    UserPrincipalName,
    LastSignInDateTime,
}

impl SortField {
    pub fn as_str(self) -> &'static str {
        match self {
            SortField::DisplayName => "displayName",
            SortField::UserPrincipalName => "userPrincipalName",
            SortField::LastSignInDateTime => "lastSignInDateTime",
        }
    }

    fn parse(text: &str) -> Option<SortField> {
        [
            SortField::DisplayName,
            SortField::UserPrincipalName,
            SortField::LastSignInDateTime,
        ]
        .into_iter()
        .find(|field| field.as_str() == text)
    }
}

/// The users list's order: a column, up or down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Sort {
    pub field: SortField,
    pub descending: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    pub page: u32,
    pub size: u32,
    pub filter: String,
    pub view: ListView,
    /// The users list's filters (the customer list has none).
    pub narrow: UserFilter,
    pub sort: Sort,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            page: 1,
            size: DEFAULT_PAGE_SIZE,
            filter: String::new(),
            view: ListView::All,
            narrow: UserFilter::default(),
            sort: Sort::default(),
        }
    }
}

impl ListQuery {
    /// Reads the query from URL parameters given by name: `get_all` gives every value of a
    /// parameter (the filters' `hasSku` and `lacksSku` repeat), in order.
    pub fn from_params(get_all: impl Fn(&str) -> Vec<String>) -> ListQuery {
        let get = |name: &str| get_all(name).pop();
        let page = get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1);
        let size = get("size")
            .and_then(|s| s.parse::<u32>().ok())
            .filter(|s| PAGE_SIZES.contains(s))
            .unwrap_or(DEFAULT_PAGE_SIZE);
        let view = match get("view").as_deref() {
            Some("selected") => ListView::Selected,
            _ => ListView::All,
        };
        let filters: Vec<(&str, String)> = UserFilter::PARAMS
            .iter()
            .flat_map(|&name| get_all(name).into_iter().map(move |value| (name, value)))
            .collect();
        let sort = Sort {
            field: get("sortField")
                .and_then(|field| SortField::parse(&field))
                .unwrap_or_default(),
            descending: get("sortDirection").as_deref() == Some("descending"),
        };
        ListQuery {
            page,
            size,
            filter: get("filter").unwrap_or_default().trim().to_owned(),
            view,
            narrow: UserFilter::from_params(filters.iter().map(|(k, v)| (*k, v.as_str()))),
            sort,
        }
    }

    /// The URL parameters, defaults left out so plain addresses stay plain.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if self.view == ListView::Selected {
            params.push(("view", "selected".to_owned()));
        }
        if !self.filter.is_empty() {
            params.push(("filter", self.filter.clone()));
        }
        params.extend(self.narrow.to_params());
        params.extend(self.sort_params());
        if self.size != DEFAULT_PAGE_SIZE {
            params.push(("size", self.size.to_string()));
        }
        if self.page != 1 {
            params.push(("page", self.page.to_string()));
        }
        params
    }

    /// The order as the API's parameters, left out when it is the default (by name, ascending).
    pub fn sort_params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if self.sort.field != SortField::DisplayName {
            params.push(("sortField", self.sort.field.as_str().to_owned()));
        }
        if self.sort.descending {
            params.push(("sortDirection", "descending".to_owned()));
        }
        params
    }

    /// Other filters start again at page 1.
    pub fn with_narrow(&self, narrow: UserFilter) -> ListQuery {
        ListQuery {
            narrow,
            page: 1,
            ..self.clone()
        }
    }

    /// Sorted by `field`: a new column ascending, the same column the other way round.
    pub fn sorted_by(&self, field: SortField) -> ListQuery {
        let descending = self.sort.field == field && !self.sort.descending;
        ListQuery {
            sort: Sort { field, descending },
            page: 1,
            ..self.clone()
        }
    }

    /// The number of pages for a total (at least one, so "page 1 of 1" shows on empty lists).
    pub fn page_count(&self, total: u64) -> u32 {
        (total.div_ceil(u64::from(self.size)).max(1)).min(u64::from(u32::MAX)) as u32
    }

    /// The same query on another page.
    pub fn on_page(&self, page: u32) -> ListQuery {
        ListQuery {
            page,
            ..self.clone()
        }
    }

    /// A new search starts again at page 1.
    pub fn with_filter(&self, filter: &str) -> ListQuery {
        ListQuery {
            filter: filter.trim().to_owned(),
            page: 1,
            ..self.clone()
        }
    }

    /// A new page size starts again at page 1, so the user doesn't land past the end.
    pub fn with_size(&self, size: u32) -> ListQuery {
        ListQuery {
            size,
            page: 1,
            ..self.clone()
        }
    }

    pub fn with_view(&self, view: ListView) -> ListQuery {
        ListQuery {
            view,
            page: 1,
            ..self.clone()
        }
    }
}
