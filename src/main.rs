use std::time::Duration;

use leptos::prelude::*;
use partner_center_licenses::app::App;
use partner_center_licenses::early;

/// How long the app waits for the page's early reads before drawing without them.
const EARLY_READS_BOUND: Duration = Duration::from_millis(200);

fn main() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        early::early_reads(EARLY_READS_BOUND).await;
        mount_to_body(App);
        // The first screen takes its early answers within this task; later reads are fresh.
        set_timeout(early::close_early_gets, Duration::ZERO);
    });
}
