use std::time::Duration;

use leptos::prelude::*;
use partner_center_licenses::api;
use partner_center_licenses::app::App;

/// How long the app waits for the page's early reads before drawing without them.
const EARLY_READS_BOUND: Duration = Duration::from_millis(200);

fn main() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        api::early_reads(EARLY_READS_BOUND).await;
        mount_to_body(App);
        // The first screen asks for its data in the microtasks that follow the mount, within
        // this task: the early answers it did not take are dropped in the next one.
        set_timeout(api::close_early_gets, Duration::ZERO);
    });
}
