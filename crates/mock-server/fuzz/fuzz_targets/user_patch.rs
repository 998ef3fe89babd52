#![no_main]
use libfuzzer_sys::fuzz_target;
use licensing::contract::UserPatch;
use mock_server_fuzz::{CONTOSO, DELIA};

fuzz_target!(|data: &[u8]| {
    mock_server_fuzz::drive_body::<UserPatch>(
        axum::http::Method::PATCH,
        &format!("/api/v1/customers/{CONTOSO}/users/{DELIA}"),
        data,
    );
});
