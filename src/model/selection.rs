//! The users a partner has ticked for one customer. It spans pages and filters, lives in
//! `sessionStorage` per customer (so it survives reloads and the trip to Manage licenses and
//! back), and is pure data so its rules are unit-tested without a browser.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What is remembered of a selected user: enough to list, sort and search the selection
/// without asking the server for every one of up to 10,000 users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectedUser {
    pub name: String,
    pub upn: String,
}

/// Selected users by id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    users: BTreeMap<String, SelectedUser>,
}

impl Selection {
    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.users.contains_key(id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.users.keys().map(String::as_str)
    }

    /// Every selected user with its id, in id order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &SelectedUser)> {
        self.users.iter().map(|(id, user)| (id.as_str(), user))
    }

    pub fn get(&self, id: &str) -> Option<&SelectedUser> {
        self.users.get(id)
    }

    /// Ticks or clears one user.
    pub fn set(&mut self, id: &str, user: SelectedUser, selected: bool) {
        if selected {
            self.users.insert(id.to_owned(), user);
        } else {
            self.users.remove(id);
        }
    }

    /// Whether a user was selected by id alone (`?users=`), without the name to show.
    pub fn has_unnamed(&self) -> bool {
        self.users.values().any(|u| u.name.is_empty())
    }

    /// Selects exactly `ids`, names to come (`name_from`): a selection given in an address.
    pub fn from_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> Selection {
        let unnamed = || SelectedUser {
            name: String::new(),
            upn: String::new(),
        };
        Selection {
            users: ids
                .into_iter()
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(|id| (id.to_owned(), unnamed()))
                .collect(),
        }
    }

    /// Names the selected users among `users` that have no name yet; selects no one new.
    pub fn name_from(&mut self, users: impl IntoIterator<Item = (String, SelectedUser)>) {
        for (id, user) in users {
            if let Some(known) = self.users.get_mut(&id) {
                if known.name.is_empty() {
                    *known = user;
                }
            }
        }
    }

    /// Ticks every given user (a page, or every user matching a filter).
    pub fn add_all(&mut self, users: impl IntoIterator<Item = (String, SelectedUser)>) {
        self.users.extend(users);
    }

    /// The selected users whose name or username contains `filter` (case-insensitive, as the
    /// server searches), sorted by name then id: the "Selected users" view pages through this.
    pub fn matching(&self, filter: &str) -> Vec<(&str, &SelectedUser)> {
        let needle = lowercase(filter.trim());
        let mut found: Vec<_> = self
            .users
            .iter()
            .filter(|(_, u)| {
                needle.is_empty()
                    || lowercase(&u.name).contains(&needle)
                    || lowercase(&u.upn).contains(&needle)
            })
            .map(|(id, u)| (id.as_str(), u))
            .collect();
        found.sort_by_cached_key(|(id, u)| (lowercase(&u.name), *id));
        found
    }

    /// Clears every given user (the header box of a fully ticked page).
    pub fn remove_all<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        for id in ids {
            self.users.remove(id);
        }
    }

    pub fn clear(&mut self) {
        self.users.clear();
    }

    /// How many of the given users are selected: the header box's state comes from this.
    pub fn count_of<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> usize {
        ids.into_iter().filter(|id| self.contains(id)).count()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a map of strings always serializes")
    }

    /// A stored selection; anything unreadable (an older format, a hand edit) is an empty one.
    pub fn from_json(json: &str) -> Selection {
        serde_json::from_slice(json.as_bytes()).unwrap_or_default()
    }

    /// The session-storage key of a customer's selection.
    pub fn storage_key(customer_id: &str) -> String {
        format!("pc.selection.{customer_id}")
    }
}

/// Unicode lower case through the browser's `String.prototype.toLowerCase`: Rust's
/// `str::to_lowercase` would put core's case-mapping tables (about 5 kB brotli) in the bundle.
fn lowercase(text: &str) -> String {
    String::from(js_sys::JsString::from(text).to_lower_case())
}
