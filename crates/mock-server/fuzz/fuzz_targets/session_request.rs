#![no_main]
use libfuzzer_sys::fuzz_target;
use licensing::contract::SessionRequest;

fuzz_target!(|data: &[u8]| {
    mock_server_fuzz::drive_body::<SessionRequest>(
        axum::http::Method::POST,
        "/api/v1/session",
        data,
    );
});
