//! Components mounted in headless Chromium and driven through the DOM, as a user would.

#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use licensing::rules::TriState;
use partner_center_licenses::components::pager::Pager;
use partner_center_licenses::components::tri_state_checkbox::TriStateCheckbox;
use partner_center_licenses::i18n::{I18n, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh container in the test page's body.
fn container() -> HtmlElement {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn button(root: &HtmlElement, testid: &str) -> web_sys::HtmlButtonElement {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {testid}"))
        .unchecked_into()
}

fn text(root: &HtmlElement, testid: &str) -> String {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap_or_default()
}

fn mount_pager(lang: Lang, page: RwSignal<u32>, pages: u32) -> HtmlElement {
    let root = container();
    let handle = mount_to(root.clone(), move || {
        provide_context(I18n {
            lang: RwSignal::new(lang),
        });
        view! { <Pager page=page page_count=pages on_page=Callback::new(move |p| page.set(p)) /> }
    });
    handle.forget();
    root
}

#[wasm_bindgen_test]
fn on_the_first_page_only_next_and_last_are_offered() {
    let page = RwSignal::new(1);
    let root = mount_pager(Lang::EnUs, page, 3);
    assert!(button(&root, "pager-first").disabled());
    assert!(button(&root, "pager-previous").disabled());
    assert!(!button(&root, "pager-next").disabled());
    assert!(!button(&root, "pager-last").disabled());
    assert_eq!(text(&root, "pager-status"), "Page 1 of 3");
}

#[wasm_bindgen_test]
async fn next_then_last_walk_the_pages_and_stop_at_the_end() {
    let page = RwSignal::new(1);
    let root = mount_pager(Lang::EnUs, page, 3);
    button(&root, "pager-next").click();
    assert_eq!(page.get_untracked(), 2);
    tick().await;
    assert_eq!(text(&root, "pager-status"), "Page 2 of 3");
    button(&root, "pager-last").click();
    assert_eq!(page.get_untracked(), 3);
    tick().await;
    assert!(button(&root, "pager-next").disabled());
    button(&root, "pager-previous").click();
    assert_eq!(page.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn the_pager_speaks_the_documents_terms_in_traditional_chinese() {
    let page = RwSignal::new(2);
    let root = mount_pager(Lang::ZhTw, page, 3);
    assert_eq!(
        button(&root, "pager-first").text_content().unwrap(),
        "第一頁"
    );
    assert_eq!(
        button(&root, "pager-previous").text_content().unwrap(),
        "上一頁"
    );
    assert_eq!(
        button(&root, "pager-next").text_content().unwrap(),
        "下一頁"
    );
    assert_eq!(
        button(&root, "pager-last").text_content().unwrap(),
        "最後一頁"
    );
    assert_eq!(text(&root, "pager-status"), "第 2 頁，共 3 頁");
}

fn mount_tri_state(initial: TriState) -> (HtmlElement, RwSignal<TriState>) {
    let root = container();
    let state = RwSignal::new(initial);
    let handle = mount_to(root.clone(), move || {
        view! {
            <span id="product-name">"Office 365 E3"</span>
            <TriStateCheckbox
                state=state
                initial=initial
                labelled_by="product-name".to_owned()
                testid="box"
            />
        }
    });
    handle.forget();
    (root, state)
}

fn aria_checked(root: &HtmlElement) -> String {
    root.query_selector("[data-testid='box']")
        .unwrap()
        .unwrap()
        .get_attribute("aria-checked")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_box_that_opened_mixed_cycles_checked_clear_and_back_to_mixed_on_click() {
    let (root, state) = mount_tri_state(TriState::Mixed);
    assert_eq!(aria_checked(&root), "mixed");
    let the_box: HtmlElement = root
        .query_selector("[data-testid='box']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let mut seen = Vec::new();
    for _ in 0..3 {
        the_box.click();
        tick().await;
        seen.push(aria_checked(&root));
    }
    assert_eq!(seen, ["true", "false", "mixed"]);
    assert_eq!(state.get_untracked(), TriState::Mixed);
}

#[wasm_bindgen_test]
async fn space_toggles_a_box_that_opened_checked_between_checked_and_clear_only() {
    let (root, _) = mount_tri_state(TriState::Checked);
    let the_box = root.query_selector("[data-testid='box']").unwrap().unwrap();
    let space = || {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(" ");
        init.set_bubbles(true);
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()
    };
    let mut seen = Vec::new();
    for _ in 0..3 {
        the_box.dispatch_event(&space()).unwrap();
        tick().await;
        seen.push(aria_checked(&root));
    }
    assert_eq!(seen, ["false", "true", "false"]);
    assert_eq!(the_box.get_attribute("role").as_deref(), Some("checkbox"));
    assert_eq!(
        the_box.get_attribute("aria-labelledby").as_deref(),
        Some("product-name")
    );
}
