//! The Users and licenses list's plain data: the URL state and the selection.

#![cfg(target_arch = "wasm32")]

use licensing::rules::TriState;
use licensing::user_filter::{LocationFilter, UserFilter};
use partner_center_licenses::model::list_query::{ListQuery, ListView, Sort, SortField};
use partner_center_licenses::model::selection::{SelectedUser, Selection};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn user(name: &str) -> SelectedUser {
    SelectedUser {
        name: name.to_owned(),
        upn: format!("{}@contoso.com", name.to_lowercase().replace(' ', ".")),
    }
}

fn page_of(ids: &[&str]) -> Vec<(String, SelectedUser)> {
    ids.iter().map(|id| ((*id).to_owned(), user(id))).collect()
}

fn header(selection: &Selection, page: &[&str]) -> TriState {
    TriState::from_counts(selection.count_of(page.iter().copied()), page.len())
}

#[wasm_bindgen_test]
fn ticking_some_users_of_a_page_leaves_the_header_box_mixed() {
    let page = ["a", "b", "c"];
    let mut selection = Selection::default();
    assert_eq!(header(&selection, &page), TriState::Clear);
    selection.set("a", user("a"), true);
    assert_eq!(header(&selection, &page), TriState::Mixed);
}

#[wasm_bindgen_test]
fn selecting_a_page_then_clearing_one_user_leaves_the_header_box_mixed() {
    let page = ["a", "b", "c"];
    let mut selection = Selection::default();
    selection.add_all(page_of(&page));
    assert_eq!(header(&selection, &page), TriState::Checked);
    selection.set("b", user("b"), false);
    assert_eq!(header(&selection, &page), TriState::Mixed);
}

#[wasm_bindgen_test]
fn users_ticked_on_another_page_do_not_tick_this_page() {
    let mut selection = Selection::default();
    selection.add_all(page_of(&["x", "y"]));
    assert_eq!(header(&selection, &["a", "b"]), TriState::Clear);
    assert_eq!(selection.len(), 2);
}

#[wasm_bindgen_test]
fn clearing_a_full_page_keeps_the_users_of_other_pages() {
    let mut selection = Selection::default();
    selection.add_all(page_of(&["a", "b", "x"]));
    selection.remove_all(["a", "b"]);
    assert_eq!(selection.ids().collect::<Vec<_>>(), vec!["x"]);
}

#[wasm_bindgen_test]
fn the_selection_survives_a_round_trip_through_storage() {
    let mut selection = Selection::default();
    selection.add_all(page_of(&["a", "陳怡君"]));
    assert_eq!(Selection::from_json(&selection.to_json()), selection);
    assert_eq!(Selection::from_json("not json"), Selection::default());
}

#[wasm_bindgen_test]
fn the_selected_users_view_searches_names_and_usernames_and_sorts_by_name() {
    let mut selection = Selection::default();
    selection.add_all([
        ("3".to_owned(), user("Megan Bowen")),
        ("1".to_owned(), user("adele Vance")),
        ("2".to_owned(), user("Alex Wilber")),
    ]);
    let names = |filter: &str| -> Vec<String> {
        selection
            .matching(filter)
            .into_iter()
            .map(|(_, u)| u.name.clone())
            .collect()
    };
    assert_eq!(names(""), ["adele Vance", "Alex Wilber", "Megan Bowen"]);
    assert_eq!(names("WILBER"), ["Alex Wilber"]);
    assert_eq!(names("megan.bowen@"), ["Megan Bowen"]);
}

#[wasm_bindgen_test]
fn a_hand_edited_address_falls_back_to_sane_list_settings() {
    let query = ListQuery::from_params(|k| match k {
        "page" => vec!["0".into()],
        "size" => vec!["7".into()],
        "view" => vec!["selected".into()],
        "filter" => vec!["  adele ".into()],
        "licensed" => vec!["maybe".into()],
        "inactiveDays" => vec!["-3".into()],
        "sortField" => vec!["shoeSize".into()],
        _ => Vec::new(),
    });
    assert_eq!(query.page, 1);
    assert_eq!(query.size, 25);
    assert_eq!(query.view, ListView::Selected);
    assert_eq!(query.filter, "adele");
    assert!(query.narrow.is_empty());
    assert_eq!(query.sort, Sort::default());
}

