#![no_main]
use libfuzzer_sys::fuzz_target;
use licensing::contract::SubscriptionPatch;
use mock_server_fuzz::{CONTOSO, E3_SUBSCRIPTION};

fuzz_target!(|data: &[u8]| {
    mock_server_fuzz::drive_body::<SubscriptionPatch>(
        axum::http::Method::PATCH,
        &format!("/api/v1/customers/{CONTOSO}/subscriptions/{E3_SUBSCRIPTION}"),
        data,
    );
});