#[wasm_bindgen_test]
fn filters_and_order_survive_the_round_trip_through_the_address() {
    let mut query = ListQuery::default()
        .with_narrow(UserFilter {
            licensed: Some(true),
            has_sku: vec!["e3".into(), "visio".into()],
            inactive_days: Some(90),
            usage_location: Some(LocationFilter::Missing),
            ..UserFilter::default()
        })
        .sorted_by(SortField::LastSignInDateTime)
        .sorted_by(SortField::LastSignInDateTime);
    query.page = 3;
    assert!(
        query.sort.descending,
        "the same column twice turns the order round"
    );
    let params = query.to_params();
    let read = ListQuery::from_params(|k| {
        params
            .iter()
            .filter(|(name, _)| *name == k)
            .map(|(_, value)| value.clone())
            .collect()
    });
    assert_eq!(read, query);
    assert_eq!(query.with_narrow(UserFilter::default()).page, 1);
}

#[wasm_bindgen_test]
fn a_new_search_or_page_size_starts_again_on_page_one() {
    let query = ListQuery::default().on_page(3);
    assert_eq!(query.with_filter("chen").page, 1);
    assert_eq!(query.with_size(50).page, 1);
    assert_eq!(query.on_page(2).to_params(), vec![("page", "2".to_owned())]);
}

#[wasm_bindgen_test]
fn fifty_seven_users_make_three_pages_of_twenty_five_and_an_empty_list_one() {
    let query = ListQuery::default();
    assert_eq!(query.page_count(57), 3);
    assert_eq!(query.page_count(0), 1);
    assert_eq!(query.with_size(100).page_count(10_000), 100);
}

fn customer_user(id: &str, held: &[&str]) -> licensing::contract::CustomerUser {
    licensing::contract::CustomerUser {
        id: id.to_owned(),
        user_principal_name: format!("{id}@contoso.com"),
        first_name: id.to_owned(),
        last_name: "Tester".to_owned(),
        display_name: format!("{id} Tester"),
        usage_location: Some("US".to_owned()),
        state: licensing::contract::UserState::Active,
        user_domain_type: "none".to_owned(),
        assigned_licenses: held
            .iter()
            .map(|sku_id| licensing::contract::AssignedLicense {
                sku_id: (*sku_id).to_owned(),
                excluded_plans: Vec::new(),
            })
            .collect(),
        account_enabled: true,
        last_sign_in_date_time: None,
    }
}

#[wasm_bindgen_test]
fn each_user_sent_keeps_their_name_and_the_licenses_they_held_before() {
    use licensing::contract::UserLicenseUpdate;
    use partner_center_licenses::model::save_results::PendingUser;
    let users = [customer_user("adele", &["e3"]), customer_user("alex", &[])];
    let update = |id: &str| UserLicenseUpdate {
        user_id: id.to_owned(),
        ..UserLicenseUpdate::default()
    };
    let pending = PendingUser::for_updates(
        &users,
        vec![update("alex"), update("adele"), update("gone")],
    );
    let seen: Vec<(&str, &[licensing::contract::AssignedLicense])> = pending
        .iter()
        .map(|p| (p.name.as_str(), p.before.as_slice()))
        .collect();
    assert_eq!(
        seen,
        [
            ("alex Tester", &[][..]),
            ("adele Tester", &users[0].assigned_licenses[..])
        ]
    );
}

#[wasm_bindgen_test]
fn a_selection_given_by_ids_is_named_from_the_users_once_loaded() {
    let mut selection = Selection::from_ids(" a,b,,c ".split(','));
    assert_eq!(selection.ids().collect::<Vec<_>>(), ["a", "b", "c"]);
    assert!(selection.has_unnamed());
    // Naming selects no one new and keeps a name already known.
    selection.name_from(page_of(&["a", "b", "z"]));
    assert!(!selection.contains("z"));
    assert_eq!(selection.get("a"), Some(&user("a")));
    assert!(selection.has_unnamed());
    selection.name_from(page_of(&["c"]));
    assert!(!selection.has_unnamed());
    assert!(Selection::from_ids("".split(',')).is_empty());
}
